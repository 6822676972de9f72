"""Plots for training and for the backward pass; each draws AND returns the numbers it drew,
so a notebook can assert on them (nbval never compares images). matplotlib is imported
only when a plot is drawn.

    plot_training_loss(training.losses)          the mean loss before each step of descent
    plot_training_losses({"a": .., "b": ..})     several such curves on one axis
    plot_gradient_sizes(grads)                   mean |dL/dw| per layer of weights: the
                                                 adjustments "cascade backwards"
    plot_gradient_sizes_over_training(sizes)     the same, epoch by epoch, per activation
    plot_decision_boundary(net, X, Y)            the plane coloured by the forecast f
                                                 (the live lab draws it as SVG instead:
                                                 course_lib.views.boundary)

Old names, kept working: plot_loss_curve = plot_training_loss,
plot_loss_curves = plot_training_losses.
"""
from dataclasses import dataclass

import numpy as np

from ..core.backward import Gradients
from ..core.errors import CourseInputError, shown
from ..topics.training_presets import decision_grid, network_label
from .checks import mapping_of, number_series, number_table
from .style import BLUE, BLUISH_GREEN, INK, VERMILLION

_EPOCH_AXIS = "epoch (one step of gradient descent on every sample)"
_LOSS_AXIS = "mean loss L (log scale)"


def _axes(ax, figsize):
    if ax is None:
        import matplotlib.pyplot as plt
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


@dataclass(frozen=True)
class LossCurve:
    """What plot_training_loss drew: one loss per epoch, its first and last value."""

    losses: np.ndarray
    first: float
    last: float

    @property
    def epochs(self):
        return len(self.losses)

    def __repr__(self):
        return (f"LossCurve({self.epochs} epochs: loss {self.first:.4g} at the start, "
                f"{self.last:.4g} at the end)")


def plot_training_loss(losses, ax=None, title="Training: the loss goes down"):
    """Draw the loss per epoch (log scale) and return a LossCurve with the numbers drawn."""
    losses = np.asarray(number_series("losses", losses), dtype=float)
    if not len(losses):
        raise CourseInputError("losses is empty: there is no loss to draw yet.")
    ax = _axes(ax, (6, 3.2))
    ax.plot(np.arange(len(losses)), losses, color=BLUE, linewidth=2)
    ax.set_yscale("log")
    ax.set_xlabel(_EPOCH_AXIS)
    ax.set_ylabel(_LOSS_AXIS)
    ax.set_title(title)
    ax.grid(True, which="major", alpha=0.3)
    return LossCurve(losses, float(losses[0]), float(losses[-1]))


def plot_training_losses(curves, ax=None, title="The loss, epoch by epoch"):
    """Draw several loss curves, {label: losses}, on one log-scale axis; return them as arrays."""
    mapping_of("curves", curves, "a dict {label: losses per epoch}, e.g. {'sigmoid': "
               "training.losses}")
    drawn = {label: np.asarray(number_series(f"curves[{label!r}]", losses), dtype=float)
             for label, losses in curves.items()}
    ax = _axes(ax, (6, 3.2))
    for (label, losses), style in zip(drawn.items(), ("-", "--", ":", "-.")):
        ax.plot(np.arange(len(losses)), losses, style, linewidth=2, label=label)
    ax.set_yscale("log")
    ax.set_xlabel(_EPOCH_AXIS)
    ax.set_ylabel(_LOSS_AXIS)
    ax.set_title(title)
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8)
    return drawn


def layer_label(network, l):
    """'A,B → C,D': the layer of weights from layer l to layer l + 1."""
    return f"{','.join(network.layers[l])} → {','.join(network.layers[l + 1])}"


def gradient_sizes(gradients):
    """{layer label: mean |dL/dw| over the weights of that layer}, front layer first.

    `gradients` is what backward() returned (biases, if any, are left out).
    """
    if not isinstance(gradients, Gradients):
        raise CourseInputError(f"gradients must be what backward(trace, correct) returned, got "
                               f"{shown(gradients)} ({type(gradients).__name__}).")
    network, sizes = gradients.network, {}
    for l, targets in enumerate(network.layers[1:]):
        values = [abs(gradients.weights[source.weight])
                  for target in targets for source in network.incoming[target].sources]
        sizes[layer_label(network, l)] = float(np.mean(values))
    return sizes


def plot_gradient_sizes(gradients, ax=None,
                        title="How big the adjustments are, layer by layer"):
    """Draw mean |dL/dw| per layer of weights as bars, the output side on the right,
    and return {layer label: size}, front layer first."""
    sizes = gradient_sizes(gradients)
    ax = _axes(ax, (6, 3.2))
    bars = ax.bar(list(sizes), list(sizes.values()), color=BLUISH_GREEN)
    ax.bar_label(bars, labels=[f"{v:.3g}" for v in sizes.values()], padding=2)
    ax.set_xlabel("layer of weights (front of the network on the left, output on the right)")
    ax.set_ylabel("mean |dL/dw|")
    ax.set_title(title)
    ax.margins(y=0.15)
    return sizes


def plot_gradient_sizes_over_training(sizes_by_activation, axes=None):
    """One panel per activation: mean |dL/dw| of each layer of weights, epoch by epoch (log
    scale), front layer darkest. Returns {activation: the (epochs, layers) array drawn}."""
    mapping_of("sizes_by_activation", sizes_by_activation,
               "a dict {activation: (epochs, layers) table of sizes}, e.g. "
               "gradient_sizes_by_activation()")
    if not sizes_by_activation:
        raise CourseInputError("sizes_by_activation is empty: give at least one activation's "
                               "sizes, e.g. gradient_sizes_by_activation().")
    drawn = {name: np.asarray(number_table(f"sizes_by_activation[{name!r}]", sizes),
                              dtype=float) for name, sizes in sizes_by_activation.items()}
    if axes is None:
        import matplotlib.pyplot as plt
        _, axes = plt.subplots(1, len(drawn), figsize=(3.4 * len(drawn), 3.2), sharey=True,
                               layout="constrained")
    axes = np.atleast_1d(axes)
    for ax, (name, sizes) in zip(axes, drawn.items()):
        layers = sizes.shape[1]
        for l in range(layers):
            shade = 0.15 + 0.7 * l / max(layers - 1, 1)
            label = "front (I → 1st hidden)" if l == 0 else ("last (→ f)" if l == layers - 1
                                                              else f"layer {l + 1}")
            ax.plot(sizes[:, l], color=(shade, shade, 0.55 + 0.4 * (1 - shade)),
                    linestyle=("-", "--", "-.", ":")[l % 4], linewidth=2, label=label)
        ax.set_yscale("log")
        ax.set_title(f"hidden layers: {name}")
        ax.set_xlabel("epoch")
        ax.grid(True, alpha=0.3)
    axes[0].set_ylabel("mean |dL/dw| of the layer (log)")
    axes[-1].legend(fontsize=7)
    return drawn


def plot_decision_boundary(network, X, Y, ax=None, steps=61, title=None):
    """Colour the plane by the forecast f (contourf), draw the line f = 0.5 and the samples
    (answer 0: orange circles, answer 1: blue triangles); return the DecisionGrid drawn."""
    grid = decision_grid(network, X, steps)
    ax = _axes(ax, (4.6, 3.8))
    filled = ax.contourf(grid.xs, grid.ys, grid.forecast, levels=np.linspace(0, 1, 11),
                         cmap="PuOr", alpha=0.8)
    if grid.forecast.min() < 0.5 < grid.forecast.max():
        ax.contour(grid.xs, grid.ys, grid.forecast, levels=[0.5], colors=INK, linewidths=2)
    X, answers = np.asarray(X), np.asarray(Y)[:, 0] > 0.5
    ax.scatter(*X[~answers].T, marker="o", c=VERMILLION, edgecolors="white", label="answer 0")
    ax.scatter(*X[answers].T, marker="^", c=BLUE, edgecolors="white", label="answer 1")
    ax.figure.colorbar(filled, ax=ax, label="forecast f")
    ax.set_xlabel("I1")
    ax.set_ylabel("I2")
    ax.legend(loc="upper right", fontsize=8, framealpha=0.9)
    ax.set_title(title or f"f = 0.5 is the boundary\n({network_label(network)})", fontsize=10,
                 loc="left")
    return grid


# Old names (README, "Changes"): the same functions.
plot_loss_curve = plot_training_loss
plot_loss_curves = plot_training_losses
