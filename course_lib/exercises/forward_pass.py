"""Exercises of notebook 01, the forward pass, with the mistakes each check recognises.

    sB = I1*w_I1_B + I2*w_I2_B        (a sum: inputs times the weights INTO B)
    sC = A*w_A_C + B*w_B_C            (the activated values A and B, not the sums sA and sB)
    f  = activation_function(name, sF), with sF = C*w_C_f + D*w_D_f

Every check takes the learner's answer and, optionally, a network and a sample
(default: seed_network() and SEED_SAMPLE). The right value comes from forward();
each mistaken value is computed from the mistaken formula.
"""
from ..core.activations import activation_function
from ..core.forward import forward
from ..core.build import SEED_SAMPLE, seed_network
from .checking import check_answer


def seed_case(network=None, sample=None):
    """(network, sample, trace): the seed network and SEED_SAMPLE unless others are given."""
    network = seed_network() if network is None else network
    sample = SEED_SAMPLE if sample is None else sample
    return network, sample, forward(network, [sample["I1"], sample["I2"]])


def check_sB(sB, network=None, sample=None):
    """Check sB = I1*w_I1_B + I2*w_I2_B."""
    network, _, trace = seed_case(network, sample)
    v, w = trace.values, network.weights
    mistakes = {
        "you swapped the weights (I1*w_I2_B + I2*w_I1_B)": v["I1"] * w["w_I2_B"] + v["I2"] * w["w_I1_B"],
        "you used the weights into A (w_I1_A, w_I2_A): that is sA": v["I1"] * w["w_I1_A"] + v["I2"] * w["w_I2_A"],
        "you kept only I1's term: add I2*w_I2_B": v["I1"] * w["w_I1_B"],
        "you applied the activation: that is B, not the sum sB": v["B"],
    }
    return check_answer(sB, trace["sB"], "sB", mistakes,
                        hint="multiply each input by the weight from it INTO B, then add.")


def check_sC(sC, network=None, sample=None):
    """Check sC = A*w_A_C + B*w_B_C (activated values of the previous layer)."""
    network, _, trace = seed_case(network, sample)
    v, w = trace.values, network.weights
    mistakes = {
        "you used the sums sA and sB instead of the activations A and B":
            v["sA"] * w["w_A_C"] + v["sB"] * w["w_B_C"],
        "you used the sum sA instead of the activation A": v["sA"] * w["w_A_C"] + v["B"] * w["w_B_C"],
        "you used the sum sB instead of the activation B": v["A"] * w["w_A_C"] + v["sB"] * w["w_B_C"],
        "you swapped the weights (A*w_B_C + B*w_A_C)": v["A"] * w["w_B_C"] + v["B"] * w["w_A_C"],
        "you used the weights into D (w_A_D, w_B_D): that is sD": v["A"] * w["w_A_D"] + v["B"] * w["w_B_D"],
        "you applied the activation: that is C, not the sum sC": v["C"],
    }
    return check_answer(sC, trace["sC"], "sC", mistakes,
                        hint="the layer before C is A and B: use their activated values.")


def check_f(f, network=None, sample=None):
    """Check f = activation(sF) with sF = C*w_C_f + D*w_D_f."""
    network, _, trace = seed_case(network, sample)
    v, w = trace.values, network.weights
    act = network.activations[-1]
    mistakes = {
        "you forgot the activation: that is the sum sF": v["sF"],
        "you swapped the weights (C*w_D_f + D*w_C_f)":
            activation_function(act, v["C"] * w["w_D_f"] + v["D"] * w["w_C_f"]),
        "you used the sums sC and sD instead of C and D":
            activation_function(act, v["sC"] * w["w_C_f"] + v["sD"] * w["w_D_f"]),
    }
    return check_answer(f, trace["f"], "f", mistakes,
                        hint="first the sum sF = C*w_C_f + D*w_D_f, then the activation.")
