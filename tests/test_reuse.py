"""course_lib.topics.reuse: multiplication counts, checked against explain()'s chains and by hand."""
import pytest

from course_lib import backward, forward, make_network, seed_network
from course_lib.topics.reuse import multiplications


def from_chains(network):
    """Without reuse, counted from the chains backward() writes out: k factors, k - 1 products."""
    inputs = [0.3] * len(network.inputs)
    grads = backward(forward(network, inputs), [0.5] * len(network.outputs))
    return sum(len(path) - 1 for w in network.weights for path in grads.chain(w).paths)


def test_seed_network_by_hand():
    count = multiplications(seed_network())
    # w_C_f, w_D_f: 3 factors; w_A_C..w_B_D: 5 factors; w_I1_A..w_I2_B: two paths of 7 factors
    assert count.without_reuse == 2 * 2 + 4 * 4 + 4 * (6 + 6) == 68
    # nodes: A, B feed 2 (+1 slope), C, D feed 1 (+1), f: slope only; then 1 per weight (10)
    assert count.with_reuse == (3 + 3 + 2 + 2 + 1) + 10 == 21
    assert count.saved == 47


@pytest.mark.parametrize("sizes", [(2, 1), (2, 2, 1), (2, 2, 2, 1), (2, 3, 2, 1), (3, 2, 2, 2, 2),
                                   (2, 2, 2, 2, 2, 2, 1)])
def test_without_reuse_matches_the_chains(sizes):
    network = make_network(sizes)
    assert multiplications(network).without_reuse == from_chains(network)


@pytest.mark.parametrize("depth", range(1, 8))
def test_with_reuse_grows_linearly_and_without_exponentially(depth):
    network = make_network((2,) + (2,) * depth + (1,))
    count = multiplications(network)
    weights = 4 * depth + 2
    nodes = 2 * depth + 1
    fan_outs = 4 * (depth - 1) + 2            # every weight not in the first layer
    assert count.with_reuse == weights + nodes + fan_outs
    deeper = multiplications(make_network((2,) + (2,) * (depth + 1) + (1,)))
    assert deeper.with_reuse - count.with_reuse == 10
    assert deeper.without_reuse > 2 * count.without_reuse
