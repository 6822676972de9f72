"""The checks of notebook 02 (loss and slope) and the learning-rate exercise.

The forecast f is written out by hand with math.exp; the one-weight descent is
re-derived in closed form: each step multiplies correct - f by (1 - 2*learning_rate).
"""
import math

import pytest
from hypothesis import given, strategies as st

from course_lib import SEED_SAMPLE, SEED_WEIGHTS
from course_lib.exercises import check_dL_wrt_f, check_L, check_learning_rate

w, correct = SEED_WEIGHTS, SEED_SAMPLE["correct"]


def sigmoid(s):
    return 1 / (1 + math.exp(-s))


A = sigmoid(SEED_SAMPLE["I1"] * w["w_I1_A"] + SEED_SAMPLE["I2"] * w["w_I2_A"])
B = sigmoid(SEED_SAMPLE["I1"] * w["w_I1_B"] + SEED_SAMPLE["I2"] * w["w_I2_B"])
C, D = sigmoid(A * w["w_A_C"] + B * w["w_B_C"]), sigmoid(A * w["w_A_D"] + B * w["w_B_D"])
f = sigmoid(C * w["w_C_f"] + D * w["w_D_f"])
error = correct - f

RIGHT = {check_L: error * error, check_dL_wrt_f: -2 * error}

MISTAKES = [
    (check_L, correct - f, "naive loss"),
    (check_L, f - correct, "f - correct"),
    (check_L, 2 * (f - correct), "the slope"),
    (check_dL_wrt_f, 2 * (correct - f), "sign is flipped"),
    (check_dL_wrt_f, f - correct, "dropped the factor 2"),
    (check_dL_wrt_f, correct - f, "dropped the factor 2 and flipped the sign"),
    (check_dL_wrt_f, -1.0, "naive loss's slope"),
    (check_dL_wrt_f, (correct - f) ** 2, "the loss"),
]


def distance_after(learning_rate, steps=20, start=0.2):
    """|correct - f| after `steps` steps of f = w (I1 = 1): the error shrinks by (1 - 2*lr)."""
    return abs((correct - start) * (1 - 2 * learning_rate) ** steps)


@given(learning_rate=st.floats(0.001, 3.0))
def test_learning_rate_is_accepted_exactly_when_it_gets_there_in_20_steps(learning_rate):
    arrives = distance_after(learning_rate) < 1e-3
    if abs(distance_after(learning_rate) - 1e-3) > 1e-9:  # not on the knife edge
        assert check_learning_rate(learning_rate).correct == arrives


@pytest.mark.parametrize("learning_rate, words", [
    (0.01, "too small"), (0.9, "zig-zags"), (1.0, "same distance"), (1.5, "never arrives")])
def test_learning_rate_diagnosis(learning_rate, words):
    verdict = check_learning_rate(learning_rate)
    assert verdict.status == "mistake" and words in verdict.message


@pytest.mark.parametrize("bad", [0, -0.1])
def test_learning_rate_must_be_positive(bad):
    assert check_learning_rate(bad).status == "invalid"
