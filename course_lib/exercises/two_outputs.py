"""Checks for notebook 08 (two outputs): dL_wrt_f2 and dL_wrt_C when C feeds f1 and f2.

Defaults: two_output_network(), SEED_SAMPLE's inputs, answers TWO_OUTPUT_CORRECT.
Every mistake is computed from its mistaken formula.
"""
from ..core.backward import backward
from ..core.forward import forward
from ..core.build import SEED_SAMPLE, two_output_network
from ..topics.several_outputs import TWO_OUTPUT_CORRECT
from .checking import check_answer
from .mistakes import fan_out_mistakes


def two_output_gradients(network=None, inputs=None, correct=None):
    """(trace, gradients) of the two-output network on its sample."""
    network = two_output_network() if network is None else network
    inputs = [SEED_SAMPLE["I1"], SEED_SAMPLE["I2"]] if inputs is None else inputs
    trace = forward(network, inputs)
    return trace, backward(trace, TWO_OUTPUT_CORRECT if correct is None else correct)


def check_dL_wrt_f2(dL_wrt_f2, network=None, inputs=None, correct=None):
    """dL_wrt_f2 = 2*(f2 - correct2): output f2's own error."""
    trace, grads = two_output_gradients(network, inputs, correct)
    f1, f2 = trace["f1"], trace["f2"]  # (f1 vs f2 mix-ups are not named: on the seed
    # sample f1 and f2 agree to 3 digits, so they cannot be told apart)
    correct1, correct2 = grads.correct["f1"], grads.correct["f2"]
    mistakes = {
        "the sign is flipped (correct2 - f2 instead of f2 - correct2)": 2 * (correct2 - f2),
        "you dropped the factor 2 of 2*(f2 - correct2)": f2 - correct2,
        "you used correct1; f2's error compares f2 with its own answer, correct2":
            2 * (f2 - correct1),
        "you added both outputs' errors; each output sends back its own":
            2 * (f1 - correct1) + 2 * (f2 - correct2),
    }
    return check_answer(dL_wrt_f2, grads["dL_wrt_f2"], "dL_wrt_f2", mistakes,
                        hint="L = (correct1 - f1)**2 + (correct2 - f2)**2; only the second "
                             "term changes when f2 changes.")


def check_dL_wrt_C_two_outputs(dL_wrt_C, network=None, inputs=None, correct=None):
    """dL_wrt_C = dL_wrt_sF1 * w_C_f1 + dL_wrt_sF2 * w_C_f2: C hears from both outputs."""
    trace, grads = two_output_gradients(network, inputs, correct)
    w = trace.network.weights
    mistakes = fan_out_mistakes(grads, "C")
    mistakes["you used dL_wrt_f1 and dL_wrt_f2, the errors before the outputs' activation "
             "slopes; C's value enters the sums sF1 and sF2"] = (
        grads["dL_wrt_f1"] * w["w_C_f1"] + grads["dL_wrt_f2"] * w["w_C_f2"])
    return check_answer(dL_wrt_C, grads["dL_wrt_C"], "dL_wrt_C", mistakes,
                        hint="C sends its value to f1 and to f2; each sends an error back "
                             "(dL_wrt_sF1 * w_C_f1, dL_wrt_sF2 * w_C_f2). Same rule as node A.")
