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


def test_another_correct_answer_with_the_seed_inputs():
    """correct = 0.5: f is the seed's (it depends on the inputs only), every value moves."""
    sample = {"I1": 1.0, "I2": 0.5, "correct": 0.5}
    assert check_L((0.5 - f) ** 2, sample=sample).correct
    assert check_dL_wrt_f(2 * (f - 0.5), sample=sample).correct
    verdict = check_L(0.5 ** 2 - f ** 2, sample=sample)
    assert verdict.status == "mistake" and "squared each one" in verdict.message


def rate_for_growth(growth):
    """The learning rate whose 20 steps multiply the distance to the bar by 1 + growth:
    each step multiplies it by 2*learning_rate - 1 (past 1: an overshoot)."""
    return (1 + (1 + growth) ** (1 / 20)) / 2


@pytest.mark.parametrize("learning_rate, why", [
    (1.0, "jumps to the same distance on the other side"),
    (rate_for_growth(0.99e-9), "jumps to the same distance on the other side"),
    (rate_for_growth(1.01e-9), "overshoots the bar by more than the last, so it never arrives"),
    (1 + 1e-8, "overshoots the bar by more than the last, so it never arrives"),
    (0.9, "overshoots the bar, so it zig-zags and settles slowly"),
    (0.01, "too small: every step goes the right way")])
def test_why_a_learning_rate_fails_at_the_edges(learning_rate, why):
    verdict = check_learning_rate(learning_rate)
    assert verdict.status == "mistake" and why in verdict.message, verdict.message


def test_a_learning_rate_past_the_course_s_largest_number():
    # one step by hand: f = 0.2, dL_wrt_w = 2*(0.2 - 1)*1 = -1.6, w = 0.2 + 1e7*1.6 = 1.6e7
    assert check_learning_rate(1e7).message == (
        "✗ learning_rate = 1e+07 is far too large: the very first step throws the forecast from "
        "0.2 to 1.6e+07, 1.6e+07 away from the bar, and each step after that overshoots by more "
        "than the last.")
