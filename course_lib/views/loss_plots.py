"""The two losses of one forecast, and their slopes, as numbers and as a plot.

    naive:    L = correct - f          dL_wrt_f = -1            (same slope everywhere)
    squared:  L = (correct - f)**2     dL_wrt_f = 2*(f - correct)

The slope of the squared loss says which way to go (its sign) AND how far (its size);
the naive slope only ever says "increase f", and its loss falls below zero past the bar.

    plot_loss_vs_forecast(correct, forecast=f)    both losses and slopes against f
    (old name, kept working: plot_loss_curves)
"""
from dataclasses import dataclass

import numpy as np

from ..core.losses import loss_slope, loss_value
from .style import BLUE, VERMILLION


@dataclass(frozen=True)
class LossCurves:
    """The numbers plot_loss_vs_forecast draws: each array is indexed like `forecasts`."""

    correct: float
    forecasts: np.ndarray
    naive: np.ndarray
    squared: np.ndarray
    naive_slope: np.ndarray
    squared_slope: np.ndarray


def loss_curves(correct=1.0, low=-0.5, high=2.5, points=61):
    """Both losses and both slopes at `points` forecasts from `low` to `high`, via course_lib.loss."""
    forecasts = np.linspace(low, high, points)
    kinds = ("naive", "squared")
    losses = {kind: np.array([loss_value({"f": f}, {"f": correct}, kind) for f in forecasts])
              for kind in kinds}
    slopes = {kind: np.array([loss_slope(f, correct, kind) for f in forecasts]) for kind in kinds}
    return LossCurves(float(correct), forecasts, losses["naive"], losses["squared"],
                      slopes["naive"], slopes["squared"])


def plot_loss_vs_forecast(correct=1.0, forecast=None, low=-0.5, high=2.5, points=61):
    """Draw both losses (left) and their slopes dL_wrt_f (right) against the forecast.

    A dashed line marks the bar (f = correct); `forecast`, if given, is marked with a dot
    on every curve. Returns the LossCurves drawn.
    """
    import matplotlib.pyplot as plt

    c = loss_curves(correct, low, high, points)
    naive, squared = VERMILLION, BLUE
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.6), layout="constrained")
    left.plot(c.forecasts, c.naive, color=naive, lw=2, label="naive: L = correct - f")
    left.plot(c.forecasts, c.squared, color=squared, lw=2, label="squared: L = (correct - f)**2")
    right.plot(c.forecasts, c.naive_slope, color=naive, lw=2, label="naive: dL_wrt_f = -1")
    right.plot(c.forecasts, c.squared_slope, color=squared, lw=2,
               label="squared: dL_wrt_f = 2*(f - correct)")
    for ax in (left, right):
        ax.axhline(0, color="grey", lw=0.8)
        ax.axvline(correct, color="black", lw=1, ls="--")
        ax.annotate("correct (the bar)", (correct, 0), xycoords=("data", "axes fraction"),
                    xytext=(4, 6), textcoords="offset points", fontsize=9)
        ax.set_xlabel("forecast f")
        ax.legend(fontsize=8, loc="upper center")
    if forecast is not None:
        left.plot([forecast] * 2, [correct - forecast, (correct - forecast) ** 2], "ko", ms=5)
        right.plot([forecast] * 2, [-1.0, 2 * (forecast - correct)], "ko", ms=5)
        left.annotate("your forecast", (forecast, (correct - forecast) ** 2), xytext=(-20, 25),
                      textcoords="offset points", fontsize=9, arrowprops={"arrowstyle": "-"})
    left.set(ylabel="L", title="the loss")
    right.set(ylabel="dL_wrt_f", title="its slope with respect to f")
    right.set_ylim(min(c.squared_slope.min(), -1) - 0.5, c.squared_slope.max() + 1.2)
    left.set_ylim(c.naive.min() - 0.3, c.squared.max() + 1.4)
    return c


# Old name (README, "Changes"): the same function.
plot_loss_curves = plot_loss_vs_forecast
