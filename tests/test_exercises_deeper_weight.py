"""Checks of notebook 05: right answers (written out by hand), each named mistake
(from its mistaken formula, computed here), random wrong values, ... and junk."""
import math
import random

import pytest
from hypothesis import given, strategies as st
from answer_edges import assert_the_tolerance_edge, assert_the_network_and_sample_can_be_given

from course_lib.exercises.deeper_weight import check_dC_wrt_sC, check_dL_wrt_w_A_C

# The seed sample through the seed network: the hand computation of seed_by_hand
# (independent of course_lib); the right answers are written out below.
from seed_by_hand import (A, B, C, I1, I2, correct, df_wrt_sF, dL_wrt_C, dL_wrt_f, dL_wrt_w_A_D,
                          f, sC, sF, w_A_C, w_C_f, w_I1_A, w_I2_A)

dC_wrt_sC = C * (1 - C)
W_A_C = dL_wrt_C * dC_wrt_sC * A             # the right dL_wrt_w_A_C
dL_wrt_sC = dL_wrt_C * dC_wrt_sC

RIGHT = {check_dC_wrt_sC: dC_wrt_sC, check_dL_wrt_w_A_C: W_A_C}


def clearly_off(answer, right):
    """Off by more than the course's tolerance (0.1 % of the larger, or 1e-6), plus 1 %:
    written here, so that a looser check in the library cannot loosen this test too."""
    return abs(answer - right) > 1.01 * max(1e-3 * max(abs(answer), abs(right)), 1e-6)

MISTAKES = [
    (check_dC_wrt_sC, sC * (1 - sC), "from the sum sC"),
    (check_dC_wrt_sC, sC * (1 - sC), "activated value: activation_function_derivative('sigmoid', C)"),
    (check_dC_wrt_sC, C, "C itself"),
    (check_dC_wrt_sC, df_wrt_sF, "df_wrt_sF"),
    (check_dC_wrt_sC, dL_wrt_sC, "dL_wrt_sC, the error at the sum"),
    (check_dL_wrt_w_A_C, dL_wrt_C * A, "forgot dC_wrt_sC"),
    (check_dL_wrt_w_A_C, dL_wrt_sC * (I1 * w_I1_A + I2 * w_I2_A), "the sum sA"),
    (check_dL_wrt_w_A_C, dL_wrt_sC * w_A_C, "the weight w_A_C"),
    (check_dL_wrt_w_A_C, -W_A_C, "sign is flipped"),
    (check_dL_wrt_w_A_C, (f - correct) * df_wrt_sF * w_C_f * dC_wrt_sC * A, "textbook loss ½"),
    (check_dL_wrt_w_A_C, dL_wrt_sC * C, "multiplied by C"),
    (check_dL_wrt_w_A_C, dL_wrt_f * w_C_f * A,
     "forgot an activation derivative (dX_wrt_sX = activation_function_derivative('sigmoid', X)"),
    (check_dL_wrt_w_A_C, dL_wrt_sC * B, "multiplied by B; w_A_C is multiplied by A"),
    (check_dL_wrt_w_A_C, dL_wrt_w_A_D, "node D's error"),
    (check_dL_wrt_w_A_C, dL_wrt_sC * dC_wrt_sC * A, "slope dC_wrt_sC twice"),
    (check_dL_wrt_w_A_C, dL_wrt_C * sC * (1 - sC) * A, "slope dC_wrt_sC from the sum sC"),
    (check_dL_wrt_w_A_C, dL_wrt_f * sF * (1 - sF) * w_C_f * sC * (1 - sC) * A,
     "every slope from the sums"),
    (check_dL_wrt_w_A_C, dL_wrt_sC, "stopped at dL_wrt_sC"),
    (check_dL_wrt_w_A_C, dL_wrt_f * df_wrt_sF * C * dC_wrt_sC * A,
     "node value C where the weight w_C_f belongs"),
    (check_dC_wrt_sC, 1 - C, "left out a factor"),
    (check_dC_wrt_sC, 1 - C ** 2, "the tanh slope"),
]


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
    five_factors = dL_wrt_f * df_wrt_sF * w_C_f * dC_wrt_sC * A
    assert math.isclose(five_factors, W_A_C, rel_tol=1e-12)
    assert check_dL_wrt_w_A_C(five_factors).correct
    assert check_dL_wrt_w_A_C(W_A_C).correct


@pytest.mark.parametrize("mistaken, words", [
    (dL_wrt_C * A, "forgot dC_wrt_sC"),
    (dL_wrt_C * dC_wrt_sC * (I1 * w_I1_A + I2 * w_I2_A), "the sum sA"),
    (dL_wrt_C * dC_wrt_sC * w_A_C, "the weight w_A_C"),
    (-W_A_C, "sign is flipped"),
    ((f - correct) * df_wrt_sF * w_C_f * dC_wrt_sC * A, "dropped the factor 2"),
    (dL_wrt_C * dC_wrt_sC * C, "multiplied by C"),
    (dL_wrt_f * w_C_f * A, "forgot an activation derivative"),
    (dL_wrt_C * dC_wrt_sC * B, "multiplied by B; w_A_C is multiplied by A"),
    (dL_wrt_w_A_D, "node D's error"),
])
def test_dL_wrt_w_A_C_mistakes(mistaken, words):
    verdict = check_dL_wrt_w_A_C(mistaken)
    assert verdict.status == "mistake" and words in verdict.message, verdict.message


@given(st.floats(-10, 10, allow_nan=False))
def test_random_wrong_values_are_rejected(value):
    for check, right in ((check_dC_wrt_sC, dC_wrt_sC), (check_dL_wrt_w_A_C, W_A_C)):
        if clearly_off(value, right):
            assert check(value).status != "correct"


def test_seeded_random_values_are_never_correct():
    rng = random.Random(5)
    for _ in range(200):
        value = W_A_C * rng.choice([-1, 1]) * rng.uniform(1.01, 50)
        assert check_dL_wrt_w_A_C(value).status in ("wrong", "mistake")


@pytest.mark.parametrize("check", [check_dC_wrt_sC, check_dL_wrt_w_A_C])
def test_not_attempted_and_invalid(check):
    assert check(...).status == "not attempted"
    assert "not attempted yet" in check(...).message
    for junk in ("abc", None, float("nan"), [1.0], True):
        assert check(junk).status == "invalid"


@pytest.mark.parametrize("check", list(RIGHT), ids=lambda c: c.__name__)
def test_the_tolerance_edge(check):
    assert_the_tolerance_edge(check, RIGHT[check])


def test_the_network_and_sample_can_be_given():
    assert_the_network_and_sample_can_be_given(RIGHT, {"I1": I1, "I2": I2, "correct": 1.0})
