"""Plots for training and for the backward pass; each draws AND returns the numbers it drew,
so a notebook can assert on them (nbval never compares images).

    plot_loss_curve(training.losses)    the mean loss before each step of gradient descent
    plot_gradient_sizes(grads)          mean |dL/dw| per layer of weights: the adjustments
                                        "cascade backwards" and usually shrink toward the front
"""
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class LossCurve:
    """What plot_loss_curve drew: one loss per epoch, its first and last value."""

    losses: np.ndarray
    first: float
    last: float

    @property
    def epochs(self):
        return len(self.losses)

    def __repr__(self):
        return (f"LossCurve({self.epochs} epochs: loss {self.first:.4g} at the start, "
                f"{self.last:.4g} at the end)")


def layer_label(network, l):
    """'A,B → C,D': the layer of weights from layer l to layer l + 1."""
    return f"{','.join(network.layers[l])} → {','.join(network.layers[l + 1])}"


def gradient_sizes(gradients):
    """{layer label: mean |dL/dw| over the weights of that layer}, front layer first.

    `gradients` is what backward() returned (biases, if any, are left out).
    """
    network, sizes = gradients.network, {}
    for l, (sources, targets) in enumerate(zip(network.layers, network.layers[1:])):
        values = [abs(gradients.weights[f"w_{s}_{t}"]) for s in sources for t in targets]
        sizes[layer_label(network, l)] = float(np.mean(values))
    return sizes


def plot_loss_curve(losses, ax=None, title="Training: the loss goes down"):
    """Draw the loss per epoch (log scale) and return a LossCurve with the numbers drawn."""
    import matplotlib.pyplot as plt

    losses = np.asarray(losses, dtype=float)
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 3.2), layout="constrained")
    ax.plot(np.arange(len(losses)), losses, color="#0072B2", linewidth=2)
    ax.set_yscale("log")
    ax.set_xlabel("epoch (one step of gradient descent on every sample)")
    ax.set_ylabel("mean loss L (log scale)")
    ax.set_title(title)
    ax.grid(True, which="major", alpha=0.3)
    return LossCurve(losses, float(losses[0]), float(losses[-1]))


def plot_gradient_sizes(gradients, ax=None,
                        title="How big the adjustments are, layer by layer"):
    """Draw mean |dL/dw| per layer of weights as bars, the output side on the right,
    and return {layer label: size}, front layer first."""
    import matplotlib.pyplot as plt

    sizes = gradient_sizes(gradients)
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 3.2), layout="constrained")
    bars = ax.bar(list(sizes), list(sizes.values()), color="#009E73")
    ax.bar_label(bars, labels=[f"{v:.3g}" for v in sizes.values()], padding=2)
    ax.set_xlabel("layer of weights (front of the network on the left, output on the right)")
    ax.set_ylabel("mean |dL/dw|")
    ax.set_title(title)
    ax.margins(y=0.15)
    return sizes
