"""The size of the step: gradient descent on a network with ONE weight.

The smallest network there is: one input I1, one weight w, no activation,

    f = I1 * w        L = (correct - f)**2        dL_wrt_w = dL_wrt_f * I1
    w = w - learning_rate * dL_wrt_w

Each step multiplies the distance to the bar, correct - f, by (1 - 2*learning_rate*I1**2):
too small a learning rate crawls, a good one converges, and past 1/I1**2 every step
overshoots by more than the last one and the forecast runs away. With the naive loss
(dL_wrt_f = -1 whatever f is) the steps never shrink, so the forecast walks past the bar
and keeps going.
"""
from dataclasses import dataclass

import numpy as np

from ..core.errors import learning_rate_value, check_number
from ..core.losses import check_loss, loss_slope


@dataclass(frozen=True)
class Descent:
    """One run of the one-weight descent; every array has steps + 1 entries (0 = the start)."""

    learning_rate: float
    loss: str
    correct: float
    weights: np.ndarray
    forecasts: np.ndarray
    losses: np.ndarray
    slopes: np.ndarray  # dL_wrt_f at each forecast

    @property
    def distances(self):
        """|correct - f| after each step: how far from the bar."""
        return np.abs(self.correct - self.forecasts)

    @property
    def overshoots(self):
        """How many steps jumped over the bar (the error changed sign)."""
        errors = self.correct - self.forecasts
        return int(np.sum(errors[:-1] * errors[1:] < 0))


def one_weight_descent(learning_rate, steps=20, w=0.2, I1=1.0, correct=1.0, loss="squared"):
    """Run `steps` steps of w = w - learning_rate * dL_wrt_w on f = I1 * w; return a Descent."""
    lr = learning_rate_value(learning_rate)
    check_loss(loss)
    w, I1, correct = check_number("w", w), check_number("I1", I1), check_number("correct", correct)
    weights, forecasts, losses, slopes = [], [], [], []
    for step in range(int(steps) + 1):
        f = I1 * w
        dL_wrt_f = loss_slope(f, correct, loss)
        weights.append(w)
        forecasts.append(f)
        losses.append((correct - f) ** 2 if loss == "squared" else correct - f)
        slopes.append(dL_wrt_f)
        if step < steps:
            dL_wrt_w = dL_wrt_f * I1          # df_wrt_w = I1
            w = w - lr * dL_wrt_w
    return Descent(lr, loss, correct, *(np.array(a) for a in (weights, forecasts, losses, slopes)))


#: Okabe-Ito colours (safe for colour-blind readers), one per run.
COLOURS = ("#0072B2", "#009E73", "#D55E00", "#CC79A7", "#E69F00")


def plot_descents(descents, labels=None, title="One weight, different step sizes"):
    """Draw the forecast after each step (left) and the distance to the bar on a log
    scale (right) for each Descent. Returns the descents drawn (the numbers on the plot)."""
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    descents = list(descents)
    labels = labels or [f"learning_rate = {d.learning_rate:g} ({d.loss} loss)" for d in descents]
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4), layout="constrained")
    correct = descents[0].correct
    for d, label, colour in zip(descents, labels, COLOURS):
        steps = np.arange(len(d.forecasts))
        left.plot(steps, d.forecasts, "o-", ms=3, color=colour, label=label)
        right.semilogy(steps, np.maximum(d.distances, 1e-16), "o-", ms=3, color=colour)
    left.axhline(correct, color="black", lw=1, ls="--")
    left.annotate("correct (the bar)", (0, correct), xytext=(2, 4), textcoords="offset points",
                  fontsize=9)
    low = min(d.forecasts.min() for d in descents)
    high = max(d.forecasts.max() for d in descents)
    left.set_ylim(max(low, correct - 2) - 0.1, min(high, correct + 2) + 0.1)
    left.set(xlabel="step", ylabel="forecast f", title="where the forecast lands")
    right.set(xlabel="step", ylabel="|correct - f| (log scale)", title="distance to the bar")
    for ax in (left, right):
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    fig.legend(fontsize=9, loc="outside lower center", ncols=len(descents))
    fig.suptitle(title)
    return descents
