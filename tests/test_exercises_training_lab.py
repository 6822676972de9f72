"""Checks of notebook 09 (training lab): a bias's gradient, the smallest layer, a learning
rate far too large.

The bias's right answer is seed_by_hand's dL_wrt_sC (every bias of "seed + biases" is 0, so
the pass is the seed network's); the gradient sizes and the two moons runs are measured here
with the batch pass and course_lib.train, a route of their own.
"""
import numpy as np
import pytest

from course_lib import backward_batch, forward_batch, moons, train
from course_lib.exercises import (LOSS_OUTCOMES, check_dL_wrt_b_C, check_large_learning_rate,
                                  check_smallest_layer)
from course_lib.topics.training_presets import DEEP_SIZES, deep_network, lab_network

from seed_by_hand import A, B, C, dC_wrt_sC, dL_wrt_C, dL_wrt_sC


def first_epoch_sizes():
    """Mean |dL/dw| per layer of weights, front first: one batch pass on the moons."""
    X, Y = moons(200, seed=0)
    grads = backward_batch(forward_batch(deep_network(DEEP_SIZES, "sigmoid", seed=145), X), Y)
    return np.array([np.abs(m).mean() for m in grads.matrices])


SIZES = first_epoch_sizes()
SMALLEST = int(np.argmin(SIZES))

RIGHT = {check_dL_wrt_b_C: dL_wrt_sC, check_smallest_layer: SMALLEST,
         check_large_learning_rate: "stuck"}

MISTAKES = [
    (check_dL_wrt_b_C, dL_wrt_sC * C, "multiplied by the node value C"),
    (check_dL_wrt_b_C, dL_wrt_C, "you used dL_wrt_C"),
    (check_dL_wrt_b_C, 0.0, "multiplied by the bias b_C itself"),
    (check_dL_wrt_b_C, 0.0, "left the bias out"),
    (check_dL_wrt_b_C, dL_wrt_sC * A, "you computed dL_wrt_w_A_C"),
    (check_dL_wrt_b_C, dL_wrt_sC * B, "you computed dL_wrt_w_B_C"),
    (check_dL_wrt_b_C, -dL_wrt_sC, "sign is flipped"),
    (check_dL_wrt_b_C, dL_wrt_sC / 2, "textbook loss ½"),
    (check_dL_wrt_b_C, dL_wrt_sC * dC_wrt_sC, "slope dC_wrt_sC twice"),
    (check_dL_wrt_b_C, 1.0, "dsC_wrt_b_C = 1 alone"),
    (check_smallest_layer, len(SIZES) - 1, "the largest"),
    (check_smallest_layer, 2, "times column 0's"),
    (check_large_learning_rate, "faster", "the hope that a bigger step"),
    (check_large_learning_rate, "slower", "still goes downhill"),
    (check_large_learning_rate, "bounces", "zig-zag"),
]


def test_the_study_shrinks_toward_the_front():
    assert SMALLEST == 0 and (np.diff(SIZES) > 0).all()
    assert check_smallest_layer(0).correct and check_smallest_layer(0.0).correct


def test_a_learning_rate_of_100_freezes_the_moons():
    X, Y = moons(200, seed=0)
    large = train(lab_network("wider 2-8-8-1", "tanh"), X, Y, 100.0, 1000).losses
    small = train(lab_network("wider 2-8-8-1", "tanh"), X, Y, 1.0, 1000).losses
    assert large[10:].min() >= large[0] > small[-1]          # up at once, and up it stays
    assert np.ptp(large[500:]) < 1e-6


@pytest.mark.parametrize("junk", [-1, 5, 1.5, "front", None])
def test_smallest_layer_wants_a_column_number(junk):
    assert check_smallest_layer(junk).status == "invalid"


@pytest.mark.parametrize("junk", ["fast", "STUCK", 3, None])
def test_large_learning_rate_wants_one_of_the_outcomes(junk):
    verdict = check_large_learning_rate(junk)
    assert verdict.status == "invalid" and all(key in verdict.message for key in LOSS_OUTCOMES)


def test_every_outcome_but_the_right_one_is_named():
    for outcome in LOSS_OUTCOMES:
        verdict = check_large_learning_rate(outcome)
        assert verdict.status == ("correct" if outcome == "stuck" else "mistake")
        assert "epoch 1000" in verdict.message                    # the runs' own numbers


def test_a_middle_column_is_told_how_many_times_larger_it_is():
    middle = 2                                    # neither the smallest nor the largest
    assert middle not in (SMALLEST, int(np.argmax(SIZES)))
    ratio = f"{SIZES[middle] / SIZES[SMALLEST]:.3g} times column {SMALLEST}'s {SIZES[SMALLEST]:.2g}"
    assert ratio in check_smallest_layer(middle).message
