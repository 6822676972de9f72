"""Drawing the one-weight descents of course_lib.topics.step_size (notebook 02).

    plot_descents([one_weight_descent(lr) for lr in (0.02, 0.3, 1.1)])

Left: the forecast f after each step, with the bar (correct). Right: the distance
|correct - f| on a log scale, so a steady shrink is a straight line.
"""
from collections.abc import Iterable

import numpy as np

from ..core.errors import CourseInputError, shown
from ..topics.step_size import Descent

#: Okabe-Ito colours (safe for colour-blind readers), one per run.
COLOURS = ("#0072B2", "#009E73", "#D55E00", "#CC79A7", "#E69F00")


def plot_descents(descents, labels=None, title="One weight, different step sizes"):
    """Draw the forecast after each step (left) and the distance to the bar on a log
    scale (right) for each Descent. Returns the descents drawn (the numbers on the plot)."""
    if isinstance(descents, Descent) or not isinstance(descents, Iterable):
        descents = [descents]
    descents = list(descents)
    if not descents or not all(isinstance(d, Descent) for d in descents):
        raise CourseInputError(f"descents must be a list of one_weight_descent(...) runs, got "
                               f"{shown(descents)}.")
    if labels is not None:
        if isinstance(labels, str) or not isinstance(labels, Iterable) or \
                len(labels := list(labels)) != len(descents):
            raise CourseInputError(f"labels must be a list of {len(descents)} texts, one per "
                                   f"descent, got {shown(labels)}.")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

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
