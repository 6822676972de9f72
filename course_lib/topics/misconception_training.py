"""The classic mistakes in full-batch training (notebook 11): the rules of
course_lib.topics.mistaken_rules on the one matrix walk, matrices.batch._backward.

train_with() runs full-batch gradient descent like course_lib.train with one misconception
switched on, and always records the TRUE loss (the mean of (correct - f)**2), so every curve is
comparable; compare_training() runs the correct pass and each mistake side by side. The names
also import from course_lib.topics.misconceptions, where the one-sample pass lives (no numpy).
"""
import math
from dataclasses import dataclass

import numpy as np

from ..core.errors import CourseInputError, learning_rate_value, positive_number
from ..core.gradcheck import loss_of
from ..core.network import Network
from ..matrices.activations import array_activation
from ..matrices.batch import _forward, as_samples
from ..matrices.layout import bias_vectors, network_from_arrays, weight_matrices
from ..matrices.training import MAX_EPOCHS, count, descent_step, loss_curve, mean_loss
from .misconceptions import ALL_MISCONCEPTIONS, LAB_MISTAKES, switches
from .mistaken_rules import mistake_names, mistaken_rule


@dataclass(frozen=True)
class MistakeRun:
    """A training run with (or without) one misconception.

    losses: the TRUE mean squared loss before each step (np.nan after a divergence);
    diverged_at: the epoch whose numbers overflowed, or None.
    """

    mistake: str
    learning_rate: float
    losses: np.ndarray
    network: Network
    diverged_at: object

    @property
    def final_loss(self):
        return float(self.losses[-1])


def train_with(network, X, Y, learning_rate, epochs, mistake=None, **extra):
    """Full-batch gradient descent like course_lib.train, with one misconception switched on.

    `mistake` is a MISCONCEPTIONS name (or None); `extra` adds more switches by keyword.
    """
    lr, epochs = learning_rate_value(learning_rate), count("epochs", epochs, 1, MAX_EPOCHS)
    on = {**switches(mistake), **extra}
    rule = mistaken_rule(tuple(name for name, flag in on.items() if flag), lr, network)
    if not rule.has_batch_form:
        raise CourseInputError(f"{mistake or on} has no batch form: the batch walk has no such "
                               "move. It is checked on one sample (backward_with).")
    X, Y = as_samples(network, X, Y)
    acts = [array_activation(a) for a in network.activations]
    matrices = [W.copy() for W in weight_matrices(network)]
    biases = None if not network.has_biases else [b.copy() for b in bias_vectors(network)]
    losses, diverged_at = np.full(epochs, np.nan), None
    with np.errstate(over="raise", invalid="raise"):
        for epoch in range(epochs):
            try:
                outs = _forward(matrices, biases, acts, X)[1]
                losses[epoch] = mean_loss(outs[-1], Y, "squared")    # the TRUE loss, always
                descent_step(matrices, biases, acts, outs, Y, lr, "squared", rule)
                if not all(np.isfinite(W).all() for W in matrices):
                    raise FloatingPointError
            except FloatingPointError:
                diverged_at = epoch
                break
    trained = None if diverged_at is not None else network_from_arrays(network, matrices, biases)
    return MistakeRun(mistake or "correct", lr, losses, trained, diverged_at)


def compare_training(network, X, Y, learning_rate, epochs, mistakes=None):
    """{'correct': MistakeRun, mistake: MistakeRun, ...} for each mistake (default: the
    lab's, LAB_MISTAKES)."""
    names = ["correct", *mistake_names(LAB_MISTAKES if mistakes is None else mistakes,
                                       {"correct": "", **ALL_MISCONCEPTIONS})]
    return {name: train_with(network, X, Y, learning_rate, epochs,
                             None if name == "correct" else name) for name in names}


def true_loss(network, X, Y):
    """The mean over samples of (correct - f)**2, the loss every curve is measured in."""
    losses = [loss_of(network, x, y) for x, y in zip(np.asarray(X, float), np.asarray(Y, float))]
    return math.fsum(losses) / len(losses)


def epochs_to_reach(losses, level=0.01):
    """The first epoch whose loss is below `level`, or None if the run never got there."""
    below = np.flatnonzero(loss_curve(losses) < positive_number("level", level))
    return int(below[0]) if len(below) else None
