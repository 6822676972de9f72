"""The stepper's state: one sample, pushed through the network one step at a time.

No widget code here: StepperState is plain Python, driven by method calls and
tested without a browser; course_lib.stepper_view is a thin view on top of it.

    state = StepperState()            # the article's network and sample
    state.forward()                   # sA = I1*w_I1_A + I2*w_I2_A
    state.forward()                   # A = activation_function(sA)
    state.full_step()                 # everything, down to dL_wrt_w_I2_B
    state.update()                    # w = w - learning_rate * dL_wrt_w, then go again

The steps are derived from the library, never invented here:

- forward: for each node in computation order (network.incoming), its sum sX,
  then its activation X (with the slope dX_wrt_sX computed beside it);
- backward: the derivatives in the order backward() computes them, from dL_wrt_f
  back to the first layer (dL_wrt_sX, dL_wrt_w_X_Y, dL_wrt_X ...). Before the error
  dL_wrt_X of a fan-out node, one step per error sent back to it
  (dL_wrt_X_from_Y = dL_wrt_sY * w_X_Y) and then their sum.

Every number comes from forward() / backward() of the current network and sample.
Bad input never raises: the action is refused, `message` says what was wrong and
what is allowed, and the previous value is kept. Every accepted action can be undone.
"""
import math
import numbers
from dataclasses import dataclass, replace
from types import MappingProxyType

from ..core.activations import ACTIVATIONS
from ..core.backward import backward
from ..core.descent import update as update_weights
from ..core.errors import MAX_MAGNITUDE, CourseInputError
from ..core.explain import explain, number
from ..core.forward import forward
from ..core.names import correct_names, sum_name
from ..core.network import SEED_SAMPLE, seed_network

#: The learning rate the stepper starts with.
DEFAULT_LEARNING_RATE = 0.5
_MAX_UNDO = 10_000


@dataclass(frozen=True)
class Step:
    """One step of the stepper.

    - phase: 'forward' or 'backward'.
    - name: the article name of the number this step computes ('sA', 'A', 'dL_wrt_sC',
      'dL_wrt_w_A_C'), or 'dL_wrt_A_from_C' for the error C sends back to A.
    - kind: 'sum', 'activation', 'loss slope', 'sum error', 'weight gradient',
      'bias gradient', 'contribution' or 'node error'.
    - node: the node the step belongs to; current: what the diagram highlights
      (a node, or the weight whose edge the number travels along).
    """

    phase: str
    name: str
    kind: str
    node: str
    current: str


def _steps(network, gradients):
    """The stepper's steps for `network` (its structure only), from a Gradients of it."""
    steps = []
    for node, (s_name, _, _, _) in network.incoming.items():
        steps.append(Step("forward", s_name, "sum", node, node))
        steps.append(Step("forward", node, "activation", node, node))
    fan_out = {n for n, edges in network.outgoing.items() if len(edges) > 1}
    for name in gradients.values:
        rest = name[len("dL_wrt_"):]
        if rest in network.outputs:
            steps.append(Step("backward", name, "loss slope", rest, rest))
        elif rest in network.incoming:  # a hidden node's error, sent back from its targets
            if rest in fan_out:
                for w, target in network.outgoing[rest]:
                    steps.append(Step("backward", f"{name}_from_{target}", "contribution", rest, w))
            steps.append(Step("backward", name, "node error", rest, rest))
        elif rest in network.weights:   # dL_wrt_w_X_Y, or dL_wrt_b_Y for a bias
            source, target = network.ends(rest)
            if source is None:
                steps.append(Step("backward", name, "bias gradient", target, target))
            else:
                steps.append(Step("backward", name, "weight gradient", target, rest))
        else:  # dL_wrt_sX
            node = next(n for n, plan in network.incoming.items() if plan[0] == rest)
            steps.append(Step("backward", name, "sum error", node, node))
    return tuple(steps)


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


def read_number(what, value, allowed=None, positive=False):
    """Parse `value` (a number or the text of a box) as a finite float.

    Returns (float, '') or (None, message); the message names what was wrong and what
    is allowed. Never raises.
    """
    allowed = allowed or (f"a number greater than 0, at most {MAX_MAGNITUDE:g}" if positive
                          else f"a number from {-MAX_MAGNITUDE:g} to {MAX_MAGNITUDE:g}")
    if isinstance(value, str):
        text = value.strip().replace("−", "-")
        if not text:
            return None, f"{what} is empty. Allowed: {allowed}."
        try:
            value = float(text)
        except ValueError:
            return None, f"{what}: {value.strip()[:20]!r} is not a number. Allowed: {allowed}."
    elif isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None, f"{what}: {value!r} is not a number. Allowed: {allowed}."
    value = float(value)
    if math.isnan(value) or math.isinf(value):
        return None, f"{what}: {value} is not a finite number. Allowed: {allowed}."
    if abs(value) > MAX_MAGNITUDE or (positive and value <= 0):
        return None, f"{what}: {value:g} is out of range. Allowed: {allowed}."
    return value, ""


class StepperState:
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
    far, by name), loss, loss_history, chain (explain() of the chosen weight),
    message ('' or why the last action was refused). Every action returns `message`.
    """

    def __init__(self, network=None, inputs=None, correct=None,
                 learning_rate=DEFAULT_LEARNING_RATE, weight=None):
        network = seed_network() if network is None else network
        if inputs is None:
            inputs = [SEED_SAMPLE.get(name, 1.0) for name in network.inputs]
        if correct is None:
            correct = [SEED_SAMPLE["correct"]] * len(network.outputs)
        trace = forward(network, inputs)                     # checks the inputs
        gradients = backward(trace, correct)                 # checks the answers
        if weight is None:
            weight = "w_A_C" if "w_A_C" in network.weights else network.parameter_names[0]
        if weight not in network.weights:
            raise CourseInputError(f"unknown weight {weight!r}; choose one of "
                                   f"{', '.join(network.weights)}.")
        value, problem = read_number("learning rate", learning_rate, positive=True)
        if problem:
            raise CourseInputError(problem)
        self._initial = Snapshot(network, tuple((n, trace.values[n]) for n in network.inputs),
                                 tuple(gradients.correct.items()), value, weight, 0, (),
                                 trace, gradients)
        self._now = self._initial
        self._undo = []
        self._steps = _steps(network, gradients)
        self._forward_count = sum(1 for s in self._steps if s.phase == "forward")
        self._known_for, self._known = None, {}
        self._code = self._code_of_every_name()
        self.message = ""

    # --- what is known ---------------------------------------------------------------
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
        """The activation of every layer (the stepper sets one for all)."""
        return self.network.activations[-1]

    @property
    def weight(self):
        """The weight whose chain is shown."""
        return self._now.weight

    @property
    def steps(self):
        """Every step, forward then backward (see Step)."""
        return self._steps

    @property
    def position(self):
        """How many steps are done (0: nothing computed yet)."""
        return self._now.position

    @property
    def forward_count(self):
        """How many forward steps there are (two per non-input node)."""
        return self._forward_count

    @property
    def step(self):
        """The last step done (highlighted as the current one), or None."""
        return self._steps[self.position - 1] if self.position else None

    @property
    def phase(self):
        """'start', 'forward' (in progress), 'backward' (in progress) or 'done'."""
        if self.position == 0:
            return "start"
        if self.position < self.forward_count:
            return "forward"
        return "done" if self.position == len(self._steps) else "backward"

    @property
    def forward_done(self):
        return self.position >= self.forward_count

    @property
    def backward_done(self):
        return self.position == len(self._steps)

    @property
    def can_undo(self):
        return bool(self._undo)

    @property
    def loss(self):
        """L for the sample once the forward pass reached the output(s), else None."""
        return self.gradients.loss if self.forward_done else None

    @property
    def loss_history(self):
        """L before the first update, then L after each update (empty before any update)."""
        return self._now.losses

    def value_of(self, step):
        """The library's number for `step` in the current state (shown or not)."""
        if step.kind == "contribution":
            source = step.name[len("dL_wrt_"):].split("_from_")[1]
            parts = self.gradients.contributions(step.node).parts
            return next(value for target, _, value in parts if target == source)
        if step.phase == "forward":
            return self.trace.values[step.name]
        return self.gradients.values[step.name]

    @property
    def known(self):
        """Every number known so far, by name, in the order it became known:
        inputs, correct answers, weights, then each step done (an activation brings its
        slope dX_wrt_sX along), the loss L once the outputs are known."""
        if self._known_for is not self._now:            # computed once per state
            self._known_for, self._known = self._now, self._compute_known()
        return dict(self._known)

    def _compute_known(self):
        known = dict(self._now.inputs)
        names = correct_names(self.network)
        known.update((names[o], v) for o, v in self._now.correct)
        known.update(self.network.weights)
        slopes = self.trace.slopes
        for k, step in enumerate(self._steps[:self.position]):
            known[step.name] = self.value_of(step)
            if step.kind == "activation":
                slope = f"d{step.node}_wrt_{sum_name(step.node)}"
                known[slope] = slopes[slope]
            if k + 1 == self.forward_count:
                known["L"] = self.gradients.loss
        return known

    @property
    def code(self):
        """How each number the stepper can show is computed, as code, by name:
        {'sA': 'I1*w_I1_A + I2*w_I2_A', ..., 'I1': 'input', 'w_A_C': 'weight', ...}."""
        return self._code

    def _code_of_every_name(self):
        """The code column, once: it depends on the network's layout only, which no
        action changes (an update or another activation keeps every name and line)."""
        net = self.network
        code = {name: "input" for name in net.inputs}
        code.update((name, "correct answer") for name in correct_names(net).values())
        code.update((name, "weight") for name in net.weights)
        code.update((s.name, self.formula(s)[0].split(" = ", 1)[1]) for s in self._steps)
        code.update((f"d{node}_wrt_{s_name}", f"activation_function_derivative({node})")
                    for node, (s_name, *_) in net.incoming.items())
        code["L"] = "(correct - f)**2 summed over outputs"
        return MappingProxyType(code)

    def diagram_numbers(self):
        """(values, errors, gradients) known so far, as network_diagram() takes them."""
        known = self.known
        values = {n: v for n, v in self.trace.values.items() if n in known}
        errors = {n: v for n, v in self.gradients.values.items() if n in known}
        grads = {w: v for w, v in self.gradients.weights.items() if f"dL_wrt_{w}" in known}
        return values, errors, grads

    # --- the code lines ----------------------------------------------------------------
    def formula(self, step=None):
        """(symbolic, numeric) code lines for `step` (default: the current step)."""
        step = step or self.step
        if step is None:
            return ("", "")
        net, values, d = self.network, self.trace.values, self.gradients.values
        name, node, w = step.name, step.node, net.weights
        v = number(self.value_of(step))
        s = sum_name(node)
        if step.kind == "sum":
            _, incoming, bias, _ = net.incoming[node]
            sym = " + ".join(f"{src}*{wn}" for wn, src in incoming) + (f" + {bias}" if bias else "")
            num = " + ".join(f"{number(values[src])}*{number(w[wn])}" for wn, src in incoming)
            num += f" + {number(w[bias])}" if bias else ""
            return f"{name} = {sym}", f"{name} = {num} = {v}"
        if step.kind == "activation":
            act = net.incoming[node][3]
            return (f"{name} = activation_function({s})",
                    f"{name} = {act}({values[s]:.4g}) = {v}")
        if step.kind == "loss slope":
            c = dict(self._now.correct)[node]
            label = correct_names(net)[node]
            return (f"{name} = 2*({node} - {label})",
                    f"{name} = 2*({number(values[node])} - {number(c)}) = {v}")
        if step.kind == "sum error":
            slope = f"d{node}_wrt_{s}"
            return (f"{name} = dL_wrt_{node} * {slope}",
                    f"{name} = {number(d[f'dL_wrt_{node}'])} * "
                    f"{number(self.trace.slopes[slope])} = {v}")
        if step.kind == "weight gradient":
            source = net.ends(step.current)[0]
            return (f"{name} = dL_wrt_{s} * {source}",
                    f"{name} = {number(d[f'dL_wrt_{s}'])} * {number(values[source])} = {v}")
        if step.kind == "bias gradient":
            return f"{name} = dL_wrt_{s} * 1", f"{name} = {number(d[f'dL_wrt_{s}'])} * 1 = {v}"
        if step.kind == "contribution":
            target = name.split("_from_")[1]
            return (f"{name} = dL_wrt_{sum_name(target)} * {step.current}",
                    f"{name} = {number(d[f'dL_wrt_{sum_name(target)}'])} * "
                    f"{number(w[step.current])} = {v}")
        # node error: the errors sent back by the nodes it feeds, summed
        edges = net.outgoing[node]
        if len(edges) > 1:
            parts = self.gradients.contributions(node).parts
            return (f"{name} = " + " + ".join(f"{name}_from_{t}" for _, t in edges),
                    f"{name} = " + " + ".join(number(p[2]) for p in parts) + f" = {v}")
        wn, t = edges[0]
        return (f"{name} = dL_wrt_{sum_name(t)} * {wn}",
                f"{name} = {number(d[f'dL_wrt_{sum_name(t)}'])} * {number(w[wn])} = {v}")

    @property
    def chain(self):
        """explain() of the chosen weight for the current state (an Explanation)."""
        return explain(self.gradients, self.weight)

    @property
    def chain_known(self):
        """True once backward has reached the chosen weight's gradient."""
        return f"dL_wrt_{self.weight}" in self.known

    def stops(self):
        """What the chosen weight goes through, one list per path to an output:
        [['sC', 'C', 'sF', 'f']] for w_A_C (the article's question, answered)."""
        net = self.network
        node = net.ends(self.weight)[1]

        def paths(n):
            here = [sum_name(n), n]
            if n in net.outputs:
                return [here]
            return [here + rest for _, t in net.outgoing[n] for rest in paths(t)]
        return paths(node)

    def fan_out_on_path(self):
        """Contributions (from the library) of every fan-out node the chosen weight's
        error passes through, nearest to the weight first."""
        net = self.network
        node = net.ends(self.weight)[1]
        seen, todo, found = set(), [node], []
        while todo:
            n = todo.pop(0)
            if n in seen:
                continue
            seen.add(n)
            if len(net.outgoing.get(n, ())) > 1:   # outputs feed nothing
                found.append(self.gradients.contributions(n))
            todo += [t for _, t in net.outgoing.get(n, ())]
        return found

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
        return self._commit(replace(self._now, position=len(self._steps)), "Full step")

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
        if name not in self.network.inputs:
            return self._refuse(f"unknown input {name!r}. Inputs: "
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
        if output not in outputs:
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
        """Use activation `name` (sigmoid, tanh, relu, linear) in every layer."""
        if name not in ACTIVATIONS:
            return self._refuse(f"activation {str(name)[:20]!r} is unknown. Allowed: "
                                f"{', '.join(ACTIVATIONS)}. Kept {self.activation}.")
        network = self.network.with_activation(name)
        return self._commit(replace(self._now, network=network, trace=None),
                            f"activation {name}")

    def choose_weight(self, name):
        """Show the chain of weight `name` (w_A_C, ...; b_C for a bias)."""
        if name not in self.network.weights:
            return self._refuse(f"weight {str(name)[:20]!r} is unknown. Allowed: "
                                f"{', '.join(self.network.weights)}. Kept {self.weight}.")
        return self._commit(replace(self._now, weight=name), f"choose {name}")

    def check(self):
        """Recompute everything shown with a fresh forward()/backward() and compare.

        Returns a list of mismatches; empty means consistent.
        """
        trace = forward(self.network, self.inputs)
        gradients = backward(trace, self.correct)
        fresh = {**trace.values, **trace.slopes, **gradients.values, "L": gradients.loss}
        for node, parts in gradients.fan_out.items():
            fresh.update((f"dL_wrt_{node}_from_{t}", v) for t, _, v in parts.parts)
        fresh.update(self.network.weights)
        problems = []
        for name, value in self.known.items():
            if not name.startswith("correct") and fresh.get(name) != value:
                problems.append(f"{name}: shown {value!r}, library {fresh.get(name)!r}")
        return problems

    def __repr__(self):
        return (f"StepperState({self.network!r}, step {self.position}/{len(self._steps)}, "
                f"weight {self.weight})")
