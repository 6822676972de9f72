"""Clear errors for bad input: each names what was wrong and what is allowed."""
import difflib
import math
import numbers

#: Largest magnitude accepted for an input, a correct answer, a weight or a bias.
#: Sums of such values stay far from float overflow, so no silent inf appears.
MAX_MAGNITUDE = 1e6


class CourseInputError(ValueError):
    """A value given to course_lib is not allowed; the message says what is."""


class UnknownNameError(CourseInputError, LookupError):
    """A node, weight or value name that the network does not have."""

    def __init__(self, kind, name, known):
        known = list(known)
        folded = [str(k).lower() for k in known]  # case-blind, so 'w_A_c' finds 'w_A_C'
        close = difflib.get_close_matches(str(name).lower(), folded, n=1, cutoff=0.5)
        hint = f" Did you mean {known[folded.index(close[0])]!r}?" if close else ""
        shown = ", ".join(known[:12]) + (", ..." if len(known) > 12 else "")
        kinds = kind + ("es" if kind.endswith("s") else "s")
        super().__init__(f"unknown {kind} {name!r}.{hint} Known {kinds}: {shown}.")


class DivergedError(CourseInputError, ArithmeticError):
    """The numbers grew past what a float can hold: the step size was too large."""


def _size_of(number):
    """A short description of a number too large for a float: 'a number of about 1e400'."""
    try:
        exponent = int(math.log10(abs(number)))
    except (OverflowError, ValueError, TypeError):
        return "a number too large for a float"
    return f"a number of about {'-' if number < 0 else ''}1e{exponent}"


def check_number(what, value, limit=MAX_MAGNITUDE):
    """Return `value` as a float, or raise CourseInputError naming `what`."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise CourseInputError(
            f"{what} must be a real number, got {value!r} ({type(value).__name__})."
        )
    try:
        value = float(value)
    except OverflowError:
        raise CourseInputError(f"{what} = {_size_of(value)} is too large: allowed values lie "
                               f"between -{limit:g} and {limit:g}.") from None
    if math.isnan(value) or math.isinf(value):
        raise CourseInputError(f"{what} must be a finite number, got {value}.")
    if abs(value) > limit:
        raise CourseInputError(
            f"{what} = {value:g} is too large: allowed values lie between "
            f"-{limit:g} and {limit:g}."
        )
    return value


def learning_rate_value(learning_rate):
    """A learning rate must be a finite number > 0."""
    value = check_number("learning_rate", learning_rate)
    if value <= 0:
        raise CourseInputError(
            f"learning_rate must be greater than 0, got {value:g}: it is the size "
            "of the step downhill."
        )
    return value


def check_name(kind, name, known):
    """Return `name` if it is one of `known` (all strings), else raise UnknownNameError."""
    if not isinstance(name, str) or name not in known:
        raise UnknownNameError(kind, name, known)
    return name


def check_finite_result(what, value):
    """Raise DivergedError when a computed value overflowed to inf or nan."""
    if not math.isfinite(value):
        raise DivergedError(
            f"{what} overflowed to {value}: the weights have grown too large. "
            "Use a smaller learning_rate or smaller weights."
        )
    return value


def read_number(what, value, allowed=None, positive=False, limit=MAX_MAGNITUDE):
    """Parse `value` (a number or the text of a box) as a finite float; never raises.

    Returns (float, '') or (None, message); the message names what was wrong and what
    is allowed.
    """
    allowed = allowed or (f"a number greater than 0, at most {limit:g}" if positive
                          else f"a number from {-limit:g} to {limit:g}")
    if isinstance(value, str):
        text = value.strip().replace("\u2212", "-")
        if not text:
            return None, f"{what} is empty. Allowed: {allowed}."
        try:
            value = float(text)
        except ValueError:
            return None, f"{what}: {value.strip()[:20]!r} is not a number. Allowed: {allowed}."
    elif isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None, f"{what}: {str(value)[:20]!r} is not a number. Allowed: {allowed}."
    try:
        value = float(value)
    except OverflowError:
        return None, f"{what}: {_size_of(value)} is out of range. Allowed: {allowed}."
    if math.isnan(value) or math.isinf(value):
        return None, f"{what}: {value} is not a finite number. Allowed: {allowed}."
    if abs(value) > limit or (positive and value <= 0):
        return None, f"{what}: {value:g} is out of range. Allowed: {allowed}."
    return value, ""
