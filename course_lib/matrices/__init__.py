"""The same pass as numpy matrices: a batch of samples at once, and training.

    S[l+1] = A[l] @ W[l] (+ b[l]);  A[l+1] = act(S[l+1])            forward_batch
    dL_wrt_A[l-1] = dL_wrt_S[l] @ W[l-1].T   (the fan-out sum)        backward_batch
"""
from .activations import activation_function, activation_function_derivative, array_activation
from .batch import BatchGradients, BatchTrace, as_batch, as_samples, backward_batch, forward_batch
from .layout import bias_vectors, network_from_arrays, weight_matrices
from .training import Training, train

__all__ = ["activation_function", "activation_function_derivative", "array_activation",
           "BatchGradients", "BatchTrace", "as_batch", "as_samples", "backward_batch",
           "forward_batch", "bias_vectors", "network_from_arrays", "weight_matrices",
           "Training", "train"]
