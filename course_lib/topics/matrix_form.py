"""Notebook 07b (the matrix form): the backward loop once more, a whole layer at a time.

With W[l] the weight matrix between layer l and layer l+1 (row: source, column: target)
and one row per sample:

    A[l+1]        = act(A[l] @ W[l])                     the forward pass
    delta[l+1]    = dL_wrt_A[l+1] * act'(A[l+1])         dL_wrt_sX for every node X of a layer
    dL_wrt_A[l]   = delta[l+1] @ W[l].T                  the errors sent back, SUMMED
    dL_wrt_W[l]   = A[l].T @ delta[l+1]                  every weight into layer l+1

matrix_pass() runs course_lib.matrices' batch pass on samples and keeps what the notebook
compares: W, the sums and activations of every layer, and the deltas (sum errors).
"""
from dataclasses import dataclass

from ..matrices.activations import activation_function_derivative
from ..matrices.batch import BatchGradients, BatchTrace, backward_batch, forward_batch
from ..matrices.layout import weight_matrices


def layer_slopes(activation, A):
    """act'(A): the slope dX_wrt_sX of every node of a layer, from its values A (an array)."""
    return activation_function_derivative(activation, A)


@dataclass(frozen=True)
class MatrixPass:
    """One batch pass in matrix form: W[l], trace.sums[l] / trace.activations[l] (A[0] = X),
    gradients.sum_errors[l] (the deltas, dL_wrt_s of layer l+1) and gradients.matrices."""

    trace: BatchTrace
    gradients: BatchGradients

    @property
    def network(self):
        return self.trace.network

    @property
    def W(self):
        """The weight matrices W[l], one per pair of layers."""
        return weight_matrices(self.network)


def matrix_pass(network, X, Y, loss="squared"):
    """forward_batch and backward_batch of samples X (one row each) with answers Y."""
    trace = forward_batch(network, X)
    return MatrixPass(trace, backward_batch(trace, Y, loss))


__all__ = ["MatrixPass", "matrix_pass", "layer_slopes", "forward_batch", "backward_batch",
           "weight_matrices"]
