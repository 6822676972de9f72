"""The training lab's networks and measurements, with no pictures (numpy, no matplotlib).

    net = lab_network("seed + biases")              # the article's weights, b_A.. = 0
    accuracy(train(net, *xor(), 2.0, 3000).network, *xor())        # 1.0
    grid = decision_grid(net, X)                    # the forecast over a grid (what is drawn)
    sizes = gradient_sizes_by_activation()          # {'sigmoid': (epochs, layers), ...}

Hidden layers use the chosen activation; the output f always uses sigmoid, so the
forecast lies between 0 and 1 like the answers (a relu output that goes to 0 stays at 0).
With activation "sigmoid" the seed network here IS seed_network().
"""
from dataclasses import dataclass

import numpy as np

from ..core.errors import UnknownNameError
from ..core.build import SEED_WEIGHTS, make_network
from ..matrices.batch import forward_batch
from ..matrices.training import train
from .datasets import load_dataset

#: The networks of the lab by name: layer sizes and whether sums get a bias b_X.
NETWORKS = {
    "seed 2-2-2-1": ((2, 2, 2, 1), False),
    "seed + biases": ((2, 2, 2, 1), True),
    "wider 2-8-8-1": ((2, 8, 8, 1), True),
}
#: The hidden-layer activations the lab offers.
HIDDEN_ACTIVATIONS = ("sigmoid", "tanh", "relu")
#: The deep network of the gradient-size study: four hidden layers of 8.
DEEP_SIZES = (2, 8, 8, 8, 8, 1)


def lab_network(name="seed 2-2-2-1", activation="sigmoid", seed=0):
    """The network called `name` in NETWORKS, hidden layers with `activation`, f with sigmoid.

    The seed shapes start from the article's SEED_WEIGHTS (biases 0); the wider one from
    make_network's random weights (normal, sd 1/sqrt(fan-in), `seed`).
    """
    if name not in NETWORKS:
        raise UnknownNameError("network", name, NETWORKS)
    sizes, biases = NETWORKS[name]
    return deep_network(sizes, activation, biases=biases, seed=seed,
                        weights=SEED_WEIGHTS if sizes == (2, 2, 2, 1) else None)


def deep_network(sizes=DEEP_SIZES, activation="sigmoid", biases=True, seed=0, weights=None):
    """make_network(sizes) with `activation` in every hidden layer and sigmoid at the output."""
    activations = (activation,) * (len(sizes) - 2) + ("sigmoid",)
    return make_network(sizes, activations, biases=biases, weights=weights, seed=seed)


def forecasts(network, X):
    """The forecast f of every row of X, shape (n,)."""
    return forward_batch(network, X).forecast[:, 0]


def accuracy(network, X, Y):
    """The fraction of samples on the right side of 0.5: f > 0.5 exactly where Y is 1."""
    return float(np.mean((forecasts(network, X) > 0.5) == (np.asarray(Y)[:, 0] > 0.5)))


@dataclass(frozen=True)
class DecisionGrid:
    """The forecast over a grid: forecast[i, j] = f at (I1 = xs[j], I2 = ys[i])."""

    xs: np.ndarray
    ys: np.ndarray
    forecast: np.ndarray

    def at(self, I1, I2):
        """The forecast at the grid point nearest to (I1, I2)."""
        return float(self.forecast[np.abs(self.ys - I2).argmin(), np.abs(self.xs - I1).argmin()])

    def __repr__(self):
        return (f"DecisionGrid({len(self.xs)}x{len(self.ys)} points, I1 from {self.xs[0]:.2f} to "
                f"{self.xs[-1]:.2f}, I2 from {self.ys[0]:.2f} to {self.ys[-1]:.2f})")


def decision_grid(network, X, steps=61, margin=0.5):
    """The network's forecast over a steps x steps grid covering X plus `margin` on each side."""
    X = np.asarray(X, dtype=float)
    low, high = X.min(axis=0) - margin, X.max(axis=0) + margin
    xs, ys = np.linspace(low[0], high[0], steps), np.linspace(low[1], high[1], steps)
    I1, I2 = np.meshgrid(xs, ys)
    f = forecasts(network, np.column_stack([I1.ravel(), I2.ravel()])).reshape(I1.shape)
    return DecisionGrid(xs, ys, f)


def gradient_sizes_by_activation(activations=HIDDEN_ACTIVATIONS, sizes=DEEP_SIZES,
                                 dataset="moons", learning_rate=1.0, epochs=300, seed=0):
    """Train the same network once per hidden activation and record, at every epoch, the mean
    |dL/dw| of each layer of weights: {activation: array of shape (epochs, layers)}.

    Column 0 is the front layer (inputs -> first hidden layer), the last column the weights into f.
    """
    X, Y = load_dataset(dataset)
    return {activation: train(deep_network(sizes, activation, seed=seed), X, Y, learning_rate,
                              epochs, record_gradient_sizes=True).gradient_sizes
            for activation in activations}


def front_to_last(sizes):
    """How big the front layer's adjustments are next to the last layer's:
    sizes[..., 0] / sizes[..., -1]."""
    sizes = np.asarray(sizes)
    return sizes[..., 0] / sizes[..., -1]
