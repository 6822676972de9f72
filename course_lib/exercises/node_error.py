"""Exercises of notebook 04, the error sent back to a node, with the mistakes recognised.

What does C go through? The sum sF, then the activation at f. So

    dL_wrt_C = dL_wrt_f * df_wrt_sF * w_C_f        (dsF_wrt_C = w_C_f, the weight)
    dL_wrt_D = dL_wrt_f * df_wrt_sF * w_D_f

Compared with dL_wrt_w_C_f only the last factor changes: the weight instead of C.
"""
from ..core.names import error_name, link_name, slope_name, sum_name, weight_name
from .cases import seed_gradients
from .checking import check_answer


def _check_node_error(node, other, answer, network, sample):
    _, grads = seed_gradients(network, sample)
    w = grads.network.weights
    f = grads.network.outputs[0]                       # the output, f in the article
    weight, other_weight = weight_name(node, f), weight_name(other, f)
    dL_wrt_f, dL_wrt_sF = grads[error_name(f)], grads[error_name(sum_name(f))]
    name, slope, link = error_name(node), slope_name(f), link_name(f, node)
    right = grads[name]
    mistakes = {
        f"you used the node value {node} instead of the weight {weight}: "
        f"that is {error_name(weight)}": dL_wrt_sF * grads.trace[node],
        f"you forgot the activation derivative {slope}": dL_wrt_f * w[weight],
        f"you used {other_weight}, the weight out of {other}, not {weight}":
            dL_wrt_sF * w[other_weight],
        "the sign is flipped (f - correct vs correct - f)": -right,
        "you dropped the factor 2 of dL_wrt_f = 2*(f - correct)": right / 2,
    }
    return check_answer(answer, right, name, mistakes,
                        hint=f"{node} goes through {sum_name(f)}, then {f}: {error_name(f)} * "
                             f"{slope} * {link}, and {link} is what {node} gets multiplied by "
                             f"in {sum_name(f)}.")


def check_dL_wrt_C(dL_wrt_C, network=None, sample=None):
    """Check dL_wrt_C = dL_wrt_f * df_wrt_sF * w_C_f, the error sent back to C."""
    return _check_node_error("C", "D", dL_wrt_C, network, sample)


def check_dL_wrt_D(dL_wrt_D, network=None, sample=None):
    """Check dL_wrt_D = dL_wrt_f * df_wrt_sF * w_D_f, the error sent back to D."""
    return _check_node_error("D", "C", dL_wrt_D, network, sample)
