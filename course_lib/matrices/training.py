"""Full-batch gradient descent on the matrix form: many samples, many steps."""
import math
import numbers
from dataclasses import dataclass

import numpy as np

from ..core.errors import CourseInputError, DivergedError, learning_rate_value
from ..core.losses import get_loss
from ..core.network import Network
from .activations import array_activation
from .batch import _backward, _forward, _losses, as_samples
from .layout import bias_vectors, network_from_arrays, weight_matrices


def count(what, value, least):
    """A whole number >= least (epochs, every), or a CourseInputError saying so."""
    if (isinstance(value, bool) or not isinstance(value, numbers.Real)
            or not math.isfinite(value) or value != int(value) or value < least):
        raise CourseInputError(f"{what} must be a whole number >= {least}, got {value!r}.")
    return int(value)


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
    epochs, every = count("epochs", epochs, 0), count("every", every, 1)
    loss = get_loss(loss).name
    X, Y = as_samples(network, X, Y)
    acts = [array_activation(a) for a in network.activations]
    matrices = [W.copy() for W in weight_matrices(network)]
    biases = None if not network.has_biases else [b.copy() for b in bias_vectors(network)]
    losses, sizes, n = [], [], X.shape[0]
    with np.errstate(over="raise", invalid="raise"):
        try:
            for epoch in range(epochs):
                # Keep only what the step needs: holding the sums and node errors until the
                # next epoch made every step fault fresh pages in (about 1.2x slower).
                outs = _forward(matrices, biases, acts, X)[1]
                dW, db = _backward(matrices, acts, outs, Y, loss, biases is not None)[2:]
                losses.append(float(_losses(outs, Y, loss).sum()) / n)
                if record_gradient_sizes:
                    sizes.append([float(np.abs(g).mean()) for g in dW])
                for W, g in zip(matrices, dW):
                    W -= lr * g
                if biases is not None:
                    for b, g in zip(biases, db):
                        b -= lr * g
                if callback is not None and (epoch + 1) % every == 0:
                    if callback(epoch + 1, losses) is False:
                        break
        except FloatingPointError:
            raise DivergedError(f"training diverged at epoch {len(losses)}: the numbers "
                                f"overflowed. Use a learning_rate smaller than {lr:g}.") from None
    if not math.isfinite(losses[-1] if losses else 0.0):
        raise DivergedError("training diverged: the loss is not finite.")
    trained = network_from_arrays(network, matrices, biases)
    return Training(trained, np.array(losses), np.array(sizes) if sizes else None)
