"""Reading what a Network is built from, strictly: layers of node names, and numbers laid out
in exactly the shape the layers ask for. Nothing is dropped, padded or guessed: a matrix of
the wrong shape, a string where a number belongs or a row too many is refused by name.
"""
import math
from collections.abc import Iterable

from .errors import CourseInputError, real_value, shown


def _listed(values, what, expected):
    """`values` as a list if it is a sequence (not text, not a number), else a clear error."""
    if isinstance(values, (str, bytes, dict)) or not isinstance(values, Iterable):
        raise CourseInputError(f"{what} must be {expected}, got {shown(values)}.")
    return list(values)


def layer_names(layers):
    """Layers as a tuple of tuples of node names; a string is never split into letters."""
    example = "a list of layers of node names, e.g. [('I1', 'I2'), ('A', 'B'), ('f',)]"
    layers = _listed(layers, "layers", example)
    return tuple(tuple(_listed(layer, f"layer {k}", "a list of node names"))
                 for k, layer in enumerate(layers))


def sequence_of(values, what, expected):
    """The items of a sequence (weight matrices, bias vectors), or a clear error."""
    return _listed(values, what, expected)


def _number(value, what):
    if isinstance(value, float):
        return float(value)
    if isinstance(value, (str, bytes)):
        raise CourseInputError(f"{what} must hold numbers, got the text {shown(value)}.")
    if getattr(value, "ndim", 0) or isinstance(value, Iterable):
        raise CourseInputError(f"{what} must hold one number in each place, got "
                               f"{shown(value)} in a place of its own.")
    return real_value(f"each number in {what}", value)


def rows_of(values, shape, what, meaning=""):
    """A nested tuple of finite floats of exactly `shape` (1 or 2 dimensions), or a clear
    error naming `what`, the shape found and (in `meaning`) what its rows and columns are."""
    expected = f"shape {shape}{meaning}"
    given = _listed(values, what, f"numbers in {expected}")
    if len(shape) == 1:
        if len(given) != shape[0]:
            raise CourseInputError(f"{what} must have {expected}, got {len(given)} numbers.")
        rows = tuple(_number(v, what) for v in given)
        flat = rows
    else:
        given = [_listed(row, f"row {i} of {what}", f"a row of {shape[1]} numbers")
                 for i, row in enumerate(given)]
        lengths = sorted({len(row) for row in given})
        if len(given) != shape[0] or lengths != [shape[1]]:
            found = (len(given), *lengths) if len(lengths) < 2 else \
                f"{len(given)} rows of different lengths {lengths}"
            raise CourseInputError(f"{what} must have {expected}, got {found}.")
        rows = tuple(tuple(_number(v, what) for v in row) for row in given)
        flat = [v for row in rows for v in row]
    if not all(map(math.isfinite, flat)):
        raise CourseInputError(f"{what} must hold finite numbers; found NaN or inf.")
    return rows
