"""Exercises of notebook 04, the error sent back to a node, with the mistakes recognised.

What does C go through? The sum sF, then the activation at f. So

    dL_wrt_C = dL_wrt_f * df_wrt_sF * w_C_f        (dsF_wrt_C = w_C_f, the weight)
    dL_wrt_D = dL_wrt_f * df_wrt_sF * w_D_f

Compared with dL_wrt_w_C_f only the last factor changes: the weight instead of C.
"""
from .checking import check_answer
from .last_weight import seed_gradients


def _check_node_error(node, other, answer, network, sample):
    _, grads = seed_gradients(network, sample)
    w = grads.network.weights
    weight, other_weight = f"w_{node}_f", f"w_{other}_f"
    dL_wrt_f, dL_wrt_sF = grads["dL_wrt_f"], grads["dL_wrt_sF"]
    right = grads[f"dL_wrt_{node}"]
    mistakes = {
        f"you used the node value {node} instead of the weight {weight}: "
        f"that is dL_wrt_{weight}": dL_wrt_sF * grads.trace[node],
        "you forgot the activation derivative df_wrt_sF": dL_wrt_f * w[weight],
        f"you used {other_weight}, the weight out of {other}, not {weight}": dL_wrt_sF * w[other_weight],
        "the sign is flipped (f - correct vs correct - f)": -right,
        "you dropped the factor 2 of dL_wrt_f = 2*(f - correct)": right / 2,
    }
    return check_answer(answer, right, f"dL_wrt_{node}", mistakes,
                        hint=f"{node} goes through sF, then f: dL_wrt_f * df_wrt_sF * dsF_wrt_{node}, "
                             f"and dsF_wrt_{node} is what {node} gets multiplied by in sF.")


def check_dL_wrt_C(dL_wrt_C, network=None, sample=None):
    """Check dL_wrt_C = dL_wrt_f * df_wrt_sF * w_C_f, the error sent back to C."""
    return _check_node_error("C", "D", dL_wrt_C, network, sample)


def check_dL_wrt_D(dL_wrt_D, network=None, sample=None):
    """Check dL_wrt_D = dL_wrt_f * df_wrt_sF * w_D_f, the error sent back to D."""
    return _check_node_error("D", "C", dL_wrt_D, network, sample)
