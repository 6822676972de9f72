"""The checks of notebook 03 (the last weight w_C_f): right answers, named mistakes, junk.

f, C, D come from the hand computation in seed_by_hand (math.exp only); the right answers are
written out here, the slope by a route of their own (from the sum sF), and the mistaken values
come from the mistaken formulas.
"""
import math

from course_lib import seed_network
from course_lib.exercises import check_df_wrt_sF, check_dL_wrt_w_C_f

from seed_by_hand import (C, D, correct, f, sA, sB, sC, sF, sigmoid, w_A_C, w_A_D, w_B_C, w_B_D,
                          w_C_f, w_D_f)


def sigmoid_slope_at_sum(s):
    return sigmoid(s) * (1 - sigmoid(s))


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
    (check_dL_wrt_w_C_f, two_error * slope_f * w_C_f, "the weight w_C_f instead of the node value C"),
    (check_dL_wrt_w_C_f, two_error * slope_f * D, "used D"),
    (check_dL_wrt_w_C_f, (f - correct) * slope_f * C, "textbook loss ½"),
    (check_dL_wrt_w_C_f, two_error * slope_f * slope_f * C, "slope df_wrt_sF twice"),
    (check_dL_wrt_w_C_f, two_error * sF * (1 - sF) * C, "slope df_wrt_sF from the sum sF"),
    (check_dL_wrt_w_C_f, two_error * slope_f, "stopped at dL_wrt_sF"),
    (check_dL_wrt_w_C_f, two_error * slope_f * f, "multiplied by f, the node w_C_f goes into"),
    (check_dL_wrt_w_C_f, two_error * slope_f * C * w_C_f, "both C and w_C_f"),
    (check_df_wrt_sF, 1 - f, "left out a factor"),
    (check_df_wrt_sF, 1 - f ** 2, "the tanh slope"),
    (check_df_wrt_sF, two_error * slope_f, "that is dL_wrt_sF"),
]


def test_tanh_network_uses_the_tanh_slope():
    net = seed_network("tanh")
    f_tanh = math.tanh(  # the whole tanh forward pass, by hand
        math.tanh(math.tanh(sA) * w_A_C + math.tanh(sB) * w_B_C) * w_C_f
        + math.tanh(math.tanh(sA) * w_A_D + math.tanh(sB) * w_B_D) * w_D_f)
    assert check_df_wrt_sF(1 - f_tanh ** 2, network=net).correct
    assert not check_df_wrt_sF(slope_f, network=net).correct


def test_df_wrt_sF_of_a_tanh_output():
    """f went through a tanh: its slope is 1 - f**2, and the sigmoid's f * (1 - f) is named."""
    from course_lib import SEED_WEIGHTS, make_network
    net = make_network((2, 2, 2, 1), ("sigmoid", "sigmoid", "tanh"), weights=SEED_WEIGHTS)
    tanh_f = math.tanh(sF)                         # the sums up to sF are the seed network's
    assert check_df_wrt_sF(1 - tanh_f ** 2, network=net).correct
    verdict = check_df_wrt_sF(tanh_f * (1 - tanh_f), network=net)
    assert verdict.status == "mistake"
    assert "you used the sigmoid slope" in verdict.message
    assert "f went through the tanh" in verdict.message
