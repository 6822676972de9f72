"""The one hand computation of the article's seed network that every test compares against.

The 2-2-2-1 network with the documented default weights (SEED_WEIGHTS) and sample
(I1 = 1.0, I2 = 0.5, correct = 1.0), forward and backward, written out line by line as the
article writes it, with the arithmetic in the comments; then the article's open question,
the same network with two outputs f1 and f2. Every value is computed with `math.exp` only,
never with course_lib, so a test that compares course_lib against these names compares it
against the article. No tests live here: tests/test_seed_network.py checks the decimals in
the comments against these formulas, and the other test modules import the values they share.
"""
import math


def sigmoid(s):
    return 1.0 / (1.0 + math.exp(-s))


# --- the sample and the weights, as documented -----------------------------------------
I1, I2, correct = 1.0, 0.5, 1.0
w_I1_A, w_I2_A, w_I1_B, w_I2_B = 0.4, -0.7, 0.9, 0.2
w_A_C, w_B_C, w_A_D, w_B_D = 0.6, -0.3, -0.8, 0.5
w_C_f, w_D_f = 1.1, -0.9

# --- forward, by hand ---------------------------------------------------------------------
sA = I1 * w_I1_A + I2 * w_I2_A       # 1.0*0.4 + 0.5*(-0.7) = 0.4 - 0.35 = 0.05
A = sigmoid(sA)                      # 1/(1+exp(-0.05))      = 0.512497396484
sB = I1 * w_I1_B + I2 * w_I2_B       # 1.0*0.9 + 0.5*0.2 = 0.9 + 0.1 = 1.0
B = sigmoid(sB)                      # 1/(1+exp(-1))         = 0.731058578630
sC = A * w_A_C + B * w_B_C           # 0.5125*0.6 + 0.7311*(-0.3) = 0.3075 - 0.2193
                                     #                            = 0.0881808643015
C = sigmoid(sC)                      # = 0.522030942123
sD = A * w_A_D + B * w_B_D           # 0.5125*(-0.8) + 0.7311*0.5 = -0.4100 + 0.3655
                                     #                            = -0.0444686278724
D = sigmoid(sD)                      # = 0.488884674646
sF = C * w_C_f + D * w_D_f           # 0.5220*1.1 + 0.4889*(-0.9) = 0.5742 - 0.4400 = 0.134237829153
f = sigmoid(sF)                      # = 0.533509153389
L = (correct - f) ** 2               # (1 - 0.5335)^2 = 0.4665^2 = 0.217613709972

# --- backward, by hand (the article's steps) ---------------------------------------------
dL_wrt_f = 2 * (f - correct)         # 2*(0.5335 - 1)        = -0.932981693223
df_wrt_sF = f * (1 - f)              # 0.5335*0.4665         = 0.248877136639
dL_wrt_sF = dL_wrt_f * df_wrt_sF     # -0.9330*0.2489        = -0.232197812346
dL_wrt_w_C_f = dL_wrt_sF * C         # -0.2322*0.5220        = -0.121214442738
dL_wrt_w_D_f = dL_wrt_sF * D         # -0.2322*0.4889        = -0.113517951942
dL_wrt_C = dL_wrt_sF * w_C_f         # dsF_wrt_C = w_C_f: -0.2322*1.1    = -0.255417593581
dL_wrt_D = dL_wrt_sF * w_D_f         # dsF_wrt_D = w_D_f: -0.2322*(-0.9) = 0.208978031111
dC_wrt_sC = C * (1 - C)              # 0.5220*0.4780         = 0.249514637589
dD_wrt_sD = D * (1 - D)              # 0.4889*0.5111         = 0.249876449542
dL_wrt_sC = dL_wrt_C * dC_wrt_sC     # -0.2554*0.2495        = -0.0637304282962
dL_wrt_sD = dL_wrt_D * dD_wrt_sD     # 0.2090*0.2499         = 0.0522186884465
dL_wrt_w_A_C = dL_wrt_sC * A         # -0.06373*0.5125       = -0.0326616785786
dL_wrt_w_B_C = dL_wrt_sC * B         # -0.06373*0.7311       = -0.0465906763257
dL_wrt_w_A_D = dL_wrt_sD * A         # 0.05222*0.5125        = 0.0267619418766
dL_wrt_w_B_D = dL_wrt_sD * B         # 0.05222*0.7311        = 0.0381749201536
# A feeds C and D: it receives two errors, and they are SUMMED (the article's caution).
A_from_C = dL_wrt_sC * w_A_C         # -0.06373*0.6          = -0.0382382569777
A_from_D = dL_wrt_sD * w_A_D         # 0.05222*(-0.8)        = -0.0417749507572
dL_wrt_A = A_from_C + A_from_D       # -0.03824 + -0.04177   = -0.0800132077349
B_from_C = dL_wrt_sC * w_B_C         # -0.06373*(-0.3)       = 0.0191191284889
B_from_D = dL_wrt_sD * w_B_D         # 0.05222*0.5           = 0.0261093442232
dL_wrt_B = B_from_C + B_from_D       # 0.01912 + 0.02611     = 0.0452284727121
dA_wrt_sA = A * (1 - A)              # 0.5125*0.4875         = 0.249843815081
dB_wrt_sB = B * (1 - B)              # 0.7311*0.2689         = 0.196611933241
dL_wrt_sA = dL_wrt_A * dA_wrt_sA     # -0.08001*0.2498       = -0.0199908050774
dL_wrt_sB = dL_wrt_B * dB_wrt_sB     # 0.04523*0.1966        = 0.00889245745748
dL_wrt_w_I1_A = dL_wrt_sA * I1       # = -0.0199908050774
dL_wrt_w_I2_A = dL_wrt_sA * I2       # = -0.00999540253868
dL_wrt_w_I1_B = dL_wrt_sB * I1       # = 0.00889245745748
dL_wrt_w_I2_B = dL_wrt_sB * I2       # = 0.00444622872874

HAND = {
    "sA": sA, "A": A, "sB": sB, "B": B, "sC": sC, "C": C, "sD": sD, "D": D, "sF": sF, "f": f,
    "L": L, "dL_wrt_f": dL_wrt_f, "df_wrt_sF": df_wrt_sF, "dL_wrt_sF": dL_wrt_sF,
    "dL_wrt_w_C_f": dL_wrt_w_C_f, "dL_wrt_w_D_f": dL_wrt_w_D_f,
    "dL_wrt_C": dL_wrt_C, "dL_wrt_D": dL_wrt_D, "dC_wrt_sC": dC_wrt_sC, "dD_wrt_sD": dD_wrt_sD,
    "dL_wrt_sC": dL_wrt_sC, "dL_wrt_sD": dL_wrt_sD,
    "dL_wrt_w_A_C": dL_wrt_w_A_C, "dL_wrt_w_B_C": dL_wrt_w_B_C,
    "dL_wrt_w_A_D": dL_wrt_w_A_D, "dL_wrt_w_B_D": dL_wrt_w_B_D,
    "dL_wrt_A": dL_wrt_A, "dL_wrt_B": dL_wrt_B, "dA_wrt_sA": dA_wrt_sA, "dB_wrt_sB": dB_wrt_sB,
    "dL_wrt_sA": dL_wrt_sA, "dL_wrt_sB": dL_wrt_sB,
    "dL_wrt_w_I1_A": dL_wrt_w_I1_A, "dL_wrt_w_I2_A": dL_wrt_w_I2_A,
    "dL_wrt_w_I1_B": dL_wrt_w_I1_B, "dL_wrt_w_I2_B": dL_wrt_w_I2_B,
}


# --- the article's open question: two outputs f1 and f2 ------------------------------
# Same hidden layers; the output weights as documented in two_output_network, and the
# sample I1 = 1.0, I2 = 0.5 with correct answers f1 -> 1.0 and f2 -> 0.0.
w_C_f1, w_D_f1, w_C_f2, w_D_f2 = 1.1, -0.9, -0.4, 0.7
correct1, correct2 = 1.0, 0.0
sF1 = C * w_C_f1 + D * w_D_f1        # f1 has f's weights: the same sum as sF = 0.134237829153
f1 = sigmoid(sF1)                    # = f = 0.533509153389
sF2 = C * w_C_f2 + D * w_D_f2        # 0.5220*(-0.4) + 0.4889*0.7 = -0.2088 + 0.3422
                                     #                            = 0.133406895403
f2 = sigmoid(sF2)                    # = 0.533302347230
L_two = (correct1 - f1) ** 2 + (correct2 - f2) ** 2   # 0.217614 + 0.284411 = 0.502025103533
dL_wrt_sF1 = 2 * (f1 - correct1) * f1 * (1 - f1)    # = -0.232197812346 (as dL_wrt_sF)
dL_wrt_sF2 = 2 * (f2 - correct2) * f2 * (1 - f2)    # 1.06660*0.24889 = 0.265468259592
C_from_f1 = dL_wrt_sF1 * w_C_f1      # = -0.255417593581
C_from_f2 = dL_wrt_sF2 * w_C_f2      # = -0.106187303837
dL_wrt_C_two = C_from_f1 + C_from_f2  # = -0.361604897417
