"""The contract every exercise check keeps, for every check of every notebook.

The checks are found, not listed: every public `check_*` of course_lib.exercises that takes
one answer. Each notebook's test module holds RIGHT ({check: right answer, computed by hand})
and MISTAKES ([(check, answer from the mistaken formula, words the diagnosis must use)]).
Here every check must: be in a table; accept its right answer (a number also rounded to 4
digits and in any number type: Fraction, numpy, a sympy-like object); name each mistake it
claims to recognise; reject other numbers; say "not attempted yet" for `...`; and give a
verdict, never an exception, for junk of every kind (numbers too large for a float, text,
None, NaN, infinities, containers, functions that raise or return junk).
"""
import inspect
import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, strategies as st

import course_lib.exercises as exercises
import test_exercises_automate
import test_exercises_code_generation
import test_exercises_deeper_weight
import test_exercises_fan_out
import test_exercises_forward_pass
import test_exercises_last_weight
import test_exercises_loss_and_slope
import test_exercises_misconception_lab
import test_exercises_node_error
import test_exercises_training_lab
import test_exercises_two_outputs
from course_lib.exercises import BackpropVerdict, Verdict, check_answer
from course_lib.topics.codegen import python_source
from course_lib.core.build import seed_network

TABLES = (test_exercises_forward_pass, test_exercises_loss_and_slope,
          test_exercises_last_weight, test_exercises_node_error, test_exercises_deeper_weight,
          test_exercises_fan_out, test_exercises_automate, test_exercises_two_outputs,
          test_exercises_training_lab, test_exercises_code_generation,
          test_exercises_misconception_lab)
STATUSES = {"correct", "mistake", "wrong", "invalid", "not attempted"}
#: The answers' tolerance, as the course promises it (written here, not read from the library):
#: within 0.1 % of the right value (relative to the larger of the two), or within 1e-6.
REL_TOL, ABS_TOL = 1e-3, 1e-6
#: Public check_* helpers that are not exercises (they take the right answer as well).
HELPERS = {"check_answer"}


def name(check):
    return getattr(check, "__name__", str(check))


def label(junk):
    """A short test id for a junk answer (its repr may be huge, or raise)."""
    if isinstance(junk, int) and abs(junk) > 10 ** 4000:
        return "int:10**5000"
    try:
        return f"{type(junk).__name__}:{junk!r}"[:24]
    except Exception:
        return type(junk).__name__


def one_answer(check):
    """True when `check` can be called with the answer alone."""
    required = [p for p in inspect.signature(check).parameters.values()
                if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    return len(required) == 1


CHECKS = sorted((getattr(exercises, n) for n in dir(exercises)
                 if n.startswith("check_") and n not in HELPERS), key=name)


def generated_pass():
    """A right pass for check_backprop: the seed network's generated code (notebook 10)."""
    namespace = {}
    exec(python_source(seed_network()), namespace)
    run = namespace["forward_backward"]
    return lambda weights, inputs, correct: run(**inputs, **correct, **weights)


RIGHT = {check: value for table in TABLES for check, value in table.RIGHT.items()}
RIGHT[exercises.check_backprop] = generated_pass()
MISTAKES = [row for table in TABLES for row in table.MISTAKES]
NUMERIC = [check for check, value in RIGHT.items()
           if isinstance(value, (int, float)) and not isinstance(value, bool)]
#: Checks with a range of right answers (any learning rate that arrives): RIGHT holds one.
SEVERAL_RIGHT = {check for table in TABLES for check in getattr(table, "SEVERAL_RIGHT", ())}
#: Junk check_backprop (notebook 12, exercises/own_pass*.py) still raises on: its messages
#: use repr() of the learner's value. Reported; xfail until own_pass formats with
#: checking.shown().
KNOWN_RAISING = set()


class FloatOnly:
    """A sympy-like number: nothing but __float__."""

    def __init__(self, value):
        self.value = value

    def __float__(self):
        return float(self.value)


def raises(*args):
    raise ValueError("the learner's bug")


def huge_repr():
    class Huge:
        def __repr__(self):
            raise RuntimeError("no repr")
    return Huge()


#: Junk that is never an answer: every check says "invalid".
INVALID = ["abc", "", None, math.nan, math.inf, -math.inf, np.float64("nan"), [1.0],
           {"a": 1.0}, raises, lambda *args: "abc", lambda *args: 10 ** 400,
           lambda only: only, huge_repr(), 10 ** 400, -10 ** 400, 10 ** 5000,
           np.array([math.inf, 1.0])]
#: Numbers in odd types: every check gives a verdict (never an exception), never "correct".
ODD_NUMBERS = [Fraction(1, 3), FloatOnly(0.123), np.array(0.123), np.float32(0.123),
               np.int64(7), np.array([[0.123]]), True, 1 + 2j, lambda *args: Fraction(1, 3),
               lambda *args: None]


def test_the_checks_are_found():
    assert len(CHECKS) >= 25
    assert {"check_sB", "check_delta_AB", "check_dL_wrt_b_C", "check_broken_line"} <= set(
        map(name, CHECKS))


@pytest.mark.parametrize("check", CHECKS, ids=name)
def test_every_check_takes_one_answer_and_is_in_a_table(check):
    assert one_answer(check), f"{name(check)} needs more than the answer (a helper? see HELPERS)"
    assert check in RIGHT, f"{name(check)}: add its right answer to a RIGHT table"


@pytest.mark.parametrize("check", RIGHT, ids=name)
def test_accepts_the_right_answer(check):
    right = RIGHT[check]
    assert check(right).correct, check(right).message
    if check in NUMERIC:
        assert check(float(f"{right:.4g}")).correct
        for same in (Fraction(right), FloatOnly(right), np.array(right), np.float64(right)):
            assert check(same).correct, (name(check), same)


@pytest.mark.parametrize("check, mistaken, words", MISTAKES,
                         ids=[f"{name(c)}-{w}" for c, _, w in MISTAKES])
def test_names_each_mistake(check, mistaken, words):
    verdict = check(mistaken)
    assert verdict.status == "mistake", verdict.message
    assert words in verdict.message, verdict.message


def clearly_off(answer, right):
    """True when `answer` is off by more than the tolerance, with a margin of 1 %."""
    return abs(answer - right) > 1.01 * max(REL_TOL * max(abs(answer), abs(right)), ABS_TOL)


ONE_RIGHT = [c for c in NUMERIC if isinstance(RIGHT[c], float) and c not in SEVERAL_RIGHT]


@pytest.mark.parametrize("check", ONE_RIGHT, ids=name)
@given(answer=st.floats(-10, 10))
def test_rejects_other_numbers(check, answer):
    if clearly_off(answer, RIGHT[check]):
        assert check(answer).status != "correct"


@pytest.mark.parametrize("check", ONE_RIGHT, ids=name)
def test_the_tolerance_edge_is_0_1_percent(check):
    """Just inside 0.1 % is right; just outside is not (a mistake, perhaps, never correct)."""
    right = RIGHT[check]
    assert abs(right) > 1e-3                      # the relative edge, not the absolute one
    for inside in (right * (1 + 0.99e-3), right * (1 - 0.99e-3)):
        assert check(inside).status == "correct", (inside, check(inside).message)
    for outside in (right * (1 + 1.01e-3), right * (1 - 1.01e-3), -right, 0.0):
        assert check(outside).status != "correct", (outside, check(outside).message)


@pytest.mark.parametrize("answer, status", [
    (0.0, "correct"), (-0.0, "correct"), (0, "correct"), (Fraction(0), "correct"),
    (9.9e-7, "correct"), (-9.9e-7, "correct"), (1.01e-6, "wrong"), (-2e-6, "wrong"),
    (1e-3, "wrong")])
def test_a_right_answer_of_exactly_0(answer, status):
    """A relu that is off, or f == correct, makes a right answer of 0: it is accepted, and
    so is anything within 1e-6 of it (the relative tolerance alone would accept only 0)."""
    verdict = check_answer(answer, right=0.0, name="dL_wrt_f")
    assert verdict.status == status, verdict.message
    assert (verdict.message == "✓ dL_wrt_f = 0. Correct!") == (answer == 0)


def test_a_right_answer_of_0_is_told_from_a_mistake_of_0():
    mistakes = {"you took f for correct": 0.5}
    assert check_answer(0.0, 0.0, "x", mistakes).status == "correct"
    assert check_answer(0.5, 0.0, "x", mistakes).status == "mistake"
    assert check_answer(0.0, 0.5, "x", {"a zero": 0.0}).status == "mistake"
    # a mistaken formula that gives the right value is not a mistake to name
    assert check_answer(0.0, 0.0, "x", {"the same": 5e-7}).status == "correct"


@pytest.mark.parametrize("check", CHECKS, ids=name)
def test_not_attempted(check):
    assert check(...).status == "not attempted"
    assert "not attempted yet" in check(...).message


def verdict_of(check, answer):
    verdict = check(answer)                       # must not raise
    assert isinstance(verdict, (Verdict, BackpropVerdict)), type(verdict)
    assert verdict.status in STATUSES and isinstance(verdict.message, str) and verdict.message
    str(verdict)
    return verdict


@pytest.mark.parametrize("check", CHECKS, ids=name)
@pytest.mark.parametrize("junk", INVALID, ids=label)
def test_junk_is_invalid_never_an_exception(check, junk):
    if (name(check), label(junk)) in KNOWN_RAISING:
        pytest.xfail("own_pass formats the answer with repr(): reported to its author")
    verdict = verdict_of(check, junk)
    assert verdict.status == "invalid", verdict.message


@pytest.mark.parametrize("check", CHECKS, ids=name)
@pytest.mark.parametrize("odd", ODD_NUMBERS, ids=label)
def test_odd_numbers_get_a_verdict_never_an_exception(check, odd):
    verdict = verdict_of(check, odd)
    assert check in SEVERAL_RIGHT or verdict.status != "correct", verdict.message


def test_the_reported_crashes_are_verdicts():
    """The three answers that raised before (issue 10)."""
    assert exercises.check_sB(10 ** 400).status == "invalid"
    assert "too large" in exercises.check_sB(10 ** 400).message
    assert exercises.check_sB(Fraction(1, 3)).status == "wrong"
    verdict = exercises.check_learning_rate(1e7)
    assert verdict.status == "mistake" and "far too large" in verdict.message


# --- what check_answer says, word for word (the messages a learner reads) -----------------
@pytest.mark.parametrize("answer, message", [
    ("1.5", "✗ x: expected a number, got the text '1.5': write the number without quotes."),
    ("abc", "✗ x: expected a number, got the text 'abc'."),
    ("nan", "✗ x: expected a number, got the text 'nan'."),
    ("x" * 100, "✗ x: expected a number, got the text '" + "x" * 56 + "...."),
    (np.array([1.0, 2.0]), "✗ x: expected one number, got an array of shape (2,)."),
    (np.array([[1.0]]), "✗ x: expected one number, got an array of shape (1, 1): take the "
                        "number out with .item()."),
    ([1.0], "✗ x: expected one number, got a list [1.0]: take the number out with [0]."),
    ([1.0, 2.0], "✗ x: expected one number, got a list [1.0, 2.0]."),
    ({"a": 1}, "✗ x: expected one number, got a dict {'a': 1}."),
    (10 ** 400, "✗ x: 10000000000000000..., a number of about 1e400, is too large for a float: "
                "expected a number."),
    (Fraction(10 ** 400), "✗ x: the number is too large for a float: expected a number."),
    (None, "✗ x: expected a number, got None (NoneType)."),
    (1 + 2j, "✗ x: expected a number, got (1+2j) (complex)."),
    (math.inf, "✗ x: expected a finite number, got inf.")])
def test_invalid_answers_say_what_was_given(answer, message):
    verdict = check_answer(answer, 1.0, "x")
    assert verdict.status == "invalid" and verdict.message == message
    assert repr(verdict) == f"<Verdict: {message}>"


def test_a_mistake_that_is_not_a_float_is_never_named_and_never_raises():
    mistakes = {"too large": Fraction(10 ** 400), "text": "1.0", "nan": math.nan, "ok": 2.0}
    assert check_answer(2.0, 1.0, "x", mistakes).message == (
        "✗ x = 2 is not right: it looks like ok.")
    assert check_answer(3.0, 1.0, "x", mistakes, hint="h").message == "✗ x = 3 is not right. Hint: h"


def takes(check, *names):
    return all(n in inspect.signature(check).parameters for n in names)


#: The article's sample, written out: the default of every check that takes a sample.
SEED_SAMPLE_WRITTEN = {"I1": 1.0, "I2": 0.5, "correct": 1.0}
ANOTHER_SAMPLE = {"I1": -0.3, "I2": 0.9, "correct": 0.2}


@pytest.mark.parametrize("check", [c for c in CHECKS if takes(c, "network", "sample")], ids=name)
def test_a_sample_given_is_the_sample_checked(check):
    right = RIGHT[check]
    assert check(right, sample=dict(SEED_SAMPLE_WRITTEN)).correct
    if not callable(right):                  # a number is right for its own sample only
        assert not check(right, sample=dict(ANOTHER_SAMPLE)).correct
    else:                                    # a right function is right for any sample
        assert check(right, sample=dict(ANOTHER_SAMPLE)).correct
