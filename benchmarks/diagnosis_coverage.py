"""How many typical wrong answers get a NAMED diagnosis (issue 10's measure; target >= 85 %).

Every exercise check of notebooks 01-11 gets the wrong answers learners typically give, each
written here as the mistaken formula, computed from a hand computation of the seed sample
(math.exp only, independent of the checks and of course_lib's passes). A verdict with status
"mistake" names the mistake; "wrong" is a generic hint; "correct" would be a wrong answer
accepted. Prints the share named, per notebook and overall, and lists those not named.

Run: python benchmarks/diagnosis_coverage.py
"""
import math
from collections import Counter

import numpy as np

from course_lib import exercises as ex


def sigmoid(s):
    return 1.0 / (1.0 + math.exp(-s))


def slope(x):                       # the sigmoid's slope from its output
    return x * (1 - x)


# --- the seed sample, by hand ---------------------------------------------------------------
I1, I2, correct = 1.0, 0.5, 1.0
w_I1_A, w_I2_A, w_I1_B, w_I2_B = 0.4, -0.7, 0.9, 0.2
w_A_C, w_B_C, w_A_D, w_B_D = 0.6, -0.3, -0.8, 0.5
w_C_f, w_D_f = 1.1, -0.9
sA, sB = I1 * w_I1_A + I2 * w_I2_A, I1 * w_I1_B + I2 * w_I2_B
A, B = sigmoid(sA), sigmoid(sB)
sC, sD = A * w_A_C + B * w_B_C, A * w_A_D + B * w_B_D
C, D = sigmoid(sC), sigmoid(sD)
sF = C * w_C_f + D * w_D_f
f = sigmoid(sF)
dL_wrt_f = 2 * (f - correct)
df_wrt_sF = slope(f)
dL_wrt_sF = dL_wrt_f * df_wrt_sF
dL_wrt_C, dL_wrt_D = dL_wrt_sF * w_C_f, dL_wrt_sF * w_D_f
dL_wrt_sC, dL_wrt_sD = dL_wrt_C * slope(C), dL_wrt_D * slope(D)
dL_wrt_A = dL_wrt_sC * w_A_C + dL_wrt_sD * w_A_D
dL_wrt_B = dL_wrt_sC * w_B_C + dL_wrt_sD * w_B_D
dL_wrt_sA, dL_wrt_sB = dL_wrt_A * slope(A), dL_wrt_B * slope(B)

# --- notebook 08's two outputs: f1 keeps f's weights, f2 gets w_C_f2 = -0.4, w_D_f2 = -1.2 ---
w_C_f1, w_D_f1, w_C_f2, w_D_f2 = 1.1, -0.9, -0.4, -1.2
correct1, correct2 = 1.0, 0.0
f1, f2 = f, sigmoid(C * w_C_f2 + D * w_D_f2)
dL_wrt_f1, dL_wrt_f2 = 2 * (f1 - correct1), 2 * (f2 - correct2)
dL_wrt_sF1, dL_wrt_sF2 = dL_wrt_f1 * slope(f1), dL_wrt_f2 * slope(f2)
two_C = dL_wrt_sF1 * w_C_f1 + dL_wrt_sF2 * w_C_f2

# --- notebook 07's matrices --------------------------------------------------------------------
W1 = np.array([[w_A_C, w_A_D], [w_B_C, w_B_D]])
A_AB, S_AB, A_CD = np.array([[A, B]]), np.array([[sA, sB]]), np.array([[C, D]])
delta_CD, dA_CD = np.array([[dL_wrt_sC, dL_wrt_sD]]), np.array([[dL_wrt_C, dL_wrt_D]])
back = delta_CD @ W1.T
delta_AB = back * slope(A_AB)

WRONG = [   # (notebook, check, the wrong answer, the formula behind it)
    ("01", ex.check_sB, I1 * w_I2_B + I2 * w_I1_B, "I1*w_I2_B + I2*w_I1_B"),
    ("01", ex.check_sB, I1 * w_I1_A + I2 * w_I2_A, "the weights into A"),
    ("01", ex.check_sB, I1 * w_I1_B, "I1*w_I1_B only"),
    ("01", ex.check_sB, I2 * w_I2_B, "I2*w_I2_B only"),
    ("01", ex.check_sB, sigmoid(sB), "sigmoid(sB)"),
    ("01", ex.check_sB, I1 * w_I1_B * I2 * w_I2_B, "the two terms multiplied"),
    ("01", ex.check_sC, sA * w_A_C + sB * w_B_C, "sA*w_A_C + sB*w_B_C"),
    ("01", ex.check_sC, sA * w_A_C + B * w_B_C, "sA*w_A_C + B*w_B_C"),
    ("01", ex.check_sC, A * w_B_C + B * w_A_C, "A*w_B_C + B*w_A_C"),
    ("01", ex.check_sC, A * w_A_D + B * w_B_D, "the weights into D"),
    ("01", ex.check_sC, A * w_A_C, "A*w_A_C only"),
    ("01", ex.check_sC, B * w_B_C, "B*w_B_C only"),
    ("01", ex.check_sC, sigmoid(sC), "sigmoid(sC)"),
    ("01", ex.check_sC, I1 * w_A_C + I2 * w_B_C, "the inputs instead of A and B"),
    ("01", ex.check_f, sF, "sF, no activation"),
    ("01", ex.check_f, sigmoid(C * w_D_f + D * w_C_f), "weights swapped"),
    ("01", ex.check_f, sigmoid(sC * w_C_f + sD * w_D_f), "sums sC, sD"),
    ("01", ex.check_f, sigmoid(f), "the activation twice"),
    ("01", ex.check_f, sigmoid(C * w_C_f), "C's term only"),
    ("02", ex.check_L, correct - f, "correct - f"),
    ("02", ex.check_L, f - correct, "f - correct"),
    ("02", ex.check_L, 2 * (f - correct), "the slope"),
    ("02", ex.check_L, 0.5 * (correct - f) ** 2, "the textbook ½ loss"),
    ("02", ex.check_L, abs(correct - f), "|correct - f|"),
    ("02", ex.check_L, correct ** 2 - f ** 2, "correct**2 - f**2"),
    ("02", ex.check_dL_wrt_f, 2 * (correct - f), "2*(correct - f)"),
    ("02", ex.check_dL_wrt_f, f - correct, "f - correct (the ½ loss)"),
    ("02", ex.check_dL_wrt_f, correct - f, "correct - f"),
    ("02", ex.check_dL_wrt_f, -1.0, "the naive loss's slope"),
    ("02", ex.check_dL_wrt_f, (correct - f) ** 2, "the loss"),
    ("02", ex.check_dL_wrt_f, dL_wrt_sF, "one step too far: dL_wrt_sF"),
    ("02", ex.check_learning_rate, 0.01, "0.01"),
    ("02", ex.check_learning_rate, 0.05, "0.05"),
    ("02", ex.check_learning_rate, 0.9, "0.9"),
    ("02", ex.check_learning_rate, 1.0, "1.0"),
    ("02", ex.check_learning_rate, 1.5, "1.5"),
    ("02", ex.check_learning_rate, 1e7, "1e7"),
    ("03", ex.check_df_wrt_sF, sF * (1 - sF), "sF*(1 - sF)"),
    ("03", ex.check_df_wrt_sF, f, "f"),
    ("03", ex.check_df_wrt_sF, slope(sigmoid(f)), "slope of sigmoid(f)"),
    ("03", ex.check_df_wrt_sF, 1 - f, "1 - f"),
    ("03", ex.check_df_wrt_sF, 1 - f ** 2, "1 - f**2, tanh's slope"),
    ("03", ex.check_df_wrt_sF, dL_wrt_sF, "dL_wrt_sF"),
    ("03", ex.check_dL_wrt_w_C_f, -dL_wrt_sF * C, "sign flipped"),
    ("03", ex.check_dL_wrt_w_C_f, (f - correct) * df_wrt_sF * C, "the ½ loss"),
    ("03", ex.check_dL_wrt_w_C_f, dL_wrt_f * C, "no slope"),
    ("03", ex.check_dL_wrt_w_C_f, dL_wrt_sF * sC, "sC for C"),
    ("03", ex.check_dL_wrt_w_C_f, dL_wrt_sF * w_C_f, "the weight for C"),
    ("03", ex.check_dL_wrt_w_C_f, dL_wrt_sF * D, "D for C"),
    ("03", ex.check_dL_wrt_w_C_f, dL_wrt_sF * df_wrt_sF * C, "the slope twice"),
    ("03", ex.check_dL_wrt_w_C_f, dL_wrt_f * sF * (1 - sF) * C, "the slope from sF"),
    ("03", ex.check_dL_wrt_w_C_f, dL_wrt_sF, "stopped at dL_wrt_sF"),
    ("03", ex.check_dL_wrt_w_C_f, dL_wrt_sF * f, "f for C"),
    ("04", ex.check_dL_wrt_C, dL_wrt_sF * C, "C for w_C_f"),
    ("04", ex.check_dL_wrt_C, dL_wrt_f * w_C_f, "no slope"),
    ("04", ex.check_dL_wrt_C, dL_wrt_sF * w_D_f, "w_D_f"),
    ("04", ex.check_dL_wrt_C, -dL_wrt_C, "sign flipped"),
    ("04", ex.check_dL_wrt_C, dL_wrt_C / 2, "the ½ loss"),
    ("04", ex.check_dL_wrt_C, dL_wrt_sC, "one step too far: dL_wrt_sC"),
    ("04", ex.check_dL_wrt_C, dL_wrt_sF * df_wrt_sF * w_C_f, "the slope twice"),
    ("04", ex.check_dL_wrt_C, dL_wrt_f * sF * (1 - sF) * w_C_f, "the slope from sF"),
    ("04", ex.check_dL_wrt_C, dL_wrt_sF, "stopped at dL_wrt_sF"),
    ("04", ex.check_dL_wrt_C, dL_wrt_sF * (w_C_f + w_D_f), "both weights out to f"),
    ("04", ex.check_dL_wrt_D, dL_wrt_sF * D, "D for w_D_f"),
    ("04", ex.check_dL_wrt_D, dL_wrt_sF * w_C_f, "w_C_f"),
    ("04", ex.check_dL_wrt_D, dL_wrt_sD, "one step too far: dL_wrt_sD"),
    ("04", ex.check_dL_wrt_D, dL_wrt_f * w_D_f, "no slope"),
    ("05", ex.check_dC_wrt_sC, sC * (1 - sC), "sC*(1 - sC)"),
    ("05", ex.check_dC_wrt_sC, C, "C"),
    ("05", ex.check_dC_wrt_sC, df_wrt_sF, "df_wrt_sF"),
    ("05", ex.check_dC_wrt_sC, dL_wrt_sC, "dL_wrt_sC"),
    ("05", ex.check_dC_wrt_sC, 1 - C, "1 - C"),
    ("05", ex.check_dC_wrt_sC, 1 - C ** 2, "1 - C**2, tanh's slope"),
    ("05", ex.check_dC_wrt_sC, slope(sigmoid(C)), "slope of sigmoid(C)"),
    ("05", ex.check_dL_wrt_w_A_C, dL_wrt_C * A, "no slope dC_wrt_sC"),
    ("05", ex.check_dL_wrt_w_A_C, dL_wrt_sC * sA, "sA for A"),
    ("05", ex.check_dL_wrt_w_A_C, dL_wrt_sC * w_A_C, "the weight for A"),
    ("05", ex.check_dL_wrt_w_A_C, -dL_wrt_sC * A, "sign flipped"),
    ("05", ex.check_dL_wrt_w_A_C, dL_wrt_sC * A / 2, "the ½ loss"),
    ("05", ex.check_dL_wrt_w_A_C, dL_wrt_sC * C, "C for A"),
    ("05", ex.check_dL_wrt_w_A_C, dL_wrt_f * w_C_f * A, "no slopes at all"),
    ("05", ex.check_dL_wrt_w_A_C, dL_wrt_sC * B, "B for A"),
    ("05", ex.check_dL_wrt_w_A_C, dL_wrt_sD * A, "node D's error"),
    ("05", ex.check_dL_wrt_w_A_C, dL_wrt_sC * slope(C) * A, "the slope twice"),
    ("05", ex.check_dL_wrt_w_A_C, dL_wrt_C * sC * (1 - sC) * A, "the slope from sC"),
    ("05", ex.check_dL_wrt_w_A_C, dL_wrt_sC, "stopped at dL_wrt_sC"),
    ("05", ex.check_dL_wrt_w_A_C, dL_wrt_sF * C * slope(C) * A, "C for w_C_f going back"),
    ("06", ex.check_dL_wrt_A, dL_wrt_A / 2, "averaged"),
    ("06", ex.check_dL_wrt_A, dL_wrt_sC * w_A_C, "only from C"),
    ("06", ex.check_dL_wrt_A, dL_wrt_sD * w_A_D, "only from D"),
    ("06", ex.check_dL_wrt_A, -dL_wrt_A, "sign flipped"),
    ("06", ex.check_dL_wrt_A, dL_wrt_C * w_A_C + dL_wrt_D * w_A_D, "dL_wrt_C, dL_wrt_D"),
    ("06", ex.check_dL_wrt_A, dL_wrt_sA, "one step too far: dL_wrt_sA"),
    ("06", ex.check_dL_wrt_A, dL_wrt_sC * A + dL_wrt_sD * A, "A for the weights"),
    ("06", ex.check_dL_wrt_A, dL_wrt_sC * w_A_C * dL_wrt_sD * w_A_D, "the two multiplied"),
    ("06", ex.check_dL_wrt_A, dL_wrt_B, "B's weights: dL_wrt_B"),
    ("06", ex.check_dL_wrt_w_I2_B, dL_wrt_B * I2, "no slope dB_wrt_sB"),
    ("06", ex.check_dL_wrt_w_I2_B, dL_wrt_sB * I1, "I1 for I2"),
    ("06", ex.check_dL_wrt_w_I2_B, dL_wrt_B / 2 * slope(B) * I2, "averaged"),
    ("06", ex.check_dL_wrt_w_I2_B, -dL_wrt_sB * I2, "sign flipped"),
    ("06", ex.check_dL_wrt_w_I2_B, dL_wrt_sB * w_I2_B, "the weight for I2"),
    ("06", ex.check_dL_wrt_w_I2_B, dL_wrt_sA * I2, "node A's error"),
    ("06", ex.check_dL_wrt_w_I2_B, dL_wrt_sB * B, "B for I2"),
    ("06", ex.check_dL_wrt_w_I2_B, dL_wrt_sB * slope(B) * I2, "the slope twice"),
    ("06", ex.check_dL_wrt_w_I2_B, dL_wrt_B * sB * (1 - sB) * I2, "the slope from sB"),
    ("06", ex.check_dL_wrt_w_I2_B, dL_wrt_sB, "stopped at dL_wrt_sB"),
    ("07", ex.check_error_at_sum, lambda d, x: d, "returns dL_wrt_X"),
    ("07", ex.check_error_at_sum, lambda d, x: d * x, "times X"),
    ("07", ex.check_error_at_sum, lambda d, x: d + x * (1 - x), "adds the slope"),
    ("07", ex.check_error_at_sum, lambda d, x: -d * x * (1 - x), "sign flipped"),
    ("07", ex.check_error_at_sum, lambda d, x: d * (x * (1 - x)) ** 2, "the slope twice"),
    ("07", ex.check_error_at_sum, lambda d, x: d / (x * (1 - x)), "divides by the slope"),
    ("07", ex.check_error_at_sum, lambda d, x: d * (1 - x), "times 1 - X"),
    ("07", ex.check_delta_AB, back, "dA_AB, no slope"),
    ("07", ex.check_delta_AB, (dA_CD @ W1.T) * slope(A_AB), "dA_CD sent back"),
    ("07", ex.check_delta_AB, delta_CD, "delta_CD"),
    ("07", ex.check_delta_AB, (delta_CD @ W1) * slope(A_AB), "W[1], not W[1].T"),
    ("07", ex.check_delta_AB, back * slope(S_AB), "the slope from S_AB"),
    ("07", ex.check_delta_AB, back * A_AB, "times A_AB"),
    ("07", ex.check_delta_AB, back * slope(A_CD), "the slope of C, D"),
    ("07", ex.check_delta_AB, back * slope(A_AB) ** 2, "the slope twice"),
    ("07", ex.check_delta_AB, back / 2 * slope(A_AB), "averaged"),
    ("07", ex.check_delta_AB, -delta_AB, "sign flipped"),
    ("07", ex.check_delta_AB, delta_AB.T, "a (2, 1) column"),
    ("07", ex.check_delta_AB, delta_AB.ravel(), "a flat (2,) array"),
    ("07", ex.check_delta_AB, delta_AB.ravel().tolist(), "a list"),
    ("07", ex.check_delta_AB, (W1 @ delta_CD.T) * slope(A_AB), "column times row"),
    ("08", ex.check_dL_wrt_f2, 2 * (correct2 - f2), "sign flipped"),
    ("08", ex.check_dL_wrt_f2, f2 - correct2, "the ½ loss"),
    ("08", ex.check_dL_wrt_f2, 2 * (f2 - correct1), "correct1"),
    ("08", ex.check_dL_wrt_f2, 2 * (f1 - correct2), "f1 with correct2"),
    ("08", ex.check_dL_wrt_f2, dL_wrt_f1, "f1's error"),
    ("08", ex.check_dL_wrt_f2, dL_wrt_f1 + dL_wrt_f2, "both errors added"),
    ("08", ex.check_dL_wrt_f2, dL_wrt_sF2, "one step too far: dL_wrt_sF2"),
    ("08", ex.check_dL_wrt_f2, (correct2 - f2) ** 2, "f2's loss"),
    ("08", ex.check_dL_wrt_C_two_outputs, dL_wrt_sF1 * w_C_f1, "only from f1"),
    ("08", ex.check_dL_wrt_C_two_outputs, dL_wrt_sF2 * w_C_f2, "only from f2"),
    ("08", ex.check_dL_wrt_C_two_outputs, two_C / 2, "averaged"),
    ("08", ex.check_dL_wrt_C_two_outputs, -two_C, "sign flipped"),
    ("08", ex.check_dL_wrt_C_two_outputs, dL_wrt_f1 * w_C_f1 + dL_wrt_f2 * w_C_f2,
     "dL_wrt_f1, dL_wrt_f2"),
    ("08", ex.check_dL_wrt_C_two_outputs, two_C * slope(C), "one step too far: dL_wrt_sC"),
    ("08", ex.check_dL_wrt_C_two_outputs, (dL_wrt_sF1 + dL_wrt_sF2) * C, "C for the weights"),
    ("08", ex.check_dL_wrt_C_two_outputs, dL_wrt_sF1 * w_C_f1 + dL_wrt_sF2 * w_D_f2,
     "w_D_f2 for w_C_f2"),
    ("09", ex.check_dL_wrt_b_C, dL_wrt_sC * C, "times C"),
    ("09", ex.check_dL_wrt_b_C, dL_wrt_C, "dL_wrt_C"),
    ("09", ex.check_dL_wrt_b_C, 0.0, "times the bias (0)"),
    ("09", ex.check_dL_wrt_b_C, dL_wrt_sC * A, "times A"),
    ("09", ex.check_dL_wrt_b_C, -dL_wrt_sC, "sign flipped"),
    ("09", ex.check_dL_wrt_b_C, dL_wrt_sC / 2, "the ½ loss"),
    ("09", ex.check_dL_wrt_b_C, dL_wrt_sC * slope(C), "the slope twice"),
    ("09", ex.check_dL_wrt_b_C, 1.0, "dsC_wrt_b_C alone"),
    ("09", ex.check_smallest_layer, 4, "the last layer"),
    ("09", ex.check_smallest_layer, 1, "the second layer"),
    ("09", ex.check_smallest_layer, 2, "the middle layer"),
    ("09", ex.check_large_learning_rate, "faster", "bigger is faster"),
    ("09", ex.check_large_learning_rate, "slower", "slower"),
    ("09", ex.check_large_learning_rate, "bounces", "bounces"),
    ("10", ex.check_generated_line, "dL_wrt_w_A_C = dL_wrt_sC * w_A_C", "the weight for A"),
    ("10", ex.check_generated_line, "dL_wrt_w_A_C = dL_wrt_C * A", "the node error"),
    ("10", ex.check_generated_line, "dL_wrt_w_A_C = dL_wrt_sC * C", "C for A"),
    ("10", ex.check_generated_line, "dL_wrt_w_A_C = dL_wrt_sC * sA", "sA for A"),
    ("10", ex.check_generated_line, "dL_wrt_w_A_C = dL_wrt_sC * dC_wrt_sC * A", "slope again"),
    ("10", ex.check_generated_line, "dL_wrt_w_A_C = dL_wrt_C * dC_wrt_sC * A", "no reuse"),
    ("10", ex.check_generated_line, "dL_wrt_w_A_C = dL_wrt_f * df_wrt_sF * w_C_f * dC_wrt_sC * A",
     "the whole chain"),
    ("10", ex.check_generated_line, "dL_wrt_w_A_C = -dL_wrt_sC * A", "sign flipped"),
    ("10", ex.check_generated_line, "dL_wrt_A_C = dL_wrt_sC * A", "the gradient's name"),
    ("10", ex.check_generated_line, "dL_wrt_w_A_C = dL_wrt_sA * A", "the sum error of A"),
    ("10", ex.check_generated_line, "dL_wrt_w_A_C = dL_wrt_sC * A * w_A_C", "node and weight"),
    ("10", ex.check_line_count, 30, "no slope lines"),
    ("10", ex.check_line_count, 33, "no L line"),
    ("10", ex.check_line_count, 31, "no dL_wrt_X lines"),
    ("10", ex.check_line_count, 36, "the inputs counted"),
    ("10", ex.check_line_count, 12, "forward only"),
    ("10", ex.check_line_count, 21, "backward only"),
    ("10", ex.check_line_count, 38, "the seed network's values"),
    *[("11", ex.check_curve_mistake, key, f"curve P is {key}") for key in
      ("average_fan_out", "stale_weights", "no_activation_slope", "naive_loss")],
    ("11", ex.check_broken_line, "dL_wrt_sA", "a line after the broken one"),
    ("11", ex.check_broken_line, "dL_wrt_w_I1_A", "a gradient it spoils"),
    ("11", ex.check_broken_line, 1, "line 1"),
    ("11", ex.check_broken_line, "dL_wrt_B", "the sibling line"),
    # added after the diagnoses were written, none of them looked at: the honest remainder
    ("02", ex.check_dL_wrt_f, 2 * (f - correct) ** 2, "the slope squared"),
    ("02", ex.check_learning_rate, 0.1, "0.1"),
    ("03", ex.check_dL_wrt_w_C_f, dL_wrt_sF * w_C_f * C, "both the weight and C"),
    ("04", ex.check_dL_wrt_C, dL_wrt_f * slope(C) * w_C_f, "C's slope instead of f's"),
    ("05", ex.check_dL_wrt_w_A_C, dL_wrt_sC * A * w_A_C, "both A and the weight"),
    ("06", ex.check_dL_wrt_A, (dL_wrt_sC + dL_wrt_sD) * (w_A_C + w_A_D), "summed, then multiplied"),
    ("06", ex.check_dL_wrt_w_I2_B, dL_wrt_sB * I2 * w_I2_B, "both I2 and the weight"),
    ("07", ex.check_delta_AB, back * (1 - A_AB), "times 1 - A_AB"),
    ("08", ex.check_dL_wrt_f2, 2 * (f2 - correct2) * f2, "times f2"),
    ("09", ex.check_dL_wrt_b_C, dL_wrt_sF, "the output's error at the sum"),
    ("10", ex.check_generated_line, "dL_wrt_w_A_C = dL_wrt_sC * A_C", "a typo"),
    ("10", ex.check_line_count, 35, "one too many"),
    ("01", ex.check_sC, A * w_A_C + B * w_B_C + sA, "an extra term"),
]


def main():
    outcomes = [(nb, check, formula, check(answer)) for nb, check, answer, formula in WRONG]
    named = Counter(nb for nb, *_, verdict in outcomes if verdict.status == "mistake")
    total = Counter(nb for nb, *_ in outcomes)
    print(f"{'notebook':>8} {'named':>6} {'of':>4} {'share':>6}")
    for nb in sorted(total):
        print(f"{nb:>8} {named[nb]:>6} {total[nb]:>4} {named[nb] / total[nb]:>6.0%}")
    share = sum(named.values()) / len(outcomes)
    print(f"{'all':>8} {sum(named.values()):>6} {len(outcomes):>4} {share:>6.1%}"
          f"   (target 85 %: {'met' if share >= 0.85 else 'NOT met'})")
    missed = [(nb, check, formula, v) for nb, check, formula, v in outcomes
              if v.status != "mistake"]
    print(f"\nnot named ({len(missed)}):")
    for nb, check, formula, verdict in missed:
        print(f"  {nb} {check.__name__}: {formula} -> {verdict.status}")
    return share


if __name__ == "__main__":
    main()
