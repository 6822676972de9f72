"""The backward pass: the chain rule, step by step of the plan, from dL/df back.

For every node X (from the outputs back):
    dL_wrt_X  = 2*(f - correct)                          if X is an output f
              = sum over targets Y of dL_wrt_sY * w_X_Y  (errors sent back are SUMMED)
    dL_wrt_sX = dL_wrt_X * dX_wrt_sX                     (the activation's slope, from X)
and for every weight into Y:   dL_wrt_w_X_Y = dL_wrt_sY * X   (dsY_wrt_w_X_Y = X)
and for every bias into Y:     dL_wrt_b_Y   = dL_wrt_sY * 1

`walk_backward` is the one walk; a ChainRule holds its local moves, and each classic
mistake (course_lib.topics.misconceptions) is a ChainRule with one move changed.
"""
import math
from dataclasses import dataclass
from types import MappingProxyType

from .chains import MAX_LISTED_PATHS, chain, contributions
from .errors import CourseInputError, check_finite_result, check_name
from .forward import Trace
from .losses import get_loss, total_loss
from .plan import plan_of
from .sample import read_correct


class ChainRule:
    """The local moves of the backward pass, as the article makes them."""

    #: True when a move reads or changes the weights while going back (see stale weights).
    changes_weights = False

    def output_error(self, f, correct, loss):
        """dL_wrt_f: the slope of the loss at the forecast."""
        return loss.slope(f, correct)

    def node_error(self, errors):
        """dL_wrt_X from the errors sent back by the nodes X feeds: their SUM."""
        return sum(errors)

    def slope(self, step, values, slopes):
        """dX_wrt_sX for SumError `step`: the activation's slope, taken from X."""
        return slopes[step.slope]

    def weight_factor(self, step, values, weights):
        """dsY_wrt_w_X_Y for WeightGradient `step`: the node value X."""
        return values[step.source]

    def sent_back(self, step, part, values, weights):
        """dsY_wrt_X for SentBack `part` of NodeError `step`: the weight w_X_Y."""
        return weights[part.weight]

    def bias_gradient(self, sum_error):
        """dL_wrt_b_Y = dL_wrt_sY * 1."""
        return sum_error

    def weight_used(self, step, gradient, weights):
        """Called after each weight gradient; the correct pass leaves the weights alone."""


CHAIN_RULE = ChainRule()


def walk_backward(plan, values, slopes, weights, correct, loss="squared", rule=CHAIN_RULE):
    """Every derivative of one sample by name, in the plan's order: {'dL_wrt_f': .., ...}.

    values/slopes: from the Trace; weights: {name: value} (copied if `rule` changes it);
    correct: {output: right answer}.
    """
    loss = get_loss(loss)
    weight_factor, slope, node_error = rule.weight_factor, rule.slope, rule.node_error
    sent_back = rule.sent_back
    weight_used = rule.weight_used if rule.changes_weights else None
    if weight_used:
        weights = dict(weights)
    d = {}
    for step in plan.backward:
        kind = step.kind
        if kind == "weight gradient":                   # dL_wrt_w_X_Y = dL_wrt_sY * X
            d[step.name] = d[step.sum_error] * weight_factor(step, values, weights)
            if weight_used:
                weight_used(step, d[step.name], weights)
        elif kind == "sum error":                       # dL_wrt_sX = dL_wrt_X * dX_wrt_sX
            d[step.name] = d[step.error] * slope(step, values, slopes)
        elif kind == "node error":                      # dL_wrt_X = SUM of dL_wrt_sY * w_X_Y
            d[step.name] = node_error([d[p.sum_error] * sent_back(step, p, values, weights)
                                       for p in step.parts])
        elif kind == "loss slope":                      # dL_wrt_f = 2*(f - correct)
            d[step.name] = rule.output_error(values[step.node], correct[step.node], loss)
        else:                                           # dL_wrt_b_Y = dL_wrt_sY
            d[step.name] = rule.bias_gradient(d[step.sum_error])
    return d


def parameter_gradients(plan, derivatives):
    """{'w_C_f': dL_wrt_w_C_f, ..., 'b_C': dL_wrt_b_C} from walk_backward's derivatives."""
    return {parameter: derivatives[name] for parameter, name in plan.parameters}


@dataclass(frozen=True)
class Gradients:
    """What the backward pass found for one sample.

    - loss: L for this sample.
    - values: every derivative by its article name, in the order computed:
      dL_wrt_f, dL_wrt_sF, dL_wrt_w_C_f, ..., dL_wrt_C, dL_wrt_sC, dL_wrt_w_A_C, ...
    - weights: {'w_C_f': dL/dw_C_f, ...} for every weight and bias (for the update).
    """

    trace: object
    correct: MappingProxyType
    loss_kind: str
    loss: float
    values: MappingProxyType
    weights: MappingProxyType

    @property
    def network(self):
        return self.trace.network

    def __getitem__(self, name):
        if isinstance(name, str) and name in self.values:
            return self.values[name]
        if isinstance(name, str) and name in self.weights:
            return self.weights[name]
        return self.values[check_name("derivative", name, self.values)]

    def chain(self, weight, max_paths=MAX_LISTED_PATHS):
        """The Chain of `weight`: the article's "what is this weight going through"
        (its paths listed when there are at most `max_paths`)."""
        return chain(self, weight, max_paths)

    def contributions(self, node):
        """The errors sent back to `node` by each node it feeds, and their sum."""
        return contributions(self, node)

    @property
    def fan_out(self):
        """Contributions for every node that sends its value to more than one node."""
        return {n: self.contributions(n) for n in self.network.hidden
                if len(self.network.outgoing[n]) > 1}

    def explain(self, weight):
        """The chain of `weight` as code lines; see course_lib.core.explain."""
        from .explain import explain   # explain reads Gradients: imported when first used
        return explain(self, weight)


def backward(trace, correct, loss="squared", rule=CHAIN_RULE):
    """Send the error back through the network that produced `trace`.

    Inputs: trace from forward(); correct: the right answer(s) (a number for one
    output, or a list / dict by output name); loss: 'squared' (the article's) or 'naive'.
    Returns Gradients.
    """
    if type(trace) is not Trace:
        check_trace(trace, "backward")
    network = trace.network
    correct = read_correct(network, correct)
    row = get_loss(loss)
    loss = row.name
    plan = plan_of(network)
    d = walk_backward(plan, trace.values, trace.slopes, network.weights, correct, loss, rule)
    if not all(map(math.isfinite, d.values())):
        name = next(n for n, v in d.items() if not math.isfinite(v))
        check_finite_result(name, d[name])
    L = total_loss(row, trace.forecast, correct)
    return Gradients(trace, MappingProxyType(correct), loss, L,
                     MappingProxyType(d), MappingProxyType(parameter_gradients(plan, d)))


def check_trace(trace, who):
    """`trace` if it is what forward() returned, else a CourseInputError naming what was given."""
    if not isinstance(trace, Trace):
        batch = " (for a batch, use backward_batch)" if hasattr(trace, "sums") else ""
        raise CourseInputError(f"{who} needs the Trace that forward(network, inputs) returned, "
                               f"got {type(trace).__name__}{batch}.")
    return trace
