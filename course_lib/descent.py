"""Gradient descent: move every weight a small step downhill, w = w - learning_rate * dL/dw."""
import math
import numbers
from dataclasses import dataclass

import numpy as np

from .activations import get_activation
from .batch import _backward, _forward, as_samples
from .errors import CourseInputError, DivergedError, check_learning_rate
from .loss import check_loss
from .network import Network


def _checked(arrays, what):
    for a in arrays or ():
        if not np.isfinite(a).all():
            raise DivergedError(f"{what} overflowed: the step was too large. "
                                "Use a smaller learning_rate.")
    return arrays


def _count(what, value, least):
    """A whole number >= least (epochs, every), or a CourseInputError saying so."""
    if (isinstance(value, bool) or not isinstance(value, numbers.Real)
            or not math.isfinite(value) or value != int(value) or value < least):
        raise CourseInputError(f"{what} must be a whole number >= {least}, got {value!r}.")
    return int(value)


def update(network, gradients, learning_rate):
    """A new Network with w_new = w - learning_rate * dL/dw for every weight and bias.

    `gradients` is what backward() or backward_batch() returned.
    """
    lr = check_learning_rate(learning_rate)
    if hasattr(gradients, "matrices"):
        gW, gb = gradients.matrices, gradients.biases
    else:
        gW, gb = network.arrays_from(gradients.weights)
    with np.errstate(over="ignore", invalid="ignore"):
        matrices = [W - lr * g for W, g in zip(network.matrices, gW)]
        biases = None if network.biases is None else [b - lr * g for b, g in zip(network.biases, gb)]
    _checked(matrices, "a weight")
    _checked(biases, "a bias")
    return Network(network.layers, matrices, biases, network.activations)


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
    lr = check_learning_rate(learning_rate)
    epochs, every = _count("epochs", epochs, 0), _count("every", every, 1)
    check_loss(loss)
    X, Y = as_samples(network, X, Y)
    acts = [get_activation(a) for a in network.activations]
    matrices = [W.copy() for W in network.matrices]
    biases = None if network.biases is None else [b.copy() for b in network.biases]
    losses, sizes, n = [], [], X.shape[0]
    with np.errstate(over="raise", invalid="raise"):
        try:
            for epoch in range(epochs):
                # Keep only what the step needs: holding the sums and node errors until the
                # next epoch made every step fault fresh pages in (about 1.2x slower).
                outs = _forward(matrices, biases, acts, X)[1]
                dW, db = _backward(matrices, acts, outs, Y, loss, biases is not None)[2:]
                error = Y - outs[-1]
                losses.append(float(np.vdot(error, error) if loss == "squared"
                                    else error.sum()) / n)
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
    trained = Network(network.layers, matrices, biases, network.activations)
    return Training(trained, np.array(losses), np.array(sizes) if sizes else None)
