"""The stepper's panels as HTML, each a function of a StepperState (no widgets here).

    diagram_html(state)   (numbers drawn, the SVG diagram and its colour legend)
    step_html(state)      the current step's code line, symbolic and with the numbers
    chain_html(state)     what the chosen weight goes through, its chain, the fan-outs
    loss_html(state)      L, its history and a sparkline
    table_html(state)     every known number with its code: the diagram for screen readers
"""
from html import escape

from ..core.names import error_name
from ..views.diagram import network_diagram, path_of
from ..views.sparkline import loss_sparkline
from ..views.style import NEGATIVE, POSITIVE, number, signed
from .stepper_steps import loss_code


def diagram_html(state):
    """(the numbers drawn by name, the diagram's HTML): the SVG and its legend."""
    net, step = state.network, state.step
    values, errors, gradients = state.diagram_numbers()
    title = (f"Step {state.position} of {len(state.steps)}: {step.name}" if step
             else "Before the first step: only the inputs and the weights are known")
    picture = network_diagram(net, values=values, errors=errors, gradients=gradients,
                              highlight=path_of(net, state.weight),
                              current=step.current if step else None, title=title)
    return picture.shown, (
        f'<div class="stepper-svg">{picture.svg}</div>'
        f'<div style="font-size:12px">Look at the pink box or edge: it is the step just '
        f'computed. The green path is what {state.weight} goes through. '
        f'<span style="color:{POSITIVE}">+ blue</span> is positive, '
        f'<span style="color:{NEGATIVE}">− vermillion</span> is negative.</div>')


def step_html(state):
    """The current step: its code line, symbolic and with the numbers."""
    step = state.step
    if step is None:
        return ("<b>Step 0 of {}</b>: nothing computed yet. Press <b>Forward</b>: "
                "the first node's sum comes first.".format(len(state.steps)))
    symbolic, numeric = state.formula(step)
    extra = ""
    if step.kind == "activation":
        slope = step.record.slope
        extra = f"\n{slope} = {state.code[slope]} = {number(state.known[slope])}"
    return (f"<b>Step {state.position} of {len(state.steps)} ({step.phase})</b>: "
            f"{escape(step.name)}<pre>{escape(symbolic)}\n{escape(numeric)}{escape(extra)}</pre>")


def chain_html(state):
    """What the chosen weight goes through, its chain, and the fan-outs on its way."""
    weight, gradient = state.weight, error_name(state.weight)
    lines = [f"<b>What does {weight} go through?</b>", *_stops_lines(state.stops())]
    chain = state.chain
    parts = [f"<pre>{escape(chain.symbolic)}</pre>"]
    if state.chain_known:
        parts.append(f"<pre>{escape(chain.numeric)}\n{escape(chain.reuse)}</pre>")
        parts.append(f"product: {gradient} = <b>{signed(chain.value)}</b>")
    else:
        parts.append(f"<i>The numbers appear when Backward reaches {gradient}.</i>")
    known = state.known
    for contributions in state.fan_out_on_path():
        node, count = contributions.node, len(contributions.parts)
        if error_name(node) not in known:
            continue
        items = "".join(f"<li>from {target}: {escape(code)} = {signed(value)}</li>"
                        for target, code, value in contributions.parts)
        parts.append(f"<div>Fan-out: {node} feeds {count} nodes, so it receives {count} "
                     f"errors:<ul>{items}</ul>summed (not averaged): {error_name(node)} = "
                     f"<b>{signed(contributions.total)}</b></div>")
    return "<br>".join(lines) + "".join(parts)


def loss_html(state):
    """L as code and its value once known; the loss history and its sparkline."""
    code = loss_code(state.network)
    if state.loss is None:
        now = f"L = {escape(code)}: not known yet (press Forward until the output is known)."
    else:
        now = f"L = {escape(code)} = <b>{state.loss:.6g}</b>"
    history = state.loss_history
    if history:
        shown = ", ".join(f"{v:.4g}" for v in history[-8:])
        now += (f"<br>Loss history (before the first update, then after each of "
                f"{len(history) - 1} update{'s' if len(history) > 2 else ''}): "
                f"{'…, ' if len(history) > 8 else ''}{shown}<br>"
                f"{loss_sparkline(history, len(history))}")
    return now


def table_html(state):
    """Every number known so far, its value and its code: the diagram as a table."""
    rows = []
    for name, value in state.known.items():
        how = state.code[name]
        rows.append(f'<tr><th scope="row">{escape(name)}</th>'
                    f'<td class="num" data-name="{escape(name)}" data-value="{value!r}">'
                    f'{signed(value, 6)}</td><td><code>{escape(how)}</code></td></tr>')
    return ('<table><caption>Every number known so far, by its name in the article '
            '(the same numbers as on the diagram)</caption><thead><tr>'
            '<th scope="col">name</th><th scope="col">value</th><th scope="col">code</th>'
            '</tr></thead><tbody>' + "".join(rows) + "</tbody></table>")



def _stops_lines(stops):
    """The chain panel's lines for a Stops: one per path, or how many paths and where."""
    if stops.listed:
        return [" → ".join(path) for path in stops]
    layers = [" | ".join(layer) for layer in stops.layers]
    if len(layers) > 6:
        layers = layers[:3] + ["…"] + layers[-2:]
    return [f"{stops.path_count:,} paths (too many to list): " + " → ".join(layers)]
