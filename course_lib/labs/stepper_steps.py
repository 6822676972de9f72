"""The stepper's steps and their code lines, read from the plan (course_lib.core.plan).

    steps_of(plan)              the plan's records in order, as Steps; before the error of a
                                fan-out node, one 'contribution' step per error sent back to
                                it (dL_wrt_A_from_C = dL_wrt_sC * w_A_C), then their sum
    code_of(step)               how the step's number is computed: 'I1*w_I1_A + I2*w_I2_A'
    numbers_of(step, number_of) the same with the numbers filled in
    stops_of(network, weight)   what the weight goes through (listed while paths are few)

Nothing here parses a name: every name is a field of a plan record.
"""
import re
from dataclasses import dataclass, field

from ..core.chains import MAX_LISTED_PATHS
from ..core.explain import number
from ..core.losses import get_loss
from ..core.names import error_name, sum_name
from ..core.plan import plan_of

#: The stepper's loss: the article's squared loss (its row of the LOSSES table).
LOSS = get_loss("squared")


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
    - record: the plan record it shows (a SentBack part for a contribution).
    """

    phase: str
    name: str
    kind: str
    node: str
    current: str
    record: object = field(default=None, compare=False, repr=False)


def steps_of(plan):
    """The stepper's steps for `plan`: forward records, then backward records, in order."""
    steps = [Step(r.phase, r.name, r.kind, r.node, r.node, r) for r in plan.forward]
    for r in plan.backward:
        if r.kind == "node error" and len(r.parts) > 1:
            steps += [Step("backward", p.name, "contribution", r.node, p.weight, p)
                      for p in r.parts]
        current = r.weight if r.kind == "weight gradient" else r.node
        steps.append(Step(r.phase, r.name, r.kind, r.node, current, r))
    return tuple(steps)


def _for_output(expression, f, correct):
    """A loss expression in `f` and `correct` (a LOSSES row) written for one output."""
    return re.sub(r"\b(f|correct)\b", lambda m: f if m.group(1) == "f" else correct, expression)


def loss_code(network):
    """L as code: '(correct - f)**2', or '(correct_f1 - f1)**2 + (correct_f2 - f2)**2'."""
    correct = plan_of(network).correct
    return " + ".join(_for_output(LOSS.python[0], o, correct[o]) for o in network.outputs)


def _written(step, show):
    """The right-hand side of `step` (not an activation) with each name written by show(name);
    a node error's parts are handed to show() as SentBack records."""
    r, kind = step.record, step.kind
    if kind == "sum":
        return " + ".join(f"{show(s.source)}*{show(s.weight)}" for s in r.sources) + (
            f" + {show(r.bias)}" if r.bias else "")
    if kind == "loss slope":
        return _for_output(LOSS.formula, show(r.node), show(r.correct))
    if kind == "sum error":
        return f"{show(r.error)} * {show(r.slope)}"
    if kind == "weight gradient":
        return f"{show(r.sum_error)} * {show(r.source)}"
    if kind == "bias gradient":
        return f"{show(r.sum_error)} * 1"
    if kind == "contribution":
        return f"{show(r.sum_error)} * {show(r.weight)}"
    if len(r.parts) > 1:                     # node error: the errors sent back, SUMMED
        return " + ".join(show(p) for p in r.parts)
    (part,) = r.parts
    return f"{show(part.sum_error)} * {show(part.weight)}"


def code_of(step):
    """The right-hand side of `step` as code, from its record's names."""
    if step.kind == "activation":
        return f"activation_function({step.record.sum})"
    return _written(step, lambda name: getattr(name, "name", name))   # a SentBack by its name


def numbers_of(step, number_of):
    """code_of(step) with every name replaced by its number; number_of(name) gives it."""
    if step.kind == "activation":
        return f"{step.record.activation}({number_of(step.record.sum):.4g})"
    def show(name):   # a SentBack part by the product it sends back
        if hasattr(name, "sum_error"):
            return number(number_of(name.sum_error) * number_of(name.weight))
        return number(number_of(name))
    return _written(step, show)


def code_of_every_name(network, steps):
    """{name: how it is computed} for every number the stepper can show."""
    code = {name: "input" for name in network.inputs}
    code.update((name, "correct answer") for name in plan_of(network).correct.values())
    code.update((name, "weight") for name in network.weights)
    for step in steps:
        code[step.name] = code_of(step)
        if step.kind == "activation":
            code[step.record.slope] = f'activation_function_derivative("{network.incoming[step.node].activation}", {step.node})'
    code["L"] = loss_code(network)
    return code


class Stops(list):
    """What a weight goes through: one list of stops per path to an output,
    [['sC', 'C', 'sF', 'f']] for w_A_C.

    The number of paths multiplies with every fully connected layer, so the paths are
    listed only while there are at most MAX_LISTED_PATHS of them; beyond that the list
    is empty and `layers` says where they go. Always:
    - path_count: how many paths lead from the weight's node to the outputs;
    - layers: the nodes on the way, layer by layer, from the weight's node to the outputs;
    - listed: True when the paths are in the list.
    """

    def __init__(self, paths, path_count, layers):
        super().__init__(paths)
        self.path_count, self.layers = path_count, layers

    @property
    def listed(self):
        return len(self) == self.path_count


def target_of(plan, weight):
    """The node `weight` (or bias) feeds: the node of its gradient's record (C for w_A_C)."""
    return plan.step(error_name(weight)).node


def stops_of(network, weight):
    """The Stops of `weight`: polynomial in the network's size, however many paths."""
    plan = plan_of(network)
    target = target_of(plan, weight)
    count = plan.path_counts[target]
    first = next(l for l, layer in enumerate(plan.layers) if target in layer)
    layers = ((target,),) + plan.layers[first + 1:]

    def paths(node):
        here = [sum_name(node), node]
        if node in network.outputs:
            return [here]
        return [here + rest for edge in network.outgoing[node] for rest in paths(edge.target)]
    return Stops(paths(target) if count <= MAX_LISTED_PATHS else [], count, layers)
