"""Activation functions: one table, one row each, with the slope taken from the output.

The article writes `activation_function_derivative(A)`: the slope dA_wrt_sA is computed
from the node value A, not from the sum sA. Every row allows that:

    sigmoid  A = 1 / (1 + exp(-sA))    dA_wrt_sA = A * (1 - A)
    tanh     A = tanh(sA)              dA_wrt_sA = 1 - A**2
    relu     A = max(sA, 0)            dA_wrt_sA = 1 if A > 0 else 0
    linear   A = sA                    dA_wrt_sA = 1

A row also carries its Python and C source (expressions in `s` and `A`), so a new
activation is one new row: backward, the stepper, the diagram and code generation
all read this table. Plain Python (math only); the matrix form is in course_lib.matrices.
"""
import math
from dataclasses import dataclass
from typing import Callable

from .errors import check_name, real_value

_EXP_LIMIT = 700.0  # exp(700) ~ 1e304 is still a finite float


def _sigmoid(s):
    return 1.0 / (1.0 + math.exp(min(-s, _EXP_LIMIT)))


def _relu(s):
    if s != s:   # NaN stays NaN: it must not look like a dead relu
        return s
    return s if s > 0.0 else 0.0


def _relu_slope(a):
    return 1.0 if a > 0.0 else (0.0 if a <= 0.0 else a)    # NaN stays NaN here too


@dataclass(frozen=True)
class Activation:
    """One row of the table.

    - function(s) and derivative_from_output(A), on floats;
    - formula: the slope as the course writes it ("A * (1 - A)");
    - python / c: (expression of A from s, expression of the slope from A), as source.
      A C expression that is the function itself ("tanh(s)") comes from math.h.
    """

    name: str
    function: Callable
    derivative_from_output: Callable
    formula: str
    python: tuple
    c: tuple

    def __call__(self, s):
        return self.function(s)


ACTIVATIONS = {
    "sigmoid": Activation("sigmoid", _sigmoid, lambda a: a * (1.0 - a), "A * (1 - A)",
                          python=("1.0 / (1.0 + math.exp(min(-s, 700.0)))", "A * (1.0 - A)"),
                          c=("1.0/(1.0+exp(fmin(-s,700.0)))", "A*(1.0-A)")),
    "tanh": Activation("tanh", math.tanh, lambda a: 1.0 - a * a, "1 - A**2",
                       python=("math.tanh(s)", "1.0 - A * A"),
                       c=("tanh(s)", "1.0-A*A")),
    "relu": Activation("relu", _relu, _relu_slope, "1 if A > 0 else 0",
                       python=("s if s > 0.0 else 0.0", "1.0 if A > 0.0 else 0.0"),
                       c=("s>0.0 ? s : 0.0", "A>0.0 ? 1.0 : 0.0")),
    "linear": Activation("linear", lambda s: s, lambda a: 1.0, "1",
                         python=("s", "1.0"), c=("s", "1.0")),
}


def get_activation(name):
    """Return the Activation called `name` (a row of ACTIVATIONS)."""
    if isinstance(name, Activation):
        return name
    return ACTIVATIONS[check_name("activation", name, ACTIVATIONS)]


def activation_function(name, s):
    """A = activation(sA), the article's `activation_function(sA)`: s is one real number
    (NaN stays NaN, so a bad value shows instead of turning into a plausible 0)."""
    return get_activation(name).function(real_value("the sum s", s))


def activation_function_derivative(name, a):
    """dA_wrt_sA from the activated value A, the article's `activation_function_derivative(A)`."""
    return get_activation(name).derivative_from_output(real_value("the value A", a))
