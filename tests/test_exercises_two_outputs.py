"""Checks of notebook 08: dL_wrt_f2 and dL_wrt_C when C feeds two outputs.

Notebook 08's sample gives f2 its own weights (TWO_OUTPUT_WEIGHTS: w_C_f2 = -0.4,
w_D_f2 = -1.2), so that f2 is far from f1 and "f1 used for f2" can be told apart from the
right answer. The forward pass up to C and D is seed_by_hand's; the rest is written out here.
"""
import math
import random

import pytest
from hypothesis import given, strategies as st
from answer_edges import assert_the_tolerance_edge

from course_lib.exercises.two_outputs import check_dL_wrt_C_two_outputs, check_dL_wrt_f2
from course_lib.topics.several_outputs import TWO_OUTPUT_WEIGHTS

from seed_by_hand import C, D, correct1, correct2, f1, sigmoid, w_C_f1

w_C_f2, w_D_f2 = -0.4, -1.2                     # as documented in TWO_OUTPUT_WEIGHTS
f2 = sigmoid(C * w_C_f2 + D * w_D_f2)           # 0.5220*(-0.4) + 0.4889*(-1.2) = -0.7955: 0.311
dL_wrt_f1, dL_wrt_f2 = 2 * (f1 - correct1), 2 * (f2 - correct2)
dL_wrt_sF1, dL_wrt_sF2 = dL_wrt_f1 * f1 * (1 - f1), dL_wrt_f2 * f2 * (1 - f2)
from_f1, from_f2 = dL_wrt_sF1 * w_C_f1, dL_wrt_sF2 * w_C_f2
dL_wrt_C = from_f1 + from_f2

RIGHT = {check_dL_wrt_f2: dL_wrt_f2, check_dL_wrt_C_two_outputs: dL_wrt_C}


def clearly_off(answer, right):
    """Off by more than the course's tolerance (0.1 % of the larger, or 1e-6), plus 1 %:
    written here, so that a looser check in the library cannot loosen this test too."""
    return abs(answer - right) > 1.01 * max(1e-3 * max(abs(answer), abs(right)), 1e-6)

MISTAKES = [
    (check_dL_wrt_f2, 2 * (correct2 - f2), "sign is flipped"),
    (check_dL_wrt_f2, f2 - correct2, "dropped the factor 2"),
    (check_dL_wrt_f2, f2 - correct2, "textbook loss ½"),
    (check_dL_wrt_f2, 2 * (f2 - correct1), "used correct1"),
    (check_dL_wrt_f2, 2 * (f1 - correct2), "used f1 with correct2"),
    (check_dL_wrt_f2, dL_wrt_f1, "f1's error"),
    (check_dL_wrt_f2, dL_wrt_f1 + dL_wrt_f2, "added both"),
    (check_dL_wrt_f2, dL_wrt_sF2, "one step too far"),
    (check_dL_wrt_f2, (correct2 - f2) ** 2, "f2's loss"),
    (check_dL_wrt_C_two_outputs, from_f1, "only the error from f1"),
    (check_dL_wrt_C_two_outputs, from_f2, "only the error from f2"),
    (check_dL_wrt_C_two_outputs, (from_f1 + from_f2) / 2, "averaged"),
    (check_dL_wrt_C_two_outputs, -dL_wrt_C, "sign is flipped"),
    (check_dL_wrt_C_two_outputs, dL_wrt_f1 * w_C_f1 + dL_wrt_f2 * w_C_f2,
     "dL_wrt_f1 and dL_wrt_f2"),
    (check_dL_wrt_C_two_outputs, dL_wrt_f1 * w_C_f1 + dL_wrt_f2 * w_C_f2,
     "so use dL_wrt_sF1 and dL_wrt_sF2"),
    (check_dL_wrt_C_two_outputs, dL_wrt_C * C * (1 - C), "one step too far"),
    (check_dL_wrt_C_two_outputs, (dL_wrt_sF1 + dL_wrt_sF2) * C, "node value C where"),
    (check_dL_wrt_C_two_outputs, from_f1 + dL_wrt_sF2 * w_D_f2, "used w_D_f2"),
]


def test_the_sample_keeps_f1_and_moves_f2_far_from_it():
    assert TWO_OUTPUT_WEIGHTS == {"w_C_f2": w_C_f2, "w_D_f2": w_D_f2}
    assert abs(f1 - f2) > 0.2                   # far apart: no f1/f2 mix-up passes as right
    assert abs(2 * (f1 - correct2) - dL_wrt_f2) > 0.4       # 1.0670 - 0.6220 = 0.4450 apart


@pytest.mark.parametrize("check, mistaken, words", MISTAKES)
def test_each_mistake_is_named(check, mistaken, words):
    verdict = check(mistaken)
    assert verdict.status == "mistake" and words in verdict.message, verdict.message


def test_right_answers():
    assert check_dL_wrt_f2(dL_wrt_f2).correct
    assert check_dL_wrt_C_two_outputs(dL_wrt_C).correct
    assert math.isclose(dL_wrt_C, from_f1 + from_f2)


@given(st.floats(-10, 10, allow_nan=False))
def test_random_wrong_values_are_rejected(value):
    for check, right in RIGHT.items():
        if clearly_off(value, right):
            assert check(value).status != "correct"


def test_seeded_random_values_are_never_correct():
    rng = random.Random(8)
    for _ in range(200):
        assert not check_dL_wrt_f2(dL_wrt_f2 + rng.choice([-1, 1]) * rng.uniform(0.01, 5)).correct


@pytest.mark.parametrize("check", [check_dL_wrt_f2, check_dL_wrt_C_two_outputs])
def test_not_attempted_and_invalid(check):
    assert check(...).status == "not attempted"
    for junk in ("abc", None, float("nan")):
        assert check(junk).status == "invalid"


@pytest.mark.parametrize("check", list(RIGHT), ids=lambda c: c.__name__)
def test_the_tolerance_edge(check):
    assert_the_tolerance_edge(check, RIGHT[check])


def test_with_correct2_not_zero_the_loss_is_told_from_the_slope():
    """correct2 = 0 in the sample makes (correct2 - f2)**2 and (correct2 + f2)**2 equal: with
    correct2 = 0.25 a loss mistaken for its slope is still named, the slope still right."""
    answers = {"f1": 1.0, "f2": 0.25}
    assert check_dL_wrt_f2(2 * (f2 - 0.25), correct=answers).status == "correct"
    verdict = check_dL_wrt_f2((0.25 - f2) ** 2, correct=answers)
    assert verdict.status == "mistake" and "f2's loss" in verdict.message
