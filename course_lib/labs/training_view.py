"""The training lab in JupyterLab: a thin ipywidgets view on TrainingLabState.

    lab = TrainingLab()            # XOR, the article's network with biases, sigmoid
    lab                            # menus, boxes, Play / Pause / Step / Reset, speed, pictures

The view holds no logic: menus are linked to the state's traits, the boxes hand their text to
the state (which refuses junk with a message and keeps the previous value), the buttons call
play, pause, step and reset, and every picture is redrawn from the state each time its
`frames` moves -- several times a second while it plays: the count and bar ("epoch 340 /
2000", a role="progressbar"), the loss curve and the decision boundary, all SVG in one HTML
widget, with the boundary's text alternative under it; the message line (role="status") above.
Test it with no browser: set a widget's .value, .click() a button, read the widgets.
"""
from html import escape

import ipywidgets as widgets
import traitlets

from ..topics.datasets import DATASETS
from ..topics.training_presets import HIDDEN_ACTIVATIONS, NETWORKS, SPEEDS
from ..views.boundary import boundary_svg, boundary_text
from ..views.sparkline import axis_end, loss_sparkline, progress_bar
from ..views.style import BLUE
from .training_lab import TrainingLabState

_LABEL = {"description_width": "initial"}      # labels in full: never "learning r…"
_MARGIN = "2px 14px 4px 0"
# A focus ring of 3 px Okabe-Ito blue (5.2:1 on white) on every control: the widgets' own
# is 1 px of a light blue, under the 3:1 a focus indicator needs.
_CSS = (f"<style>.training-lab button:focus-visible, .training-lab input:focus-visible, "
        f".training-lab select:focus-visible {{outline: 3px solid {BLUE} !important; "
        f"outline-offset: 1px;}}</style>")


def _menu(options, description, tooltip, width):
    return widgets.Dropdown(options=options, description=description, tooltip=tooltip,
                            style=_LABEL, layout=widgets.Layout(width=width, margin=_MARGIN))


def _box(value, description, tooltip):
    return widgets.Text(value, description=description, tooltip=tooltip, style=_LABEL,
                        continuous_update=False,
                        layout=widgets.Layout(width="190px", margin=_MARGIN))


def _button(description, tooltip, css, style=""):
    button = widgets.Button(description=description, tooltip=tooltip, button_style=style,
                            layout=widgets.Layout(width="auto", min_width="92px", margin=_MARGIN))
    button.add_class(css)
    return button


def _html(css):
    html = widgets.HTML("")
    html.add_class(css)
    return html


class TrainingLab(widgets.VBox):
    """Menus (data set, network, hidden activation), boxes (learning rate, epochs), a speed
    menu, Play / Pause / Step / Reset, the count and progress bar, the decision boundary with
    its text alternative, the loss curve and a message line."""

    def __init__(self, state=None, **kwargs):
        self.state = s = state or TrainingLabState()
        self.dataset_menu = _menu(list(DATASETS), "data", "The samples to train on", "150px")
        self.network_menu = _menu(list(NETWORKS), "network",
                                  "The network's layer sizes (and biases)", "240px")
        self.activation_menu = _menu(list(HIDDEN_ACTIVATIONS), "hidden activation",
                                     "The activation function of the hidden nodes", "240px")
        for menu, trait in ((self.dataset_menu, "dataset"), (self.network_menu, "network_name"),
                            (self.activation_menu, "activation")):
            traitlets.link((s, trait), (menu, "value"))
        self.learning_rate_box = _box(f"{s.learning_rate:g}", "learning rate",
                                      "The step size: w = w - learning_rate * dL_wrt_w (type a "
                                      "number, then Enter; it applies from the next epoch)")
        self.epochs_box = _box(str(s.epochs), "epochs", "Where Play stops (type a whole "
                                                        "number, then Enter)")
        self.speed_menu = _menu([(f"{n} epoch{'s' if n > 1 else ''} per frame", n)
                                 for n in SPEEDS], "speed",
                                "How many epochs each redraw trains while playing", "230px")
        self.speed_menu.value = s.speed
        self.learning_rate_box.observe(self._learning_rate_typed, "value")
        self.epochs_box.observe(self._epochs_typed, "value")
        self.speed_menu.observe(lambda change: s.set_speed(change["new"]), "value")
        self._make_buttons()
        self.pictures = _html("training-pictures")
        self.message = _html("training-message")
        s.observe(self._redraw, ["frames", "epochs"])
        s.observe(self._show_message, "message")
        s.observe(self._show_playing, "playing")
        for trait in ("learning_rate", "epochs", "speed"):
            s.observe(self._show_value, trait)
        super().__init__(self._rows(), **kwargs)
        self.add_class("training-lab")
        self._redraw()
        self._show_message()
        self._show_playing()

    def _make_buttons(self):
        self.play_button = _button("▶ Play", "Train, redrawing a few times a second, until "
                                   "the last epoch or Pause", "training-play", "primary")
        self.pause_button = _button("❚❚ Pause", "Stop after the current frame",
                                    "training-pause")
        self.step_button = _button("Step: one epoch", "Train exactly one epoch (pauses first)",
                                   "training-step")
        self.reset_button = _button("↺ Reset", "Back to epoch 0 and the starting weights",
                                    "training-reset")
        for button, action in ((self.play_button, "play"), (self.pause_button, "pause"),
                               (self.step_button, "step"), (self.reset_button, "reset")):
            button.on_click(lambda _, act=action: getattr(self.state, act)())
        # Play and Pause take turns being disabled: the one clicked hands the focus to the
        # other, so the keyboard focus never drops to the page (Enter, Enter: play, pause).
        self.play_button.on_click(lambda _: self.pause_button.focus())
        self.pause_button.on_click(lambda _: self.play_button.focus())

    def _rows(self):
        row = widgets.Layout(flex_flow="row wrap", align_items="center")
        return [
            widgets.HTML(_CSS, layout=widgets.Layout(display="none")),
            widgets.HBox([self.dataset_menu, self.network_menu, self.activation_menu],
                         layout=row),
            widgets.HBox([self.learning_rate_box, self.epochs_box, self.speed_menu], layout=row),
            widgets.HBox([self.play_button, self.pause_button, self.step_button,
                          self.reset_button], layout=row),
            self.message,
            self.pictures,
        ]

    # --- boxes: hand the text to the state, show the kept value when refused -------------------
    def _learning_rate_typed(self, change):
        if change["new"] != f"{self.state.learning_rate:g}" and not \
                self.state.set_learning_rate(change["new"]):
            self.learning_rate_box.value = f"{self.state.learning_rate:g}"

    def _epochs_typed(self, change):
        if change["new"] != str(self.state.epochs) and not self.state.set_epochs(change["new"]):
            self.epochs_box.value = str(self.state.epochs)

    def _show_value(self, change):
        box = {"learning_rate": self.learning_rate_box, "epochs": self.epochs_box,
               "speed": self.speed_menu}[change["name"]]
        box.value = change["new"] if change["name"] == "speed" else f"{change['new']:g}"

    # --- redraw from the state ----------------------------------------------------------------
    def _redraw(self, change=None):
        """All the pictures in ONE widget, so that a frame lands at once: the count and the
        bar, the loss curve, the boundary and its text never show two different epochs."""
        s = self.state
        X, Y = s.data()
        grid, summary = s.boundary()
        when = f" at epoch {s.progress} of {s.epochs}"
        curve = loss_sparkline(s.losses, axis_end(s.progress, s.epochs), width=400, height=170)
        self.pictures.value = (
            '<div style="display: flex; flex-wrap: wrap; align-items: flex-start; '
            'column-gap: 24px">'
            f'<div class="training-boundary">{boundary_svg(grid, X, Y, summary, when=when)}</div>'
            '<div class="training-side" style="width: 400px; max-width: 100%; margin-top: 32px">'
            f'{progress_bar(s.progress, s.epochs)}<div class="training-loss" '
            f'style="margin-top: 10px">{curve}'
            '</div></div></div><p class="training-boundary-alt" style="max-width: 60em; '
            f'margin: 4px 0 0; line-height: 1.45">{escape(boundary_text(summary, when))}</p>')

    def _show_message(self, change=None):
        self.message.value = (f'<div role="status" style="min-height: 1.5em"><b>'
                              f'{escape(self.state.message)}</b></div>')

    def _show_playing(self, change=None):
        playing = self.state.playing
        self.play_button.disabled, self.pause_button.disabled = playing, not playing

    @property
    def train_button(self):
        """The old name of play_button (before play / pause / step / reset)."""
        return self.play_button

    def __repr__(self):
        """What a saved notebook shows where the lab was (ipywidgets cuts it at 110 characters)."""
        s = self.state
        return (f"TrainingLab({s.dataset}, {s.network_name}, {s.activation}, "
                f"learning_rate={s.learning_rate:g}, epochs={s.epochs}): run this cell to get "
                f"the lab")
