"""The stepper in JupyterLab, Notebook 7 and Voila: an anywidget on a StepperState.

    Stepper()                        # the article's network and sample
    Stepper(two_output_network())    # the article's open question: outputs f1 and f2
    Stepper(big=True)                # large text, for a projector

The StepperState (`stepper.state`) is the single source of every number. Once per pass
(construction, Update weights, Undo or Reset across passes, an edit) the widget sends the
whole pass to the browser as one synced trait, `plan`: the JSON text of
course_lib.labs.stepper_panels.pass_data (one string: no walk through nested values to
send it; `stepper.plan_data` is the same as a dict).
The browser then steps, highlights and shows the hover cards by itself (static/stepper.js,
a plain ES module shipped in this package: no build step, no network) and sends back
where it is; `position` and `weight` follow into the state (go_to, choose_weight).

Synced traits: plan, position, pass_id, weight, seq, big, message, can_undo, settings (the
boxes' texts). The browser numbers what it changes itself (position, weight) with `seq`, and
says which pass a position is in (`pass_id`, the plan's "pass": every pass with new numbers
gets a new one). Messages from the browser: {"do": "forward" | "backward" | "full_step" |
"update" | "undo" | "reset"} and {"do": "set", "what": "input" | "correct" | "learning_rate"
| "activation", "name": ..., "value": ...}, each with the seq, position, pass and weight it
was sent from. ipywidgets may hold a trait update back while a message overtakes it: an
older place never wins over a newer one, and a position made in another pass (a step taken
while Update weights was on its way) is not carried into the new pass: the state stays
where the new pass starts, and the browser is told so.
A test drives the widget exactly so, with no browser: `stepper.set_state({"position": 5,
"seq": 1})`, `stepper._handle_custom_msg({"do": "update", "seq": 1, "position": 34,
"pass": 1}, [])`.
"""
import json
import pathlib

import anywidget
import traitlets

from ..core.activations import ACTIVATIONS
from . import stepper_panels as panels
from .stepper_state import MIXED, StepperState

STATIC = pathlib.Path(__file__).parent / "static"


class Stepper(anywidget.AnyWidget):
    """Step one sample forward and backward through `network` (default: the article's).

    Keyword arguments go to StepperState (inputs, correct, learning_rate, weight);
    big=True starts in large mode (for a projector). The state is `stepper.state`; after
    driving it from Python (stepper.state.update(), ...), call stepper.show() to send it.
    """

    _esm = STATIC / "stepper.js"
    _css = STATIC / "stepper.css"

    plan = traitlets.Unicode("").tag(sync=True)
    position = traitlets.Int(0).tag(sync=True)
    pass_id = traitlets.Int(0).tag(sync=True)
    weight = traitlets.Unicode("").tag(sync=True)
    seq = traitlets.Int(0).tag(sync=True)
    big = traitlets.Bool(False).tag(sync=True)
    message = traitlets.Unicode("").tag(sync=True)
    can_undo = traitlets.Bool(False).tag(sync=True)
    settings = traitlets.Dict().tag(sync=True)

    def __init__(self, network=None, big=False, **options):
        self.state = StepperState(network, **options)
        self._sent = None           # the pass the browser has (its key)
        self.plan_data = {}         # and that pass, as a dict
        self._revision = 0          # bumped by every edit, so a refused one is shown reverted
        self._seen = 0              # the newest seq the state has followed
        super().__init__(big=big)
        self.on_msg(self._on_message)
        self.observe(self._follow, names=["seq"])
        self.show()

    # --- from the browser -------------------------------------------------------------------
    def _follow(self, change):
        """The browser stepped or chose a weight (a new seq): the state follows, or refuses."""
        self._go(change["new"], self.position, self.weight, self.pass_id)
        self.show()

    def _go(self, seq, position, weight, pass_id):
        """Follow the browser to `position` (a step of pass `pass_id`) and `weight`, unless a
        newer place was followed. A position in an older pass is left out: the pass it
        counted steps of is gone (Update weights, Undo or an edit made a new one)."""
        if isinstance(seq, int) and seq > self._seen:
            self._seen = seq
            if weight != self.state.weight:
                self.state.choose_weight(weight)
            if position != self.state.position and pass_id == self.plan_data.get("pass"):
                self.state.go_to(position)

    def _on_message(self, _widget, content, _buffers):
        """One action of the state per message; then show its result."""
        if not isinstance(content, dict):
            return
        state, action = self.state, content.get("do")
        self._go(content.get("seq"), content.get("position"), content.get("weight"),
                 content.get("pass", self.plan_data.get("pass")))
        actions = {"forward": state.forward, "backward": state.backward,
                   "full_step": state.full_step, "update": state.update,
                   "undo": state.undo, "reset": state.reset}
        if action in actions:
            actions[action]()
        elif action == "set":
            self._edit(content.get("what"), content.get("name"), content.get("value"))
        self.show()

    def _edit(self, what, name, value):
        state = self.state
        self._revision += 1
        if what == "input":
            state.set_input(name, value)
        elif what == "correct":
            state.set_correct(value, name)
        elif what == "learning_rate":
            state.set_learning_rate(value)
        elif what == "activation":
            state.set_activation(value)

    # --- to the browser ---------------------------------------------------------------------
    def _pass_key(self):
        """What a pass depends on: everything but the position (and, when every chain is
        sent along, the chosen weight, its last item). The plan sent carries its "pass" (a
        new number when anything but the weight changed) and the step it was sent at, "start"."""
        state = self.state
        net = state.network
        few = len(net.parameter_names) <= panels.MAX_CHAINS
        return (tuple(net.weights.items()), net.activations, tuple(state.inputs.items()),
                tuple(state.correct.items()), state.learning_rate, state.loss_history,
                () if few else state.weight)

    def show(self):
        """Send what changed: the pass (once per pass), position, weight, message, boxes."""
        state = self.state
        key = self._pass_key()
        with self.hold_sync():
            if key != self._sent:
                new_numbers = self._sent is None or key[:-1] != self._sent[:-1]   # not the weight
                passes = self.plan_data.get("pass", 0) + new_numbers
                self.plan_data = {**panels.pass_data(state), "pass": passes,
                                  "start": state.position}
                self.plan = json.dumps(self.plan_data, ensure_ascii=False, allow_nan=False,
                                       separators=(",", ":"))
                self._sent = key
            self.settings = self._settings()
            self.position, self.pass_id = state.position, self.plan_data["pass"]
            self.weight = state.weight
            self.message, self.can_undo = state.message, state.can_undo

    def _settings(self):
        """The boxes and menus, as texts: inputs, correct answers, learning rate, menus."""
        state = self.state
        options = [*ACTIVATIONS, *([MIXED] if state.activation == MIXED else [])]
        return {"inputs": {n: f"{v:.15g}" for n, v in state.inputs.items()},
                "correct": {o: f"{v:.15g}" for o, v in state.correct.items()},
                "learning_rate": f"{state.learning_rate:.15g}", "activation": state.activation,
                "activations": options, "parameters": list(state.network.parameter_names),
                "revision": self._revision}

    def __repr__(self):
        # the text/plain of the cell's output, saved in the notebook: what a reader sees
        # before the cell runs (on GitHub, in a fresh JupyterLab, under nbval)
        return f"Stepper({self.state.network!r}): run this cell to get the stepper"
