"""Building networks: by layer sizes with seeded random weights, and the article's own.

    make_network((2, 3, 1), "tanh", biases=True, seed=0)
    seed_network()          # I1, I2 -> A, B -> C, D -> f with SEED_WEIGHTS
    two_output_network()    # the article's open question: outputs f1 and f2
"""
import math
import numbers
import random
from collections.abc import Iterable

from .errors import CourseInputError
from .names import default_layer_names
from .network import Network

#: The article's sample: the two inputs and the correct answer.
SEED_SAMPLE = {"I1": 1.0, "I2": 0.5, "correct": 1.0}

#: Default weights of the article's 2-2-2-1 network: distinct, readable values.
SEED_WEIGHTS = {
    "w_I1_A": 0.4, "w_I2_A": -0.7,
    "w_I1_B": 0.9, "w_I2_B": 0.2,
    "w_A_C": 0.6, "w_B_C": -0.3,
    "w_A_D": -0.8, "w_B_D": 0.5,
    "w_C_f": 1.1, "w_D_f": -0.9,
}

#: Largest network make_network builds (nodes in all layers together).
MAX_NODES = 20_000


def _check_sizes(sizes):
    if isinstance(sizes, (str, bytes)) or not isinstance(sizes, Iterable):
        raise CourseInputError(f"sizes must be whole numbers, one per layer, got {sizes!r}.")
    sizes = tuple(sizes)
    if len(sizes) < 2 or any(not isinstance(n, numbers.Integral) or isinstance(n, bool) or n < 1
                             for n in sizes):
        raise CourseInputError(f"sizes must be at least two whole numbers >= 1, "
                               f"one per layer, got {sizes!r}.")
    if sum(sizes) > MAX_NODES:
        raise CourseInputError(f"sizes {sizes!r} make {sum(sizes)} nodes; the course draws and "
                               f"steps through at most {MAX_NODES}.")
    return tuple(int(n) for n in sizes)


def make_network(sizes=(2, 2, 2, 1), activation="sigmoid", biases=False,
                 weights=None, seed=0, layers=None):
    """Build a network by layer sizes, e.g. make_network((2, 3, 2), 'tanh', biases=True).

    Weights not given in `weights` (a dict by name) are drawn from a normal
    distribution with standard deviation 1/sqrt(fan-in), using random.Random(seed).
    Biases start at 0.
    """
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise CourseInputError(f"seed must be a whole number, got {seed!r}.")
    if layers is None:
        layers = default_layer_names(_check_sizes(sizes))
    else:
        layers = tuple(tuple(layer) for layer in layers)
    rng = random.Random(f"course_lib seed {int(seed)}")   # -1 and 1 differ (ints would not)
    matrices = [[[rng.gauss(0.0, 1.0 / math.sqrt(len(a))) for _ in b] for _ in a]
                for a, b in zip(layers, layers[1:])]
    bias_vectors = [[0.0] * len(layer) for layer in layers[1:]] if biases else None
    network = Network(layers, matrices, bias_vectors, activation)
    return network.with_weights(weights) if weights else network


def seed_network(activation="sigmoid", weights=None):
    """The article's 2-2-2-1 network: I1, I2 -> A, B -> C, D -> f, no biases.

    Its default weights are SEED_WEIGHTS; its default sample is SEED_SAMPLE.
    """
    network = make_network((2, 2, 2, 1), activation, weights=SEED_WEIGHTS)
    return network.with_weights(weights) if weights else network


def two_output_network(activation="sigmoid", weights=None):
    """The article's open question: the same network with two outputs f1 and f2."""
    base = {k: v for k, v in SEED_WEIGHTS.items() if not k.endswith("_f")}
    base.update({"w_C_f1": 1.1, "w_D_f1": -0.9, "w_C_f2": -0.4, "w_D_f2": 0.7})
    network = make_network((2, 2, 2, 2), activation, weights=base)
    return network.with_weights(weights) if weights else network
