"""The stepper in JupyterLab: a thin ipywidgets view on StepperState.

    Stepper()                        # the article's network and sample
    Stepper(two_output_network())    # the article's open question: outputs f1 and f2

Every click or edit calls one StepperState action and redraws from the state:
the diagram (an SVG string from course_lib.views.diagram, well under a millisecond),
the current step's code line, the chosen weight's chain (from explain), the loss
and its history, and a table of the same numbers for screen readers and copying.
No logic lives here; the view never computes a number.
"""
from html import escape

import ipywidgets as widgets

from ..core.activations import ACTIVATIONS
from ..views.style import BLUE, VERMILLION
from . import stepper_panels as panels
from .stepper_state import MIXED, StepperState

_CSS = f"""<style>
.stepper-diagram svg {{max-width: 100%; height: auto;}}
.stepper pre {{white-space: pre-wrap; margin: 2px 0; font-size: 12px;}}
.stepper-message {{color: {VERMILLION}; font-weight: bold;}}
.stepper-table table {{border-collapse: collapse; font-size: 12px;}}
.stepper-table th, .stepper-table td {{border: 1px solid #ccc; padding: 1px 6px; text-align: left;}}
.stepper-table td.num {{font-family: monospace; text-align: right;}}
.stepper button:focus-visible, .stepper input:focus-visible, .stepper select:focus-visible
  {{outline: 3px solid {BLUE} !important; outline-offset: -3px;}}
</style>"""

_BUTTONS = (
    ("forward", "Forward", "Compute the next node: its sum sX, then its activation X"),
    ("backward", "Backward", "Compute the next derivative, from dL_wrt_f back to the first layer"),
    ("full-step", "Full step", "Forward and backward to the end: every number of this sample"),
    ("update", "Update weights", "w = w - learning_rate * dL_wrt_w for every weight, then go again"),
    ("undo", "Undo", "Go back one action"),
    ("reset", "Reset", "Back to the network, sample and settings the stepper started with"),
)


class Stepper(widgets.VBox):
    """Step one sample forward and backward through `network` (default: the article's).

    Keyword arguments go to StepperState (inputs, correct, learning_rate, weight).
    The state is `stepper.state`; the widgets are attributes (forward_button, ...,
    diagram, table) carrying CSS classes stepper-forward, ..., stepper-diagram, stepper-table.
    """

    def __init__(self, network=None, **options):
        self.state = StepperState(network, **options)
        self._syncing = False
        self.buttons = {}
        for key, description, tooltip in _BUTTONS:
            button = widgets.Button(description=description, tooltip=tooltip)
            button.add_class(f"stepper-{key}")
            button.on_click(lambda _, key=key: self._act(key))
            self.buttons[key] = button
        self.forward_button, self.backward_button = self.buttons["forward"], self.buttons["backward"]
        self.full_step_button, self.update_button = self.buttons["full-step"], self.buttons["update"]
        self.undo_button, self.reset_button = self.buttons["undo"], self.buttons["reset"]
        controls = self._make_controls(self.state.network)
        self.message = _shown("message")
        self.diagram, self.loss_panel, self.table = map(_shown, ("diagram", "loss", "table"))
        self.step_panel, self.chain_panel = (_shown(name, widgets.Layout(width="50%"))
                                             for name in ("step", "chain"))
        super().__init__([
            widgets.HTML(_CSS),
            widgets.HBox(list(self.buttons.values()), layout=widgets.Layout(flex_flow="row wrap")),
            widgets.HBox(controls + [self.message], layout=widgets.Layout(flex_flow="row wrap")),
            self.diagram,
            widgets.HBox([self.step_panel, self.chain_panel]),
            self.loss_panel,
            self.table,
        ])
        self.add_class("stepper")
        self.refresh()

    def _make_controls(self, net):
        """The boxes and menus, each handing its value to one state action; returns them."""
        state, single = self.state, len(net.outputs) == 1
        self.input_boxes = {name: self._control(
            _text(name, f"Input {name} of the sample: type a number, then Enter"),
            f"input-{name}", lambda value, name=name: state.set_input(name, value))
            for name in net.inputs}
        self.correct_boxes = {o: self._control(
            _text("correct" if single else f"correct {o}",
                  f"The right answer for {o}: type a number, then Enter"),
            "correct" if single else f"correct-{o}", lambda value, o=o: state.set_correct(value, o))
            for o in net.outputs}
        self.learning_rate_box = self._control(
            _text("learning rate", "The step size of Update weights: w = w - learning_rate * "
                  "dL_wrt_w", "190px", "90px"), "learning-rate", state.set_learning_rate)
        self.activation_dropdown = self._control(widgets.Dropdown(
            options=self._activation_options(), description="activation",
            tooltip="The activation function of every node (the steps start again); 'mixed' "
                    "when the layers differ", layout=widgets.Layout(width="190px"),
            style={"description_width": "70px"}), "activation", state.set_activation)
        self.weight_dropdown = self._control(widgets.Dropdown(
            options=list(net.parameter_names), description="weight",
            tooltip="The weight whose chain is shown: what it goes through, factor by factor",
            layout=widgets.Layout(width="190px"), style={"description_width": "60px"}),
            "weight", state.choose_weight)
        return [*self.input_boxes.values(), *self.correct_boxes.values(), self.learning_rate_box,
                self.activation_dropdown, self.weight_dropdown]

    def _control(self, widget, name, action):
        """`widget` with class stepper-<name>, calling action(new value) on every edit."""
        widget.add_class(f"stepper-{name}")
        widget.observe(lambda change: self._edit(action, change["new"]), "value")
        return widget

    # --- events: one state action each, then redraw -----------------------------------
    def _act(self, key):
        action = {"forward": self.state.forward, "backward": self.state.backward,
                  "full-step": self.state.full_step, "update": self.state.update,
                  "undo": self.state.undo, "reset": self.state.reset}[key]
        action()
        self.refresh()

    def _edit(self, action, *args):
        if not self._syncing:
            action(*args)
            self.refresh()

    # --- drawing ------------------------------------------------------------------------
    def refresh(self):
        """Redraw everything from the state (the diagram first: it is what the eye watches)."""
        state = self.state
        self.shown, self.diagram.value = panels.diagram_html(state)
        self.step_panel.value = panels.step_html(state)
        self.chain_panel.value = panels.chain_html(state)
        self.loss_panel.value = panels.loss_html(state)
        self.table.value = panels.table_html(state)
        self.message.value = (f'<span role="alert">{escape(state.message)}</span>'
                              if state.message else "")
        self._sync_controls()

    def _sync_controls(self):
        """Show the state's values in the boxes (reverting a refused edit)."""
        self._syncing = True
        try:
            state = self.state
            for name, text in self.input_boxes.items():
                text.value = f"{state.inputs[name]:.15g}"
            for o, text in self.correct_boxes.items():
                text.value = f"{state.correct[o]:.15g}"
            self.learning_rate_box.value = f"{state.learning_rate:.15g}"
            self.activation_dropdown.options = self._activation_options()
            self.activation_dropdown.value = state.activation
            self.weight_dropdown.value = state.weight
            self.buttons["undo"].disabled = not state.can_undo
        finally:
            self._syncing = False

    def _activation_options(self):
        """Every activation, and 'mixed' while the layers use different ones."""
        return (*ACTIVATIONS, *([MIXED] if self.state.activation == MIXED else []))

    def __repr__(self):
        return f"Stepper({self.state.network!r}): press Forward to step through it"


def _shown(name, layout=None):
    """An HTML widget with class stepper-<name>, for something the view shows."""
    widget = widgets.HTML(layout=layout or widgets.Layout())
    widget.add_class(f"stepper-{name}")
    return widget


def _text(description, tooltip, width="150px", label_width="70px"):
    """A text box that hands its text over on Enter."""
    return widgets.Text(description=description, tooltip=tooltip, continuous_update=False,
                        layout=widgets.Layout(width=width),
                        style={"description_width": label_width})

