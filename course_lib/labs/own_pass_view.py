"""check_backprop in JupyterLab: the verdict with the network diagram, the first wrong node
or edge highlighted, and the message under it.

    check_backprop(my_pass)        # course_lib.check_backprop: a ShownBackpropVerdict

The check itself is course_lib.exercises.own_pass (exercises draw nothing); this module only
adds the picture, as _repr_html_.
"""
from dataclasses import dataclass, fields
from html import escape

from ..exercises.own_pass import BackpropVerdict
from ..exercises.own_pass import check_backprop as check_only
from ..views.diagram import network_diagram


def verdict_html(verdict):
    """The diagram of the verdict's network (the case it happened on) with its highlight,
    then the message; the message alone when there is no network to draw."""
    parts = [f'<div class="course-check-backprop" data-status="{escape(verdict.status)}" '
             f'data-first-wrong="{escape(verdict.first_wrong or "")}">']
    if verdict.network is not None:
        title = (f"First wrong: {verdict.first_wrong} (highlighted)" if verdict.first_wrong
                 else "Your network")
        parts.append(network_diagram(verdict.network, highlight=verdict.highlight,
                                     title=title).svg)
    parts.append(f'<pre style="white-space: pre-wrap">{escape(verdict.message)}</pre></div>')
    return "".join(parts)


@dataclass(frozen=True, repr=False)   # keep BackpropVerdict's text: the message, not a repr
class ShownBackpropVerdict(BackpropVerdict):
    """A BackpropVerdict that JupyterLab shows as the highlighted diagram and the message."""

    def _repr_html_(self):
        return verdict_html(self)


def check_backprop(my_pass, network=None, *, seed=None):
    """course_lib.exercises.own_pass.check_backprop (same arguments, never raises), with the
    verdict drawn in JupyterLab: the network, the first wrong node or edge highlighted."""
    verdict = check_only(my_pass, network, seed=seed)
    return ShownBackpropVerdict(**{f.name: getattr(verdict, f.name) for f in fields(verdict)})
