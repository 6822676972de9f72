"""The activation table of course_lib.core.activations, on numpy arrays.

Each built-in row has a vectorised form here; a row added to the table at run time
(a new activation) works too, element by element, through its plain-Python functions.
"""
import numpy as np

from ..core.activations import _EXP_LIMIT, get_activation


def _sigmoid(s):
    return 1.0 / (1.0 + np.exp(np.minimum(-s, _EXP_LIMIT)))


def _relu(s):
    return np.where(s > 0.0, s, np.where(np.isnan(s), s, 0.0))


#: name -> (function of the sums, slope from the outputs), as array operations.
ARRAY_FORMS = {
    "sigmoid": (_sigmoid, lambda a: a * (1.0 - a)),
    "tanh": (np.tanh, lambda a: 1.0 - a * a),
    "relu": (_relu, lambda a: (a > 0.0).astype(float)),
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


def _is_scalar(x):
    return np.ndim(x) == 0


def activation_function(name, s):
    """A = activation(sA) for a number or an array of sums (the article's activation_function)."""
    if _is_scalar(s) and not isinstance(s, np.ndarray):
        return get_activation(name).function(float(s))
    return array_activation(name).function(np.asarray(s, dtype=float))


def activation_function_derivative(name, a):
    """dA_wrt_sA from the value A, for a number or an array (activation_function_derivative)."""
    if _is_scalar(a) and not isinstance(a, np.ndarray):
        return get_activation(name).derivative_from_output(float(a))
    return array_activation(name).derivative_from_output(np.asarray(a, dtype=float))
