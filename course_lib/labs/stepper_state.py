"""The stepper's state: one sample, pushed through the network one step at a time.

No widget code here: StepperState is plain Python, driven by method calls and
tested without a browser; course_lib.labs.stepper_view is a thin view on top of it.

    state = StepperState()            # the article's network and sample
    state.forward()                   # sA = I1*w_I1_A + I2*w_I2_A
    state.forward()                   # A = activation_function(sA)
    state.full_step()                 # everything, down to dL_wrt_w_I2_B
    state.update()                    # w = w - learning_rate * dL_wrt_w, then go again

The steps are the plan's records (course_lib.core.plan), never invented here: forward,
each node's sum sX then its activation X; backward, from dL_wrt_f back to the first
layer, with one step per error sent back to a fan-out node (dL_wrt_X_from_Y) before
their sum dL_wrt_X. See stepper_steps (steps, code lines, stops) and stepper_readout
(everything shown). Every number comes from forward() / backward().

Bad input never raises: the action is refused, `message` says what was wrong and
what is allowed, and the previous value is kept. Every accepted action can be undone.
"""
from dataclasses import dataclass, replace

from ..core.activations import ACTIVATIONS
from ..core.backward import backward
from ..core.descent import update as update_weights
from ..core.errors import CourseInputError, read_number, shown
from ..core.forward import forward
from ..core.network import check_network
from ..core.build import SEED_SAMPLE, seed_network
from .stepper_readout import MIXED, StepperReadout
from .stepper_steps import Step, Stops, code_of_every_name

__all__ = ["DEFAULT_LEARNING_RATE", "MIXED", "Snapshot", "Step", "StepperState", "Stops",
           "read_number"]

#: The learning rate the stepper starts with.
DEFAULT_LEARNING_RATE = 0.5
_MAX_UNDO = 10_000


@dataclass(frozen=True)
class Snapshot:
    """Everything the stepper shows is a function of one Snapshot (immutable, for undo)."""

    network: object
    inputs: tuple        # ((name, value), ...) in input order
    correct: tuple       # ((output name, value), ...)
    learning_rate: float
    weight: str          # the weight whose chain is shown
    position: int        # how many steps are done
    losses: tuple        # loss history: L before the first update, then after each update
    trace: object = None
    gradients: object = None

    def key(self):
        net = self.network
        return (tuple(net.weights.items()), net.activations, self.inputs, self.correct,
                self.learning_rate, self.weight, self.position, self.losses)


def _computed(snapshot):
    """The snapshot with its trace and gradients from course_lib (may raise CourseInputError)."""
    trace = forward(snapshot.network, dict(snapshot.inputs))
    gradients = backward(trace, dict(snapshot.correct))
    return replace(snapshot, trace=trace, gradients=gradients)


class StepperState(StepperReadout):
    """One sample stepped through `network`, forward a node and backward a factor at a time.

    Inputs:
    - network: a Network (default: seed_network(), the article's 2-2-2-1 network).
    - inputs: {"I1": .., "I2": ..} or a list (default: the article's sample 1.0, 0.5; 1.0 for
      any other input).
    - correct: the correct answer(s): a number, a list or {'f1': .., 'f2': ..}
      (default: 1.0 for every output).
    - learning_rate: the step size of Update weights (default 0.5).
    - weight: the weight whose chain is shown (default w_A_C, the article's example).

    Read: steps, position, step (the last step done), known (every number computed so
    far, by name), loss, loss_history, chain (explain() of the chosen weight), stops(),
    message: '' after an accepted action, else why it was refused (or, when choosing an
    activation replaced mixed ones, a note saying so). Every action returns `message`.
    """

    def __init__(self, network=None, inputs=None, correct=None,
                 learning_rate=DEFAULT_LEARNING_RATE, weight=None):
        network = seed_network() if network is None else check_network(network)
        if inputs is None:
            inputs = [SEED_SAMPLE.get(name, 1.0) for name in network.inputs]
        if correct is None:
            correct = [SEED_SAMPLE["correct"]] * len(network.outputs)
        trace = forward(network, inputs)                     # checks the inputs
        gradients = backward(trace, correct)                 # checks the answers
        if weight is None:
            weight = "w_A_C" if "w_A_C" in network.weights else network.parameter_names[0]
        if not isinstance(weight, str) or weight not in network.weights:
            raise CourseInputError(f"unknown weight {shown(weight)}; choose one of "
                                   f"{', '.join(network.parameter_names[:12])}, ...")
        value, problem = read_number("learning rate", learning_rate, positive=True)
        if problem:
            raise CourseInputError(problem)
        self._initial = Snapshot(network, tuple((n, trace.values[n]) for n in network.inputs),
                                 tuple(gradients.correct.items()), value, weight, 0, (),
                                 trace, gradients)
        self._now = self._initial
        self._undo = []
        self._code = code_of_every_name(network, self.steps)
        self.message = ""

    @property
    def can_undo(self):
        return bool(self._undo)

    # --- actions -----------------------------------------------------------------------
    def _refuse(self, message):
        self.message = message
        return message

    def _commit(self, snapshot, action):
        """Make `snapshot` current (computing it with the library); refuse if that fails."""
        if snapshot.trace is None:
            try:
                snapshot = _computed(snapshot)
            except CourseInputError as error:   # e.g. a sum overflowed: keep everything
                return self._refuse(f"{action}: refused, {error}")
        self.message = ""
        if snapshot.key() != self._now.key():
            self._undo.append(self._now)
            del self._undo[:-_MAX_UNDO]
            self._now = snapshot
        return self.message

    def forward(self):
        """Compute the next node: its sum, then (next click) its activation."""
        if self.forward_done:
            return self._refuse("Forward: the forward pass is done (the output is known). "
                                "Press Backward.")
        return self._commit(replace(self._now, position=self.position + 1), "Forward")

    def backward(self):
        """Compute the next derivative, from dL_wrt_f back to the first layer."""
        if not self.forward_done:
            return self._refuse("Backward: the output is not known yet. "
                                "Press Forward until f is computed.")
        if self.backward_done:
            return self._refuse("Backward: every derivative is known. Press Update weights.")
        return self._commit(replace(self._now, position=self.position + 1), "Backward")

    def full_step(self):
        """Forward and backward to the end: every number of this sample."""
        if self.backward_done:
            return self._refuse("Full step: every number is known. Press Update weights.")
        return self._commit(replace(self._now, position=len(self.steps)), "Full step")

    def update(self):
        """w = w - learning_rate * dL_wrt_w for every weight; then start the next pass."""
        if not self.backward_done:
            return self._refuse("Update weights: the gradients are not all known yet. "
                                "Press Backward to the first layer, or Full step.")
        try:
            network = update_weights(self.network, self.gradients, self.learning_rate)
            after = _computed(replace(self._now, network=network, position=0))
        except CourseInputError as error:
            return self._refuse(f"Update weights: refused, {error}")
        losses = self.loss_history or (self.gradients.loss,)
        return self._commit(replace(after, losses=losses + (after.gradients.loss,)),
                            "Update weights")

    def undo(self):
        """Go back one accepted action (any action, including Reset)."""
        if not self._undo:
            return self._refuse("Undo: nothing to undo.")
        self._now = self._undo.pop()
        self.message = ""
        return self.message

    def reset(self):
        """Back to the start: the network, sample and settings the stepper began with."""
        return self._commit(self._initial, "Reset")

    def set_input(self, name, value):
        """Set input `name` (I1, I2, ...) from a number or the text of a box."""
        if not isinstance(name, str) or name not in self.network.inputs:
            return self._refuse(f"unknown input {str(name)[:20]!r}. Inputs: "
                                f"{', '.join(self.network.inputs)}.")
        value, problem = read_number(name, value)
        if problem:
            return self._refuse(f"{problem} Kept {name} = {self.inputs[name]:g}.")
        inputs = tuple((n, value if n == name else v) for n, v in self._now.inputs)
        return self._commit(replace(self._now, inputs=inputs, trace=None), f"set {name}")

    def set_correct(self, value, output=None):
        """Set the correct answer for `output` (default: the only output) from a number or text."""
        outputs = self.network.outputs
        if output is None and len(outputs) == 1:
            output = outputs[0]
        if not isinstance(output, str) or output not in outputs:
            return self._refuse(f"say which output's correct answer to set: "
                                f"{', '.join(outputs)}.")
        what = "correct" if len(outputs) == 1 else f"correct {output}"
        value, problem = read_number(what, value)
        if problem:
            return self._refuse(f"{problem} Kept {what} = {self.correct[output]:g}.")
        correct = tuple((o, value if o == output else v) for o, v in self._now.correct)
        return self._commit(replace(self._now, correct=correct, trace=None), f"set {what}")

    def set_learning_rate(self, value):
        """Set the learning rate (a number > 0) from a number or text."""
        value, problem = read_number("learning rate", value, positive=True)
        if problem:
            return self._refuse(f"{problem} Kept learning rate = {self.learning_rate:g}.")
        return self._commit(replace(self._now, learning_rate=value), "set learning rate")

    def set_activation(self, name):
        """Use activation `name` (sigmoid, tanh, relu, linear) in every layer.

        On a network whose layers use different activations (activation == 'mixed'),
        the choice replaces all of them, and `message` says which were replaced.
        """
        before = self.network.activations
        if not isinstance(name, str) or name not in ACTIVATIONS:
            why = ("is what the layers have now: choose one for every layer" if name == MIXED
                   else "is unknown")
            return self._refuse(f"activation {str(name)[:20]!r} {why}. Allowed: "
                                f"{', '.join(ACTIVATIONS)}. Kept {self.activation}.")
        network = self.network.with_activation(name)
        message = self._commit(replace(self._now, network=network, trace=None),
                               f"activation {name}")
        if not message and len(set(before)) > 1:
            self.message = (f"activation {name} now in every layer; the layers had "
                            f"{', '.join(before)}.")
        return self.message

    def choose_weight(self, name):
        """Show the chain of weight `name` (w_A_C, ...; b_C for a bias)."""
        if not isinstance(name, str) or name not in self.network.weights:
            known = self.network.parameter_names
            shown = ", ".join(known[:12]) + (", ..." if len(known) > 12 else "")
            return self._refuse(f"weight {str(name)[:20]!r} is unknown. Allowed: "
                                f"{shown}. Kept {self.weight}.")
        return self._commit(replace(self._now, weight=name), f"choose {name}")

    def __repr__(self):
        return (f"StepperState({self.network!r}, step {self.position}/{len(self.steps)}, "
                f"weight {self.weight})")
