"""The checks of notebook 04 (the error sent back to C and D): right answers, mistakes, junk.

f, C, D, dL_wrt_f and df_wrt_sF come from the hand computation in seed_by_hand (math.exp only);
the right answers and the mistaken values are written out here from their formulas.
"""
from course_lib.exercises import check_dL_wrt_C, check_dL_wrt_D

from seed_by_hand import C, D, correct, df_wrt_sF, dL_wrt_f, f, sF, w_C_f, w_D_f

RIGHT = {check_dL_wrt_C: dL_wrt_f * df_wrt_sF * w_C_f,
         check_dL_wrt_D: dL_wrt_f * df_wrt_sF * w_D_f}

MISTAKES = [
    (check_dL_wrt_C, dL_wrt_f * df_wrt_sF * C, "node value C instead of the weight w_C_f"),
    (check_dL_wrt_C, dL_wrt_f * w_C_f, "forgot the activation derivative"),
    (check_dL_wrt_C, dL_wrt_f * df_wrt_sF * w_D_f, "used w_D_f"),
    (check_dL_wrt_C, -dL_wrt_f * df_wrt_sF * w_C_f, "sign is flipped"),
    (check_dL_wrt_C, (f - correct) * df_wrt_sF * w_C_f, "dropped the factor 2"),
    (check_dL_wrt_D, dL_wrt_f * df_wrt_sF * D, "node value D instead of the weight w_D_f"),
    (check_dL_wrt_D, dL_wrt_f * w_D_f, "forgot the activation derivative"),
    (check_dL_wrt_D, dL_wrt_f * df_wrt_sF * w_C_f, "used w_C_f"),
    (check_dL_wrt_D, -dL_wrt_f * df_wrt_sF * w_D_f, "sign is flipped"),
    (check_dL_wrt_D, (f - correct) * df_wrt_sF * w_D_f, "dropped the factor 2"),
    (check_dL_wrt_C, (f - correct) * df_wrt_sF * w_C_f, "textbook loss ½"),
    (check_dL_wrt_C, dL_wrt_f * df_wrt_sF * w_C_f * C * (1 - C),
     "one step too far: that is dL_wrt_sC"),
    (check_dL_wrt_D, dL_wrt_f * df_wrt_sF * w_D_f * D * (1 - D),
     "one step too far: that is dL_wrt_sD"),
    (check_dL_wrt_C, dL_wrt_f * df_wrt_sF * df_wrt_sF * w_C_f, "slope df_wrt_sF twice"),
    (check_dL_wrt_C, dL_wrt_f * sF * (1 - sF) * w_C_f, "slope df_wrt_sF from the sum sF"),
    (check_dL_wrt_C, dL_wrt_f * df_wrt_sF, "stopped at dL_wrt_sF"),
    (check_dL_wrt_C, dL_wrt_f * df_wrt_sF * (w_C_f + w_D_f), "added both weights into f"),
    (check_dL_wrt_C, dL_wrt_f * C * (1 - C) * w_C_f, "dC_wrt_sC, C's own slope"),
]
