"""The cases check_backprop runs a learner's pass on, and the course's values for each.

    cases = make_cases(network, random.Random())   # the seed sample, then 5 random cases
    case.weights, case.inputs, case.correct          # the dicts handed to the pass (as copies)
    reference(case)                                  # {name: value}, in the order of the pass
    reference(case, "average_fan_out")               # the same by the course's mistaken pass

The order of the pass is the generated code's (course_lib.topics.codegen_lines.value_names):
inputs, then per node sX, X, dX_wrt_sX, then L, then the backward plan from dL_wrt_f back.
The correct answers go by their names (core.names.correct_names): {'correct': 1.0} for one
output, {'correct_f1': .., 'correct_f2': ..} for several.
"""
from dataclasses import dataclass

from ..core.backward import backward
from ..core.build import SEED_SAMPLE
from ..core.forward import forward
from ..core.losses import loss_value
from ..core.names import correct_names, error_name, slope_name, sum_name
from ..topics.codegen import python_expression, statements
from ..topics.codegen_lines import value_names
from ..topics.misconceptions import backward_with
from ..topics.several_outputs import TWO_OUTPUT_CORRECT

#: How many random cases follow the seed sample, and the ranges they are drawn from.
RANDOM_CASES = 5
WEIGHT_RANGE, INPUT_RANGE, CORRECT_RANGE = (-1.5, 1.5), (-1.0, 1.0), (0.0, 1.0)
#: Inputs for a network whose inputs are not SEED_SAMPLE's (I3, I4, ...).
FALLBACK_INPUTS = (1.0, 0.5, -0.5, 0.25, -1.0)


@dataclass(frozen=True)
class Case:
    """One run of the learner's pass: its label, the network with this case's weights,
    the inputs by input name and the correct answers by their correct names."""

    label: str
    network: object
    inputs: dict
    correct: dict

    @property
    def weights(self):
        """{'w_I1_A': .., ..., 'b_C': ..}: every weight and bias of this case."""
        return self.network.weights

    @property
    def answers(self):
        """{output: its correct answer}, as backward() reads them."""
        return {o: self.correct[name] for o, name in correct_names(self.network).items()}


def seed_case(network):
    """The network's own weights with SEED_SAMPLE (I1 = 1.0, I2 = 0.5, correct = 1.0);
    several outputs get TWO_OUTPUT_CORRECT (f1 = 1, f2 = 0), other names fixed values."""
    inputs = {n: SEED_SAMPLE.get(n, FALLBACK_INPUTS[k % len(FALLBACK_INPUTS)])
              for k, n in enumerate(network.inputs)}
    one = len(network.outputs) == 1
    correct = {name: SEED_SAMPLE["correct"] if one else TWO_OUTPUT_CORRECT.get(o, 0.5)
               for o, name in correct_names(network).items()}
    return Case("the seed sample", network, inputs, correct)


def random_case(network, rng, k):
    """Weights and biases in WEIGHT_RANGE, inputs in INPUT_RANGE, answers in CORRECT_RANGE,
    rounded to 4 decimals so that a case can be read and typed in again."""
    def draw(bounds):
        return round(rng.uniform(*bounds), 4)
    weights = {name: draw(WEIGHT_RANGE) for name in network.parameter_names}
    return Case(f"random case {k} of {RANDOM_CASES}", network.with_named(weights),
                {n: draw(INPUT_RANGE) for n in network.inputs},
                {name: draw(CORRECT_RANGE) for name in correct_names(network).values()})


def make_cases(network, rng):
    """The seed case, then RANDOM_CASES cases drawn with `rng` (a random.Random)."""
    return (seed_case(network),
            *(random_case(network, rng, k) for k in range(1, RANDOM_CASES + 1)))


def pass_order(network):
    """Every name a pass may return, in the order of the pass: inputs, correct answers,
    sX, X, dX_wrt_sX for each node, L, then dL_wrt_f ... back to dL_wrt_w_I1_A."""
    names = value_names(network)
    inputs = len(network.inputs)
    return (*names[:inputs], *correct_names(network).values(), *names[inputs:])


def required_names(network):
    """The names every pass must return: dL_wrt_<p> for every weight and bias p."""
    return tuple(error_name(p) for p in network.parameter_names)


def reference(case, order, mistake=None, learning_rate=None):
    """{name: value} for every name of `order` on `case`, by the course's pass, or by its
    pass with `mistake` (a key of ALL_MISCONCEPTIONS; L is the naive one for naive_loss)."""
    trace = forward(case.network, case.inputs)
    if mistake is None:
        d = backward(trace, case.answers).values
    else:
        d = backward_with(trace, case.answers, learning_rate=learning_rate,
                          **{mistake: True}).values
    kind = "naive" if mistake == "naive_loss" else "squared"
    known = {**trace.values, **trace.slopes, **case.correct, **d,
             "L": loss_value(trace.forecast, case.answers, kind)}
    return {name: known[name] for name in order}


def owners(network):
    """{name: the node or weight it belongs to in the diagram}: sA, A, dA_wrt_sA, dL_wrt_A,
    dL_wrt_sA -> A; w_A_C, dL_wrt_w_A_C -> w_A_C; b_C, dL_wrt_b_C -> C; a correct answer ->
    its output."""
    found = {}
    for node in network.nodes:
        for name in (sum_name(node), node, slope_name(node), error_name(node),
                     error_name(sum_name(node))):
            found[name] = node
    for p in network.parameter_names:
        source, target = network.ends(p)
        found[p] = found[error_name(p)] = p if source is not None else target
    found.update((name, o) for o, name in correct_names(network).items())
    return found


def highlight_of(network, name):
    """The nodes and weights to highlight for `name` (L: every output)."""
    if name == "L":
        return tuple(network.outputs)
    where = owners(network).get(name)
    return () if where is None else (where,)


def right_line(network, name):
    """The course's line for `name`, as the generated Python writes it
    ('dL_wrt_C = dL_wrt_sF * w_C_f'), or '' for an input or a correct answer."""
    for line in statements(network):
        if line.name == name:
            return f"{name} = {python_expression(line)}"
    return ""
