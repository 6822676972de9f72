"""Training curves of the misconception lab: the correct pass next to each mistake.

Images are never compared by the notebook tests, so every function here RETURNS the
numbers it drew; the notebook asserts on them.
"""
import numpy as np

from ..core.errors import CourseInputError, shown
from .checks import mapping_of, number_series
from .style import CORRECT_GREY, VERMILLION

CORRECT_STYLE = {"color": CORRECT_GREY, "linewidth": 2.5, "label": "correct"}
MISTAKE_STYLE = {"color": VERMILLION, "linewidth": 1.5, "linestyle": "--"}


def _check_runs(runs):
    """Nothing if `runs` is what compare_training returned (each run's losses numbers),
    else a CourseInputError saying what `runs` must be."""
    expected = ("what compare_training(...) returned: {'correct': run, <mistake>: run, ...}, "
                "each run with its .losses")
    mapping_of("runs", runs, expected)
    if "correct" not in runs or len(runs) < 2:
        raise CourseInputError(f"runs must be {expected}; got the names "
                               f"{shown(list(runs), 60)}: 'correct' and at least one mistake.")
    for name, run in runs.items():
        if not isinstance(name, str) or not hasattr(run, "losses"):
            raise CourseInputError(f"runs must be {expected}; {shown(name)} holds "
                                   f"{shown(run)} ({type(run).__name__}).")
        number_series(f"runs[{name!r}].losses", run.losses)


def plot_mistake_curves(runs, axes=None, title=None):
    """One panel per mistake in `runs` (from compare_training), each with the correct curve.

    Returns {'epochs': array, 'correct': losses drawn, <mistake>: losses drawn, ...}:
    the true mean squared loss at each epoch (NaN after a divergence, which is not drawn).
    """
    _check_runs(runs)
    import matplotlib.pyplot as plt

    mistakes = [name for name in runs if name != "correct"]
    if axes is None:
        _, axes = plt.subplots(1, len(mistakes), figsize=(3.2 * len(mistakes), 2.8),
                               sharey=True, squeeze=False, layout="constrained")
        axes = axes[0]
    correct = runs["correct"].losses
    epochs = np.arange(len(correct))
    drawn = {"epochs": epochs, "correct": correct}
    for ax, name in zip(np.atleast_1d(axes), mistakes):
        losses = runs[name].losses
        ax.plot(epochs, correct, **CORRECT_STYLE)
        ax.plot(epochs[:len(losses)], losses, label=name, **MISTAKE_STYLE)
        ax.set_title(name.replace("_", " "), fontsize=10)
        ax.set_xlabel("epoch")
        ax.set_ylim(0, max(0.55, float(np.nanmax(losses)) * 1.05))
        ax.legend(fontsize=8, loc="center right")
        drawn[name] = losses
    np.atleast_1d(axes)[0].set_ylabel("true loss  mean (correct - f)²")
    if title:
        np.atleast_1d(axes)[0].figure.suptitle(title)
    return drawn


def curves_svg(correct, mistaken, width=360, height=150, top=0.55):
    """A tiny SVG of two loss curves (correct grey, mistaken red dashed), for a widget.

    Deterministic text (2-decimal coordinates), so a widget showing it has a stable repr.
    """
    correct, mistaken = number_series("correct", correct), number_series("mistaken", mistaken)
    def points(losses):
        losses = np.asarray(losses, float)
        n = max(len(losses) - 1, 1)
        epochs = np.arange(0, len(losses), max(1, len(losses) // 150))   # at most ~150 points
        epochs = epochs[np.isfinite(losses[epochs])]
        xs = 30 + (width - 40) * epochs / n
        ys = 10 + (height - 30) * (1 - np.minimum(losses[epochs], top) / top)
        return " ".join(f"{x:.2f},{y:.2f}" for x, y in zip(xs, ys))

    def course(losses):
        losses = np.asarray(losses, float)
        finite = losses[np.isfinite(losses)]
        if len(finite) == 0:
            return "no finite loss"
        end = (f"{finite[-1]:.4g}" if len(finite) == len(losses)
               else f"{finite[-1]:.4g}, then diverged at epoch {len(finite)}")
        return f"from {finite[0]:.4g} to {end}"

    label = (f"Loss per epoch over {len(correct)} epochs: correct (grey, solid) {course(correct)}; "
             f"mistaken (red, dashed) {course(mistaken)}")
    axis_y = height - 20
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'role="img" aria-label="{label}"><title>{label}</title>'
            f'<line x1="30" y1="{axis_y}" x2="{width - 10}" y2="{axis_y}" stroke="black"/>'
            f'<line x1="30" y1="10" x2="30" y2="{axis_y}" stroke="black"/>'
            f'<text x="2" y="16" font-size="10">{top:g}</text>'
            f'<text x="18" y="{axis_y}" font-size="10">0</text>'
            f'<text x="{width - 60}" y="{height - 4}" font-size="10">epoch →</text>'
            f'<polyline fill="none" stroke="{CORRECT_GREY}" stroke-width="3" '
            f'points="{points(correct)}"/>'
            f'<polyline fill="none" stroke="{VERMILLION}" stroke-width="1.5" stroke-dasharray="5,3" '
            f'points="{points(mistaken)}"/></svg>')

