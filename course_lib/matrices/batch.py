"""The same forward and backward pass on a batch of samples, as matrix products.

Row n of every array is sample n. With W[l] the weight matrix between layer l and
layer l+1 (row = source node, column = target node):

    forward:   S[l+1] = A[l] @ W[l] (+ b[l]);     A[l+1] = act(S[l+1])
    backward:  dL_wrt_A[out] = 2*(A[out] - Y)
               dL_wrt_S[l]   = dL_wrt_A[l] * act'(A[l])
               dL_wrt_A[l-1] = dL_wrt_S[l] @ W[l-1].T      (the fan-out sum, as a product)
               dL_wrt_W[l-1] = A[l-1].T @ dL_wrt_S[l] / n   (mean over the batch)

The batch loss is the mean over samples of each sample's loss. `_backward` is the one
matrix walk; a MatrixRule (matrices.rule) holds its local moves (the array forms of
core.backward's ChainRule), and each classic mistake (course_lib.topics.mistaken_rules)
changes one.
"""
from dataclasses import dataclass

import numpy as np

from ..core.errors import (MAX_MAGNITUDE, CourseInputError, DivergedError, TooLargeError,
                           real_value, shown, whole_number)
from ..core.network import check_network
from ..core.losses import get_loss
from ..core.names import error_name, sum_name
from .activations import array_activation
from .layout import bias_vectors, weight_matrices
from .rule import MatrixRule


def _float_array(values):
    """A float array of `values`, or None when they are not all real numbers (text, None,
    True/False, ragged rows); numbers too large for a float become the largest float, which
    as_batch then refuses as out of range."""
    try:
        array = np.asarray(values)
    except ValueError:                               # ragged rows
        return None
    if isinstance(values, (list, tuple)) and any(
            type(v) is bool or isinstance(v, (list, tuple)) and any(type(x) is bool for x in v)
            for v in values):                        # numpy would read True as 1
        return None
    if array.dtype.kind == "O" and array.size:       # Fraction, Decimal, 10**400: one by one
        try:
            array = np.array([real_value("", v) for v in array.ravel()]).reshape(array.shape)
        except TooLargeError:
            return np.full(array.shape, np.finfo(float).max)
        except CourseInputError:
            return None
    return array.astype(float) if array.dtype.kind in "iuf" else None


def as_batch(values, width, what, names):
    """A finite float array of shape (n, width) from a list of samples, or a clear error."""
    array = _float_array(values)
    if array is None:  # text, None and True/False are not numbers here
        raise CourseInputError(f"{what} must be numbers, one row of {width} ({', '.join(names)}) "
                               f"per sample; got {shown(values, 60)}.")
    if array.ndim == 1 and width == 1:
        array = array[:, None]
    if array.ndim != 2 or array.shape[1] != width or array.shape[0] == 0:
        raise CourseInputError(f"{what} must have shape (samples, {width}) for "
                               f"({', '.join(names)}), got shape {array.shape}.")
    if not np.isfinite(array).all():
        raise CourseInputError(f"{what} must be finite numbers; found NaN or inf.")
    if np.abs(array).max() > MAX_MAGNITUDE:
        raise CourseInputError(f"{what} must lie between -{MAX_MAGNITUDE:g} and "
                               f"{MAX_MAGNITUDE:g}.")
    return array


def as_samples(network, X, Y):
    """(X, Y) checked by as_batch for `network`, shapes (n, inputs) and (n, outputs):
    one row of correct answers per row of inputs, or a CourseInputError saying so."""
    X = as_batch(X, len(check_network(network).inputs), "inputs X", network.inputs)
    Y = as_batch(Y, len(network.outputs), "correct answers Y", network.outputs)
    if X.shape[0] != Y.shape[0]:
        raise CourseInputError(f"X has {X.shape[0]} rows and Y has {Y.shape[0]}: "
                               "give one correct answer per sample.")
    return X, Y


def _forward(matrices, biases, activations, X):
    """Sums and activations of every layer (activations[0] is X)."""
    sums, outs = [], [X]
    for l, W in enumerate(matrices):
        S = outs[-1] @ W
        if biases is not None:
            S = S + biases[l]
        sums.append(S)
        outs.append(activations[l].function(S))
    return sums, outs


MATRIX_RULE = MatrixRule()


def output_errors(outs, Y, loss):
    """dL_wrt_A of the output layer: the loss row's slope at every forecast."""
    return MATRIX_RULE.output_errors(outs[-1], Y, get_loss(loss))


def _backward(matrices, activations, outs, Y, loss, biases=None, rule=MATRIX_RULE):
    """dL_wrt_A, dL_wrt_S and mean weight (and bias) gradients of every non-input layer,
    each local move made by `rule`; biases: the bias arrays, or None."""
    n = Y.shape[0]
    dA = rule.output_errors(outs[-1], Y, get_loss(loss))
    slopes, node_errors = rule.slopes, rule.node_errors
    weights_used = rule.weights_used if rule.changes_weights else None
    dA_layers, dS_layers, dW, db = [], [], [], []
    for l in range(len(matrices) - 1, -1, -1):
        dS = dA * slopes(activations[l], outs[l + 1])                  # dL/dS = dL/dA * dA/dS
        dA_layers.append(dA)
        dS_layers.append(dS)
        dW.append(outs[l].T @ dS / n)                                  # dS/dW = A of layer before
        if biases is not None:
            db.append(dS.sum(axis=0) / n)                              # dS/db = 1
        if weights_used:
            weights_used(l, dW[-1], db[-1] if db else None, matrices, biases)
        if l:
            dA = node_errors(dS, matrices[l])                          # errors sent back, summed
    return dA_layers[::-1], dS_layers[::-1], dW[::-1], db[::-1]


def _losses(outs, Y, loss):
    """Each sample's L: the loss row's value, summed over the outputs."""
    return get_loss(loss).value(outs[-1], Y).sum(axis=1)


@dataclass(frozen=True)
class BatchTrace:
    """Forward pass of a batch: sums[l] and activations[l+1] per layer, shape (n, nodes)."""

    network: object
    sums: tuple
    activations: tuple

    @property
    def forecast(self):
        return self.activations[-1]


def forward_batch(network, X):
    """Forward pass of every row of X (shape (n, inputs)) at once."""
    X = as_batch(X, len(check_network(network).inputs), "inputs X", network.inputs)
    acts = [array_activation(a) for a in network.activations]
    with np.errstate(over="raise", invalid="raise"):
        try:
            sums, outs = _forward(weight_matrices(network), bias_vectors(network), acts, X)
        except FloatingPointError:
            raise DivergedError("a sum overflowed: the weights are too large.") from None
    return BatchTrace(network, tuple(sums), tuple(outs))


@dataclass(frozen=True)
class BatchGradients:
    """Backward pass of a batch.

    - losses: each sample's L; loss: their mean.
    - node_errors[l], sum_errors[l]: dL_wrt_<node> and dL_wrt_s<node> per sample,
      shape (n, nodes of layer l+1).
    - matrices / biases: mean gradients laid out like the network's.
    """

    trace: BatchTrace
    losses: np.ndarray
    loss: float
    node_errors: tuple
    sum_errors: tuple
    matrices: tuple
    biases: tuple

    @property
    def network(self):
        return self.trace.network

    @property
    def weights(self):
        """Mean gradient of every weight and bias by name: {'w_C_f': ..}."""
        return self.network.named_from(self.matrices, self.biases)

    def sample(self, n):
        """Sample n's node errors by article name: {'dL_wrt_f': .., 'dL_wrt_sF': .., ...}."""
        n = whole_number("the sample number n", n, 0, len(self.losses) - 1)
        net, named = self.network, {}
        for l, layer in enumerate(net.layers[1:]):
            for j, node in enumerate(layer):
                named[error_name(node)] = float(self.node_errors[l][n, j])
                named[error_name(sum_name(node))] = float(self.sum_errors[l][n, j])
        return named


def backward_batch(trace, Y, loss="squared"):
    """Backward pass of a BatchTrace against correct answers Y (shape (n, outputs))."""
    if not isinstance(trace, BatchTrace):
        hint = " (for one sample, use backward)" if hasattr(trace, "slopes") else ""
        raise CourseInputError(f"backward_batch needs the BatchTrace that forward_batch(network, "
                               f"X) returned, got {type(trace).__name__}{hint}.")
    net = trace.network
    Y = as_batch(Y, len(net.outputs), "correct answers Y", net.outputs)
    if Y.shape[0] != trace.forecast.shape[0]:
        raise CourseInputError(f"Y has {Y.shape[0]} rows but X had {trace.forecast.shape[0]}: "
                               "give one correct answer per sample.")
    loss = get_loss(loss).name
    acts = [array_activation(a) for a in net.activations]
    with np.errstate(over="raise", invalid="raise"):
        try:
            dA, dS, dW, db = _backward(weight_matrices(net), acts, trace.activations, Y, loss,
                                       bias_vectors(net))
            losses = _losses(trace.activations, Y, loss)
        except FloatingPointError:
            raise DivergedError("a gradient overflowed: the weights are too large.") from None
    return BatchGradients(trace, losses, float(losses.mean()), tuple(dA), tuple(dS), tuple(dW),
                          tuple(db) if net.has_biases else None)
