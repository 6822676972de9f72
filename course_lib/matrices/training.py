"""Full-batch gradient descent on the matrix form: many samples, many steps.

Each step is descent_step: the batch backward pass (batch._backward, its moves made by a
MatrixRule), then W = W - learning_rate * dL_wrt_W for every layer.
"""
import math
from dataclasses import dataclass

import numpy as np

from ..core.errors import (CourseInputError, DivergedError, check_flag, learning_rate_value,
                           whole_number)
from ..core.losses import get_loss
from ..core.network import Network
from .activations import array_activation
from .batch import MATRIX_RULE, _backward, _forward, as_samples
from .layout import bias_vectors, network_from_arrays, weight_matrices


#: The most epochs one call trains for: more would look like a hang (about a minute on XOR).
MAX_EPOCHS = 1_000_000


def count(what, value, least, most=None):
    """A whole number >= least (epochs, every), or a CourseInputError saying so."""
    return whole_number(what, value, least, most)


def loss_curve(losses):
    """`losses` (one loss per epoch) as a 1-D float array, NaN allowed (a diverged run),
    else a CourseInputError."""
    try:
        curve = np.asarray(losses)
    except ValueError:
        curve = np.asarray("ragged")
    if curve.ndim != 1 or curve.dtype.kind not in "iuf":
        raise CourseInputError(f"losses must be a list of numbers, one per epoch, got "
                               f"{str(losses)[:40]!r}.")
    return curve.astype(float)


def descent_step(matrices, biases, activations, outs, Y, learning_rate, loss="squared",
                 rule=MATRIX_RULE):
    """Backward from the forward values `outs`, then W = W - learning_rate * dL_wrt_W (and
    the biases), in place. A rule that changes_weights has moved them while going back.
    Returns the weight gradients dW, one per layer."""
    dW, db = _backward(matrices, activations, outs, Y, loss, biases, rule)[2:]
    if not rule.changes_weights:
        for W, g in zip(matrices, dW):
            W -= learning_rate * g
        if biases is not None:
            for b, g in zip(biases, db):
                b -= learning_rate * g
    return dW


def record_losses(losses, forecasts, Y, loss):
    """Append to `losses` the batch loss (the mean over samples of each sample's L) of each
    forecast waiting in `forecasts`, then empty it: one array operation for many epochs."""
    if forecasts:
        values = get_loss(loss).value(np.stack(forecasts), Y).reshape(len(forecasts), -1)
        losses.extend((np.add.reduce(values, axis=1) / Y.shape[0]).tolist())
        forecasts.clear()
    return losses


def mean_loss(F, Y, loss="squared"):
    """The batch loss of the forecasts F (what train records before a step)."""
    return record_losses([], [F], Y, loss)[0]


@dataclass(frozen=True)
class Training:
    """The trained network, the mean loss before each epoch's step, and, if asked,
    the mean absolute weight gradient of each layer at each epoch (shape (epochs, layers))."""

    network: Network
    losses: np.ndarray
    gradient_sizes: np.ndarray = None


def train(network, X, Y, learning_rate, epochs, loss="squared", callback=None, every=1,
          record_gradient_sizes=False):
    """Full-batch gradient descent for `epochs` steps on samples X with answers Y.

    callback(epoch, losses_so_far) is called every `every` epochs (for a live plot);
    if it returns False, training stops early.
    """
    lr = learning_rate_value(learning_rate)
    epochs, every = count("epochs", epochs, 0, MAX_EPOCHS), count("every", every, 1)
    if callback is not None and not callable(callback):
        raise CourseInputError(f"callback must be a function callback(epoch, losses) or None, "
                               f"got {type(callback).__name__}.")
    record_gradient_sizes = check_flag("record_gradient_sizes", record_gradient_sizes)
    loss = get_loss(loss)             # the row itself: no look-up per epoch
    X, Y = as_samples(network, X, Y)
    acts = [array_activation(a) for a in network.activations]
    matrices = [W.copy() for W in weight_matrices(network)]
    biases = None if not network.has_biases else [b.copy() for b in bias_vectors(network)]
    losses, forecasts, sizes = [], [], []
    waiting = max(1, min(256, 2 ** 16 // Y.size))     # forecasts kept before their losses
    with np.errstate(over="raise", invalid="raise"):
        try:
            for epoch in range(epochs):
                # Keep only what the step needs: holding the sums and node errors until the
                # next epoch made every step fault fresh pages in (about 1.2x slower).
                outs = _forward(matrices, biases, acts, X)[1]
                dW = descent_step(matrices, biases, acts, outs, Y, lr, loss)
                forecasts.append(outs[-1])            # its loss: with the next ones, at once
                if record_gradient_sizes:
                    sizes.append([float(np.abs(g).mean()) for g in dW])
                if len(forecasts) == waiting:
                    record_losses(losses, forecasts, Y, loss)
                if callback is not None and (epoch + 1) % every == 0:
                    if callback(epoch + 1, record_losses(losses, forecasts, Y, loss)) is False:
                        break
            record_losses(losses, forecasts, Y, loss)
        except FloatingPointError:
            raise DivergedError(f"training diverged at epoch {len(losses) + len(forecasts)}: "
                                f"the numbers overflowed. Use a learning_rate smaller than "
                                f"{lr:g}.") from None
    if not math.isfinite(losses[-1] if losses else 0.0):
        raise DivergedError("training diverged: the loss is not finite.")
    trained = network_from_arrays(network, matrices, biases)
    return Training(trained, np.array(losses), np.array(sizes) if sizes else None)
