"""Checking a learner's answer: right, a recognised mistake, or a hint.

    check_answer(answer, right=-0.933, name="dL_wrt_f",
                 mistakes={"you dropped the factor 2": -0.4665}, hint="...")

An answer still equal to `...` is "not attempted yet", never an error, so Run All
always completes.
"""
import math
import numbers
from dataclasses import dataclass

#: An answer within this relative (or absolute) distance of the right value is accepted.
REL_TOL, ABS_TOL = 1e-3, 1e-6


@dataclass(frozen=True)
class Verdict:
    """The outcome of a check: status is 'correct', 'mistake', 'wrong', 'invalid' or 'not attempted'."""

    name: str
    status: str
    message: str

    @property
    def correct(self):
        return self.status == "correct"

    def assert_correct(self):
        """Raise AssertionError unless the answer was right (used after worked solutions)."""
        if not self.correct:
            raise AssertionError(self.message)
        return self

    def __str__(self):
        return self.message

    def _repr_pretty_(self, printer, cycle):
        printer.text(self.message)


def close(a, b, rel_tol=REL_TOL, abs_tol=ABS_TOL):
    """True when a and b agree to the course's answer tolerance."""
    return math.isclose(a, b, rel_tol=rel_tol, abs_tol=abs_tol)


def check_answer(answer, right, name, mistakes=None, hint=""):
    """Compare `answer` with `right` and explain the outcome.

    mistakes: {description of a likely mistake: the value that mistake produces},
    each computed from the mistaken formula. Every one the answer matches is named.
    """
    if answer is Ellipsis:
        return Verdict(name, "not attempted",
                       f"⏳ {name}: not attempted yet. Replace the ... with your answer and run "
                       "this cell again.")
    if isinstance(answer, bool) or not isinstance(answer, numbers.Real):
        return Verdict(name, "invalid",
                       f"✗ {name}: expected a number, got {answer!r} ({type(answer).__name__}).")
    if not math.isfinite(answer):
        return Verdict(name, "invalid", f"✗ {name}: expected a finite number, got {answer}.")
    if close(answer, right):
        return Verdict(name, "correct", f"✓ {name} = {answer:.6g}. Correct!")
    likely = [description for description, value in (mistakes or {}).items()
              if close(answer, value) and not close(value, right)]
    if likely:
        return Verdict(name, "mistake", f"✗ {name} = {answer:.6g} is not right: it looks like "
                       + " — or ".join(likely) + ".")
    return Verdict(name, "wrong",
                   f"✗ {name} = {answer:.6g} is not right." + (f" Hint: {hint}" if hint else ""))
