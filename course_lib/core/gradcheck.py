"""Checking gradients without the chain rule: nudge a weight and watch L.

    dL/dw ~ (L(w + h) - L(w - h)) / (2*h)        (centred finite difference)
"""
from dataclasses import dataclass

from .backward import backward
from .descent import gradient_values
from .errors import ANY_FINITE, CourseInputError, check_name, check_number, positive_number
from .forward import forward
from .losses import get_loss, total_loss
from .network import check_network
from .sample import read_correct

#: The smallest nudge: below it L(w + h) - L(w - h) is lost in float rounding (a slope of 0).
MIN_H = 1e-10


@dataclass(frozen=True)
class Nudge:
    """The loss after nudging one weight up and down by h, and the slope that gives."""

    weight: str
    h: float
    loss_plus: float
    loss_minus: float
    slope: float


def loss_of(network, inputs, correct, loss="squared"):
    """L for one sample: forward, then the loss."""
    trace = forward(network, inputs)
    return total_loss(get_loss(loss), trace.forecast, read_correct(network, correct))


def nudge(network, inputs, correct, weight, h=1e-6, loss="squared"):
    """Centred finite difference of L with respect to `weight` (a weight or bias name)."""
    check_name("weight", weight, check_network(network).weights)
    h = check_number("h", h)
    if h <= 0:
        raise CourseInputError(f"h must be greater than 0, got {h:g}.")
    w = network.weights[weight]
    if h < MIN_H or w + h == w - h:
        raise CourseInputError(f"h = {h:g} is too small: {weight} + h and {weight} - h are "
                               f"(nearly) the same float, so the slope would be rounding noise "
                               f"or 0. Use h from {MIN_H:g} up (1e-6 works well).")
    plus = loss_of(network.with_weights({weight: w + h}), inputs, correct, loss)
    minus = loss_of(network.with_weights({weight: w - h}), inputs, correct, loss)
    return Nudge(weight, h, plus, minus, (plus - minus) / (2 * h))


def relative_error(analytic, numeric, floor=1e-8):
    """|a - n| / max(|a|, |n|, floor): 0 when they agree; the floor keeps 0 vs 1e-17 at ~0."""
    analytic = check_number("analytic", analytic, ANY_FINITE)
    numeric = check_number("numeric", numeric, ANY_FINITE)
    positive_number("floor", floor)
    return abs(analytic - numeric) / max(abs(analytic), abs(numeric), floor)


@dataclass(frozen=True)
class GradientCheck:
    """Analytic gradient, numeric slope and their relative error, for every weight."""

    rows: dict  # name -> (analytic, numeric, relative error)

    @property
    def max_relative_error(self):
        return max(r[2] for r in self.rows.values())

    def passed(self, tolerance=1e-6):
        return self.max_relative_error < positive_number("tolerance", tolerance)

    def __str__(self):
        lines = [f"{'weight':>10} {'chain rule':>13} {'nudge':>13} {'rel. error':>10}"]
        lines += [f"{n:>10} {a:13.6g} {m:13.6g} {e:10.2g}" for n, (a, m, e) in self.rows.items()]
        return "\n".join(lines)

    def _repr_pretty_(self, printer, cycle):
        printer.text(str(self))


def gradient_check(network, inputs, correct, gradients=None, h=1e-6, loss="squared"):
    """Compare gradients (default: backward's) with nudges of every weight and bias.

    `gradients` may be any {weight name: value} mapping, e.g. from a mistaken backward pass.
    """
    if gradients is None:
        gradients = backward(forward(network, inputs), correct, loss).weights
    gradients = gradient_values(network, gradients)
    rows = {}
    for name in network.weights:
        analytic = gradients[name]
        numeric = nudge(network, inputs, correct, name, h, loss).slope
        rows[name] = (analytic, numeric, relative_error(analytic, numeric))
    return GradientCheck(rows)
