"""Losses of one sample, summed over the output nodes, and their slopes dL/df.

    squared (the article's):  L = sum (correct - f)**2     dL_wrt_f = 2*(f - correct)
    naive:                    L = sum (correct - f)        dL_wrt_f = -1, whatever f is
"""
from .errors import UnknownNameError, check_finite_result

LOSSES = ("squared", "naive")


def check_loss(kind):
    """Return `kind` if it is a known loss name."""
    if kind not in LOSSES:
        raise UnknownNameError("loss", kind, LOSSES)
    return kind


def loss_value(forecast, correct, kind="squared"):
    """L for one sample: forecast and correct are {output name: value}."""
    check_loss(kind)
    if kind == "naive":
        return sum(correct[o] - forecast[o] for o in forecast)
    total = sum((correct[o] - forecast[o]) * (correct[o] - forecast[o]) for o in forecast)
    return check_finite_result("the loss L", total)


def loss_slope(f, correct, kind="squared"):
    """dL_wrt_f for one output: 2*(f - correct), or -1 for the naive loss."""
    return 2.0 * (f - correct) if check_loss(kind) == "squared" else -1.0
