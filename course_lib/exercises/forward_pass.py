"""Exercises of notebook 01, the forward pass, with the mistakes each check recognises.

    sX = the sum of each input times its weight INTO X
    sC = A*w_A_C + B*w_B_C            (the activated values A and B, not the sums sA and sB)
    f  = activation_function(name, sF), with sF = C*w_C_f + D*w_D_f

Every check takes the learner's answer and, optionally, a network and a sample
(default: seed_network() and SEED_SAMPLE). The right value comes from forward();
each mistaken value is computed from the mistaken formula.
"""
from ..core.activations import activation_function
from .cases import check_sum, seed_case
from .checking import check_answer
from .mistakes import sum_mistakes


def check_sB(sB, network=None, sample=None):
    """Check sB, the sum flowing into node B (notebook 01)."""
    return check_sum(sB, "B", network, sample,
                     hint="multiply each input by the weight from it INTO B, then add.")


def check_sC(sC, network=None, sample=None):
    """Check sC = A*w_A_C + B*w_B_C (activated values of the previous layer)."""
    return check_sum(sC, "C", network, sample,
                     hint="the layer before C is A and B: use their activated values.")


def check_f(f, network=None, sample=None):
    """Check f = activation(sF) with sF = C*w_C_f + D*w_D_f."""
    network, _, trace = seed_case(network, sample)
    out = network.outputs[0]
    act, into = network.incoming[out].activation, network.incoming[out]
    mistakes = {f"you forgot the activation: that is the sum {into.sum}": trace[into.sum],
                f"you applied the activation twice: {act}({out}), not {out}":
                    activation_function(act, trace[out])}
    for text, value in sum_mistakes(trace, out).items():     # the sum sF gone wrong, activated
        if not text.startswith("you applied the activation"):
            mistakes[text] = activation_function(act, value)
    return check_answer(f, trace[out], out, mistakes,
                        hint="first the sum sF = C*w_C_f + D*w_D_f, then the activation.")
