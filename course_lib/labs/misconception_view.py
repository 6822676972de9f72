"""The misconception lab in JupyterLab: a thin ipywidgets view on MisconceptionLab.

    MisconceptionLabView(lab)    # ToggleButtons + two HTML widgets, linked to the model
"""
import html

import ipywidgets as widgets
import traitlets

from ..topics.misconceptions import MISCONCEPTIONS


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
