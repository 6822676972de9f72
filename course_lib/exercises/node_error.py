"""Exercises of notebook 04, the error sent back to a node, with the mistakes recognised.

What does C go through? The sum sF, then the activation at f. So

    dL_wrt_C = dL_wrt_f * df_wrt_sF * w_C_f        (dsF_wrt_C = w_C_f, the weight)

and the same for D, with its own weight.

Compared with dL_wrt_w_C_f only the last factor changes: the weight instead of C.
"""
from ..core.activations import activation_function_derivative
from ..core.names import error_name, link_name, slope_name, sum_name, weight_name
from .cases import seed_gradients
from .checking import check_answer
from .mistakes import HALF_LOSS


def _check_node_error(node, other, answer, network, sample):
    _, grads = seed_gradients(network, sample)
    w = grads.network.weights
    f = grads.network.outputs[0]                       # the output, f in the article
    weight, other_weight = weight_name(node, f), weight_name(other, f)
    dL_wrt_f, dL_wrt_sF = grads[error_name(f)], grads[error_name(sum_name(f))]
    name, slope, link = error_name(node), slope_name(f), link_name(f, node)
    right = grads[name]
    trace = grads.trace
    from_sum = activation_function_derivative(grads.network.incoming[f].activation,
                                              trace[sum_name(f)])
    mistakes = {
        f"you used the node value {node} instead of the weight {weight}: "
        f"that is {error_name(weight)}": dL_wrt_sF * trace[node],
        f"you forgot the activation derivative {slope}": dL_wrt_f * w[weight],
        f"you used {other_weight}, the weight out of {other}, not {weight}":
            dL_wrt_sF * w[other_weight],
        f"you went one step too far: that is {error_name(sum_name(node))} = {name} * "
        f"{slope_name(node)}, the error at the sum {sum_name(node)}; {name} stops at the node":
            right * trace[slope_name(node)],
        f"you multiplied by the slope {slope} twice: once is enough": right * trace[slope],
        f"you took the slope {slope} from the sum {sum_name(f)} (the derivative formula "
        f"applied to {sum_name(f)}, not to {f})": dL_wrt_f * from_sum * w[weight],
        f"you used {slope_name(node)}, {node}'s own slope, where {slope}, the slope at {f}, "
        f"belongs ({node} goes through {sum_name(f)} and {f})":
            dL_wrt_f * trace[slope_name(node)] * w[weight],
        f"you stopped at {error_name(sum_name(f))}: multiply it by {link}, what {node} is "
        f"multiplied by in {sum_name(f)}": dL_wrt_sF,
        f"you added both weights into {f} ({weight} + {other_weight}): {node}'s error comes "
        f"back through its own weight {weight} only": dL_wrt_sF * (w[weight] + w[other_weight]),
        "the sign is flipped (f - correct vs correct - f)": -right,
        HALF_LOSS: right / 2,
    }
    return check_answer(answer, right, name, mistakes,
                        hint=f"{node} goes through {sum_name(f)}, then {f}: {error_name(f)} * "
                             f"{slope} * {link}, and {link} is what {node} gets multiplied by "
                             f"in {sum_name(f)}.")


def check_dL_wrt_C(dL_wrt_C, network=None, sample=None):
    """Check dL_wrt_C = dL_wrt_f * df_wrt_sF * w_C_f, the error sent back to C."""
    return _check_node_error("C", "D", dL_wrt_C, network, sample)


def check_dL_wrt_D(dL_wrt_D, network=None, sample=None):
    """Check dL_wrt_D, the error sent back to D (notebook 04)."""
    return _check_node_error("D", "C", dL_wrt_D, network, sample)
