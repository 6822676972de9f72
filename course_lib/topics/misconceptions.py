"""The classic backpropagation mistakes, each ONE move of the one backward walk changed.

Each mistake is a rule (course_lib.topics.mistaken_rules) with one local move of the
correct pass replaced by its "# MISTAKE" line, for one sample and for a batch:

    average_fan_out     dL_wrt_A = (dL_wrt_sC*w_A_C + dL_wrt_sD*w_A_D) / 2   (the article's caution:
                        the errors a node receives must be SUMMED, not averaged)
    stale_weights       update w_C_f first, then send the error back with the NEW w_C_f
                        (needs the learning_rate of the step)
    no_activation_slope dL_wrt_sC = dL_wrt_C * 1       (dC_wrt_sC forgotten)
    naive_loss          L = correct - f, so dL_wrt_f = -1 whatever f is
    drop_factor_2       dL_wrt_f = (f - correct)      (the 2 of 2*(f - correct) is gone)

Those five are the lab's (MISCONCEPTIONS, notebook 11). ALL_MISCONCEPTIONS adds the ones
check_backprop (course_lib.exercises.own_pass) also recognises, on one sample only unless
said: flipped_sign dL_wrt_f = 2*(correct - f) (a batch form too); slope_from_sum
dC_wrt_sC = sC*(1 - sC); sum_for_activation dL_wrt_w_A_C = dL_wrt_sC * sA;
weight_for_node_value dL_wrt_w_A_C = dL_wrt_sC * w_A_C; node_value_for_weight
dL_wrt_A = dL_wrt_sC*A + dL_wrt_sD*A; missing_bias_gradient dL_wrt_b_C = 0.

    g = backward_with(forward(net, [1.0, 0.5]), 1.0, average_fan_out=True)
    gradient_check(net, [1.0, 0.5], 1.0, gradients=g.weights).passed()   # False: caught

Everything here is plain Python (no numpy), so notebook 06 runs in a browser Python too.
train_with() runs full-batch gradient descent with the same rules, and always records the
TRUE loss (the mean of (correct - f)**2), so every curve is comparable: it and the other batch
names (compare_training, true_loss, epochs_to_reach, MistakeRun) live in
course_lib.topics.misconception_training, which needs numpy, and still import from here.
"""
from dataclasses import dataclass
from importlib import import_module
from types import MappingProxyType

from ..core.backward import check_trace, parameter_gradients, walk_backward
from ..core.descent import update
from ..core.errors import (CourseInputError, check_flag, check_name, learning_rate_value,
                           positive_number)
from ..core.forward import forward
from ..core.gradcheck import gradient_check
from ..core.plan import plan_of
from ..core.sample import read_correct
from .mistaken_rules import RULES_BY_MISTAKE, mistaken_rule

#: Every mistake the course knows by name: a one-line description and the switch it turns on.
ALL_MISCONCEPTIONS = {
    "average_fan_out": "averaging the errors a node receives at a fan-out instead of summing them",
    "stale_weights": "sending the error back through weights already updated in the same step",
    "no_activation_slope": "forgetting the activation derivative dX_wrt_sX",
    "naive_loss": "using L = correct - forecast, whose slope dL_wrt_f is always -1",
    "drop_factor_2": "dropping the factor 2 of dL_wrt_f = 2*(f - correct)",
    "flipped_sign": "flipping the sign of the loss's slope: dL_wrt_f = 2*(correct - f)",
    "slope_from_sum": "taking the activation's slope from the sum sX instead of the node "
                      "value X (sX*(1 - sX) for the sigmoid)",
    "sum_for_activation": "using the sum sX where the node value X belongs: "
                          "dL_wrt_w_X_Y = dL_wrt_sY * sX",
    "weight_for_node_value": "using the weight where the node value belongs: "
                             "dL_wrt_w_X_Y = dL_wrt_sY * w_X_Y",
    "node_value_for_weight": "using the node value where the weight belongs when sending the "
                             "error back: dL_wrt_X = sum of dL_wrt_sY * X",
    "missing_bias_gradient": "leaving out the bias gradient: dL_wrt_b_Y = dL_wrt_sY, not 0",
}

#: The misconception lab's mistakes (notebook 11, compare_training's default): the first five.
LAB_MISTAKES = ("average_fan_out", "stale_weights", "no_activation_slope", "naive_loss",
                "drop_factor_2")

#: The lab's table: each of LAB_MISTAKES with its description.
MISCONCEPTIONS = {name: ALL_MISCONCEPTIONS[name] for name in LAB_MISTAKES}


def switches(mistake=None):
    """The keyword switches for one misconception by name ({} for None: the correct pass)."""
    if mistake is None or mistake == "correct":
        return {}
    return {check_name("misconception", mistake, ALL_MISCONCEPTIONS): True}


@dataclass(frozen=True)
class MistakenGradients:
    """What a (possibly mistaken) backward pass of one sample produced.

    - values: every derivative by its article name (dL_wrt_f, dL_wrt_sF, ..., dL_wrt_w_I1_A).
    - weights: {'w_C_f': .., ...}, the gradient the pass would step along (update() accepts it).
    - network_after: with stale_weights, the network after the step it took while going back.
    - mistakes: the switches that were on.
    """

    values: MappingProxyType
    weights: MappingProxyType
    network_after: object
    mistakes: tuple

    def __getitem__(self, name):
        return self.values[name] if name in self.values else self.weights[name]


def backward_with(trace, correct, *, learning_rate=None, **switches):
    """course_lib.backward for one sample, with each mistake of ALL_MISCONCEPTIONS as a
    switch: backward_with(trace, 1.0, average_fan_out=True).

    With every switch off it computes exactly what backward() computes.
    stale_weights needs the learning_rate: the weights into each layer are updated
    (w = w - learning_rate * dL_wrt_w) BEFORE the error is sent further back through them.
    """
    network = check_trace(trace, "backward_with").network
    correct = read_correct(network, correct)
    for name, flag in switches.items():
        check_flag(check_name("misconception", name, ALL_MISCONCEPTIONS), flag)
    on = tuple(name for name in RULES_BY_MISTAKE if switches.get(name))
    stale_weights = "stale_weights" in on
    lr = learning_rate_value(learning_rate) if stale_weights or learning_rate is not None \
        else None
    plan = plan_of(network)
    d = walk_backward(plan, trace.values, trace.slopes, network.weights, correct, "squared",
                      mistaken_rule(on, lr, network))
    grads = parameter_gradients(plan, d)
    # The stale walk moved every weight once by its own gradient (biases too, unused going back).
    after = update(network, grads, lr) if stale_weights else None
    return MistakenGradients(MappingProxyType(d), MappingProxyType(grads), after, on)


# --- the fan-out rule (notebook 06) -------------------------------------------------------

#: How backward_with_rule combines the errors a node receives.
RULES = ("sum", "average")


def backward_with_rule(trace, correct, rule="sum"):
    """The squared-loss backward pass of `trace`, combining the errors at a fan-out by `rule`:

        rule="sum"      dL_wrt_X = sum(dL_wrt_sY * w_X_Y)                 (right)
        rule="average"  dL_wrt_X = sum(dL_wrt_sY * w_X_Y) / (how many Y)  (wrong)

    Returns what backward_with returns: .values (every dL_wrt_<name>) and .weights.
    """
    if rule not in RULES:
        raise CourseInputError(f"rule must be one of {RULES}, got {rule!r}.")
    return backward_with(trace, correct, average_fan_out=(rule == "average"))


@dataclass(frozen=True)
class MistakeVerdict:
    """The gradient check of one mistaken pass against nudges of the TRUE loss."""

    mistake: str
    max_relative_error: float
    worst_weight: str
    tolerance: float

    @property
    def caught(self):
        return self.max_relative_error >= self.tolerance

    def __str__(self):
        outcome = "CAUGHT" if self.caught else "passes"
        return (f"{self.mistake}: gradient check {outcome} "
                f"(max relative error {self.max_relative_error:.3g} at {self.worst_weight})")

    def _repr_pretty_(self, printer, cycle):
        printer.text(str(self))


def mistake_verdict(network, inputs, correct, mistake=None, learning_rate=0.5, tolerance=1e-6):
    """Gradient-check the pass with `mistake` (a MISCONCEPTIONS name, or None) on one sample."""
    on, tolerance = switches(mistake), positive_number("tolerance", tolerance)
    g = backward_with(forward(network, inputs), correct, learning_rate=learning_rate, **on)
    check = gradient_check(network, inputs, correct, gradients=g.weights)
    worst = max(check.rows, key=lambda n: check.rows[n][2])
    return MistakeVerdict(mistake or "correct", check.rows[worst][2], worst, tolerance)


# --- full batch: course_lib.topics.misconception_training (numpy), imported on first use -----

_TRAINING = ("MistakeRun", "train_with", "compare_training", "true_loss", "epochs_to_reach")


def __getattr__(name):
    if name in _TRAINING:
        value = getattr(import_module(".misconception_training", __package__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_TRAINING))
