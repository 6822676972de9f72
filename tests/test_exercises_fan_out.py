"""Checks of notebook 06: dL_wrt_A (errors SUMMED at a fan-out) and dL_wrt_w_I2_B."""
import random

import pytest
from hypothesis import given, strategies as st
from answer_edges import assert_the_tolerance_edge, assert_the_network_and_sample_can_be_given

from course_lib.exercises.fan_out import check_dL_wrt_A, check_dL_wrt_w_I2_B

# The seed sample: the hand computation of seed_by_hand; the right answers are written out below.
from seed_by_hand import (A, B, I1, I2, dL_wrt_B, dL_wrt_C, dL_wrt_D, dL_wrt_sB, dL_wrt_sC,
                          dL_wrt_sD, sB, w_A_C, w_A_D, w_B_C, w_I2_B)

from_C, from_D = dL_wrt_sC * w_A_C, dL_wrt_sD * w_A_D      # what C and D send back to A
dL_wrt_A = from_C + from_D
dL_wrt_w_I2_B = dL_wrt_sB * I2

RIGHT = {check_dL_wrt_A: dL_wrt_A, check_dL_wrt_w_I2_B: dL_wrt_w_I2_B}


def clearly_off(answer, right):
    """Off by more than the course's tolerance (0.1 % of the larger, or 1e-6), plus 1 %:
    written here, so that a looser check in the library cannot loosen this test too."""
    return abs(answer - right) > 1.01 * max(1e-3 * max(abs(answer), abs(right)), 1e-6)

MISTAKES = [
    (check_dL_wrt_A, dL_wrt_A * A * (1 - A), "one step too far: that is dL_wrt_sA"),
    (check_dL_wrt_w_I2_B, dL_wrt_sB * B * (1 - B) * I2, "slope dB_wrt_sB twice"),
    (check_dL_wrt_w_I2_B, dL_wrt_B * sB * (1 - sB) * I2, "slope dB_wrt_sB from the sum sB"),
    (check_dL_wrt_w_I2_B, dL_wrt_sB, "stopped at dL_wrt_sB"),
    (check_dL_wrt_A, (dL_wrt_sC + dL_wrt_sD) * A, "node value A where the weights"),
    (check_dL_wrt_A, from_C * from_D, "multiplied the incoming errors"),
    (check_dL_wrt_A, dL_wrt_B, "weights out of B"),
    (check_dL_wrt_A, dL_wrt_sC * w_B_C + from_D, "used w_B_C, the weight out of B"),
    (check_dL_wrt_A, (dL_wrt_sC + dL_wrt_sD) * (w_A_C + w_A_D), "each error goes with its own"),
    (check_dL_wrt_w_I2_B, dL_wrt_sB * I2 * w_I2_B, "both I2 and w_I2_B"),
]


def test_dL_wrt_A_right_answer():
    assert check_dL_wrt_A(dL_wrt_A).correct


@pytest.mark.parametrize("mistaken, words", [
    ((from_C + from_D) / 2, "averaged"),
    (from_C, "only the error from C"),
    (from_D, "only the error from D"),
    (-dL_wrt_A, "sign is flipped"),
    (dL_wrt_C * w_A_C + dL_wrt_D * w_A_D, "dL_wrt_C and dL_wrt_D"),
])
def test_dL_wrt_A_mistakes(mistaken, words):
    verdict = check_dL_wrt_A(mistaken)
    assert verdict.status == "mistake" and words in verdict.message, verdict.message


def test_dL_wrt_w_I2_B_right_answer():
    assert check_dL_wrt_w_I2_B(dL_wrt_w_I2_B).correct


@pytest.mark.parametrize("mistaken, words", [
    (dL_wrt_B * I2, "forgot dB_wrt_sB"),
    (dL_wrt_sB * I1, "multiplied by I1"),
    (dL_wrt_B / 2 * B * (1 - B) * I2, "averaged"),
    (-dL_wrt_w_I2_B, "sign is flipped"),
    (dL_wrt_sB * w_I2_B, "the weight w_I2_B"),
    ((dL_wrt_sC * w_A_C + dL_wrt_sD * w_A_D) * A * (1 - A) * I2, "node A's error"),
    (dL_wrt_sB * B, "multiplied by B (what w_B_C and w_B_D are multiplied by)"),
])
def test_dL_wrt_w_I2_B_mistakes(mistaken, words):
    verdict = check_dL_wrt_w_I2_B(mistaken)
    assert verdict.status == "mistake" and words in verdict.message, verdict.message


@given(st.floats(-10, 10, allow_nan=False))
def test_random_wrong_values_are_rejected(value):
    for check, right in ((check_dL_wrt_A, dL_wrt_A), (check_dL_wrt_w_I2_B, dL_wrt_w_I2_B)):
        if clearly_off(value, right):
            assert check(value).status != "correct"


def test_seeded_random_values_are_never_correct():
    rng = random.Random(6)
    for _ in range(200):
        assert not check_dL_wrt_A(dL_wrt_A * rng.uniform(1.01, 40) * rng.choice([-1, 1])).correct


@pytest.mark.parametrize("check", [check_dL_wrt_A, check_dL_wrt_w_I2_B])
def test_not_attempted_and_invalid(check):
    assert check(...).status == "not attempted"
    for junk in ("abc", None, float("nan"), float("inf")):
        assert check(junk).status == "invalid"


@pytest.mark.parametrize("check", list(RIGHT), ids=lambda c: c.__name__)
def test_the_tolerance_edge(check):
    assert_the_tolerance_edge(check, RIGHT[check])


def test_the_network_and_sample_can_be_given():
    assert_the_network_and_sample_can_be_given(RIGHT, {"I1": I1, "I2": I2, "correct": 1.0})
