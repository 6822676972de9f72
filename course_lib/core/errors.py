"""Clear errors for bad input: each names what was wrong and what is allowed."""
import decimal
import difflib
import math
import numbers
import sys

#: Largest magnitude accepted for an input, a correct answer, a weight or a bias.
#: Sums of such values stay far from float overflow, so no silent inf appears.
MAX_MAGNITUDE = 1e6

#: The largest finite float: check_number(..., limit=ANY_FINITE) refuses only NaN and inf.
ANY_FINITE = sys.float_info.max


class CourseInputError(ValueError):
    """A value given to course_lib is not allowed; the message says what is."""


def shown(value, width=40):
    """repr(value), cut to `width` characters: what a message quotes of a bad value."""
    text = repr(value)
    return text if len(text) <= width else text[:width - 3] + "..."


class UnknownNameError(CourseInputError, LookupError):
    """A node, weight or value name that the network does not have."""

    def __init__(self, kind, name, known):
        known = list(known)
        folded = [str(k).lower() for k in known]  # case-blind, so 'w_A_c' finds 'w_A_C'
        close = difflib.get_close_matches(str(name).lower(), folded, n=1, cutoff=0.5)
        hint = f" Did you mean {known[folded.index(close[0])]!r}?" if close else ""
        listed = ", ".join(map(str, known[:12])) + (", ..." if len(known) > 12 else "")
        kinds = kind + ("es" if kind.endswith("s") else "s")
        super().__init__(f"unknown {kind} {shown(name)}.{hint} Known {kinds}: {listed}.")


class DivergedError(CourseInputError, ArithmeticError):
    """The numbers grew past what a float can hold: the step size was too large."""


class TooLargeError(CourseInputError):
    """A number too large to become a float (10**400, Decimal('1e400'))."""


def _size_of(number):
    """A short description of a number too large for a float: 'a number of about 1e400'."""
    try:
        exponent = int(abs(number).log10() if isinstance(number, decimal.Decimal)
                       else math.log10(abs(number)))
    except (OverflowError, ValueError, TypeError, ArithmeticError):
        return "a number too large for a float"
    return f"a number of about {'-' if number < 0 else ''}1e{exponent}"


def real_value(what, value):
    """`value` as a float, NaN and inf included: a real number (int, float, Fraction, Decimal,
    a numpy number or 0-d array); anything else raises CourseInputError naming `what`."""
    if type(value) is float:
        return value
    if getattr(value, "ndim", 0) == 0 and getattr(value, "dtype", None) is not None \
            and value.dtype.kind in "iuf":
        value = value.item()                      # a numpy number or 0-d array
    if isinstance(value, bool) or not isinstance(value, (numbers.Real, decimal.Decimal)):
        if getattr(value, "ndim", 0) or isinstance(value, (list, tuple)):
            shape = getattr(value, "shape", None) or (len(value),)
            raise CourseInputError(f"{what} must be a real number (just one), got a "
                                   f"{type(value).__name__} of shape {tuple(shape)}.")
        raise CourseInputError(f"{what} must be a real number, got {shown(value)} "
                               f"({type(value).__name__}).")
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if math.isinf(number) and not (isinstance(value, float) or
                                   isinstance(value, decimal.Decimal) and value.is_infinite()):
        raise TooLargeError(f"{what} = {_size_of(value)} is too large for a float.")
    return number


def check_number(what, value, limit=MAX_MAGNITUDE):
    """Return `value` as a finite float of at most `limit` in size, or raise
    CourseInputError naming `what` and what is allowed."""
    try:
        number = value if type(value) is float else real_value(what, value)
    except TooLargeError:
        number = None
    if number is not None and -limit <= number <= limit:     # False for NaN and inf
        return number
    if number is not None and math.isnan(number):
        raise CourseInputError(f"{what} must be a finite number, got nan (not a number).")
    if number is not None and math.isinf(number):
        raise CourseInputError(f"{what} must be a finite number, got {number}.")
    allowed = (" for a float" if limit >= ANY_FINITE
               else f": allowed values lie between -{limit:g} and {limit:g}")
    size = _size_of(value) if number is None else f"{number:g}"
    if number is not None and float(size) != number and abs(number) < 10 * limit:
        size = repr(number)                       # 1000000.000001, not 1e+06 (seen as allowed)
    raise CourseInputError(f"{what} = {size} is too large{allowed}.")


def learning_rate_value(learning_rate):
    """A learning rate must be a finite number > 0."""
    value = check_number("learning_rate", learning_rate)
    if value <= 0:
        raise CourseInputError(
            f"learning_rate must be greater than 0, got {value:g}: it is the size "
            "of the step downhill."
        )
    return value


def positive_number(what, value, limit=MAX_MAGNITUDE):
    """A finite number > 0 (a tolerance, a floor), else CourseInputError naming `what`."""
    number = check_number(what, value, limit)
    if number <= 0:
        raise CourseInputError(f"{what} must be greater than 0, got {number:g}.")
    return number


def whole_number(what, value, least=None, most=None):
    """`value` as an int (a whole float such as 3.0 too), within [least, most] when given;
    else CourseInputError naming `what` and the allowed range."""
    allowed = "".join([f" >= {least}" if least is not None else "",
                       " and" if least is not None and most is not None else "",
                       f" <= {most}" if most is not None else ""])
    whole = (not isinstance(value, bool) and (
        isinstance(value, numbers.Integral)
        or isinstance(value, numbers.Real) and math.isfinite(value) and value == int(value)))
    if (not whole or (least is not None and value < least)
            or (most is not None and value > most)):
        raise CourseInputError(f"{what} must be a whole number{allowed}, got {shown(value)}.")
    return int(value)


def check_flag(what, value):
    """True or False (1 and 0 too), else CourseInputError: 'yes' must not count as True."""
    numpy_bool = getattr(getattr(value, "dtype", None), "kind", "") == "b" and not value.ndim
    if isinstance(value, (bool, int)) and value in (0, 1) or numpy_bool:
        return bool(value)
    raise CourseInputError(f"{what} must be True or False, got {shown(value)}.")


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
            value = decimal.Decimal(text)             # 1e400 stays 1e400, not inf
        except (ArithmeticError, ValueError):
            return None, f"{what}: {value.strip()[:20]!r} is not a number. Allowed: {allowed}."
    try:
        value = real_value(what, value)
    except TooLargeError:
        return None, f"{what}: {_size_of(value)} is out of range. Allowed: {allowed}."
    except CourseInputError:
        return None, f"{what}: {str(value)[:20]!r} is not a number. Allowed: {allowed}."
    if math.isnan(value) or math.isinf(value):
        return None, f"{what}: {value} is not a finite number. Allowed: {allowed}."
    if abs(value) > limit or (positive and value <= 0):
        return None, f"{what}: {value:g} is out of range. Allowed: {allowed}."
    return value, ""
