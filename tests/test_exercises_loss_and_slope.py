"""The checks of notebook 02 (loss and slope) and the learning-rate exercise.

The forecast f comes from the hand computation in seed_by_hand (math.exp only); the right
answers and the mistaken values are written out here from their formulas. The one-weight
descent is re-derived in closed form: each step multiplies correct - f by (1 - 2*learning_rate).
"""
import pytest
from hypothesis import given, strategies as st

from course_lib.exercises import check_dL_wrt_f, check_L, check_learning_rate

from seed_by_hand import correct, f

error = correct - f

RIGHT = {check_L: error * error, check_dL_wrt_f: -2 * error, check_learning_rate: 0.5}
SEVERAL_RIGHT = {check_learning_rate}   # every rate that arrives in 20 steps is right

MISTAKES = [
    (check_L, correct - f, "naive loss"),
    (check_L, f - correct, "f - correct"),
    (check_L, 2 * (f - correct), "the slope"),
    (check_dL_wrt_f, 2 * (correct - f), "sign is flipped"),
    (check_dL_wrt_f, f - correct, "dropped the factor 2"),
    (check_dL_wrt_f, correct - f, "dropped the factor 2 and flipped the sign"),
    (check_dL_wrt_f, -1.0, "naive loss's slope"),
    (check_dL_wrt_f, (correct - f) ** 2, "the loss"),
    (check_dL_wrt_f, f - correct, "textbook loss ½(correct - f)**2"),
    (check_dL_wrt_f, 2 * (f - correct) * f * (1 - f), "one step too far: that is dL_wrt_sF"),
    (check_L, (correct - f) ** 2 / 2, "textbook loss ½(correct - f)**2"),
    (check_L, abs(correct - f), "forgot to square"),
    (check_L, correct ** 2 - f ** 2, "squared each one"),
    (check_learning_rate, 0.01, "too small"),
    (check_learning_rate, 1.5, "never arrives"),
    (check_learning_rate, 1e7, "far too large"),
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
