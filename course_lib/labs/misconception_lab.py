"""The misconception lab as a widget: a state model (no display) and a thin view.

    lab = MisconceptionLab(seed_network(), [1.0, 0.5], 1.0, X, Y, net_to_train, 2.0, 2000)
    lab.mistake = "naive_loss"          # what the toggle buttons set
    lab.verdict_text, lab.summary_text  # what the view shows, testable without a browser
    MisconceptionLabView(lab)           # ToggleButtons + two HTML widgets, linked to the model
"""
import html

import ipywidgets as widgets
import traitlets

from ..views.misconception_plots import curves_svg
from ..topics.misconceptions import MISCONCEPTIONS, epochs_to_reach, mistake_verdict, train_with


class MisconceptionLab(traitlets.HasTraits):
    """Which mistake is on, and what it does: its gradient check and its training curve."""

    mistake = traitlets.Enum(tuple(MISCONCEPTIONS), default_value="average_fan_out")
    verdict_text = traitlets.Unicode(read_only=True)
    summary_text = traitlets.Unicode(read_only=True)
    svg = traitlets.Unicode(read_only=True)

    def __init__(self, network, inputs, correct, train_network, X, Y, learning_rate, epochs,
                 **kwargs):
        super().__init__(**kwargs)
        self._sample = (network, inputs, correct)
        self._training = (train_network, X, Y, learning_rate, epochs)
        self._runs = {"correct": train_with(train_network, X, Y, learning_rate, epochs)}
        self._show(self.mistake)

    def run(self, mistake):
        """The training run with `mistake` on (computed once, then cached)."""
        if mistake not in self._runs:
            net, X, Y, lr, epochs = self._training
            self._runs[mistake] = train_with(net, X, Y, lr, epochs, mistake)
        return self._runs[mistake]

    @traitlets.observe("mistake")
    def _on_mistake(self, change):
        self._show(change["new"])

    def _show(self, mistake):
        network, inputs, correct = self._sample
        check = mistake_verdict(network, inputs, correct, mistake, learning_rate=self._training[3])
        right, wrong = self._runs["correct"], self.run(mistake)
        reach = [epochs_to_reach(r.losses) for r in (right, wrong)]
        reach = ["never" if e is None else f"epoch {e}" for e in reach]
        end = "diverged" if wrong.diverged_at is not None else f"{wrong.final_loss:.4f}"
        self.set_trait("verdict_text", f"{MISCONCEPTIONS[mistake]}. {check}")
        self.set_trait("summary_text",
                       f"final true loss: correct {right.final_loss:.4f}, mistaken {end}; "
                       f"loss below 0.01: correct {reach[0]}, mistaken {reach[1]}")
        self.set_trait("svg", curves_svg(right.losses, wrong.losses))


class MisconceptionLabView(widgets.VBox):
    """Toggle buttons choosing the mistake, the verdict and numbers, and the two curves."""

    def __init__(self, lab):
        self.lab = lab
        self.toggle = widgets.ToggleButtons(
            options=[(name.replace("_", " "), name) for name in MISCONCEPTIONS],
            tooltips=[f"Switch on: {text}" for text in MISCONCEPTIONS.values()],
            description="mistake:", tooltip="Which classic mistake the backward pass makes")
        self.text = widgets.HTML()
        self.curves = widgets.HTML()
        super().__init__([self.toggle, self.text, self.curves])
        traitlets.link((lab, "mistake"), (self.toggle, "value"))
        lab.observe(self._refresh, names=["verdict_text", "summary_text", "svg"])
        self._refresh()

    def _refresh(self, change=None):
        self.text.value = (f"<p>{html.escape(self.lab.verdict_text)}</p>"
                           f"<p>{html.escape(self.lab.summary_text)}</p>")
        self.curves.value = self.lab.svg

    def __repr__(self):
        return f"MisconceptionLabView(mistake={self.lab.mistake!r})"
