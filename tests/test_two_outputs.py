"""course_lib.topics.several_outputs: one output's network, and the gradient as a sum over outputs."""
import math

from course_lib import backward, forward, loss_of, nudge, seed_network, two_output_network
from course_lib.topics.several_outputs import TWO_OUTPUT_CORRECT, keep_output, per_output_gradients

INPUTS = [1.0, 0.5]


def test_keep_output_sees_one_term_of_the_loss():
    net = two_output_network()
    trace = forward(net, INPUTS)
    for k in ("f1", "f2"):
        alone = keep_output(net, k)
        assert alone.outputs == (k,)
        assert forward(alone, INPUTS)[k] == trace[k]
        expected = (TWO_OUTPUT_CORRECT[k] - trace[k]) ** 2
        assert math.isclose(loss_of(alone, INPUTS, TWO_OUTPUT_CORRECT[k]), expected, rel_tol=1e-12)


def test_f1_alone_is_the_seed_network():
    alone = keep_output(two_output_network(), "f1")
    seed = forward(seed_network(), INPUTS)
    assert forward(alone, INPUTS)["f1"] == seed["f"]


def test_per_output_gradients_add_up_to_the_gradient():
    net = two_output_network()
    parts = per_output_gradients(net, INPUTS, TWO_OUTPUT_CORRECT)
    total = backward(forward(net, INPUTS), TWO_OUTPUT_CORRECT).weights
    for w in net.weights:
        assert math.isclose(parts["f1"][w] + parts["f2"][w], total[w], rel_tol=1e-12, abs_tol=1e-16)
    assert parts["f1"]["w_C_f2"] == 0.0 and parts["f2"]["w_D_f1"] == 0.0


def test_per_output_gradients_match_nudges_of_each_term():
    net = two_output_network()
    parts = per_output_gradients(net, INPUTS, TWO_OUTPUT_CORRECT)
    for k in ("f1", "f2"):
        alone = keep_output(net, k)
        for w in alone.weights:
            slope = nudge(alone, INPUTS, TWO_OUTPUT_CORRECT[k], w).slope
            assert math.isclose(parts[k][w], slope, rel_tol=1e-6, abs_tol=1e-10)
