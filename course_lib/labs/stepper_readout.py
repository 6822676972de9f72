"""What the stepper shows, read from its current Snapshot: nothing here changes the state.

StepperReadout is the reading half of StepperState (course_lib.labs.stepper_state holds
the actions and the undo history). go_to(position) lives here too: where the browser's own
stepping (←, →, Home, End, Forward, Backward, Full step) ends up; it is not an undoable action. It reads `self._now`, the current Snapshot: its network,
sample, trace, gradients and how many steps are done. Every number comes from forward() /
backward(); every step and code line from the plan (course_lib.labs.stepper_steps).
"""
from collections import ChainMap
from dataclasses import replace

from ..core.backward import backward
from ..core.explain import explain, number
from ..core.forward import forward
from ..core.names import error_name
from ..core.plan import plan_of
from .stepper_steps import code_of, numbers_of, steps_of, stops_of, target_of

#: What `activation` says when the layers use different activations.
MIXED = "mixed"


class StepperReadout:
    """The read-only half of StepperState (see there)."""

    _now = None                 # the current Snapshot, set by StepperState
    _plan = _steps = None       # the plan the steps were made from, and the steps
    _known_for = _known = None  # the Snapshot `known` was computed for, and it

    @property
    def network(self):
        return self._now.network

    @property
    def trace(self):
        """forward() of the current network and sample (all of it, shown or not)."""
        return self._now.trace

    @property
    def gradients(self):
        """backward() of the current trace and correct answer(s) (all of it, shown or not)."""
        return self._now.gradients

    @property
    def inputs(self):
        return dict(self._now.inputs)

    @property
    def correct(self):
        return dict(self._now.correct)

    @property
    def learning_rate(self):
        return self._now.learning_rate

    @property
    def activation(self):
        """The activation of every layer, or MIXED ('mixed') when the layers differ."""
        used = self.network.activations
        return used[0] if len(set(used)) == 1 else MIXED

    @property
    def weight(self):
        """The weight whose chain is shown."""
        return self._now.weight

    @property
    def steps(self):
        """Every step, forward then backward (see stepper_steps.Step), made from the plan."""
        plan = plan_of(self.network)
        if plan is not self._plan:        # a new activation: the same names, new records
            self._plan, self._steps = plan, steps_of(plan)
        return self._steps

    @property
    def position(self):
        """How many steps are done (0: nothing computed yet)."""
        return self._now.position

    @property
    def forward_count(self):
        """How many forward steps there are (two per non-input node)."""
        return len(plan_of(self.network).forward)

    @property
    def step(self):
        """The last step done (highlighted as the current one), or None."""
        return self.steps[self.position - 1] if self.position else None

    @property
    def phase(self):
        """'start', 'forward' (in progress), 'backward' (in progress) or 'done'."""
        if self.position == 0:
            return "start"
        if self.position < self.forward_count:
            return "forward"
        return "done" if self.backward_done else "backward"

    @property
    def forward_done(self):
        return self.position >= self.forward_count

    @property
    def backward_done(self):
        return self.position == len(self.steps)

    @property
    def loss(self):
        """L for the sample once the forward pass reached the output(s), else None."""
        return self.gradients.loss if self.forward_done else None

    @property
    def loss_history(self):
        """L before the first update, then L after each update (empty before any update)."""
        return self._now.losses

    # --- the numbers ---------------------------------------------------------------------
    def value_of(self, step):
        """The library's number for `step` in the current state (shown or not)."""
        if step.kind == "contribution":                   # dL_wrt_sY * w_X_Y
            return (self.gradients.values[step.record.sum_error]
                    * self.network.weights[step.record.weight])
        if step.phase == "forward":
            return self.trace.values[step.name]
        return self.gradients.values[step.name]

    @property
    def known(self):
        """Every number known so far, by name, in the order it became known:
        inputs, correct answers, weights, then each step done (an activation brings its
        slope dX_wrt_sX along), the loss L once the outputs are known."""
        return dict(self._known_now())

    def _known_now(self):
        if self._known_for is not self._now:             # computed once per state
            self._known_for, self._known = self._now, self._compute_known()
        return self._known

    def _compute_known(self):
        known = dict(self._now.inputs)
        names = plan_of(self.network).correct
        known.update((names[o], v) for o, v in self._now.correct)
        known.update(self.network.weights)
        for k, step in enumerate(self.steps[:self.position]):
            known[step.name] = self.value_of(step)
            if step.kind == "activation":
                known[step.record.slope] = self.trace.slopes[step.record.slope]
            if k + 1 == self.forward_count:
                known["L"] = self.gradients.loss
        return known

    @property
    def code(self):
        """How each number the stepper can show is computed, as code, by name:
        {'sA': 'I1*w_I1_A + I2*w_I2_A', ..., 'I1': 'input', 'w_A_C': 'weight', ...}.
        It depends on the network's layout only, which no action changes."""
        return self._code

    def diagram_numbers(self):
        """(values, errors, gradients) known so far, as network_diagram() takes them."""
        known = self._known_now()
        values = {n: v for n, v in self.trace.values.items() if n in known}
        errors = {n: v for n, v in self.gradients.values.items() if n in known}
        grads = {w: v for w, v in self.gradients.weights.items() if error_name(w) in known}
        return values, errors, grads

    def formula(self, step=None):
        """(symbolic, numeric) code lines for `step` (default: the current step)."""
        step = step or self.step
        if step is None:
            return ("", "")
        names = plan_of(self.network).correct
        numbers = ChainMap(self.trace.values, self.trace.slopes, self.gradients.values,
                           self.network.weights, {names[o]: v for o, v in self._now.correct})
        return (f"{step.name} = {code_of(step)}",
                f"{step.name} = {numbers_of(step, numbers.__getitem__)} = "
                f"{number(self.value_of(step))}")

    # --- the chosen weight -----------------------------------------------------------------
    @property
    def chain(self):
        """explain() of the chosen weight for the current state (an Explanation)."""
        return explain(self.gradients, self.weight)

    @property
    def chain_known(self):
        """True once backward has reached the chosen weight's gradient."""
        return error_name(self.weight) in self._known_now()

    def stops(self):
        """What the chosen weight goes through, one list per path to an output:
        [['sC', 'C', 'sF1', 'f1'], ['sC', 'C', 'sF2', 'f2']] for w_A_C with two outputs.
        A Stops list: past MAX_LISTED_PATHS paths it is empty and says path_count and the
        layers on the way instead (see stepper_steps.Stops)."""
        return stops_of(self.network, self.weight)

    def fan_out_on_path(self):
        """Contributions (from the library) of every fan-out node the chosen weight's
        error passes through, nearest to the weight first. Each node is visited once."""
        net = self.network
        start = target_of(plan_of(net), self.weight)
        seen, todo, found = {start}, [start], []
        while todo:
            node = todo.pop(0)
            edges = net.outgoing.get(node, ())          # outputs feed nothing
            if len(edges) > 1:
                found.append(self.gradients.contributions(node))
            for edge in edges:
                if edge.target not in seen:
                    seen.add(edge.target)
                    todo.append(edge.target)
        return found

    def check(self):
        """Recompute everything shown with a fresh forward()/backward() and compare.

        Returns a list of mismatches; empty means consistent.
        """
        plan = plan_of(self.network)
        trace = forward(self.network, self.inputs)
        gradients = backward(trace, self.correct)
        weights = self.network.weights
        fresh = {**trace.values, **trace.slopes, **gradients.values, "L": gradients.loss,
                 **weights}
        fresh.update((part.name, gradients.values[part.sum_error] * weights[part.weight])
                     for record in plan.backward if record.kind == "node error"
                     for part in record.parts)
        answers = set(plan.correct.values())
        return [f"{name}: shown {value!r}, library {fresh.get(name)!r}"
                for name, value in self._known_now().items()
                if name not in answers and fresh.get(name) != value]


    # --- moving to a step: the browser steps by itself, then the state follows --------------
    def go_to(self, position):
        """Show the pass with `position` steps done (0 to len(steps)), as ←, →, Home, End
        or the browser's Forward, Backward and Full step did. A place in the pass, not an
        action: Undo takes back the last action (an edit, a weight, Update weights, Reset,
        or Forward / Backward / Full step called in Python), ← a step. Refused (message)
        for anything but a step number; returns `message` like every action."""
        if isinstance(position, bool) or not isinstance(position, int) or not (
                0 <= position <= len(self.steps)):
            return self._refuse(f"Step: {str(position)[:20]!r} is not a step. Allowed: 0 to "
                                f"{len(self.steps)}. Kept step {self.position}.")
        self._now, self.message = replace(self._now, position=position), ""
        return self.message
