"""Checks for notebook 08 (two outputs): dL_wrt_f2 and dL_wrt_C when C feeds f1 and f2.

Defaults: two_output_sample_network() (f2's weights TWO_OUTPUT_WEIGHTS, so f2 is far from
f1), SEED_SAMPLE's inputs, answers TWO_OUTPUT_CORRECT. Every mistake is computed from its
mistaken formula.
"""
from .cases import check_fan_out, two_output_gradients
from .checking import check_answer
from .mistakes import HALF_LOSS


def check_dL_wrt_f2(dL_wrt_f2, network=None, inputs=None, correct=None):
    """dL_wrt_f2 = 2*(f2 - correct2): output f2's own error."""
    trace, grads = two_output_gradients(network, inputs, correct)
    f1, f2 = trace["f1"], trace["f2"]
    correct1, correct2 = grads.correct["f1"], grads.correct["f2"]
    mistakes = {
        "the sign is flipped (correct2 - f2 instead of f2 - correct2)": 2 * (correct2 - f2),
        HALF_LOSS.replace("dL_wrt_f = 2*(f - correct)", "2*(f2 - correct2)"): f2 - correct2,
        "you used correct1; f2's error compares f2 with its own answer, correct2":
            2 * (f2 - correct1),
        "you used f1 with correct2; f2's error compares f2 itself with correct2":
            2 * (f1 - correct2),
        "you computed f1's error, 2*(f1 - correct1); f2 has its own": 2 * (f1 - correct1),
        "you added both outputs' errors; each output sends back its own":
            2 * (f1 - correct1) + 2 * (f2 - correct2),
        "you went one step too far: that is dL_wrt_sF2 = dL_wrt_f2 * df2_wrt_sF2, the error "
        "at the sum sF2; dL_wrt_f2 stops at the output f2": grads["dL_wrt_sF2"],
        "you computed f2's loss (correct2 - f2)**2, not its slope": (correct2 - f2) ** 2,
    }
    return check_answer(dL_wrt_f2, grads["dL_wrt_f2"], "dL_wrt_f2", mistakes,
                        hint="L = (correct1 - f1)**2 + (correct2 - f2)**2; only the second "
                             "term changes when f2 changes.")


def check_dL_wrt_C_two_outputs(dL_wrt_C, network=None, inputs=None, correct=None):
    """dL_wrt_C = dL_wrt_sF1 * w_C_f1 + dL_wrt_sF2 * w_C_f2: C hears from both outputs."""
    _, grads = two_output_gradients(network, inputs, correct)
    return check_fan_out(dL_wrt_C, "C", grads,
                         hint="C sends its value to f1 and to f2; each sends an error back "
                              "(dL_wrt_sF1 * w_C_f1, dL_wrt_sF2 * w_C_f2). Same rule as node A.")
