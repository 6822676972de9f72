"""Checks for notebook 05 (a deeper weight): dC_wrt_sC and dL_wrt_w_A_C.

Every mistake is computed from its mistaken formula on the same network and sample.
"""
from ..core.activations import activation_function, activation_function_derivative
from ..core.names import weight_name
from .cases import check_weight_chain, seed_gradients
from .checking import check_answer
from .node_mistakes import slope_mistakes


def check_dC_wrt_sC(dC_wrt_sC, network=None, sample=None):
    """dC_wrt_sC = activation_function_derivative("sigmoid", C): the slope of C's activation,
    from the value C (the node's own activation in place of "sigmoid")."""
    trace, grads = seed_gradients(network, sample)
    activation = trace.network.incoming["C"].activation
    C, sC = trace["C"], trace["sC"]
    mistakes = {
        "you took the derivative from the sum sC; the article takes it from the activated "
        f"value: activation_function_derivative('{activation}', C)":
            activation_function_derivative(activation, sC),
        "you wrote C itself, not the slope of C's activation": C,
        "you reused df_wrt_sF, the slope at f; each node has its own slope": trace["df_wrt_sF"],
        "you gave dL_wrt_sC, the error at the sum; dC_wrt_sC is only C's slope":
            grads["dL_wrt_sC"],
        "you applied the activation to C first (the derivative takes C as it is)":
            activation_function_derivative(activation, activation_function(activation, C)),
        **slope_mistakes(activation, C, "C"),
    }
    return check_answer(dC_wrt_sC, trace["dC_wrt_sC"], "dC_wrt_sC", mistakes,
                        hint=f"C went through the {activation} activation; its slope is "
                             f"activation_function_derivative('{activation}', C).")


def check_dL_wrt_w_A_C(dL_wrt_w_A_C, network=None, sample=None):
    """dL_wrt_w_A_C = dL_wrt_C * dC_wrt_sC * A (the reuse form of the five-factor chain)."""
    return check_weight_chain(
        dL_wrt_w_A_C, weight_name("A", "C"), network, sample,
        hint="w_A_C goes through sC, C, sF, f. Start from the error already at C: "
             "dL_wrt_C, times C's slope, times what w_A_C is multiplied by in sC.")
