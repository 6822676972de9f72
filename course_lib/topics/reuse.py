"""What reusing the error sent back saves: multiplications, with and without reuse.

Without reuse, every weight is worked out from scratch as the article first writes it:
a product of local derivatives along each path from the weight to an output,

    dL_wrt_w_A_C = dL_wrt_f * df_wrt_sF * dsF_wrt_C * dC_wrt_sC * A     (5 factors: 4 multiplications)

and behind a fan-out one such product per path. A path of k factors costs k - 1 multiplications.

With reuse (what backward() does), every node X is visited once:

    dL_wrt_X  = sum over Y of dL_wrt_sY * w_X_Y      one multiplication per node X feeds
    dL_wrt_sX = dL_wrt_X * dX_wrt_sX                 one multiplication
    dL_wrt_w_W_X = dL_wrt_sX * W                     one multiplication per weight into X

Additions and the first factor dL_wrt_f = 2*(f - correct) are the same in both ways and are
not counted. Only weights are counted (biases are not).
"""
from dataclasses import dataclass

from ..core.errors import CourseInputError, check_name
from ..core.network import check_network
from ..core.plan import plan_of

#: path_lengths lists at most this many paths (their number doubles with each layer).
MAX_LISTED_PATHS = 100_000


@dataclass(frozen=True)
class MultiplicationCount:
    """Multiplications needed for every weight's gradient, from scratch and with reuse."""

    without_reuse: int
    with_reuse: int

    @property
    def saved(self):
        return self.without_reuse - self.with_reuse


def path_lengths(network, node):
    """Factors on each path from `node`'s sum to an output, not counting the weight's own
    factor: [2] for an output (dL_wrt_f, df_wrt_sF); for a hidden node, 2 more per step."""
    check_name("node", node, check_network(network).incoming)
    count = plan_of(network).path_counts[node]
    if count > MAX_LISTED_PATHS:
        raise CourseInputError(f"{count:.3g} paths lead from {node} to the outputs: too many to "
                               f"list (at most {MAX_LISTED_PATHS}); multiplications() counts "
                               "them without listing.")
    if node in network.outputs:
        return [2]
    return [2 + n for edge in network.outgoing[node] for n in path_lengths(network, edge.target)]


def multiplications(network):
    """Count the multiplications for all weight gradients of `network` (see module docstring)."""
    counts, total = plan_of(check_network(network)).path_counts, {}
    for node in reversed(tuple(network.incoming)):      # from the outputs back
        targets = [edge.target for edge in network.outgoing.get(node, ())]
        total[node] = 2 if not targets else sum(2 * counts[t] + total[t] for t in targets)
    without = sum(len(into.sources) * total[node]        # n + 1 factors: n multiplications
                  for node, into in network.incoming.items())
    per_node = sum(1 + len(network.outgoing.get(node, ())) for node in network.incoming)
    per_weight = sum(len(into.sources) for into in network.incoming.values())
    return MultiplicationCount(without, per_node + per_weight)
