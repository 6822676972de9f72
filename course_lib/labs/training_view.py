"""The training lab in JupyterLab: a thin ipywidgets view on TrainingLabState.

    lab = TrainingLab()            # XOR, the article's network with biases, sigmoid
    lab                            # shows the menus, boxes, Train button, bar and pictures

The view holds no logic: menus are linked to the state's traits, the boxes hand their text
to the state (which refuses junk with a message and keeps the previous value), and the
pictures are redrawn from the state. During training the progress bar and the loss curve
(an SVG line in one HTML widget) are updated in place every `every` epochs; the decision
boundary (a matplotlib PNG in one Image widget) is redrawn once training ends.
Test it with no browser: set a widget's .value, call train_button.click(), read the widgets.
"""
from html import escape

import ipywidgets as widgets
import traitlets

from ..topics.datasets import DATASETS
from ..topics.training_presets import HIDDEN_ACTIVATIONS, NETWORKS
from ..views.sparkline import loss_sparkline
from ..views.training_plots import decision_boundary_png
from .training_lab import TrainingLabState


class TrainingLab(widgets.VBox):
    """Menus (data set, network, activation), boxes (learning rate, epochs), a Train
    button, a progress bar, the live loss curve, a message line and the decision boundary."""

    def __init__(self, state=None, **kwargs):
        self.state = state or TrainingLabState()
        s = self.state
        self.dataset_menu = widgets.Dropdown(options=list(DATASETS), description="data",
                                             tooltip="The samples to train on")
        self.network_menu = widgets.Dropdown(options=list(NETWORKS), description="network",
                                             tooltip="The network's layer sizes (and biases)")
        self.activation_menu = widgets.Dropdown(options=list(HIDDEN_ACTIVATIONS),
                                                description="hidden act.",
                                                tooltip="The activation function of the hidden "
                                                        "nodes")
        for menu, trait in ((self.dataset_menu, "dataset"), (self.network_menu, "network_name"),
                            (self.activation_menu, "activation")):
            traitlets.link((s, trait), (menu, "value"))
        self.learning_rate_box = widgets.Text(f"{s.learning_rate:g}", description="learning rate",
                                              tooltip="The step size: w = w - learning_rate * "
                                                      "dL_wrt_w (type a number, then Enter)",
                                              continuous_update=False)
        self.epochs_box = widgets.Text(str(s.epochs), description="epochs",
                                       tooltip="How many full-batch steps Train takes (type a "
                                               "whole number, then Enter)",
                                       continuous_update=False)
        self.learning_rate_box.observe(self._learning_rate_typed, "value")
        self.epochs_box.observe(self._epochs_typed, "value")
        self.train_button = widgets.Button(description="Train", button_style="primary",
                                           tooltip="Full-batch gradient descent from the "
                                                   "network's initial weights")
        self.train_button.on_click(lambda _: self.train())
        self.progress = widgets.IntProgress(value=0, min=0, max=s.epochs, description="epochs")
        self.loss_curve = widgets.HTML(loss_sparkline([], s.epochs))
        self.message = widgets.HTML("")
        self.boundary = widgets.Image(format="png", layout=widgets.Layout(max_width="420px"))
        self.boundary_alt = widgets.HTML("")
        s.observe(self._show_progress, "progress")
        s.observe(self._show_losses, "losses")
        s.observe(self._show_message, "message")
        s.observe(self._show_epochs, "epochs")
        s.observe(self._show_learning_rate, "learning_rate")
        s.observe(self._forget_boundary, "trained")
        super().__init__([
            widgets.HBox([self.dataset_menu, self.network_menu, self.activation_menu]),
            widgets.HBox([self.learning_rate_box, self.epochs_box, self.train_button]),
            self.progress, self.loss_curve, self.message, self.boundary, self.boundary_alt,
        ], **kwargs)

    # --- boxes: hand the text to the state, show the kept value when refused -------------------
    def _learning_rate_typed(self, change):
        if change["new"] != f"{self.state.learning_rate:g}" and not \
                self.state.set_learning_rate(change["new"]):
            self.learning_rate_box.value = f"{self.state.learning_rate:g}"

    def _epochs_typed(self, change):
        if change["new"] != str(self.state.epochs) and not self.state.set_epochs(change["new"]):
            self.epochs_box.value = str(self.state.epochs)

    def _show_learning_rate(self, change):
        self.learning_rate_box.value = f"{change['new']:g}"

    def _show_epochs(self, change):
        self.epochs_box.value = str(change["new"])
        self.progress.max = change["new"]
        self.loss_curve.value = loss_sparkline([], change["new"])

    # --- redraw from the state ----------------------------------------------------------------
    def _show_progress(self, change):
        self.progress.value = change["new"]

    def _show_losses(self, change):
        self.loss_curve.value = loss_sparkline(change["new"], self.state.epochs)

    def _show_message(self, change):
        self.message.value = f"<b>{escape(change['new'])}</b>"

    def _forget_boundary(self, change):
        if change["new"] is None:
            self.boundary.value, self.boundary_alt.value = b"", ""

    def train(self):
        """What the Train button does: train, then draw the decision boundary."""
        self.train_button.disabled = True
        try:
            result = self.state.run()
        finally:
            self.train_button.disabled = False
        if result is not None:
            X, Y = self.state.data()
            png, grid = decision_boundary_png(result.network, X, Y)
            self.boundary.value = png
            self.boundary_alt.value = escape(
                f"Decision boundary: the plane coloured by the forecast f, from "
                f"{grid.forecast.min():.2f} to {grid.forecast.max():.2f}, with the line "
                f"f = 0.5 and the {len(X)} samples; {self.state.accuracy:.0%} lie on "
                f"their answer's side.")
        return result

    def __repr__(self):
        s = self.state
        return (f"TrainingLab({s.dataset}, {s.network_name}, {s.activation}, "
                f"learning_rate={s.learning_rate:g}, epochs={s.epochs})")
