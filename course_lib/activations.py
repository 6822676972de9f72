"""Activation functions and their derivatives, taken from the activated value.

The article writes `activation_function_derivative(f)`: the slope dA/dsA is computed
from the output A, not from the sum sA. Every activation here allows that:

    sigmoid  A = 1 / (1 + exp(-sA))    dA/dsA = A * (1 - A)
    tanh     A = tanh(sA)              dA/dsA = 1 - A**2
    relu     A = max(sA, 0)            dA/dsA = 1 if A > 0 else 0
    linear   A = sA                    dA/dsA = 1

Each function works on a float (with `math`) and on a numpy array, and stays finite
with no warning for any finite sum (sigmoid clips the exponent at 700).
"""
import math
from dataclasses import dataclass
from typing import Callable

import numpy as np

from .errors import UnknownNameError

_EXP_LIMIT = 700.0  # exp(700) ~ 1e304 is still a finite float


def _sigmoid(s):
    if isinstance(s, float):
        return 1.0 / (1.0 + math.exp(min(-s, _EXP_LIMIT)))
    return 1.0 / (1.0 + np.exp(np.minimum(-s, _EXP_LIMIT)))


def _tanh(s):
    return math.tanh(s) if isinstance(s, float) else np.tanh(s)


def _relu(s):
    if isinstance(s, float):
        return s if s > 0.0 else 0.0
    return np.maximum(s, 0.0)


def _relu_derivative(a):
    if isinstance(a, float):
        return 1.0 if a > 0.0 else 0.0
    return (a > 0.0).astype(float)


@dataclass(frozen=True)
class Activation:
    """An activation function and its derivative written in terms of its output."""

    name: str
    function: Callable
    derivative_from_output: Callable
    formula: str

    def __call__(self, s):
        return self.function(s)


ACTIVATIONS = {
    "sigmoid": Activation("sigmoid", _sigmoid, lambda a: a * (1.0 - a), "A * (1 - A)"),
    "tanh": Activation("tanh", _tanh, lambda a: 1.0 - a * a, "1 - A**2"),
    "relu": Activation("relu", _relu, _relu_derivative, "1 if A > 0 else 0"),
    "linear": Activation("linear", lambda s: s, lambda a: 1.0 + 0.0 * a, "1"),
}


def get_activation(name):
    """Return the Activation called `name` (sigmoid, tanh, relu or linear)."""
    if isinstance(name, Activation):
        return name
    if not isinstance(name, str) or name not in ACTIVATIONS:
        raise UnknownNameError("activation", name, ACTIVATIONS)
    return ACTIVATIONS[name]


def activation_function(name, s):
    """A = activation(sA), the article's `activation_function(sA)`."""
    return get_activation(name).function(s)


def activation_function_derivative(name, a):
    """dA/dsA from the activated value A, the article's `activation_function_derivative(A)`."""
    return get_activation(name).derivative_from_output(a)
