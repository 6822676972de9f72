"""Losses: one table, one row each, with the loss and its slope side by side.

    squared (the article's):  L = sum (correct - f)**2     dL_wrt_f = 2*(f - correct)
    naive:                    L = sum (correct - f)        dL_wrt_f = -1, whatever f is

L is summed over the output nodes. A row also carries its Python and C source
(expressions in `f` and `correct`), read by code generation; a new loss is one new row.
"""
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Callable

from .errors import ANY_FINITE, DivergedError, check_name, check_number
from .sample import read_named


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


def _forecasts(forecast):
    """{output: forecast} from a dict by output name, a list in output order, or one number
    (the output f); every forecast a finite number."""
    if isinstance(forecast, Mapping):
        named = dict(forecast)
    elif isinstance(forecast, (list, tuple)) or getattr(forecast, "ndim", 0) == 1:
        named = {("f" if len(forecast) == 1 else f"f{k + 1}"): v for k, v in enumerate(forecast)}
    else:
        named = {"f": forecast}
    return {o: check_number(f"the forecast {o}", f, ANY_FINITE) for o, f in named.items()}


def total_loss(row, forecast, correct):
    """L = the Loss row's value summed over the outputs, for forecasts and answers already
    read; a sum too large for a float is a DivergedError that says why."""
    total = sum(row.value(forecast[o], correct[o]) for o in forecast)
    if not math.isfinite(total):
        worst = max(forecast, key=lambda o: abs(forecast[o] - correct[o]))
        raise DivergedError(f"the loss L overflowed to {total}: the forecast {worst} = "
                            f"{forecast[worst]:g} is too far from its correct answer "
                            f"{correct[worst]:g} for a float (in training: the weights have "
                            "grown too large; use a smaller learning_rate).")
    return total


def loss_value(forecast, correct, kind="squared"):
    """L for one sample: forecast and correct are {output name: value} (for one output,
    plain numbers are fine too: loss_value(f, correct))."""
    row = get_loss(kind)
    forecast = _forecasts(forecast)
    return total_loss(row, forecast, read_named(tuple(forecast), correct, "output"))


def loss_slope(f, correct, kind="squared"):
    """dL_wrt_f for one output: 2*(f - correct), or -1 for the naive loss."""
    row = get_loss(kind)
    f, correct = check_number("the forecast f", f, ANY_FINITE), check_number("correct", correct)
    slope = row.slope(f, correct)
    if not math.isfinite(slope):
        raise DivergedError(f"dL_wrt_f overflowed to {slope}: the forecast f = {f:g} is too far "
                            f"from correct = {correct:g} for a float.")
    return slope
