"""Checks of notebook 05: right answers (written out by hand), each named mistake
(from its mistaken formula, computed here), random wrong values, ... and junk."""
import math
import random

import pytest
from hypothesis import given, strategies as st

from course_lib.exercises.checking import close
from course_lib.exercises.deeper_weight import check_dC_wrt_sC, check_dL_wrt_w_A_C


def sigmoid(s):
    return 1 / (1 + math.exp(-s))


# The seed sample through the seed network, written out by hand (independent of course_lib).
I1, I2, correct = 1.0, 0.5, 1.0
A = sigmoid(I1 * 0.4 + I2 * -0.7)
B = sigmoid(I1 * 0.9 + I2 * 0.2)
sC = A * 0.6 + B * -0.3
C = sigmoid(sC)
D = sigmoid(A * -0.8 + B * 0.5)
f = sigmoid(C * 1.1 + D * -0.9)
dL_wrt_f = 2 * (f - correct)
df_wrt_sF = f * (1 - f)
dL_wrt_C = dL_wrt_f * df_wrt_sF * 1.1
dC_wrt_sC = C * (1 - C)
RIGHT = dL_wrt_C * dC_wrt_sC * A


def test_dC_wrt_sC_right_answer():
    assert check_dC_wrt_sC(C * (1 - C)).status == "correct"
    assert check_dC_wrt_sC(round(C * (1 - C), 4)).status == "correct"  # 4 digits are enough


@pytest.mark.parametrize("mistaken, words", [
    (sC * (1 - sC), "from the sum sC"),
    (C, "C itself"),
    (df_wrt_sF, "df_wrt_sF"),
])
def test_dC_wrt_sC_mistakes(mistaken, words):
    verdict = check_dC_wrt_sC(mistaken)
    assert verdict.status == "mistake" and words in verdict.message


def test_dL_wrt_w_A_C_right_answer_both_ways():
    five_factors = dL_wrt_f * df_wrt_sF * 1.1 * dC_wrt_sC * A
    assert math.isclose(five_factors, RIGHT, rel_tol=1e-12)
    assert check_dL_wrt_w_A_C(five_factors).correct
    assert check_dL_wrt_w_A_C(RIGHT).correct


@pytest.mark.parametrize("mistaken, words", [
    (dL_wrt_C * A, "forgot dC_wrt_sC"),
    (dL_wrt_C * dC_wrt_sC * (I1 * 0.4 + I2 * -0.7), "the sum sA"),
    (dL_wrt_C * dC_wrt_sC * 0.6, "the weight w_A_C"),
    (-RIGHT, "sign is flipped"),
    ((f - correct) * df_wrt_sF * 1.1 * dC_wrt_sC * A, "dropped the factor 2"),
    (dL_wrt_C * dC_wrt_sC * C, "multiplied by C"),
    (dL_wrt_f * 1.1 * A, "forgot an activation derivative"),
])
def test_dL_wrt_w_A_C_mistakes(mistaken, words):
    verdict = check_dL_wrt_w_A_C(mistaken)
    assert verdict.status == "mistake" and words in verdict.message, verdict.message


@given(st.floats(-10, 10, allow_nan=False))
def test_random_wrong_values_are_rejected(value):
    for check, right in ((check_dC_wrt_sC, dC_wrt_sC), (check_dL_wrt_w_A_C, RIGHT)):
        if not close(value, right):
            assert check(value).status != "correct"


def test_seeded_random_values_are_never_correct():
    rng = random.Random(5)
    for _ in range(200):
        value = RIGHT * rng.choice([-1, 1]) * rng.uniform(1.01, 50)
        assert check_dL_wrt_w_A_C(value).status in ("wrong", "mistake")


@pytest.mark.parametrize("check", [check_dC_wrt_sC, check_dL_wrt_w_A_C])
def test_not_attempted_and_invalid(check):
    assert check(...).status == "not attempted"
    assert "not attempted yet" in check(...).message
    for junk in ("abc", None, float("nan"), [1.0], True):
        assert check(junk).status == "invalid"
