"""Checks for notebook 07 (automate it): one line of the backward loop, and the first
layer's delta as a matrix product.

check_values() is check_answer() for several numbers at once (a row of a matrix, or one
answer per node): right only if every number is right; a mistake is named only if every
number matches that mistake's formula.
"""
import numpy as np

from ..core.activations import activation_function_derivative
from ..core.names import error_name
from ..core.build import SEED_SAMPLE, seed_network
from ..topics.matrix_form import layer_slopes, matrix_pass
from .cases import seed_gradients
from .checking import Verdict, check_answer, close


def _all_close(a, b):
    return a.shape == b.shape and all(close(x, y) for x, y in zip(a, b))


def _shown(values):
    return "[" + ", ".join(f"{v:.6g}" for v in values) + "]"


def check_values(answers, right, name, mistakes=None, hint=""):
    """Compare several numbers (any array-like; compared flattened) with `right`."""
    if answers is Ellipsis:
        return check_answer(..., 0.0, name)
    shape = np.shape(right)
    right = np.asarray(right, dtype=float).ravel()
    try:
        kind = np.asarray(answers).dtype.kind
        values = np.asarray(answers, dtype=float).ravel()
    except (TypeError, ValueError):
        kind = None
    if kind is None or kind not in "iuf":
        return Verdict(name, "invalid", f"✗ {name}: expected {right.size} numbers, "
                       f"got {answers!r:.80}.")
    if values.size != right.size:
        return Verdict(name, "invalid", f"✗ {name}: expected {right.size} numbers "
                       f"(shape {shape}), got {values.size} (shape {np.shape(answers)}).")
    if not np.isfinite(values).all():
        return Verdict(name, "invalid", f"✗ {name}: expected finite numbers, got {_shown(values)}.")
    if _all_close(values, right):
        return Verdict(name, "correct", f"✓ {name} = {_shown(values)}. Correct!")
    likely = [text for text, wrong in (mistakes or {}).items()
              if _all_close(values, np.asarray(wrong, dtype=float).ravel())
              and not _all_close(np.asarray(wrong, dtype=float).ravel(), right)]
    if likely:
        return Verdict(name, "mistake", f"✗ {name} = {_shown(values)} is not right: it looks "
                       "like " + " — or ".join(likely) + ".")
    return Verdict(name, "wrong", f"✗ {name} = {_shown(values)} is not right."
                   + (f" Hint: {hint}" if hint else ""))


def check_error_at_sum(error_at_sum, network=None, sample=None):
    """error_at_sum(dL_wrt_X, X) must return dL_wrt_sX = dL_wrt_X * dX_wrt_sX, for every node X.

    It is called for f, C, D, A and B of the sample (default: the seed sample), with the
    errors backward() found there, and each result is compared with backward's dL_wrt_sX.
    """
    name = "error_at_sum"
    if error_at_sum is Ellipsis:
        return check_values(..., [], name)
    if not callable(error_at_sum):
        return Verdict(name, "invalid", f"✗ {name}: expected a function, got {error_at_sum!r:.60}.")
    trace, grads = seed_gradients(network, sample)
    network = trace.network
    nodes = [X for layer in reversed(network.layers[1:]) for X in layer]
    dL, X = [grads[error_name(n)] for n in nodes], [trace[n] for n in nodes]
    slope = [activation_function_derivative(network.incoming[n].activation, trace[n])
             for n in nodes]
    answers = []
    for n, d, x in zip(nodes, dL, X):
        try:
            answers.append(error_at_sum(d, x))
        except Exception as error:  # the learner's code: report, never crash Run All
            return Verdict(name, "invalid", f"✗ {name}({d:.4g}, {x:.4g}) for node {n} raised "
                           f"{type(error).__name__}: {error}")
    if any(a is Ellipsis for a in answers):
        return check_values(..., [], name)
    right = [grads[error_name(network.incoming[n].sum)] for n in nodes]
    mistakes = {
        "you returned dL_wrt_X: the activation's slope dX_wrt_sX is missing": dL,
        "you multiplied by X itself instead of its slope activation_function_derivative(X)":
            [d * x for d, x in zip(dL, X)],
        "you added the slope instead of multiplying by it": [d + s for d, s in zip(dL, slope)],
        "the sign is flipped": [-r for r in right],
    }
    verdict = check_values(answers, right, name, mistakes,
                           hint="the error at the sum is the error at the node times the "
                                "node's slope, activation_function_derivative('sigmoid', X).")
    return Verdict(name, verdict.status,
                   verdict.message.replace(f"{name} = ", f"{name} at {', '.join(nodes)} = ", 1))


def check_delta_AB(delta_AB, network=None, sample=None):
    """delta_AB = (delta_CD @ W[1].T) * A_AB * (1 - A_AB): the first hidden layer's delta,
    one row (the sample), one column per node A, B."""
    network = seed_network() if network is None else network
    sample = SEED_SAMPLE if sample is None else sample
    one = matrix_pass(network, [[sample["I1"], sample["I2"]]], [[sample["correct"]]])
    W, S_AB, A_AB = one.W, one.trace.sums[0], one.trace.activations[1]
    delta_CD, grads = one.gradients.sum_errors[1], one.gradients
    slope = layer_slopes(network.activations[0], A_AB)
    mistakes = {
        "you forgot the activation slope act'(A_AB) = A_AB * (1 - A_AB)": delta_CD @ W[1].T,
        "you multiplied by W[1] instead of W[1].T (errors go back along the weights, so "
        "transpose)": (delta_CD @ W[1]) * slope,
        "you took the slope from the sums S_AB instead of the activated values A_AB":
            (delta_CD @ W[1].T) * layer_slopes(network.activations[0], S_AB),
        "you averaged the errors each node receives instead of summing them":
            (delta_CD @ W[1].T) / W[1].shape[1] * slope,
        "the sign is flipped": -grads.sum_errors[0],
    }
    return check_values(delta_AB, grads.sum_errors[0], "delta_AB", mistakes,
                        hint="the same two steps as for delta_CD, one layer further back: "
                             "send delta_CD back through W[1] (transposed), then multiply by "
                             "the slope at A and B.")
