"""Reading a sample: the inputs (I1, I2, ...) and the correct answer(s); and which sample a
run uses: the course's, or in a graded run a second one (see sample_for_run).
"""
import decimal
import math
import numbers
import os
from collections.abc import Mapping, Set

from .errors import CourseInputError, check_name, check_number, shown


def read_named(network_names, values, what):
    """Turn a dict by name, a sequence, or (for one name) a number into {name: float}."""
    names = tuple(network_names)
    if type(values) is list or type(values) is tuple:         # the usual case, at once
        if len(values) == len(names):
            return {n: check_number(n, v) for n, v in zip(names, values)}
    elif isinstance(values, Mapping):
        for key in values:
            check_name(what, key, names)
        missing = [n for n in names if n not in values]
        if missing:
            raise CourseInputError(f"missing {what} value(s) {missing}: give one for each "
                                   f"of {list(names)}.")
        return {n: check_number(n, values[n]) for n in names}
    if isinstance(values, (str, bytes, Set)) or values is None:
        raise CourseInputError(f"{what} values must be numbers, a list or a dict by name "
                               f"{list(names)}, got {shown(values)}.")
    ndim = getattr(values, "ndim", 1)
    if isinstance(values, (numbers.Number, decimal.Decimal)) or ndim == 0:
        values = [values]
    elif ndim != 1:
        raise CourseInputError(f"{what} values of one sample must be a flat list of "
                               f"{len(names)} for {list(names)}, got an array of shape "
                               f"{values.shape} (several samples: use the batch functions).")
    try:
        values = list(values)
    except TypeError:
        raise CourseInputError(f"{what} values must be numbers, a list or a dict by name "
                               f"{list(names)}, got {shown(values)}.") from None
    if len(values) != len(names):
        raise CourseInputError(f"expected {len(names)} {what} value(s) for "
                               f"{list(names)}, got {len(values)}.")
    return {n: check_number(n, v) for n, v in zip(names, values)}


def read_inputs(network, inputs):
    """{'I1': 1.0, 'I2': 0.5} from a dict by name or a sequence in input order."""
    return read_named(network.inputs, inputs, "input")


def read_correct(network, correct):
    """{'f': 1.0} from a number (one output), a sequence, or a dict by output name."""
    return read_named(network.outputs, correct, "output")


#: Set by the grader (course-grade, or a teacher before `nbgrader autograde`): graded runs use a
#: second sample, so that an answer typed as a number fails while one written as code passes.
GRADING_VARIABLE = "COURSE_GRADING_SAMPLE"


def sample_for_run(course, hidden, environ=None):
    """The sample of this run: `course`, unless COURSE_GRADING_SAMPLE is set in `environ`
    (default os.environ): "hidden" gives `hidden`; "I1=0.3,I2=0.9" gives a teacher's own
    sample (names from `course`; those not given keep `hidden`'s values); "course" grades on
    `course` itself. Unset or empty: `course` (not a graded run).
    """
    text = (os.environ if environ is None else environ).get(GRADING_VARIABLE, "").strip()
    if text in ("", "course"):
        return dict(course)
    if text == "hidden":
        return dict(hidden)
    sample = dict(hidden)
    for part in text.split(","):
        name, equals, value = (piece.strip() for piece in part.partition("="))
        if not equals or name not in course:
            raise CourseInputError(f"{GRADING_VARIABLE}={text!r}: expected 'hidden', 'course' or "
                                   f"name=number pairs separated by commas, names from "
                                   f"{list(course)}; got {part.strip()!r}.")
        try:
            sample[name] = float(value)
        except ValueError:
            sample[name] = math.nan
        if not math.isfinite(sample[name]):
            raise CourseInputError(f"{GRADING_VARIABLE}: {name} must be a finite number, "
                                   f"got {value!r}.")
    return sample
