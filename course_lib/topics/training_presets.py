"""The training lab's networks and measurements, with no pictures (numpy, no matplotlib).

    net = lab_network("seed + biases")              # the article's weights, b_A.. = 0
    accuracy(train(net, *xor(), 2.0, 3000).network, *xor())        # 1.0
    grid = decision_grid(net, X)                    # the forecast over a grid (what is drawn)
    boundary_summary(net, X, Y, grid)               # who is on which side, in numbers
    parse_learning_rate("0.5")                      # 0.5; junk -> CourseInputError naming
                                                    # what the lab allows (also parse_epochs,
                                                    # parse_speed)
    sizes = gradient_sizes_by_activation()          # {'sigmoid': (epochs, layers), ...}

Hidden layers use the chosen activation; the output f always uses sigmoid, so the
forecast lies between 0 and 1 like the answers (a relu output that goes to 0 stays at 0).
With activation "sigmoid" the seed network here IS seed_network().
"""
from dataclasses import dataclass

import numpy as np

from ..core.errors import CourseInputError, check_name, check_number, read_number, whole_number
from ..core.build import SEED_WEIGHTS, check_sizes, make_network
from ..core.network import check_network
from ..matrices.batch import as_batch, as_samples, forward_batch
from ..matrices.training import mean_loss, train
from .datasets import load_dataset

#: The networks of the lab by name: layer sizes and whether sums get a bias b_X.
NETWORKS = {
    "seed 2-2-2-1": ((2, 2, 2, 1), False),
    "seed + biases": ((2, 2, 2, 1), True),
    "wider 2-8-8-1": ((2, 8, 8, 1), True),
}
#: The most epochs and the largest learning rate the lab takes.
MAX_EPOCHS = 20_000
MAX_LEARNING_RATE = 100.0
#: The speeds the lab offers, in epochs per frame.
SPEEDS = (1, 2, 5, 10, 20, 50, 100, 200)
#: The hidden-layer activations the lab offers.
HIDDEN_ACTIVATIONS = ("sigmoid", "tanh", "relu")
#: The deep network of the gradient-size study: four hidden layers of 8.
DEEP_SIZES = (2, 8, 8, 8, 8, 1)


def parse_learning_rate(text):
    """A learning rate from a number or the text of a box: a finite number > 0 and <= 100
    (steps bigger than that jump right over the valley), else CourseInputError."""
    value, problem = read_number("learning rate", text, positive=True, limit=MAX_LEARNING_RATE)
    if problem:
        raise CourseInputError(problem)
    return value


def parse_epochs(text, done=0):
    """A number of epochs from a number or the text of a box: a whole number from
    max(1, done) to MAX_EPOCHS (`done`: the epochs already trained), else CourseInputError."""
    least = max(1, done)
    allowed = f"a whole number from {least} to {MAX_EPOCHS}"
    value, problem = read_number("epochs", text, allowed, positive=True, limit=MAX_EPOCHS)
    if not problem and value != int(value):
        problem = f"epochs: {value:g} is not whole. Allowed: {allowed}."
    elif not problem and value < least:
        problem = (f"epochs: {value:g} is fewer than the {done} epochs already done. "
                   f"Allowed: {allowed} (or press Reset first).")
    if problem:
        raise CourseInputError(problem)
    return int(value)


def parse_speed(text):
    """Epochs per frame: one of SPEEDS, from a number or the text of a box."""
    allowed = f"one of {', '.join(map(str, SPEEDS))} epochs per frame"
    value, problem = read_number("speed", text, allowed, positive=True, limit=max(SPEEDS))
    if not problem and value not in SPEEDS:
        problem = f"speed: {value:g} is not offered. Allowed: {allowed}."
    if problem:
        raise CourseInputError(problem)
    return int(value)


def lab_network(name="seed 2-2-2-1", activation="sigmoid", seed=0):
    """The network called `name` in NETWORKS, hidden layers with `activation`, f with sigmoid.

    The seed shapes start from the article's SEED_WEIGHTS (biases 0); the wider one from
    make_network's random weights (normal, sd 1/sqrt(fan-in), `seed`).
    """
    sizes, biases = NETWORKS[check_name("network", name, NETWORKS)]
    return deep_network(sizes, activation, biases=biases, seed=seed,
                        weights=SEED_WEIGHTS if sizes == (2, 2, 2, 1) else None)


def deep_network(sizes=DEEP_SIZES, activation="sigmoid", biases=True, seed=0, weights=None):
    """make_network(sizes) with `activation` in every hidden layer and sigmoid at the output."""
    sizes = check_sizes(sizes)
    activations = (activation,) * (len(sizes) - 2) + ("sigmoid",)
    return make_network(sizes, activations, biases=biases, weights=weights, seed=seed)


def one_output(network, what):
    """`network` if it has one output f (what `what` reads), else a clear error."""
    if len(check_network(network).outputs) != 1:
        raise CourseInputError(f"{what} reads one output f; this network has "
                               f"{len(network.outputs)}: {', '.join(network.outputs)}.")
    return network


def forecasts(network, X):
    """The forecast f of every row of X, shape (n,)."""
    return forward_batch(one_output(network, "forecasts"), X).forecast[:, 0]


def loss_now(network, X, Y):
    """The mean loss of `network` on the samples (X, Y): what train records before a step."""
    X, Y = as_samples(check_network(network), X, Y)
    return mean_loss(forward_batch(network, X).forecast, Y)


def accuracy(network, X, Y):
    """The fraction of samples on the right side of 0.5: f > 0.5 exactly where Y is 1."""
    X, Y = as_samples(one_output(network, "accuracy"), X, Y)
    return float(np.mean((forecasts(network, X) > 0.5) == (Y[:, 0] > 0.5)))


@dataclass(frozen=True)
class DecisionGrid:
    """The forecast over a grid: forecast[i, j] = f at (I1 = xs[j], I2 = ys[i])."""

    xs: np.ndarray
    ys: np.ndarray
    forecast: np.ndarray

    def at(self, I1, I2):
        """The forecast at the grid point nearest to (I1, I2)."""
        I1, I2 = check_number("I1", I1), check_number("I2", I2)
        return float(self.forecast[np.abs(self.ys - I2).argmin(), np.abs(self.xs - I1).argmin()])

    def __repr__(self):
        return (f"DecisionGrid({len(self.xs)}x{len(self.ys)} points, I1 from {self.xs[0]:.2f} to "
                f"{self.xs[-1]:.2f}, I2 from {self.ys[0]:.2f} to {self.ys[-1]:.2f})")


def decision_grid(network, X, steps=61, margin=0.5):
    """The network's forecast over a steps x steps grid covering X plus `margin` on each side."""
    if len(one_output(network, "decision_grid").inputs) != 2:
        raise CourseInputError(f"decision_grid draws the plane of two inputs; this network "
                               f"has {len(network.inputs)}: {', '.join(network.inputs)}.")
    X = as_batch(X, 2, "inputs X", network.inputs)
    steps = whole_number("steps", steps, 2, 1000)
    if check_number("margin", margin, 1000.0) < 0:
        raise CourseInputError(f"margin must be 0 or more (room around the samples), got {margin}.")
    low, high = X.min(axis=0) - margin, X.max(axis=0) + margin
    xs, ys = np.linspace(low[0], high[0], steps), np.linspace(low[1], high[1], steps)
    I1, I2 = np.meshgrid(xs, ys)
    f = forecasts(network, np.column_stack([I1.ravel(), I2.ravel()])).reshape(I1.shape)
    return DecisionGrid(xs, ys, f)


def network_label(network):
    """'2-8-8-1, tanh hidden layers, with biases': a network in words, for titles."""
    sizes = "-".join(str(len(layer)) for layer in network.layers)
    hidden = ", ".join(dict.fromkeys(network.activations[:-1])) or "no"
    return (f"{sizes}, {hidden} hidden layer{'s' if len(network.layers) > 3 else ''}, "
            f"{'with' if network.has_biases else 'no'} biases")


@dataclass(frozen=True)
class BoundarySummary:
    """Which samples lie on their answer's side of f = 0.5, and how the plane is split:
    `ones_right` of the `ones` samples with answer 1 have f > 0.5, `zeros_right` of the
    `zeros` with answer 0 have f <= 0.5; `share_one` of the grid's points have f > 0.5;
    f over the grid runs from `low` to `high`."""

    ones: int
    ones_right: int
    zeros: int
    zeros_right: int
    share_one: float
    low: float
    high: float

    @property
    def samples(self):
        return self.ones + self.zeros

    @property
    def right(self):
        return self.ones_right + self.zeros_right

    @property
    def accuracy(self):
        return self.right / self.samples

    @property
    def crosses(self):
        """True when the grid has points on both sides of 0.5: a boundary is there to see."""
        return self.low <= 0.5 < self.high


def boundary_summary(network, X, Y, grid):
    """The BoundarySummary of `network` on the samples (X, Y) and its DecisionGrid `grid`."""
    X, Y = as_samples(one_output(network, "boundary_summary"), X, Y)
    if not isinstance(grid, DecisionGrid):
        raise CourseInputError(f"grid must be a DecisionGrid (decision_grid(network, X)), "
                               f"got {type(grid).__name__}.")
    answered_one = forecasts(network, X) > 0.5
    is_one = np.asarray(Y)[:, 0] > 0.5
    return BoundarySummary(int(is_one.sum()), int((answered_one & is_one).sum()),
                           int((~is_one).sum()), int((~answered_one & ~is_one).sum()),
                           float(np.mean(grid.forecast > 0.5)), float(grid.forecast.min()),
                           float(grid.forecast.max()))


def gradient_sizes_by_activation(activations=HIDDEN_ACTIVATIONS, sizes=DEEP_SIZES,
                                 dataset="moons", learning_rate=1.0, epochs=300, seed=0):
    """Train the same network once per hidden activation and record, at every epoch, the mean
    |dL/dw| of each layer of weights: {activation: array of shape (epochs, layers)}.

    Column 0 is the front layer (inputs -> first hidden layer), the last column the weights into f.
    """
    X, Y = load_dataset(dataset)
    activations = (activations,) if isinstance(activations, str) else activations
    return {activation: train(deep_network(sizes, activation, seed=seed), X, Y, learning_rate,
                              epochs, record_gradient_sizes=True).gradient_sizes
            for activation in activations}


def front_to_last(sizes):
    """How big the front layer's adjustments are next to the last layer's:
    sizes[..., 0] / sizes[..., -1]."""
    try:
        raw = np.asarray(sizes)
    except ValueError:
        raw = np.asarray("ragged")
    if raw.dtype.kind not in "iuf" or raw.ndim == 0 or raw.shape[-1] == 0:
        raise CourseInputError(f"sizes must be numbers, one per layer (or an array of shape "
                               f"(epochs, layers)), got {str(sizes)[:40]!r}.")
    sizes = raw.astype(float)
    if not np.isfinite(sizes).all() or (sizes < 0).any() or not (sizes[..., -1] > 0).all():
        raise CourseInputError("sizes are mean |dL/dw| per layer: finite, none negative, and "
                               "the last layer's greater than 0 to divide by.")
    return sizes[..., 0] / sizes[..., -1]
