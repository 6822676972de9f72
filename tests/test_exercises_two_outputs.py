"""Checks of notebook 08: dL_wrt_f2 and dL_wrt_C when C feeds two outputs."""
import random

import pytest
from hypothesis import given, strategies as st

from course_lib.exercises.checking import close
from course_lib.exercises.two_outputs import check_dL_wrt_C_two_outputs, check_dL_wrt_f2

# The two-output network on the seed inputs: f1 and f2 from the hand computation of
# seed_by_hand (f1 should be 1, f2 should be 0); the right answers are written out below.
from seed_by_hand import correct1, correct2, f1, f2, w_C_f1, w_C_f2

dL_wrt_f1, dL_wrt_f2 = 2 * (f1 - correct1), 2 * (f2 - correct2)
dL_wrt_sF1, dL_wrt_sF2 = dL_wrt_f1 * f1 * (1 - f1), dL_wrt_f2 * f2 * (1 - f2)
from_f1, from_f2 = dL_wrt_sF1 * w_C_f1, dL_wrt_sF2 * w_C_f2
dL_wrt_C = from_f1 + from_f2


def test_dL_wrt_f2_right_answer():
    assert check_dL_wrt_f2(dL_wrt_f2).correct


@pytest.mark.parametrize("mistaken, words", [
    (2 * (correct2 - f2), "sign is flipped"),
    (f2 - correct2, "dropped the factor 2"),
    (2 * (f2 - correct1), "used correct1"),
    (dL_wrt_f1 + dL_wrt_f2, "added both"),
])
def test_dL_wrt_f2_mistakes(mistaken, words):
    verdict = check_dL_wrt_f2(mistaken)
    assert verdict.status == "mistake" and words in verdict.message, verdict.message


def test_dL_wrt_C_right_answer():
    assert check_dL_wrt_C_two_outputs(dL_wrt_C).correct


@pytest.mark.parametrize("mistaken, words", [
    (from_f1, "only the error from f1"),
    (from_f2, "only the error from f2"),
    ((from_f1 + from_f2) / 2, "averaged"),
    (-dL_wrt_C, "sign is flipped"),
    (dL_wrt_f1 * w_C_f1 + dL_wrt_f2 * w_C_f2, "dL_wrt_f1 and dL_wrt_f2"),
    (dL_wrt_f1 * w_C_f1 + dL_wrt_f2 * w_C_f2, "so use dL_wrt_sF1 and dL_wrt_sF2"),
])
def test_dL_wrt_C_mistakes(mistaken, words):
    verdict = check_dL_wrt_C_two_outputs(mistaken)
    assert verdict.status == "mistake" and words in verdict.message, verdict.message


@given(st.floats(-10, 10, allow_nan=False))
def test_random_wrong_values_are_rejected(value):
    for check, right in ((check_dL_wrt_f2, dL_wrt_f2), (check_dL_wrt_C_two_outputs, dL_wrt_C)):
        if not close(value, right):
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
