"""The size of the step: gradient descent on a network with ONE weight.

The smallest network there is: one input I1, one weight w, no activation,

    f = I1 * w        L = (correct - f)**2        dL_wrt_w = dL_wrt_f * I1
    w = w - learning_rate * dL_wrt_w

Each step multiplies the distance to the bar, correct - f, by (1 - 2*learning_rate*I1**2):
too small a learning rate crawls, a good one converges, and past 1/I1**2 every step
overshoots by more than the last one and the forecast runs away. With the naive loss
(dL_wrt_f = -1 whatever f is) the steps never shrink, so the forecast walks past the bar
and keeps going. course_lib.views.step_size_plots draws the runs.
"""
from dataclasses import dataclass

import numpy as np

from ..core.errors import check_number, learning_rate_value, whole_number
from ..core.losses import get_loss


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
    row = get_loss(loss)                      # L and dL_wrt_f: a row of the loss table
    w, I1, correct = check_number("w", w), check_number("I1", I1), check_number("correct", correct)
    steps = whole_number("steps", steps, 0, 100_000)
    weights, forecasts, losses, slopes = [], [], [], []
    for step in range(steps + 1):
        f = I1 * w
        dL_wrt_f = row.slope(f, correct)
        weights.append(w)
        forecasts.append(f)
        losses.append(row.value(f, correct))
        slopes.append(dL_wrt_f)
        if step < steps:
            dL_wrt_w = dL_wrt_f * I1          # df_wrt_w = I1
            w = w - lr * dL_wrt_w
    arrays = (np.array(a) for a in (weights, forecasts, losses, slopes))
    return Descent(lr, row.name, correct, *arrays)
