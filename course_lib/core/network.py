"""The article's network as data: named nodes in layers and named weights.

Names follow the article (see course_lib.core.names): inputs I1, I2; hidden nodes A, B,
C, D, ...; output f (f1, f2, ... for several outputs); the sum into X is sX; the weight
from X to Y is w_X_Y; an optional bias into Y is b_Y.

A Network is immutable and plain Python. Its weights are held layer by layer,
rows[l][i][j] = w_<node i of layer l>_<node j of layer l+1>, and read by name through
`network.weights`; course_lib.matrices lays the same numbers out as numpy arrays.
"""
import math
import numbers
import random
from collections.abc import Iterable
from functools import cached_property
from typing import NamedTuple

from .activations import get_activation
from .errors import CourseInputError, UnknownNameError, check_name, check_number
from .names import bias_name, check_node_names, default_layer_names, sum_name, weight_name

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


class Source(NamedTuple):
    """An edge into a node: the weight's name and the node it comes from."""
    weight: str
    source: str


class Target(NamedTuple):
    """An edge out of a node: the weight's name and the node it goes to."""
    weight: str
    target: str


class Incoming(NamedTuple):
    """What flows into one node: sX = sum of source * weight (+ bias); X = activation(sX)."""
    sum: str
    sources: tuple
    bias: "str | None"
    activation: str


class Position(NamedTuple):
    """Where a parameter sits: kind 'w' (rows[layer][row][column]) or 'b' (bias_rows[layer][row])."""
    kind: str
    layer: int
    row: int
    column: "int | None"


def _rows(values, shape, what):
    """A nested tuple of finite floats of exactly `shape` (1 or 2 dimensions), or a clear error."""
    try:
        if len(shape) == 1:
            rows = tuple(float(v) for v in values)
            found = (len(rows),)
        else:
            rows = tuple(tuple(float(v) for v in row) for row in values)
            found = (len(rows), *sorted({len(r) for r in rows}))
    except (TypeError, ValueError):
        raise CourseInputError(f"{what} must hold numbers in shape {shape}, "
                               f"got {str(values)[:60]}.") from None
    if found != shape:
        raise CourseInputError(f"{what} must have shape {shape}, got {found}.")
    flat = rows if len(shape) == 1 else [v for r in rows for v in r]
    if not all(math.isfinite(v) for v in flat):
        raise CourseInputError(f"{what} must hold finite numbers; found NaN or inf.")
    return rows


class Network:
    """A layered network with the article's names.

    Inputs:
    - layers: tuple of tuples of node names, inputs first, outputs last.
    - matrices: one nested sequence per pair of layers, shape (len(layer l), len(layer l+1)).
    - biases: None (no biases, like the article) or one sequence per non-input layer.
    - activations: one activation name per non-input layer, or one name for all.
    """

    def __init__(self, layers, matrices, biases=None, activations="sigmoid"):
        if isinstance(layers, (str, bytes)) or not isinstance(layers, Iterable):
            raise CourseInputError(f"layers must be a list of layers of node names, got {layers!r}.")
        self.layers = tuple(tuple(layer) for layer in layers)
        if len(self.layers) < 2 or any(len(layer) == 0 for layer in self.layers):
            raise CourseInputError("a network needs an input layer, an output layer, "
                                   "and at least one node in every layer.")
        check_node_names(self.layers)
        pairs = len(self.layers) - 1
        if isinstance(activations, str) or not isinstance(activations, Iterable):
            activations = (activations,) * pairs
        self.activations = tuple(get_activation(a).name for a in activations)
        if len(self.activations) != pairs:
            raise CourseInputError(f"give one activation per non-input layer "
                                   f"({pairs}), got {len(self.activations)}.")
        matrices = list(matrices)
        if len(matrices) != pairs:
            raise CourseInputError(f"give one weight matrix per pair of layers ({pairs}), "
                                   f"got {len(matrices)}.")
        self.rows = tuple(_rows(m, (len(a), len(b)), f"weight matrix {l}")
                          for l, (m, a, b) in enumerate(zip(matrices, self.layers, self.layers[1:])))
        self.bias_rows = None
        if biases is not None:
            biases = list(biases)
            if len(biases) != pairs:
                raise CourseInputError(f"give one bias vector per non-input layer ({pairs}), "
                                       f"got {len(biases)}.")
            self.bias_rows = tuple(_rows(b, (len(layer),), f"bias vector {l}")
                                   for l, (b, layer) in enumerate(zip(biases, self.layers[1:])))

    # --- names -------------------------------------------------------------------
    @property
    def inputs(self):
        """Input node names, e.g. ('I1', 'I2')."""
        return self.layers[0]

    @property
    def outputs(self):
        """Output node names, e.g. ('f',)."""
        return self.layers[-1]

    @property
    def has_biases(self):
        return self.bias_rows is not None

    @property
    def biases(self):
        """The bias vectors layer by layer (tuples), or None: kept for code written before 0.2."""
        return self.bias_rows

    @property
    def matrices(self):
        """The weight rows layer by layer (tuples): kept for code written before 0.2;
        course_lib.matrices.weight_matrices(network) gives numpy arrays."""
        return self.rows

    @cached_property
    def incoming(self):
        """{node: Incoming(sum, sources, bias, activation)} for every non-input node,
        in computation order."""
        return {target: Incoming(sum_name(target),
                                 tuple(Source(weight_name(s, target), s) for s in sources),
                                 bias_name(target) if self.has_biases else None,
                                 self.activations[l])
                for l, (sources, targets) in enumerate(zip(self.layers, self.layers[1:]))
                for target in targets}

    @cached_property
    def outgoing(self):
        """{node: (Target(weight, target), ...)} for every non-output node."""
        return {source: tuple(Target(weight_name(source, t), t) for t in targets)
                for sources, targets in zip(self.layers, self.layers[1:])
                for source in sources}

    @cached_property
    def positions(self):
        """{parameter name: Position}, grouped by target node, layer by layer."""
        where = {}
        for l, (sources, targets) in enumerate(zip(self.layers, self.layers[1:])):
            for j, t in enumerate(targets):
                for i, s in enumerate(sources):
                    where[weight_name(s, t)] = Position("w", l, i, j)
                if self.has_biases:
                    where[bias_name(t)] = Position("b", l, j, None)
        return where

    def ends(self, name):
        """(source, target) of parameter `name`: ('A', 'C') for w_A_C, (None, 'C') for b_C."""
        kind, l, i, j = self.positions[check_name("weight", name, self.positions)]
        if kind == "b":
            return None, self.layers[l + 1][i]
        return self.layers[l][i], self.layers[l + 1][j]

    @property
    def parameter_names(self):
        """Every weight and bias name, layer by layer."""
        return tuple(self.positions)

    @property
    def nodes(self):
        """Every node name, inputs first."""
        return tuple(n for layer in self.layers for n in layer)

    @property
    def hidden(self):
        """Every hidden node name (neither input nor output)."""
        return tuple(n for layer in self.layers[1:-1] for n in layer)

    # --- values ------------------------------------------------------------------
    @cached_property
    def weights(self):
        """Named view of every weight and bias: {'w_I1_A': 0.4, ..., 'b_C': 0.0}."""
        return self.named_from(self.rows, self.bias_rows)

    def named_from(self, matrices, biases):
        """Name values laid out like this network's: {'w_I1_A': matrices[0][0][0], ...}."""
        return {name: float(matrices[l][i][j] if kind == "w" else biases[l][i])
                for name, (kind, l, i, j) in self.positions.items()}

    def __getitem__(self, name):
        return self.weights[check_name("weight", name, self.weights)]

    def rows_from(self, named):
        """Lay a {parameter name: value} mapping out like the network: (rows, bias_rows)."""
        rows = [[[0.0] * len(b) for _ in a] for a, b in zip(self.layers, self.layers[1:])]
        bias_rows = [[0.0] * len(b) for b in self.layers[1:]] if self.has_biases else None
        for name, (kind, l, i, j) in self.positions.items():
            if kind == "w":
                rows[l][i][j] = named[name]
            else:
                bias_rows[l][i] = named[name]
        return rows, bias_rows

    def with_named(self, named):
        """A new Network with every weight and bias taken from `named` (all names given)."""
        rows, bias_rows = self.rows_from(named)
        return Network(self.layers, rows, bias_rows, self.activations)

    def with_weights(self, changes=None, **named):
        """A new Network with some weights (or biases) replaced: net.with_weights(w_A_C=0.5)."""
        if changes is not None and not isinstance(changes, dict):
            raise CourseInputError(f"give the new weights as a dict by name, got {changes!r:.60}.")
        changes = {**(changes or {}), **named}
        values = dict(self.weights)
        for name, value in changes.items():
            if name not in self.positions:
                raise UnknownNameError("weight", name, self.positions)
            values[name] = check_number(name, value)
        return self.with_named(values)

    def with_activation(self, activation):
        """A new Network with the same weights and another activation (name or per-layer tuple)."""
        return Network(self.layers, self.rows, self.bias_rows, activation)

    def __repr__(self):
        sizes = "-".join(str(len(layer)) for layer in self.layers)
        acts = ",".join(sorted(set(self.activations)))
        bias = "with" if self.has_biases else "no"
        return f"Network({sizes}, {acts}, {bias} biases)"


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
