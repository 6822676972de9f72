"""The checks of notebook 01 (forward pass): right answers, named mistakes, wrong and junk answers.

The right values are the forward pass of seed_by_hand (written out with math.exp,
independently of course_lib.core.forward); each mistaken value is its mistaken formula, written here.
"""
from course_lib import seed_network
from course_lib.exercises import check_f, check_sB, check_sC

from seed_by_hand import (A, B, C, D, I1, I2, sA, sB, sC, sD, sF, f, sigmoid, w_A_C, w_B_C,
                          w_C_f, w_D_f, w_I1_B, w_I2_B)

RIGHT = {check_sB: sB, check_sC: sC, check_f: f}

MISTAKES = [
    (check_sB, I1 * w_I2_B + I2 * w_I1_B, "swapped the weights"),
    (check_sB, sA, "weights into A"),
    (check_sB, I1 * w_I1_B, "only I1's term"),
    (check_sB, B, "applied the activation"),
    (check_sC, sA * w_A_C + sB * w_B_C, "the sums sA and sB"),
    (check_sC, sA * w_A_C + B * w_B_C, "the sum sA instead of the activation A"),
    (check_sC, A * w_A_C + sB * w_B_C, "the sum sB instead of the activation B"),
    (check_sC, A * w_B_C + B * w_A_C, "swapped the weights"),
    (check_sC, sD, "weights into D"),
    (check_sC, A * w_A_C, "only A's term"),
    (check_sC, C, "applied the activation"),
    (check_f, sF, "forgot the activation"),
    (check_f, sigmoid(C * w_D_f + D * w_C_f), "swapped the weights"),
    (check_f, sigmoid(sC * w_C_f + sD * w_D_f), "the sums sC and sD"),
    (check_sB, I2 * w_I2_B, "only I2's term"),
    (check_sB, I1 * w_I1_B * I2 * w_I2_B, "multiplied the terms"),
    (check_sC, B * w_B_C, "only B's term"),
    (check_sC, I1 * w_A_C + I2 * w_B_C, "used I1 and I2 where A and B belong"),
    (check_f, sigmoid(f), "the activation twice"),
    (check_f, sigmoid(C * w_C_f), "only C's term"),
]


def test_another_network_gives_another_right_answer():
    net = seed_network(weights={"w_I1_B": -0.25})
    assert check_sB(I1 * -0.25 + I2 * w_I2_B, network=net).correct
    assert not check_sB(sB, network=net).correct
