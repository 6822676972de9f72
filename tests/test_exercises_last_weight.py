"""The checks of notebook 03 (the last weight w_C_f): right answers, named mistakes, junk.

f, C, D are written out by hand with math.exp; the mistaken values come from the mistaken formulas.
"""
import math

from course_lib import SEED_SAMPLE, SEED_WEIGHTS, seed_network
from course_lib.exercises import check_df_wrt_sF, check_dL_wrt_w_C_f

w, correct = SEED_WEIGHTS, SEED_SAMPLE["correct"]


def sigmoid(s):
    return 1 / (1 + math.exp(-s))


def sigmoid_slope_at_sum(s):
    return sigmoid(s) * (1 - sigmoid(s))


sA = SEED_SAMPLE["I1"] * w["w_I1_A"] + SEED_SAMPLE["I2"] * w["w_I2_A"]
sB = SEED_SAMPLE["I1"] * w["w_I1_B"] + SEED_SAMPLE["I2"] * w["w_I2_B"]
A, B = sigmoid(sA), sigmoid(sB)
sC = A * w["w_A_C"] + B * w["w_B_C"]
C, D = sigmoid(sC), sigmoid(A * w["w_A_D"] + B * w["w_B_D"])
sF = C * w["w_C_f"] + D * w["w_D_f"]
f = sigmoid(sF)
slope_f = sigmoid_slope_at_sum(sF)     # a different route to df_wrt_sF: from the sum
two_error = 2 * (f - correct)

RIGHT = {check_df_wrt_sF: slope_f, check_dL_wrt_w_C_f: two_error * slope_f * C}

MISTAKES = [
    (check_df_wrt_sF, sF * (1 - sF), "passed the sum sF"),
    (check_df_wrt_sF, f, "used f itself"),
    (check_df_wrt_sF, sigmoid(f) * (1 - sigmoid(f)), "applied the activation to f"),
    (check_dL_wrt_w_C_f, -two_error * slope_f * C, "sign is flipped"),
    (check_dL_wrt_w_C_f, (f - correct) * slope_f * C, "dropped the factor 2"),
    (check_dL_wrt_w_C_f, two_error * C, "forgot an activation derivative"),
    (check_dL_wrt_w_C_f, two_error * slope_f * sC, "the sum sC instead of the activation C"),
    (check_dL_wrt_w_C_f, two_error * slope_f * w["w_C_f"], "the weight w_C_f instead of the node value C"),
    (check_dL_wrt_w_C_f, two_error * slope_f * D, "used D"),
]


def test_tanh_network_uses_the_tanh_slope():
    net = seed_network("tanh")
    f_tanh = math.tanh(  # the whole tanh forward pass, by hand
        math.tanh(math.tanh(sA) * w["w_A_C"] + math.tanh(sB) * w["w_B_C"]) * w["w_C_f"]
        + math.tanh(math.tanh(sA) * w["w_A_D"] + math.tanh(sB) * w["w_B_D"]) * w["w_D_f"])
    assert check_df_wrt_sF(1 - f_tanh ** 2, network=net).correct
    assert not check_df_wrt_sF(slope_f, network=net).correct
