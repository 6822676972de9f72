"""Checks for notebook 06 (fan-out): dL_wrt_A and dL_wrt_w_I2_B.

Every mistake is computed from its mistaken formula on the same network and sample
(course_lib.exercises.mistakes: fan_out_mistakes, weight_chain_mistakes).
"""
from ..core.names import weight_name
from .cases import check_fan_out, check_weight_chain, seed_gradients


def check_dL_wrt_A(dL_wrt_A, network=None, sample=None):
    """dL_wrt_A = dL_wrt_sC * w_A_C + dL_wrt_sD * w_A_D: the errors A receives, summed."""
    _, grads = seed_gradients(network, sample)
    return check_fan_out(dL_wrt_A, "A", grads,
                         hint="A sends its value to C and to D. Each sends an error back: "
                              "dL_wrt_sC * w_A_C and dL_wrt_sD * w_A_D. What do you do with two?")


def check_dL_wrt_w_I2_B(dL_wrt_w_I2_B, network=None, sample=None):
    """Check dL_wrt_w_I2_B: w_I2_B feeds B, and B sends its value to two nodes (notebook 06)."""
    return check_weight_chain(
        dL_wrt_w_I2_B, weight_name("I2", "B"), network, sample,
        hint="w_I2_B goes through sB, then B, and B sends its value to C and D. "
             "Start from the summed error dL_wrt_B.")
