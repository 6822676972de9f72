"""The checks of notebook 04 (the error sent back to C and D): right answers, mistakes, junk."""
import math

from course_lib import SEED_SAMPLE, SEED_WEIGHTS
from course_lib.exercises import check_dL_wrt_C, check_dL_wrt_D

w, correct = SEED_WEIGHTS, SEED_SAMPLE["correct"]


def sigmoid(s):
    return 1 / (1 + math.exp(-s))


A = sigmoid(SEED_SAMPLE["I1"] * w["w_I1_A"] + SEED_SAMPLE["I2"] * w["w_I2_A"])
B = sigmoid(SEED_SAMPLE["I1"] * w["w_I1_B"] + SEED_SAMPLE["I2"] * w["w_I2_B"])
C, D = sigmoid(A * w["w_A_C"] + B * w["w_B_C"]), sigmoid(A * w["w_A_D"] + B * w["w_B_D"])
f = sigmoid(C * w["w_C_f"] + D * w["w_D_f"])
dL_wrt_f = 2 * (f - correct)
df_wrt_sF = f * (1 - f)

RIGHT = {check_dL_wrt_C: dL_wrt_f * df_wrt_sF * w["w_C_f"],
         check_dL_wrt_D: dL_wrt_f * df_wrt_sF * w["w_D_f"]}

MISTAKES = [
    (check_dL_wrt_C, dL_wrt_f * df_wrt_sF * C, "node value C instead of the weight w_C_f"),
    (check_dL_wrt_C, dL_wrt_f * w["w_C_f"], "forgot the activation derivative"),
    (check_dL_wrt_C, dL_wrt_f * df_wrt_sF * w["w_D_f"], "used w_D_f"),
    (check_dL_wrt_C, -dL_wrt_f * df_wrt_sF * w["w_C_f"], "sign is flipped"),
    (check_dL_wrt_C, (f - correct) * df_wrt_sF * w["w_C_f"], "dropped the factor 2"),
    (check_dL_wrt_D, dL_wrt_f * df_wrt_sF * D, "node value D instead of the weight w_D_f"),
    (check_dL_wrt_D, dL_wrt_f * w["w_D_f"], "forgot the activation derivative"),
    (check_dL_wrt_D, dL_wrt_f * df_wrt_sF * w["w_C_f"], "used w_C_f"),
    (check_dL_wrt_D, -dL_wrt_f * df_wrt_sF * w["w_D_f"], "sign is flipped"),
    (check_dL_wrt_D, (f - correct) * df_wrt_sF * w["w_D_f"], "dropped the factor 2"),
]

