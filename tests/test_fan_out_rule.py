"""backward_with_rule (course_lib.topics.misconceptions): the sum rule is backward();
the average rule is caught by a gradient check."""
import math

import pytest
from hypothesis import given, settings, strategies as st

from course_lib import backward, forward, gradient_check, make_network, seed_network
from course_lib.topics.misconceptions import backward_with_rule

INPUTS, CORRECT = [1.0, 0.5], 1.0


def test_sum_rule_is_backward_on_the_seed():
    trace = forward(seed_network(), INPUTS)
    assert dict(backward_with_rule(trace, CORRECT).values) == dict(backward(trace, CORRECT).values)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from([(2, 3, 1), (2, 2, 2, 2), (3, 2, 2, 1)]),
       st.booleans())
def test_sum_rule_is_backward_on_random_networks(seed, sizes, biases):
    network = make_network(sizes, "tanh", biases=biases, seed=seed)
    trace = forward(network, [0.2 * k - 0.3 for k in range(sizes[0])])
    correct = [0.5] * sizes[-1]
    mine, theirs = backward_with_rule(trace, correct).weights, backward(trace, correct).weights
    assert mine.keys() == theirs.keys()
    assert all(math.isclose(mine[w], theirs[w], rel_tol=1e-12, abs_tol=1e-15) for w in mine)


def test_average_rule_by_hand_and_caught_by_gradient_check():
    trace = forward(seed_network(), INPUTS)
    right = backward(trace, CORRECT)
    wrong = backward_with_rule(trace, CORRECT, rule="average")
    averaged_A = (right["dL_wrt_sC"] * 0.6 + right["dL_wrt_sD"] * -0.8) / 2
    assert math.isclose(wrong.values["dL_wrt_A"], averaged_A, rel_tol=1e-12)
    # only the first layer is behind a fan-out (A and B feed two nodes; C and D feed one)
    for w in ("w_A_C", "w_B_C", "w_A_D", "w_B_D", "w_C_f", "w_D_f"):
        assert wrong.weights[w] == right.weights[w]
    check = gradient_check(seed_network(), INPUTS, CORRECT, gradients=wrong.weights)
    assert check.max_relative_error > 0.4
    assert gradient_check(seed_network(), INPUTS, CORRECT).passed()


def test_unknown_rule():
    with pytest.raises(ValueError, match="rule must be one of"):
        backward_with_rule(forward(seed_network(), INPUTS), CORRECT, rule="median")
