"""A Network's weights laid out as numpy arrays, and back.

    W[l][i, j] = w_<node i of layer l>_<node j of layer l+1>     (row: source, column: target)
    b[l][j]    = b_<node j of layer l+1>
"""
import weakref

import numpy as np

from ..core.network import Network

_ARRAYS = weakref.WeakKeyDictionary()


def _frozen(rows):
    array = np.array(rows, dtype=float)
    array.flags.writeable = False
    return array


def _arrays(network):
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
    """A Network shaped like `network` holding these arrays' numbers."""
    bias_rows = None if biases is None else [b.tolist() for b in biases]
    new = Network(network.layers, [W.tolist() for W in matrices], bias_rows, network.activations)
    _ARRAYS[new] = (tuple(_frozen(W) for W in matrices),
                    None if biases is None else tuple(_frozen(b) for b in biases))
    return new
