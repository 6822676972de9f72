"""What a weight goes through: its chain of local derivatives, path by path.

    dL_wrt_w_A_C = dL_wrt_f * df_wrt_sF * dsF_wrt_C * dC_wrt_sC * dsC_wrt_w_A_C

A weight behind a fan-out has one such product per path to an output, and its gradient
is their sum. The number of paths doubles with each fully connected layer, so paths are
listed only while they are few (MAX_LISTED_PATHS); the gradient itself never needs them:
dL_wrt_w_X_Y = dL_wrt_sY * X, with the error already sent back to sY.
"""
import math
from dataclasses import dataclass

from .errors import check_name, whole_number
from .names import error_name, link_name, slope_name, sum_name
from .plan import plan_of

#: Chains with more paths than this are counted, not listed.
MAX_LISTED_PATHS = 16


@dataclass(frozen=True)
class Factor:
    """One local derivative in a chain: its article name, its value, and how explain() writes it."""

    name: str
    value: float
    symbol: str


@dataclass(frozen=True)
class Chain:
    """What a weight goes through.

    path_count: how many paths lead from the weight to the outputs. paths[k] (listed when
    path_count <= MAX_LISTED_PATHS, else empty) is ordered like the article: dL_wrt_f,
    df_wrt_sF, dsF_wrt_C, ..., dsC_wrt_w_A_C; contributions[k] is its product.
    value is the gradient, dL_wrt_<weight>.
    """

    weight: str
    paths: tuple
    contributions: tuple
    value: float
    path_count: int

    @property
    def listed(self):
        return self.path_count == len(self.paths)


@dataclass(frozen=True)
class Contributions:
    """The errors a node receives from the nodes it feeds, and their sum dL_wrt_<node>."""

    node: str
    parts: tuple  # ((target node, 'dL_wrt_sC * w_A_C', value), ...)
    total: float


def _paths_to_outputs(gradients, node):
    """Factor lists from `node` forward to each output, nearest factor first."""
    network, slopes = gradients.network, gradients.trace.slopes
    slope = Factor(slope_name(node), slopes[slope_name(node)], slope_name(node))
    if node in network.outputs:
        top = Factor(error_name(node), gradients.values[error_name(node)], error_name(node))
        return [[slope, top]]
    paths = []
    for weight, target in network.outgoing[node]:
        link = Factor(link_name(target, node), network.weights[weight], link_name(target, node))
        paths += [[slope, link] + rest for rest in _paths_to_outputs(gradients, target)]
    return paths


def chain(gradients, weight, max_paths=MAX_LISTED_PATHS):
    """The Chain of `weight` (a weight or bias name) from a Gradients; its paths are listed
    when there are at most `max_paths` of them."""
    network = gradients.network
    max_paths = whole_number("max_paths", max_paths, 0)
    source, target = network.ends(weight)
    first = Factor(link_name(target, weight), 1.0 if source is None
                   else gradients.trace.values[source], "1" if source is None else source)
    count = plan_of(network).path_counts[target]
    paths = ()
    if count <= max_paths:
        paths = tuple(tuple(reversed(p)) + (first,) for p in _paths_to_outputs(gradients, target))
    contributions = tuple(math.prod(f.value for f in p) for p in paths)
    return Chain(weight, paths, contributions, gradients.weights[weight], count)


def contributions(gradients, node):
    """The errors sent back to `node` by each node it feeds, and their sum."""
    network = gradients.network
    check_name("hidden node", node, network.hidden)
    step = plan_of(network).step(error_name(node))
    parts = tuple((p.target, f"{p.sum_error} * {p.weight}",
                   gradients.values[p.sum_error] * network.weights[p.weight])
                  for p in step.parts)
    return Contributions(node, parts, gradients.values[error_name(node)])


def sum_error_of(weight_target):
    """The name of the error at the sum a weight feeds: dL_wrt_sC for a weight into C."""
    return error_name(sum_name(weight_target))
