"""Checks for notebook 06 (fan-out): dL_wrt_A and dL_wrt_w_I2_B.

Every mistake is computed from its mistaken formula on the same network and sample.
"""
from .checking import check_answer
from .last_weight import seed_gradients
from .mistakes import chain_mistakes, fan_out_mistakes


def check_dL_wrt_A(dL_wrt_A, network=None, sample=None):
    """dL_wrt_A = dL_wrt_sC * w_A_C + dL_wrt_sD * w_A_D: the errors A receives, summed."""
    trace, grads = seed_gradients(network, sample)
    w = trace.network.weights
    mistakes = fan_out_mistakes(grads, "A")
    mistakes["you used dL_wrt_C and dL_wrt_D, the errors before C's and D's activation "
             "slopes; A's value enters the sums sC and sD, so use dL_wrt_sC and dL_wrt_sD"] = (
        grads["dL_wrt_C"] * w["w_A_C"] + grads["dL_wrt_D"] * w["w_A_D"])
    return check_answer(dL_wrt_A, grads["dL_wrt_A"], "dL_wrt_A", mistakes,
                        hint="A sends its value to C and to D. Each sends an error back: "
                             "dL_wrt_sC * w_A_C and dL_wrt_sD * w_A_D. What do you do with two?")


def check_dL_wrt_w_I2_B(dL_wrt_w_I2_B, network=None, sample=None):
    """dL_wrt_w_I2_B = dL_wrt_B * dB_wrt_sB * I2."""
    trace, grads = seed_gradients(network, sample)
    dL_wrt_B, dB_wrt_sB = grads["dL_wrt_B"], trace["dB_wrt_sB"]
    mistakes = chain_mistakes(grads, "w_I2_B")
    mistakes.update({
        "you forgot dB_wrt_sB, the activation derivative at B": dL_wrt_B * trace["I2"],
        "you multiplied by I1; w_I2_B is multiplied by I2 in sB": dL_wrt_B * dB_wrt_sB * trace["I1"],
        "you used node A's error: that is dL_wrt_w_I2_A": grads["dL_wrt_w_I2_A"],
    })
    return check_answer(dL_wrt_w_I2_B, grads["dL_wrt_w_I2_B"], "dL_wrt_w_I2_B", mistakes,
                        hint="w_I2_B goes through sB, then B, and B sends its value to C and D. "
                             "Start from the summed error dL_wrt_B.")
