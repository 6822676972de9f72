"""The activation table of course_lib.core.activations, on numpy arrays.

Each built-in row has a vectorised form here; a row added to the table at run time
(a new activation) works too, element by element, through its plain-Python functions.
"""
import numpy as np

from ..core.activations import _EXP_LIMIT, get_activation
from ..core.errors import CourseInputError, real_value, shown


def _sigmoid(s):
    return 1.0 / (1.0 + np.exp(np.minimum(-s, _EXP_LIMIT)))


def _relu(s):
    return np.where(s > 0.0, s, np.where(np.isnan(s), s, 0.0))


#: name -> (function of the sums, slope from the outputs), as array operations.
ARRAY_FORMS = {
    "sigmoid": (_sigmoid, lambda a: a * (1.0 - a)),
    "tanh": (np.tanh, lambda a: 1.0 - a * a),
    "relu": (_relu, lambda a: np.where(np.isnan(a), a, (a > 0.0).astype(float))),
    "linear": (lambda s: s, np.ones_like),
}


class ArrayActivation:
    """An activation applied to whole arrays: .function(S), .derivative_from_output(A)."""

    def __init__(self, name):
        row = get_activation(name)
        self.name = row.name
        if row.name in ARRAY_FORMS:
            self.function, self.derivative_from_output = ARRAY_FORMS[row.name]
        else:
            self.function = np.vectorize(row.function, otypes=[float])
            self.derivative_from_output = np.vectorize(row.derivative_from_output, otypes=[float])


def array_activation(name):
    """The ArrayActivation for a row of the table, by name."""
    return ArrayActivation(name)


def _numbers(values, what):
    """A float array of `values` (a list or array of real numbers, NaN allowed), or a clear
    CourseInputError: text, None, True/False and ragged lists are not numbers."""
    try:
        array = np.asarray(values)
    except ValueError:                              # ragged: rows of different lengths
        raise CourseInputError(f"{what} must be a number or an array of numbers, got "
                               f"{shown(values)} (rows of different lengths).") from None
    if array.dtype.kind == "O":                     # Fraction, Decimal, huge ints: one by one
        array = np.array([real_value(what, v) for v in array.ravel()]).reshape(array.shape)
    if array.dtype.kind not in "iuf":
        raise CourseInputError(f"{what} must be a number or an array of numbers, got "
                               f"{shown(values)}.")
    return array.astype(float)


def activation_function(name, s):
    """A = activation(sA) for a number or an array of sums (the article's activation_function)."""
    if not isinstance(s, (list, tuple, np.ndarray)):
        return get_activation(name).function(real_value("the sum s", s))
    return array_activation(name).function(_numbers(s, "the sums s"))


def activation_function_derivative(name, a):
    """dA_wrt_sA from the value A, for a number or an array (activation_function_derivative)."""
    if not isinstance(a, (list, tuple, np.ndarray)):
        return get_activation(name).derivative_from_output(real_value("the value A", a))
    return array_activation(name).derivative_from_output(_numbers(a, "the values A"))
