"""Checks for notebook 07 (automate it), one line of the backward loop, and for notebook 07b
(the matrix form), the first layer's delta as a matrix product.

check_error_at_sum() calls the learner's function once per node and compares the numbers
with check_values(); check_delta_AB() compares a (1, 2) row with check_array(), which
names a list, a flat array or a column for what it is. Every mistake is computed from its
mistaken formula on the same network and sample.
"""
import numpy as np

from ..core.activations import activation_function_derivative
from ..core.names import error_name
from ..core.build import SEED_SAMPLE, seed_network
from ..topics.matrix_form import layer_slopes, matrix_pass
from .arrays import check_array, check_values
from .cases import seed_gradients
from .checking import Verdict, invalid, not_attempted, number_of, shown


def _call_each(error_at_sum, name, nodes, dL, X):
    """The learner's function at every node: (numbers, None), or (None, a Verdict)."""
    answers = []
    for n, d, x in zip(nodes, dL, X):
        try:
            answer = error_at_sum(d, x)
        except Exception as error:  # the learner's code: report, never crash Run All
            return None, invalid(name, f"{name}({d:.4g}, {x:.4g}) for node {n} raised "
                                       f"{type(error).__name__}: {shown(str(error), 120)}")
        if answer is Ellipsis:
            return None, not_attempted(name)
        value, problem = number_of(answer)
        if problem:
            return None, invalid(name, f"{name}({d:.4g}, {x:.4g}) for node {n}: {problem}")
        answers.append(value)
    return answers, None


def check_error_at_sum(error_at_sum, network=None, sample=None):
    """error_at_sum(dL_wrt_X, X) must return dL_wrt_sX = dL_wrt_X * dX_wrt_sX, for every node X.

    It is called for f, C, D, A and B of the sample (default: the seed sample), with the
    errors backward() found there, and each result is compared with backward's dL_wrt_sX.
    """
    name = "error_at_sum"
    if error_at_sum is Ellipsis:
        return not_attempted(name)
    if not callable(error_at_sum):
        return invalid(name, f"expected a function, got {shown(error_at_sum)}.")
    trace, grads = seed_gradients(network, sample)
    network = trace.network
    nodes = [X for layer in reversed(network.layers[1:]) for X in layer]
    dL, X = [grads[error_name(n)] for n in nodes], [trace[n] for n in nodes]
    answers, stopped = _call_each(error_at_sum, name, nodes, dL, X)
    if stopped:
        return stopped
    slope = [activation_function_derivative(network.incoming[n].activation, trace[n])
             for n in nodes]
    right = [grads[error_name(network.incoming[n].sum)] for n in nodes]
    mistakes = {
        "you returned dL_wrt_X: the activation's slope dX_wrt_sX is missing": dL,
        "you multiplied by X itself instead of its slope, "
        "activation_function_derivative('sigmoid', X)":
            [d * x for d, x in zip(dL, X)],
        "you added the slope instead of multiplying by it": [d + s for d, s in zip(dL, slope)],
        "you multiplied by the slope twice (dL_wrt_X * dX_wrt_sX * dX_wrt_sX): once is enough":
            [r * s for r, s in zip(right, slope)],
        "you divided by the slope instead of multiplying by it": [d / s for d, s in zip(dL, slope)],
        "you multiplied by 1 - X only: the sigmoid's slope is X * (1 - X)":
            [d * (1 - x) for d, x in zip(dL, X)],
        "the sign is flipped": [-r for r in right],
    }
    verdict = check_values(answers, right, name, mistakes,
                           hint="the error at the sum is the error at the node times the "
                                "node's slope, activation_function_derivative('sigmoid', X).")
    return Verdict(name, verdict.status,
                   verdict.message.replace(f"{name} = ", f"{name} at {', '.join(nodes)} = ", 1))


def _delta_mistakes(one, network):
    """The mistaken formulas for delta_AB, each computed on the matrices of `one`."""
    W, S_AB, A_AB = one.W, one.trace.sums[0], one.trace.activations[1]
    A_CD = one.trace.activations[2]
    delta_CD, dA_CD = one.gradients.sum_errors[1], one.gradients.node_errors[1]
    act = network.activations[0]
    slope, back = layer_slopes(act, A_AB), delta_CD @ W[1].T
    square = A_AB.shape == A_CD.shape        # else W[1] and the layer after do not fit A, B
    found = {
        "you forgot the activation slope: delta_CD @ W[1].T is dA_AB, the errors at the nodes "
        "A and B; delta_AB, the errors at their sums, is dA_AB times the slope "
        "A_AB * (1 - A_AB)": back,
        "you sent back dA_CD (the errors at the nodes C, D) instead of delta_CD (the errors at "
        "their sums): dA and delta are one slope apart": (dA_CD @ W[1].T) * slope,
        "you sent back dA_CD instead of delta_CD, and stopped at dA_AB: both slopes are "
        "missing": dA_CD @ W[1].T,
        "you gave delta_CD, the delta of the layer after (C, D), not of A, B": delta_CD,
        "you multiplied by W[1] instead of W[1].T (errors go back along the weights, so "
        "transpose)": (delta_CD @ W[1]) * slope if square else None,
        "you took the slope from the sums S_AB instead of the activated values A_AB":
            back * layer_slopes(act, S_AB),
        "you multiplied by A_AB itself instead of its slope A_AB * (1 - A_AB)": back * A_AB,
        "you multiplied by 1 - A_AB only: the slope is A_AB * (1 - A_AB)": back * (1 - A_AB),
        "you used the slope of the layer after, A_CD * (1 - A_CD); each layer has its own":
            back * layer_slopes(network.activations[1], A_CD) if square else None,
        "you multiplied by the slope twice: once is enough": back * slope * slope,
        "you averaged the errors each node receives instead of summing them":
            back / W[1].shape[1] * slope,
        "the sign is flipped": -one.gradients.sum_errors[0],
    }
    return {text: value for text, value in found.items() if value is not None}


def check_delta_AB(delta_AB, network=None, sample=None):
    """Check delta_AB, the first hidden layer's delta (notebook 07b):
    a numpy row of shape (1, 2): one row (the sample), one column per node A, B."""
    network = seed_network() if network is None else network
    sample = SEED_SAMPLE if sample is None else sample
    one = matrix_pass(network, [[sample["I1"], sample["I2"]]], [[sample["correct"]]])
    return check_array(delta_AB, one.gradients.sum_errors[0], "delta_AB",
                       _delta_mistakes(one, network),
                       hint="the same two steps as for delta_CD, one layer further back: "
                            "send delta_CD back through W[1] (transposed), then multiply by "
                            "the slope at A and B.")
