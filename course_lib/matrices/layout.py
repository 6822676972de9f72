"""A Network's weights laid out as numpy arrays, and back.

    W[l][i, j] = w_<node i of layer l>_<node j of layer l+1>     (row: source, column: target)
    b[l][j]    = b_<node j of layer l+1>
"""
import weakref

import numpy as np

from ..core.errors import CourseInputError
from ..core.network import Network, check_network
from ..core.shapes import sequence_of

_ARRAYS = weakref.WeakKeyDictionary()


def _frozen(rows):
    array = np.array(rows, dtype=float)
    array.flags.writeable = False
    return array


def _arrays(network):
    if type(network) is not Network:
        check_network(network)
    if network not in _ARRAYS:
        matrices = tuple(_frozen(rows) for rows in network.rows)
        biases = None if network.bias_rows is None else tuple(_frozen(b) for b in network.bias_rows)
        _ARRAYS[network] = (matrices, biases)
    return _ARRAYS[network]


def weight_matrices(network):
    """One read-only array per pair of layers, shape (len(layer l), len(layer l+1))."""
    return _arrays(network)[0]


def bias_vectors(network):
    """One read-only bias array per non-input layer, or None for a network without biases."""
    return _arrays(network)[1]


def network_from_arrays(network, matrices, biases=None):
    """A Network shaped like `network` holding these arrays' numbers (checked by Network:
    one array per pair of layers, each of the shape the layers ask for)."""
    if check_network(network).has_biases != (biases is not None):
        raise CourseInputError(f"{network!r} {'has' if network.has_biases else 'has no'} biases: "
                               f"give {'its' if network.has_biases else 'no'} bias vectors too.")
    bias_rows = None if biases is None else [
        np.asarray(b).tolist() for b in sequence_of(biases, "biases", "one array per layer")]
    matrices = sequence_of(matrices, "matrices", "one array per pair of layers")
    new = Network(network.layers, [np.asarray(W).tolist() for W in matrices], bias_rows,
                  network.activations)
    _ARRAYS[new] = (tuple(_frozen(W) for W in new.rows),
                    None if biases is None else tuple(_frozen(b) for b in new.bias_rows))
    return new
