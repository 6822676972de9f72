"""The article's network as data: named nodes in layers and named weights.

Names follow the article (see course_lib.core.names): inputs I1, I2; hidden nodes A, B,
C, D, ...; output f (f1, f2, ... for several outputs); the sum into X is sX; the weight
from X to Y is w_X_Y; an optional bias into Y is b_Y.

A Network is immutable and plain Python. Its weights are held layer by layer,
rows[l][i][j] = w_<node i of layer l>_<node j of layer l+1>, and read by name through
`network.weights`; course_lib.matrices lays the same numbers out as numpy arrays.
"""
from collections.abc import Iterable, Mapping
from functools import cached_property
from typing import NamedTuple

from .activations import get_activation
from .errors import CourseInputError, UnknownNameError, check_name, check_number, shown
from .names import bias_name, check_node_names, sum_name, weight_name
from .shapes import layer_names, rows_of, sequence_of


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


class Network:
    """A layered network with the article's names.

    Inputs:
    - layers: tuple of tuples of node names, inputs first, outputs last.
    - matrices: one nested sequence per pair of layers, shape (len(layer l), len(layer l+1)).
    - biases: None (no biases, like the article) or one sequence per non-input layer.
    - activations: one activation name per non-input layer, or one name for all.
    """

    def __init__(self, layers, matrices, biases=None, activations="sigmoid"):
        self.layers = layer_names(layers)
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
        matrices = sequence_of(matrices, "matrices",
                               f"one weight matrix per pair of layers ({pairs})")
        if len(matrices) != pairs:
            raise CourseInputError(f"give one weight matrix per pair of layers ({pairs}), "
                                   f"got {len(matrices)}.")
        self.rows = tuple(rows_of(m, (len(a), len(b)), f"weight matrix {l}",
                                  f" (a row per node of layer {l}, a column per node of "
                                  f"layer {l + 1})")
                          for l, (m, a, b) in enumerate(zip(matrices, self.layers, self.layers[1:])))
        self.bias_rows = None
        if biases is not None:
            biases = sequence_of(biases, "biases", f"one bias vector per non-input layer ({pairs})")
            if len(biases) != pairs:
                raise CourseInputError(f"give one bias vector per non-input layer ({pairs}), "
                                       f"got {len(biases)}.")
            self.bias_rows = tuple(rows_of(b, (len(layer),), f"bias vector {l}",
                                           f" (one number per node of layer {l + 1})")
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
        if changes is not None and not isinstance(changes, Mapping):
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


def check_network(network, what="network"):
    """`network` if it is a Network, else a CourseInputError saying what is expected."""
    if not isinstance(network, Network):
        raise CourseInputError(f"{what} must be a Network (seed_network(), make_network(...)), "
                               f"got {shown(network)} ({type(network).__name__}).")
    return network
