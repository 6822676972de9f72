"""Where a learner's pass first goes wrong, and which of the course's mistakes explains it.

    first_difference(order, required, returned, references)   Difference, or None
    diagnose(...)                                              a key of ALL_MISCONCEPTIONS, or None

A mistake explains the learner's pass when the course's own mistaken pass
(course_lib.topics.misconceptions.backward_with) gives every value the learner returned, on
every case. stale_weights needs the learner's learning rate: the first wrong value is
linear in it, so it is solved from that value (and from the weights the pass changed).
"""
import math
from dataclasses import dataclass

from ..core.errors import CourseInputError
from ..core.names import error_name
from ..topics.misconceptions import ALL_MISCONCEPTIONS
from .own_pass_cases import reference

#: Two values agree within this relative (or absolute) distance.
REL_TOL, ABS_TOL = 1e-6, 1e-9


def close(a, b):
    return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=ABS_TOL)


@dataclass(frozen=True)
class Difference:
    """The first name, in the order of the pass, where the learner's values part from the
    course's: on case number `case`, `yours` (None: not returned) against `right`."""

    name: str
    case: int
    yours: "float | None"
    right: float


def first_difference(order, required, returned, references):
    """The earliest name of `order` that is wrong (or required and missing) on any case;
    on a tie, the earliest case. None when every value agrees."""
    best, best_index = None, len(order)
    for k, (got, right) in enumerate(zip(returned, references)):
        for index, name in enumerate(order[:best_index]):
            if name in got and not close(got[name], right[name]):
                best, best_index = Difference(name, k, got[name], right[name]), index
            elif name not in got and name in required:
                best, best_index = Difference(name, k, None, right[name]), index
            else:
                continue
            break
    return best


def _reproduces(cases, order, returned, references, mistake, learning_rate=None):
    """True when the pass with `mistake` gives every value returned, on every case
    (L may also be the right one: the loss's value is not what the mistake changes)."""
    for case, got, right in zip(cases, returned, references):
        try:
            wrong = reference(case, order, mistake, learning_rate)
        except (CourseInputError, ArithmeticError):
            return False
        for name, value in got.items():
            if not (close(value, wrong[name]) or (name == "L" and close(value, right[name]))):
                return False
    return True


def stale_rates(cases, order, first, references, changes):
    """Learning rates that could explain `first` by stale weights: solved from the first
    wrong value (linear in the rate) and from each weight the pass changed (w - rate*g)."""
    rates = []
    if first.yours is not None:
        at_one = reference(cases[first.case], order, "stale_weights", 1.0)[first.name]
        if at_one != first.right:
            rates.append((first.yours - first.right) / (at_one - first.right))
    for change in changes:
        gradient = references[0][error_name(change.name)]
        if isinstance(change.after, float) and abs(gradient) > 1e-12:
            rates.append((change.before - change.after) / gradient)
    return [r for r in rates if math.isfinite(r) and 0 < r <= 1e6]


def diagnose(cases, order, returned, references, first, missing, bias_gradients, changes):
    """The key of ALL_MISCONCEPTIONS whose mistaken pass reproduces the learner's values,
    or None. Only bias gradients missing (and nothing wrong): missing_bias_gradient."""
    wrong = any(name in references[k] and not close(value, references[k][name])
                for k, got in enumerate(returned) for name, value in got.items())
    if not wrong:
        if missing and set(missing) <= set(bias_gradients):
            return "missing_bias_gradient"
        return None
    for mistake in ALL_MISCONCEPTIONS:
        if mistake == "stale_weights":
            rates = stale_rates(cases, order, first, references, changes)
            if any(_reproduces(cases, order, returned, references, mistake, r) for r in rates):
                return mistake
        elif _reproduces(cases, order, returned, references, mistake):
            return mistake
    return None
