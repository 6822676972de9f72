"""Losses: one table, one row each, with the loss and its slope side by side.

    squared (the article's):  L = sum (correct - f)**2     dL_wrt_f = 2*(f - correct)
    naive:                    L = sum (correct - f)        dL_wrt_f = -1, whatever f is

L is summed over the output nodes. A row also carries its Python and C source
(expressions in `f` and `correct`), read by code generation; a new loss is one new row.
"""
import math
from dataclasses import dataclass
from typing import Callable

from .errors import DivergedError, check_finite_result, check_name


@dataclass(frozen=True)
class Loss:
    """One row: value(f, correct) and slope(f, correct) of one output, and their source."""

    name: str
    value: Callable
    slope: Callable
    formula: str          # the slope as the course writes it
    python: tuple         # (value expression, slope expression) in f and correct
    c: tuple


LOSSES = {
    "squared": Loss("squared", lambda f, c: (c - f) * (c - f), lambda f, c: 2.0 * (f - c),
                    "2*(f - correct)",
                    python=("(correct - f)**2", "2*(f - correct)"),
                    c=("pow(correct-f,2.0)", "2*(f-correct)")),
    "naive": Loss("naive", lambda f, c: c - f, lambda f, c: -1.0, "-1",
                  python=("(correct - f)", "-1.0"), c=("(correct-f)", "-1.0")),
}


def get_loss(kind):
    """The Loss row called `kind`."""
    if isinstance(kind, Loss):
        return kind
    return LOSSES[check_name("loss", kind, LOSSES)]


def check_loss(kind):
    """Return `kind` if it is a known loss name."""
    return get_loss(kind).name


def loss_value(forecast, correct, kind="squared"):
    """L for one sample: forecast and correct are {output name: value}."""
    row = get_loss(kind)
    for o, f in forecast.items():
        if not math.isfinite(f):
            raise DivergedError(f"the forecast {o} is {f}, so the loss cannot be computed: "
                                "a value before it overflowed or was not a number.")
    total = sum(row.value(forecast[o], correct[o]) for o in forecast)
    return check_finite_result("the loss L", total)


def loss_slope(f, correct, kind="squared"):
    """dL_wrt_f for one output: 2*(f - correct), or -1 for the naive loss."""
    return get_loss(kind).slope(f, correct)
