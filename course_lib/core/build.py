"""Building networks: by layer sizes with seeded random weights, and the article's own.

    make_network((2, 3, 1), "tanh", biases=True, seed=0)
    seed_network()          # I1, I2 -> A, B -> C, D -> f with SEED_WEIGHTS
    two_output_network()    # the article's open question: outputs f1 and f2
"""
import math
import numbers
import random
from collections.abc import Iterable

from .errors import CourseInputError, check_flag, shown, whole_number
from .names import default_layer_names
from .network import Network
from .sample import sample_for_run
from .shapes import layer_names

#: The article's sample, the one the whole course shows: the two inputs and the correct answer.
COURSE_SAMPLE = {"I1": 1.0, "I2": 0.5, "correct": 1.0}

#: A second sample, never shown in the course: graded runs use it (course-grade sets
#: COURSE_GRADING_SAMPLE=hidden), so a number copied from the course no longer fits. I1 stays 1:
#: notebook 02's one-weight network (f = I1 * w) is built on it.
HIDDEN_SAMPLE = {"I1": 1.0, "I2": 0.2, "correct": 1.0}

#: The sample of this run: COURSE_SAMPLE, or in a graded run HIDDEN_SAMPLE (or the teacher's
#: own, see course_lib.core.sample.sample_for_run). Every notebook and check reads this one.
SEED_SAMPLE = sample_for_run(COURSE_SAMPLE, HIDDEN_SAMPLE)

#: Default weights of the article's 2-2-2-1 network: distinct, readable values.
SEED_WEIGHTS = {
    "w_I1_A": 0.4, "w_I2_A": -0.7,
    "w_I1_B": 0.9, "w_I2_B": 0.2,
    "w_A_C": 0.6, "w_B_C": -0.3,
    "w_A_D": -0.8, "w_B_D": 0.5,
    "w_C_f": 1.1, "w_D_f": -0.9,
}

#: Largest network make_network builds: nodes in all layers together, and weights.
MAX_NODES = 20_000
MAX_WEIGHTS = 1_000_000


def check_sizes(sizes):
    """Layer sizes as a tuple of ints >= 1 (at least two), within MAX_NODES and MAX_WEIGHTS."""
    if isinstance(sizes, (str, bytes)) or not isinstance(sizes, Iterable):
        raise CourseInputError(f"sizes must be whole numbers, one per layer, got {shown(sizes)}.")
    sizes = tuple(sizes)
    if len(sizes) < 2 or any(not isinstance(n, numbers.Integral) or isinstance(n, bool) or n < 1
                             for n in sizes):
        raise CourseInputError(f"sizes must be at least two whole numbers >= 1, "
                               f"one per layer, got {shown(sizes, 60)}.")
    weights = sum(a * b for a, b in zip(sizes, sizes[1:]))
    if sum(sizes) > MAX_NODES or weights > MAX_WEIGHTS:
        raise CourseInputError(f"sizes {shown(sizes, 60)} make {sum(sizes)} nodes and {weights} "
                               f"weights; the course builds at most {MAX_NODES} nodes and "
                               f"{MAX_WEIGHTS} weights.")
    return tuple(int(n) for n in sizes)


def _agree(sizes, found):
    """True when `sizes` is left at its default or matches the sizes of the layers given."""
    return (not isinstance(sizes, (str, bytes)) and isinstance(sizes, Iterable)
            and tuple(sizes) in ((2, 2, 2, 1), found))


def make_network(sizes=(2, 2, 2, 1), activation="sigmoid", biases=False,
                 weights=None, seed=0, layers=None):
    """Build a network by layer sizes, e.g. make_network((2, 3, 2), 'tanh', biases=True).

    Weights not given in `weights` (a dict by name) are drawn from a normal
    distribution with standard deviation 1/sqrt(fan-in), using random.Random(seed).
    Biases start at 0. `layers` (node names, layer by layer) replaces the default names.
    """
    seed = whole_number("seed", seed)
    biases = check_flag("biases", biases)
    if layers is None:
        layers = default_layer_names(check_sizes(sizes))
    else:
        layers = layer_names(layers)
        found = tuple(map(len, layers))
        if not _agree(sizes, found):
            raise CourseInputError(f"sizes {shown(sizes)} and layers (sizes {found}) disagree: "
                                   "give one of them.")
        check_sizes(found)
    rng = random.Random(f"course_lib seed {seed}")   # -1 and 1 differ (ints would not)
    matrices = [[[rng.gauss(0.0, 1.0 / math.sqrt(len(a))) for _ in b] for _ in a]
                for a, b in zip(layers, layers[1:])]
    bias_vectors = [[0.0] * len(layer) for layer in layers[1:]] if biases else None
    network = Network(layers, matrices, bias_vectors, activation)
    return network.with_weights(weights) if weights is not None else network


def seed_network(activation="sigmoid", weights=None):
    """The article's 2-2-2-1 network: I1, I2 -> A, B -> C, D -> f, no biases.

    Its default weights are SEED_WEIGHTS; its default sample is SEED_SAMPLE.
    """
    network = make_network((2, 2, 2, 1), activation, weights=SEED_WEIGHTS)
    return network.with_weights(weights) if weights is not None else network


def two_output_network(activation="sigmoid", weights=None):
    """The article's open question: the same network with two outputs f1 and f2."""
    base = {k: v for k, v in SEED_WEIGHTS.items() if not k.endswith("_f")}
    base.update({"w_C_f1": 1.1, "w_D_f1": -0.9, "w_C_f2": -0.4, "w_D_f2": 0.7})
    network = make_network((2, 2, 2, 2), activation, weights=base)
    return network.with_weights(weights) if weights is not None else network
