"""The contract every value-checking exercise keeps, for the checks of notebooks 01-04.

Each notebook's test module holds RIGHT ({check: right value, computed by hand}) and
MISTAKES ([(check, value from the mistaken formula, words the diagnosis must use)]).
Here every check must: accept its right answer (also rounded to 4 digits), name each
mistake it claims to recognise, reject other numbers, say "not attempted yet" for `...`
and "invalid" for junk.
"""
import math

import pytest
from hypothesis import given, strategies as st

import test_exercises_forward_pass
import test_exercises_last_weight
import test_exercises_loss_and_slope
import test_exercises_node_error
from course_lib.exercises.checking import close

TABLES = (test_exercises_forward_pass, test_exercises_loss_and_slope,
          test_exercises_last_weight, test_exercises_node_error)
RIGHT = {check: value for table in TABLES for check, value in table.RIGHT.items()}
MISTAKES = [row for table in TABLES for row in table.MISTAKES]


def name(check):
    return getattr(check, "__name__", str(check))


@pytest.mark.parametrize("check", RIGHT, ids=name)
def test_accepts_the_right_answer(check):
    assert check(RIGHT[check]).correct
    assert check(float(f"{RIGHT[check]:.4g}")).correct


@pytest.mark.parametrize("check, mistaken, words", MISTAKES,
                         ids=[f"{name(c)}-{w}" for c, _, w in MISTAKES])
def test_names_each_mistake(check, mistaken, words):
    verdict = check(mistaken)
    assert verdict.status == "mistake", verdict.message
    assert words in verdict.message


@pytest.mark.parametrize("check", RIGHT, ids=name)
@given(answer=st.floats(-10, 10))
def test_rejects_other_numbers(check, answer):
    if not close(answer, RIGHT[check]):
        assert check(answer).status != "correct"


@pytest.mark.parametrize("check", [*RIGHT, test_exercises_loss_and_slope.check_learning_rate],
                         ids=name)
def test_not_attempted_and_junk(check):
    assert check(...).status == "not attempted"
    assert "not attempted yet" in check(...).message
    for junk in ("abc", None, math.nan, math.inf, [1.0]):
        assert check(junk).status == "invalid"
