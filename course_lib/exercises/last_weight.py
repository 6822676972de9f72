"""Exercises of notebook 03, the last weight w_C_f, with the mistakes each check recognises.

What does w_C_f go through? The sum sF, then the activation at f. So

    df_wrt_sF    = activation_function_derivative(name, f)      (from the OUTPUT f)
    dL_wrt_w_C_f = dL_wrt_f * df_wrt_sF * C                     (dsF_wrt_w_C_f = C)
"""
from ..core.activations import activation_function, activation_function_derivative
from .cases import seed_case, seed_gradients
from .checking import check_answer
from ..core.losses import loss_slope
from .mistakes import chain_mistakes
from .node_mistakes import slope_mistakes


def check_df_wrt_sF(df_wrt_sF, network=None, sample=None):
    """Check df_wrt_sF = activation_function_derivative(name, f)."""
    _, sample, trace = seed_case(network, sample)
    act, correct = trace.network.activations[-1], sample["correct"]
    f, sF = trace["f"], trace["sF"]
    mistakes = {
        "you passed the sum sF: the derivative is computed from the output f":
            activation_function_derivative(act, sF),
        "you used f itself, not the activation's slope at f": f,
        "you applied the activation to f first (the derivative takes f as it is)":
            activation_function_derivative(act, activation_function(act, f)),
        "you multiplied by dL_wrt_f: that is dL_wrt_sF, the error at the sum; df_wrt_sF is "
        "the slope alone": trace["df_wrt_sF"] * loss_slope(f, correct),
        **slope_mistakes(act, f, "f"),
    }
    return check_answer(df_wrt_sF, trace["df_wrt_sF"], "df_wrt_sF", mistakes,
                        hint="activation_function_derivative(name, f), from the output f.")


def check_dL_wrt_w_C_f(dL_wrt_w_C_f, network=None, sample=None):
    """Check dL_wrt_w_C_f = dL_wrt_f * df_wrt_sF * C."""
    _, grads = seed_gradients(network, sample)
    mistakes = chain_mistakes(grads, "w_C_f")
    mistakes["you used D, the other node feeding f: that is dL_wrt_w_D_f"] = (
        grads["dL_wrt_sF"] * grads.trace["D"])
    mistakes["you multiplied by f, the node w_C_f goes into; in sF it is multiplied by C"] = (
        grads["dL_wrt_sF"] * grads.trace["f"])
    mistakes["you stopped at dL_wrt_sF = dL_wrt_f * df_wrt_sF: multiply it by C, what w_C_f is "
             "multiplied by in sF"] = grads["dL_wrt_sF"]
    return check_answer(dL_wrt_w_C_f, grads["dL_wrt_w_C_f"], "dL_wrt_w_C_f", mistakes,
                        hint="w_C_f goes through sF, then f: multiply dL_wrt_f, df_wrt_sF and "
                             "dsF_wrt_w_C_f (what w_C_f gets multiplied by in sF).")
