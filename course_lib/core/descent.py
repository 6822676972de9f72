"""Gradient descent, one step: w = w - learning_rate * dL_wrt_w for every weight and bias.

Training on many samples at once (full-batch descent) is course_lib.matrices.train.
"""
import math
from collections.abc import Mapping

from .errors import ANY_FINITE, CourseInputError, DivergedError, check_number, learning_rate_value
from .network import check_network


def gradient_mapping(network, gradients):
    """{parameter name: gradient} from backward()'s Gradients (or any result with .weights,
    or a plain mapping), checked to name exactly the network's weights and biases."""
    named = getattr(gradients, "weights", gradients)
    if not isinstance(named, Mapping):
        raise CourseInputError(f"gradients must be what backward() returned (or a dict by "
                               f"weight name), got {type(gradients).__name__}.")
    missing = [n for n in network.positions if n not in named]
    extra = [n for n in named if n not in network.positions]
    if missing or extra:
        raise CourseInputError(f"these gradients belong to another network: missing "
                               f"{missing[:4]}, extra {extra[:4]}. Use the gradients of "
                               f"{network!r}.")
    return named


def gradient_values(network, gradients):
    """gradient_mapping's {name: gradient}, each a finite float (named in the error if not)."""
    named = gradient_mapping(check_network(network), gradients)
    return {name: check_number(f"the gradient of {name}", named[name], ANY_FINITE)
            for name in network.positions}


def update(network, gradients, learning_rate):
    """A new Network with w_new = w - learning_rate * dL/dw for every weight and bias.

    `gradients` is what backward() or backward_batch() returned.
    """
    lr = learning_rate_value(learning_rate)
    named = gradient_values(network, gradients)
    new = {}
    for name, w in network.weights.items():
        value = w - lr * named[name]
        if not math.isfinite(value):
            what = "a bias" if network.positions[name].kind == "b" else "a weight"
            raise DivergedError(f"{what} ({name}) overflowed: the step was too large. "
                                "Use a smaller learning_rate.")
        new[name] = value
    return network.with_named(new)
