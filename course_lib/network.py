"""The article's network as data: named nodes in layers and named weights.

Names follow the article: inputs I1, I2; hidden nodes A, B, C, D, ...; output f
(or f1, f2, ... for several outputs); the sum into node X is sX (sF for f); the
weight from X to Y is w_X_Y; an optional bias into Y is b_Y.

A Network is immutable. Its weights are held as one matrix per layer,
W[l][i, j] = w_<node i of layer l>_<node j of layer l+1>, so the named view
(`network.weights`) and the matrix view (`network.matrices`) never disagree.
"""
import string
from collections.abc import Iterable
from functools import cached_property

import numpy as np

from .activations import get_activation
from .errors import CourseInputError, UnknownNameError, check_name, check_number

ACTIVATION_NAMES = ("sigmoid", "tanh", "relu", "linear")

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

# Hidden-node letters; F, I and L are skipped so that sF, I1 and L keep one meaning.
_HIDDEN_LETTERS = [c for c in string.ascii_uppercase if c not in "FIL"]


def sum_name(node):
    """The name of the sum into `node`: sA for A, sF for f, sF2 for f2."""
    return "s" + node[0].upper() + node[1:]


def weight_name(source, target):
    """The name of the weight from `source` to `target`: w_A_C."""
    return f"w_{source}_{target}"


def bias_name(node):
    """The name of the bias into `node`: b_C."""
    return f"b_{node}"


def correct_names(network):
    """{output: name of its correct answer}: 'correct' for one output, else 'correct_f1', ..."""
    if len(network.outputs) == 1:
        return {network.outputs[0]: "correct"}
    return {o: f"correct_{o}" for o in network.outputs}


def default_layer_names(sizes):
    """Node names for layer sizes, e.g. (2, 2, 2, 1) -> I1 I2 | A B | C D | f."""
    letters = iter(_HIDDEN_LETTERS + [a + b for a in _HIDDEN_LETTERS for b in _HIDDEN_LETTERS])
    inputs = tuple(f"I{i + 1}" for i in range(sizes[0]))
    hidden = tuple(tuple(next(letters) for _ in range(n)) for n in sizes[1:-1])
    outputs = ("f",) if sizes[-1] == 1 else tuple(f"f{k + 1}" for k in range(sizes[-1]))
    return (inputs, *hidden, outputs)


class Network:
    """A layered network with the article's names.

    Inputs:
    - layers: tuple of tuples of node names, inputs first, outputs last.
    - matrices: one array per pair of layers, shape (len(layer l), len(layer l+1)).
    - biases: None (no biases, like the article) or one vector per non-input layer.
    - activations: one activation name per non-input layer (sigmoid, tanh, relu, linear).
    """

    def __init__(self, layers, matrices, biases=None, activations="sigmoid"):
        self.layers = tuple(tuple(layer) for layer in layers)
        if len(self.layers) < 2 or any(len(layer) == 0 for layer in self.layers):
            raise CourseInputError("a network needs an input layer, an output layer, "
                                   "and at least one node in every layer.")
        if isinstance(activations, str) or not isinstance(activations, Iterable):
            activations = (activations,) * (len(self.layers) - 1)
        self.activations = tuple(get_activation(a).name for a in activations)
        if len(self.activations) != len(self.layers) - 1:
            raise CourseInputError(f"give one activation per non-input layer "
                                   f"({len(self.layers) - 1}), got {len(self.activations)}.")
        self.matrices = tuple(self._frozen(m, (len(a), len(b)), "weight matrix")
                              for m, a, b in zip(matrices, self.layers, self.layers[1:]))
        if len(self.matrices) != len(self.layers) - 1:
            raise CourseInputError("give one weight matrix per pair of layers.")
        self.biases = None if biases is None else tuple(
            self._frozen(b, (len(layer),), "bias vector")
            for b, layer in zip(biases, self.layers[1:]))
        names = [n for layer in self.layers for n in layer]
        if len(set(names)) != len(names):
            raise CourseInputError(f"node names must be unique, got {names}.")

    @staticmethod
    def _frozen(values, shape, what):
        array = np.array(values, dtype=float)
        if array.shape != shape:
            raise CourseInputError(f"{what} must have shape {shape}, got {array.shape}.")
        if not np.isfinite(array).all():
            raise CourseInputError(f"{what} must hold finite numbers; found NaN or inf.")
        array.flags.writeable = False
        return array

    # --- names -------------------------------------------------------------------
    @property
    def inputs(self):
        """Input node names, e.g. ('I1', 'I2')."""
        return self.layers[0]

    @property
    def outputs(self):
        """Output node names, e.g. ('f',)."""
        return self.layers[-1]

    @cached_property
    def incoming(self):
        """For each non-input node: its sum name, its (weight name, source) pairs,
        its bias name (or None) and its activation. In computation order."""
        plan = {}
        for l, (sources, targets) in enumerate(zip(self.layers, self.layers[1:])):
            for target in targets:
                plan[target] = (sum_name(target),
                                tuple((weight_name(s, target), s) for s in sources),
                                bias_name(target) if self.biases is not None else None,
                                self.activations[l])
        return plan

    @cached_property
    def outgoing(self):
        """For each non-output node: its (weight name, target) pairs."""
        return {source: tuple((weight_name(source, t), t) for t in targets)
                for sources, targets in zip(self.layers, self.layers[1:])
                for source in sources}

    @cached_property
    def _positions(self):
        """Parameter name -> (kind, layer index, row, column), grouped by target node."""
        where = {}
        for l, (sources, targets) in enumerate(zip(self.layers, self.layers[1:])):
            for j, t in enumerate(targets):
                for i, s in enumerate(sources):
                    where[weight_name(s, t)] = ("w", l, i, j)
                if self.biases is not None:
                    where[bias_name(t)] = ("b", l, j, None)
        return where

    def ends(self, name):
        """(source, target) of parameter `name`: ('A', 'C') for w_A_C, (None, 'C') for b_C."""
        kind, l, i, j = self._positions[check_name("weight", name, self._positions)]
        if kind == "b":
            return None, self.layers[l + 1][i]
        return self.layers[l][i], self.layers[l + 1][j]

    @property
    def parameter_names(self):
        """Every weight and bias name, layer by layer."""
        return tuple(self._positions)

    @property
    def nodes(self):
        """Every node name, inputs first."""
        return tuple(n for layer in self.layers for n in layer)

    # --- values ------------------------------------------------------------------
    @cached_property
    def weights(self):
        """Named view of every weight and bias: {'w_I1_A': 0.4, ..., 'b_C': 0.0}."""
        return self.named_from(self.matrices, self.biases)

    def named_from(self, matrices, biases):
        """Name arrays laid out like this network's: {'w_I1_A': matrices[0][0, 0], ...}."""
        return {name: float(matrices[l][i, j] if kind == "w" else biases[l][i])
                for name, (kind, l, i, j) in self._positions.items()}

    def __getitem__(self, name):
        return self.weights[check_name("weight", name, self.weights)]

    def arrays_from(self, named):
        """Lay a {parameter name: value} mapping out like the network: (matrices, biases)."""
        matrices = [np.zeros(m.shape) for m in self.matrices]
        biases = None if self.biases is None else [np.zeros(b.shape) for b in self.biases]
        for name, (kind, l, i, j) in self._positions.items():
            if kind == "w":
                matrices[l][i, j] = named[name]
            else:
                biases[l][i] = named[name]
        return matrices, biases

    def with_weights(self, changes=None, **named):
        """A new Network with some weights (or biases) replaced: net.with_weights(w_A_C=0.5)."""
        changes = {**(changes or {}), **named}
        matrices = [m.copy() for m in self.matrices]
        biases = None if self.biases is None else [b.copy() for b in self.biases]
        for name, value in changes.items():
            if name not in self._positions:
                raise UnknownNameError("weight", name, self._positions)
            kind, l, i, j = self._positions[name]
            value = check_number(name, value)
            if kind == "w":
                matrices[l][i, j] = value
            else:
                biases[l][i] = value
        return Network(self.layers, matrices, biases, self.activations)

    def with_activation(self, activation):
        """A new Network with the same weights and another activation (name or per-layer tuple)."""
        return Network(self.layers, self.matrices, self.biases, activation)

    def __repr__(self):
        sizes = "-".join(str(len(layer)) for layer in self.layers)
        acts = ",".join(sorted(set(self.activations)))
        bias = "with" if self.biases is not None else "no"
        return f"Network({sizes}, {acts}, {bias} biases)"


def make_network(sizes=(2, 2, 2, 1), activation="sigmoid", biases=False,
                 weights=None, seed=0, layers=None):
    """Build a network by layer sizes, e.g. make_network((2, 3, 2), 'tanh', biases=True).

    Weights not given in `weights` (a dict by name) are drawn from a normal
    distribution with standard deviation 1/sqrt(fan-in), using `seed`. Biases start at 0.
    """
    if layers is None:
        sizes = tuple(sizes)
        if len(sizes) < 2 or any(not isinstance(n, int) or isinstance(n, bool) or n < 1
                                 for n in sizes):
            raise CourseInputError(f"sizes must be at least two whole numbers >= 1, "
                                   f"one per layer, got {sizes!r}.")
        layers = default_layer_names(sizes)
    rng = np.random.default_rng(seed)
    matrices = [rng.normal(0.0, 1.0 / np.sqrt(len(a)), (len(a), len(b)))
                for a, b in zip(layers, layers[1:])]
    bias_vectors = [np.zeros(len(layer)) for layer in layers[1:]] if biases else None
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
