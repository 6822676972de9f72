"""The same pass as numpy matrices: a batch of samples at once, and training.

    S[l+1] = A[l] @ W[l] (+ b[l]);  A[l+1] = act(S[l+1])            forward_batch
    dL_wrt_A[l-1] = dL_wrt_S[l] @ W[l-1].T   (the fan-out sum)        backward_batch

Each name is imported from its module the first time it is used, so importing one module of
this folder (matrices.rule, which needs no numpy) does not load the others.
"""
from importlib import import_module

#: name -> the module of course_lib.matrices that defines it, imported on first use.
_LAZY = {
    **dict.fromkeys(["activation_function", "activation_function_derivative",
                     "array_activation"], "activations"),
    **dict.fromkeys(["BatchGradients", "BatchTrace", "as_batch", "as_samples", "backward_batch",
                     "forward_batch"], "batch"),
    **dict.fromkeys(["bias_vectors", "network_from_arrays", "weight_matrices"], "layout"),
    **dict.fromkeys(["Training", "train"], "training"),
    "MatrixRule": "rule",
}


def __getattr__(name):
    if name in _LAZY:
        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_LAZY))


__all__ = list(_LAZY)
