"""The training lab: train the article's network (and a wider one) on XOR or the moons,
watch the loss fall, look at the decision boundary, and measure how big the weight
adjustments are, layer by layer.

    net = lab_network("seed + biases")                        # the article's weights, b_A.. = 0
    result = train(net, *xor(), learning_rate=2.0, epochs=3000)
    accuracy(result.network, *xor())                         # 1.0
    grid = plot_decision_boundary(result.network, *xor())     # returns the forecasts it drew
    sizes = gradient_sizes_by_activation()                    # {'sigmoid': (epochs, layers), ...}

Hidden layers use the chosen activation; the output f always uses sigmoid, so the
forecast lies between 0 and 1 like the answers (a relu output that goes to 0 stays at 0).
With activation "sigmoid" the seed network here IS seed_network().

TrainingLabState is the lab's state and logic, with no widgets: set its traits, call its
methods, read its message. training_view.TrainingLab is the thin ipywidgets view on it.
Drawing functions import matplotlib only when called, and return the numbers they drew.
"""
import math
from dataclasses import dataclass
from html import escape

import numpy as np
import traitlets

from ..matrices.batch import forward_batch
from ..topics.datasets import DATASETS, load_dataset
from ..matrices.training import train
from ..core.errors import CourseInputError, UnknownNameError, learning_rate_value
from ..core.network import SEED_WEIGHTS, make_network

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

_INK, _BLUE, _ORANGE = "#333333", "#0072B2", "#D55E00"


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


# --- pictures ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class DecisionGrid:
    """What plot_decision_boundary drew: forecast[i, j] = f at (I1 = xs[j], I2 = ys[i])."""

    xs: np.ndarray
    ys: np.ndarray
    forecast: np.ndarray

    def at(self, I1, I2):
        """The drawn forecast at the grid point nearest to (I1, I2)."""
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


def plot_decision_boundary(network, X, Y, ax=None, steps=61, title=None):
    """Colour the plane by the forecast f (contourf), draw the line f = 0.5 and the samples
    (answer 0: orange circles, answer 1: blue triangles); return the DecisionGrid drawn."""
    grid = decision_grid(network, X, steps)
    if ax is None:
        import matplotlib.pyplot as plt
        _, ax = plt.subplots(figsize=(4.6, 3.8), layout="constrained")
    filled = ax.contourf(grid.xs, grid.ys, grid.forecast, levels=np.linspace(0, 1, 11),
                         cmap="PuOr", alpha=0.8)
    if grid.forecast.min() < 0.5 < grid.forecast.max():
        ax.contour(grid.xs, grid.ys, grid.forecast, levels=[0.5], colors=_INK, linewidths=2)
    X, answers = np.asarray(X), np.asarray(Y)[:, 0] > 0.5
    ax.scatter(*X[~answers].T, marker="o", c=_ORANGE, edgecolors="white", label="answer 0")
    ax.scatter(*X[answers].T, marker="^", c=_BLUE, edgecolors="white", label="answer 1")
    ax.figure.colorbar(filled, ax=ax, label="forecast f")
    ax.set_xlabel("I1")
    ax.set_ylabel("I2")
    ax.legend(loc="upper right", fontsize=8, framealpha=0.9)
    ax.set_title(title or f"{network!r}: f = 0.5 is the boundary", fontsize=9)
    return grid


def decision_boundary_png(network, X, Y, steps=41, title=None):
    """plot_decision_boundary drawn on its own Figure (no pyplot): (PNG bytes, DecisionGrid)."""
    import io

    from matplotlib.figure import Figure

    fig = Figure(figsize=(4.6, 3.8), layout="constrained")
    grid = plot_decision_boundary(network, X, Y, ax=fig.add_subplot(), steps=steps, title=title)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=72)
    return buffer.getvalue(), grid


def plot_loss_curves(curves, ax=None, title="The loss, epoch by epoch"):
    """Draw several loss curves, {label: losses}, on one log-scale axis; return them as arrays."""
    drawn = {label: np.asarray(losses, dtype=float) for label, losses in curves.items()}
    if ax is None:
        import matplotlib.pyplot as plt
        _, ax = plt.subplots(figsize=(6, 3.2), layout="constrained")
    for (label, losses), style in zip(drawn.items(), ("-", "--", ":", "-.")):
        ax.plot(np.arange(len(losses)), losses, style, linewidth=2, label=label)
    ax.set_yscale("log")
    ax.set_xlabel("epoch (one step of gradient descent on every sample)")
    ax.set_ylabel("mean loss L (log scale)")
    ax.set_title(title)
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8)
    return drawn


def loss_sparkline(losses, epochs, width=360, height=110):
    """The loss so far as an SVG line (log scale) on an x axis of `epochs` epochs.

    Cheap (well under a millisecond), so a live view can replace it every few epochs.
    """
    losses = np.asarray(losses, dtype=float)
    done = len(losses)
    label = (f"Loss curve: {done} of {epochs} epochs" +
             (f", loss {losses[0]:.4g} at the start and {losses[-1]:.4g} now." if done else "."))
    left, right, top, bottom = 52, 8, 8, 20
    parts = [f'<svg width="{width}" height="{height}" role="img" aria-label="{escape(label)}" '
             f'xmlns="http://www.w3.org/2000/svg"><title>{escape(label)}</title>',
             f'<rect x="{left}" y="{top}" width="{width - left - right}" '
             f'height="{height - top - bottom}" fill="none" stroke="#bbbbbb"/>']
    if done:
        logs = np.log10(np.maximum(losses, 1e-12))
        high, low = float(logs.max()), float(logs.min())
        span = (high - low) or 1.0
        keep = np.unique(np.linspace(0, done - 1, min(done, 300)).round().astype(int))
        xs = left + keep / max(epochs - 1, 1) * (width - left - right)
        ys = top + (high - logs[keep]) / span * (height - top - bottom)
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys))
        parts += [f'<polyline points="{points}" fill="none" stroke="{_BLUE}" stroke-width="2"/>',
                  f'<text x="{left - 4}" y="{top + 9}" text-anchor="end" font-size="10">'
                  f'{10 ** high:.3g}</text>',
                  f'<text x="{left - 4}" y="{height - bottom}" text-anchor="end" '
                  f'font-size="10">{10 ** low:.3g}</text>']
    parts += [f'<text x="{left}" y="{height - 5}" font-size="10">epoch 0</text>',
              f'<text x="{width - right}" y="{height - 5}" text-anchor="end" font-size="10">'
              f'{epochs}</text>',
              f'<text x="{(left + width) / 2}" y="{height - 5}" text-anchor="middle" '
              f'font-size="10">loss (log scale)</text></svg>']
    return "".join(parts)


# --- gradient sizes per layer ---------------------------------------------------------------------

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
    """How big the front layer's adjustments are next to the last layer's: sizes[..., 0] / sizes[..., -1]."""
    sizes = np.asarray(sizes)
    return sizes[..., 0] / sizes[..., -1]


def plot_gradient_sizes_over_training(sizes_by_activation, axes=None):
    """One panel per activation: mean |dL/dw| of each layer of weights, epoch by epoch (log
    scale), front layer darkest. Returns {activation: the (epochs, layers) array drawn}."""
    drawn = {name: np.asarray(sizes) for name, sizes in sizes_by_activation.items()}
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


# --- the lab's state ------------------------------------------------------------------------------

MAX_EPOCHS = 20_000
MAX_LEARNING_RATE = 100.0


def parse_learning_rate(text):
    """A learning rate from the text of a box: a finite number > 0 and <= 100, else CourseInputError."""
    try:
        value = float(str(text).strip())
    except ValueError:
        raise CourseInputError(f"learning rate {text!r} is not a number: "
                               "type a number such as 0.5.") from None
    if not math.isfinite(value):
        raise CourseInputError(f"learning rate must be a finite number, got {text!r}.")
    if value > MAX_LEARNING_RATE:
        raise CourseInputError(f"learning rate {value:g} is too large: use at most "
                               f"{MAX_LEARNING_RATE:g} (steps that big jump right over the valley).")
    return learning_rate_value(value)


def parse_epochs(text):
    """A number of epochs from the text of a box: a whole number from 1 to MAX_EPOCHS."""
    try:
        value = float(str(text).strip())
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value != int(value) or not 1 <= value <= MAX_EPOCHS:
        raise CourseInputError(f"epochs must be a whole number from 1 to {MAX_EPOCHS}, "
                               f"got {text!r}.")
    return int(value)


class TrainingLabState(traitlets.HasTraits):
    """The lab's choices and results. Every action leaves the state valid: a bad value is
    refused with a message and the previous value is kept; training that diverges keeps the
    previous result.

    Each training starts again from the chosen network's initial weights, so the same choices
    always give the same curve.
    """

    dataset = traitlets.Enum(tuple(DATASETS), default_value="xor")
    network_name = traitlets.Enum(tuple(NETWORKS), default_value="seed + biases")
    activation = traitlets.Enum(HIDDEN_ACTIVATIONS, default_value="sigmoid")
    learning_rate = traitlets.Float(2.0)
    epochs = traitlets.Int(2000)
    every = traitlets.Int(50, help="update progress and losses every `every` epochs")
    progress = traitlets.Int(0, help="epochs done in the current or last training")
    losses = traitlets.List(help="the mean loss before each step so far")
    message = traitlets.Unicode("")
    accuracy = traitlets.Float(math.nan)
    trained = traitlets.Any(None, help="the trained Network of the last training, or None")

    @traitlets.validate("learning_rate")
    def _valid_learning_rate(self, proposal):
        return parse_learning_rate(proposal["value"])

    @traitlets.validate("epochs")
    def _valid_epochs(self, proposal):
        return parse_epochs(proposal["value"])

    @traitlets.observe("dataset", "network_name", "activation")
    def _forget_result(self, change):
        self.trained, self.accuracy, self.progress, self.losses = None, math.nan, 0, []

    def data(self):
        """(X, Y) of the chosen data set."""
        return load_dataset(self.dataset)

    def network(self):
        """The chosen network with its initial weights."""
        return lab_network(self.network_name, self.activation)

    def set_learning_rate(self, text):
        """Take a learning rate typed in a box. True if taken; otherwise the message says
        why, and the previous learning rate is kept."""
        return self._set("learning_rate", parse_learning_rate, text)

    def set_epochs(self, text):
        """Take a number of epochs typed in a box; like set_learning_rate."""
        return self._set("epochs", parse_epochs, text)

    def _set(self, name, parse, text):
        try:
            value = parse(text)
        except CourseInputError as error:
            self.message = f"{error} Kept {name.replace('_', ' ')} = {getattr(self, name):g}."
            return False
        setattr(self, name, value)
        self.message = f"{name.replace('_', ' ')} = {value:g}."
        return True

    def run(self):
        """Train the chosen network on the chosen data; update progress and losses every
        `every` epochs (observers redraw), then the result, accuracy and message.
        Returns the Training, or None if it diverged (the message says so)."""
        X, Y = self.data()
        start = self.network()
        self.progress, self.losses = 0, []

        def report(epoch, losses):
            self.losses = list(losses)
            self.progress = epoch

        try:
            result = train(start, X, Y, self.learning_rate, self.epochs, callback=report,
                           every=self.every)
        except CourseInputError as error:
            self.message = f"{error} The previous result is kept."
            return None
        self.losses, self.progress = result.losses.tolist(), self.epochs
        self.trained = result.network
        self.accuracy = accuracy(result.network, X, Y)
        self.message = (f"Trained {self.epochs} epochs: loss {result.losses[0]:.4g} -> "
                        f"{result.losses[-1]:.4g}; {self.accuracy:.0%} of the "
                        f"{len(X)} samples on the right side of f = 0.5.")
        return result
