"""The checks of notebook 01 (forward pass): right answers, named mistakes, wrong and junk answers.

Every expected value is written out by hand from SEED_WEIGHTS and SEED_SAMPLE with math.exp,
independently of course_lib.forward.
"""
import math

from course_lib import SEED_SAMPLE, SEED_WEIGHTS, seed_network
from course_lib.exercises import check_f, check_sB, check_sC

w = SEED_WEIGHTS
I1, I2 = SEED_SAMPLE["I1"], SEED_SAMPLE["I2"]


def sigmoid(s):
    return 1 / (1 + math.exp(-s))


sA, sB = I1 * w["w_I1_A"] + I2 * w["w_I2_A"], I1 * w["w_I1_B"] + I2 * w["w_I2_B"]
A, B = sigmoid(sA), sigmoid(sB)
sC, sD = A * w["w_A_C"] + B * w["w_B_C"], A * w["w_A_D"] + B * w["w_B_D"]
C, D = sigmoid(sC), sigmoid(sD)
sF = C * w["w_C_f"] + D * w["w_D_f"]
f = sigmoid(sF)

RIGHT = {check_sB: sB, check_sC: sC, check_f: f}

MISTAKES = [
    (check_sB, I1 * w["w_I2_B"] + I2 * w["w_I1_B"], "swapped the weights"),
    (check_sB, sA, "weights into A"),
    (check_sB, I1 * w["w_I1_B"], "only I1's term"),
    (check_sB, B, "applied the activation"),
    (check_sC, sA * w["w_A_C"] + sB * w["w_B_C"], "the sums sA and sB"),
    (check_sC, sA * w["w_A_C"] + B * w["w_B_C"], "the sum sA instead of the activation A"),
    (check_sC, A * w["w_A_C"] + sB * w["w_B_C"], "the sum sB instead of the activation B"),
    (check_sC, A * w["w_B_C"] + B * w["w_A_C"], "swapped the weights"),
    (check_sC, sD, "weights into D"),
    (check_sC, C, "applied the activation"),
    (check_f, sF, "forgot the activation"),
    (check_f, sigmoid(C * w["w_D_f"] + D * w["w_C_f"]), "swapped the weights"),
    (check_f, sigmoid(sC * w["w_C_f"] + sD * w["w_D_f"]), "the sums sC and sD"),
]


def test_another_network_gives_another_right_answer():
    net = seed_network(weights={"w_I1_B": -0.25})
    assert check_sB(I1 * -0.25 + I2 * w["w_I2_B"], network=net).correct
    assert not check_sB(sB, network=net).correct
