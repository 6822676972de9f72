"""Checking a learner's answer: right, a recognised mistake, or a hint.

    check_answer(answer, right=-0.933, name="dL_wrt_f",
                 mistakes={"you dropped the factor 2": -0.4665}, hint="...")

An answer still equal to `...` is "not attempted yet", never an error, so Run All
always completes. A check never raises: whatever the answer is (text, None, a list, a
number too large for a float, a Fraction, a numpy 0-d array, a sympy number), the
learner gets a Verdict that says what was expected.
"""
import math
import numbers
import os
from dataclasses import dataclass

from ..core.sample import GRADING_VARIABLE

#: An answer within this relative (or absolute) distance of the right value is accepted.
REL_TOL, ABS_TOL = 1e-3, 1e-6


class Shown:
    """What every verdict does with its `message` and `correct`: print the message, and
    assert_correct() after a worked solution."""

    def assert_correct(self):
        """Raise AssertionError unless the answer was right (used after worked solutions)."""
        if not self.correct:
            raise AssertionError(self.message)
        return self

    def __str__(self):
        return self.message

    def _repr_pretty_(self, printer, cycle):
        printer.text(self.message)

    def _repr_json_(self):
        """Only in a graded run (COURSE_GRADING_SAMPLE set): the verdict as data, which
        course-grade reads from the check cell's output. Otherwise nothing (no JSON output)."""
        if not os.environ.get(GRADING_VARIABLE, "").strip():
            return None
        mistake = getattr(self, "mistake", None)
        return {"course_verdict": {"name": getattr(self, "name", None), "status": self.status,
                                   "correct": bool(self.correct), "message": self.message,
                                   "mistake": mistake if isinstance(mistake, str) else ""}}

    def __repr__(self):
        return f"<{type(self).__name__}: {self.message}>"


@dataclass(frozen=True, repr=False)   # IPython shows Shown._repr_pretty_: the message
class Verdict(Shown):
    """The outcome of a check: status is 'correct', 'mistake', 'wrong', 'invalid' or 'not attempted';
    mistake: the likely mistake(s) named, when check_answer recognised one."""

    name: str
    status: str
    message: str
    mistake: str = ""

    @property
    def correct(self):
        return self.status == "correct"


def close(a, b, rel_tol=REL_TOL, abs_tol=ABS_TOL):
    """True when a and b agree to the course's answer tolerance."""
    return math.isclose(a, b, rel_tol=rel_tol, abs_tol=abs_tol)


def shown(answer, width=60):
    """repr(answer), cut to `width` characters; never raises (a huge int, a broken repr)."""
    try:
        text = repr(answer)
    except Exception:                     # an int past Python's digit limit, a broken __repr__
        text = f"a {type(answer).__name__}"
    return text if len(text) <= width else text[:width - 3] + "..."


def not_attempted(name):
    """The verdict for an answer still equal to `...`."""
    return Verdict(name, "not attempted",
                   f"⏳ {name}: not attempted yet. Replace the ... with your answer and run "
                   "this cell again.")


def invalid(name, why):
    """The verdict for an answer that is not the kind of thing asked for."""
    return Verdict(name, "invalid", f"✗ {name}: {why}")


def number_of(answer):
    """(value, None) with the answer as a finite float, or (None, why it is not one).

    Anything Python can turn into a float counts (int, Fraction, Decimal, numpy scalars and
    0-d arrays, sympy numbers); text, bool, None, containers and arrays of several do not.
    """
    kind = type(answer).__name__
    if isinstance(answer, bool) or answer is None:
        return None, f"expected a number, got {shown(answer)} ({kind})."
    if isinstance(answer, (str, bytes)):
        return None, f"expected a number, got the text {shown(answer)}" + (
            ": write the number without quotes." if _reads_as_number(answer) else ".")
    shape = getattr(answer, "shape", None)
    if isinstance(shape, tuple) and shape != ():
        return None, (f"expected one number, got an array of shape {shape}"
                      + (": take the number out with .item()." if _size(shape) == 1 else "."))
    if isinstance(answer, (list, tuple, dict, set)):
        return None, (f"expected one number, got a {kind} {shown(answer)}"
                      + (": take the number out with [0]." if len(answer) == 1
                         and not isinstance(answer, (dict, set)) else "."))
    try:
        value = float(answer)
    except OverflowError:
        return None, f"{_too_large(answer)} is too large for a float: expected a number."
    except Exception:                     # TypeError, ValueError, or the object's own error
        return None, f"expected a number, got {shown(answer)} ({kind})."
    if not math.isfinite(value):
        return None, f"expected a finite number, got {value}."
    return value + 0.0, None              # -0.0 (a relu that is off) reads as 0, not -0


def _reads_as_number(text):
    try:
        return math.isfinite(float(text))
    except (TypeError, ValueError):
        return False


def _size(shape):
    return math.prod(shape)


def _too_large(number):
    """'a number of about 1e400' (or 'the number' when even that cannot be said)."""
    try:
        return f"{shown(number, 20)}, a number of about 1e{int(math.log10(abs(number)))},"
    except Exception:
        return "the number"


def _named(description, value, right):
    """True when `value` (a mistaken formula's result) is a number apart from `right`."""
    try:
        return isinstance(value, numbers.Real) and math.isfinite(value) and not close(value, right)
    except Exception:
        return False


def check_answer(answer, right, name, mistakes=None, hint=""):
    """Compare `answer` with `right` and explain the outcome.

    mistakes: {description of a likely mistake: the value that mistake produces},
    each computed from the mistaken formula. Every one the answer matches is named.
    """
    if answer is Ellipsis:
        return not_attempted(name)
    value, problem = number_of(answer)
    if problem:
        return invalid(name, problem)
    if close(value, right):
        return Verdict(name, "correct", f"✓ {name} = {value:.6g}. Correct!")
    likely = [description for description, wrong in (mistakes or {}).items()
              if _named(description, wrong, right) and close(value, wrong)]
    if likely:
        return Verdict(name, "mistake", f"✗ {name} = {value:.6g} is not right: it looks like "
                       + " — or ".join(likely) + ".", " — or ".join(likely))
    return Verdict(name, "wrong",
                   f"✗ {name} = {value:.6g} is not right." + (f" Hint: {hint}" if hint else ""))
