"""check_backprop: a learner's whole pass, checked node by node (issue 10, item 1).

The oracles are passes written here the way a learner writes them: the seed network as
straight lines (like the article), a 2-3-1 tanh network with biases as straight lines, and
one loop for any layered network (names built with f-strings, as a learner would, from
network.layers: no plan, no course_lib helper). Each classic mistake is ONE changed line
of those passes, and the name where it first shows is written out by hand.
"""
import math
import re
import signal
import threading
import time

import numpy as np
import pytest

import course_lib
from course_lib import SEED_WEIGHTS, make_network, seed_network, two_output_network
from course_lib.exercises import BackpropVerdict, check_backprop
from course_lib.topics.misconceptions import (ALL_MISCONCEPTIONS, LAB_MISTAKES, MISCONCEPTIONS,
                                              backward_with, compare_training, train_with)
from course_lib.views.style import HIGHLIGHT

LR = 0.5


def sig(s):
    return 1.0 / (1.0 + math.exp(-s))


# --- the seed network, straight lines; `mistake` changes one line ---------------------------

def seed_pass(weights, inputs, correct_, mistake=None, lr=LR, mutate=False, only_gradients=False):
    w = weights
    I1, I2, correct = inputs["I1"], inputs["I2"], correct_["correct"]
    sA = I1 * w["w_I1_A"] + I2 * w["w_I2_A"]
    A = sig(sA)
    sB = I1 * w["w_I1_B"] + I2 * w["w_I2_B"]
    B = sig(sB)
    sC = A * w["w_A_C"] + B * w["w_B_C"]
    C = sig(sC)
    sD = A * w["w_A_D"] + B * w["w_B_D"]
    D = sig(sD)
    sF = C * w["w_C_f"] + D * w["w_D_f"]
    f = sig(sF)
    L = (correct - f) ** 2

    def slope(x, s):                                   # dX_wrt_sX
        if mistake == "no_activation_slope":
            return 1.0                                 # MISTAKE
        if mistake == "slope_from_sum":
            return s * (1 - s)                         # MISTAKE: from the sum
        return x * (1 - x)

    def factor(x, s, weight):                          # dsY_wrt_w_X_Y
        if mistake == "sum_for_activation":
            return s                                   # MISTAKE: the sum, not the value
        if mistake == "weight_for_node_value":
            return weight                              # MISTAKE: the weight, not the value
        return x

    if mistake == "naive_loss":
        L = correct - f                                # MISTAKE
        dL_wrt_f = -1.0
    elif mistake == "drop_factor_2":
        dL_wrt_f = f - correct                         # MISTAKE
    elif mistake == "flipped_sign":
        dL_wrt_f = 2 * (correct - f)                   # MISTAKE
    else:
        dL_wrt_f = 2 * (f - correct)
    dL_wrt_sF = dL_wrt_f * slope(f, sF)
    g = {"w_C_f": dL_wrt_sF * factor(C, sC, w["w_C_f"]),
         "w_D_f": dL_wrt_sF * factor(D, sD, w["w_D_f"])}
    if mistake == "stale_weights":                     # MISTAKE: updated before going back
        w = w if mutate else dict(w)
        w["w_C_f"] -= lr * g["w_C_f"]
        w["w_D_f"] -= lr * g["w_D_f"]
    if mistake == "node_value_for_weight":
        dL_wrt_C, dL_wrt_D = dL_wrt_sF * C, dL_wrt_sF * D   # MISTAKE: the value, not the weight
    else:
        dL_wrt_C, dL_wrt_D = dL_wrt_sF * w["w_C_f"], dL_wrt_sF * w["w_D_f"]
    dL_wrt_sC, dL_wrt_sD = dL_wrt_C * slope(C, sC), dL_wrt_D * slope(D, sD)
    g.update({"w_A_C": dL_wrt_sC * factor(A, sA, w["w_A_C"]),
              "w_B_C": dL_wrt_sC * factor(B, sB, w["w_B_C"]),
              "w_A_D": dL_wrt_sD * factor(A, sA, w["w_A_D"]),
              "w_B_D": dL_wrt_sD * factor(B, sB, w["w_B_D"])})
    if mistake == "stale_weights":
        for name in ("w_A_C", "w_B_C", "w_A_D", "w_B_D"):
            w[name] -= lr * g[name]
    if mistake == "node_value_for_weight":
        dL_wrt_A, dL_wrt_B = dL_wrt_sC * A + dL_wrt_sD * A, dL_wrt_sC * B + dL_wrt_sD * B
    else:
        dL_wrt_A = dL_wrt_sC * w["w_A_C"] + dL_wrt_sD * w["w_A_D"]
        dL_wrt_B = dL_wrt_sC * w["w_B_C"] + dL_wrt_sD * w["w_B_D"]
    if mistake == "average_fan_out":
        dL_wrt_A, dL_wrt_B = dL_wrt_A / 2, dL_wrt_B / 2       # MISTAKE: averaged
    dL_wrt_sA, dL_wrt_sB = dL_wrt_A * slope(A, sA), dL_wrt_B * slope(B, sB)
    g.update({"w_I1_A": dL_wrt_sA * factor(I1, I1, w["w_I1_A"]),
              "w_I2_A": dL_wrt_sA * factor(I2, I2, w["w_I2_A"]),
              "w_I1_B": dL_wrt_sB * factor(I1, I1, w["w_I1_B"]),
              "w_I2_B": dL_wrt_sB * factor(I2, I2, w["w_I2_B"])})
    gradients = {"dL_wrt_" + name: value for name, value in g.items()}
    if only_gradients:
        return gradients
    return {"sA": sA, "A": A, "sB": sB, "B": B, "sC": sC, "C": C, "sD": sD, "D": D,
            "sF": sF, "f": f, "L": L, "dL_wrt_f": dL_wrt_f, "dL_wrt_sF": dL_wrt_sF,
            "dL_wrt_C": dL_wrt_C, "dL_wrt_D": dL_wrt_D, "dL_wrt_sC": dL_wrt_sC,
            "dL_wrt_sD": dL_wrt_sD, "dL_wrt_A": dL_wrt_A, "dL_wrt_B": dL_wrt_B,
            "dL_wrt_sA": dL_wrt_sA, "dL_wrt_sB": dL_wrt_sB, **gradients}


def broken(mistake, **options):
    def my_pass(weights, inputs, correct):
        return seed_pass(weights, inputs, correct, mistake, **options)
    return my_pass


# mistake: (first wrong when every value is returned, first wrong with the gradients only)
SEED_TABLE = {
    "average_fan_out": ("dL_wrt_A", "dL_wrt_w_I1_A"),
    "stale_weights": ("dL_wrt_C", "dL_wrt_w_A_C"),
    "no_activation_slope": ("dL_wrt_sF", "dL_wrt_w_C_f"),
    "naive_loss": ("L", "dL_wrt_w_C_f"),
    "drop_factor_2": ("dL_wrt_f", "dL_wrt_w_C_f"),
    "flipped_sign": ("dL_wrt_f", "dL_wrt_w_C_f"),
    "slope_from_sum": ("dL_wrt_sF", "dL_wrt_w_C_f"),
    "sum_for_activation": ("dL_wrt_w_C_f", "dL_wrt_w_C_f"),
    "weight_for_node_value": ("dL_wrt_w_C_f", "dL_wrt_w_C_f"),
    "node_value_for_weight": ("dL_wrt_C", "dL_wrt_w_A_C"),
}


def test_the_table_covers_every_mistake_the_course_knows():
    assert set(SEED_TABLE) | {"missing_bias_gradient"} == set(ALL_MISCONCEPTIONS)
    assert tuple(MISCONCEPTIONS) == LAB_MISTAKES == (
        "average_fan_out", "stale_weights", "no_activation_slope", "naive_loss", "drop_factor_2")


def test_the_right_straight_line_pass_passes():
    for only in (False, True):
        v = check_backprop(broken(None, only_gradients=only))
        assert v.passed and v.status == "correct" and v.first_wrong is None and v.mistake is None
        assert "✓" in v.message and v.assert_correct() is v


@pytest.mark.parametrize("mistake", list(SEED_TABLE))
@pytest.mark.parametrize("only", [False, True], ids=["every value", "gradients only"])
def test_each_broken_seed_pass_is_found_and_named(mistake, only):
    v = check_backprop(broken(mistake, only_gradients=only))
    expected = SEED_TABLE[mistake][only]
    assert (v.passed, v.first_wrong, v.mistake, v.status) == (False, expected, mistake, "mistake")
    assert f"first goes wrong at {expected}" in v.message and ALL_MISCONCEPTIONS[mistake] in v.message
    with pytest.raises(AssertionError):
        v.assert_correct()


@pytest.mark.parametrize("lr", [0.5, 0.1, 2.0])
def test_stale_weights_are_found_at_any_learning_rate_and_when_the_dict_is_changed(lr):
    for mutate in (False, True):
        v = check_backprop(broken("stale_weights", lr=lr, mutate=mutate))
        assert (v.first_wrong, v.mistake) == ("dL_wrt_C", "stale_weights"), v.message
        assert ("changed the weights it was given" in v.message) == mutate


def stale_on_the_first_call(only_then=False, leave_out=()):
    """A stale pass (LR) that steps the dict it was given on its first call only; with
    only_then, right on every later call. `leave_out`: names it does not return."""
    calls = []

    def my_pass(weights, inputs, correct):
        first = not calls
        calls.append(1)
        mistake = "stale_weights" if first or not only_then else None
        values = seed_pass(weights, inputs, correct, mistake, mutate=first)
        return {k: v for k, v in values.items() if k not in leave_out}
    return my_pass


def test_a_stale_pass_whose_first_wrong_value_is_missing_is_named_from_the_weights_it_changed():
    # the first difference is dL_wrt_w_C_f, not returned: the learning rate can only be read
    # from the weights the pass changed on the seed sample (w -> w - LR*dL_wrt_w), the only
    # case on which it changed any
    v = check_backprop(stale_on_the_first_call(leave_out=("dL_wrt_w_C_f",)), seed=1)
    assert (v.first_wrong, v.mistake, v.status) == ("dL_wrt_w_C_f", "stale_weights", "mistake")
    assert "yours: missing: your pass does not return it" in v.message
    assert "(stale_weights): the course's pass with that mistake gives every value" in v.message
    assert "Your pass also changed the weights it was given (w_A_C 0.6 -> " in v.message


def test_a_pass_stale_on_one_case_only_is_not_explained_by_stale_weights():
    # stale on the seed sample only, right on the 5 random cases: no single mistake gives
    # every value it returned, so none is named
    v = check_backprop(stale_on_the_first_call(only_then=True), seed=1)
    assert (v.first_wrong, v.mistake, v.status) == ("dL_wrt_C", None, "wrong")
    assert v.case.label == "the seed sample"
    assert "The mistake is not one the course knows" in v.message
    assert "stale_weights" not in v.message


def test_a_naive_loss_pass_that_returns_the_squared_loss_is_still_named():
    def squared_loss_kept(weights, inputs, correct):
        values = seed_pass(weights, inputs, correct, "naive_loss")
        values["L"] = (correct["correct"] - values["f"]) ** 2    # L right, dL_wrt_f = -1
        return values

    v = check_backprop(squared_loss_kept, seed=1)
    assert (v.first_wrong, v.mistake, v.status) == ("dL_wrt_f", "naive_loss", "mistake")
    assert "yours: -1\n" in v.message


def test_the_message_puts_the_numbers_side_by_side_and_names_the_case():
    v = check_backprop(broken("drop_factor_2"))
    right = seed_pass(dict(SEED_WEIGHTS), {"I1": 1.0, "I2": 0.5}, {"correct": 1.0})["dL_wrt_f"]
    assert "on the seed sample" in v.message and v.case.label == "the seed sample"
    assert f"yours: {right / 2:.10g}" in v.message and f"right: {right:.10g}" in v.message
    assert "dL_wrt_f = 2*(f - correct)" in v.message          # the course's line
    assert str(v) == v.message and isinstance(v, BackpropVerdict)


# --- a 2-3-1 tanh network with biases, straight lines --------------------------------------

TANH_NET = make_network((2, 3, 1), "tanh", biases=True, seed=3)


def tanh_pass(w, inputs, correct_, mistake=None, leave_out_biases=False):
    I1, I2, correct = inputs["I1"], inputs["I2"], correct_["correct"]
    sA = I1 * w["w_I1_A"] + I2 * w["w_I2_A"] + w["b_A"]
    A = math.tanh(sA)
    sB = I1 * w["w_I1_B"] + I2 * w["w_I2_B"] + w["b_B"]
    B = math.tanh(sB)
    sC = I1 * w["w_I1_C"] + I2 * w["w_I2_C"] + w["b_C"]
    C = math.tanh(sC)
    sF = A * w["w_A_f"] + B * w["w_B_f"] + C * w["w_C_f"] + w["b_f"]
    f = math.tanh(sF)

    def slope(x, s):                                   # dX_wrt_sX
        return 1 - s * s if mistake == "slope_from_sum" else 1 - x * x   # MISTAKE: from sX

    dL_wrt_f = 2 * (f - correct) if mistake != "flipped_sign" else 2 * (correct - f)
    dL_wrt_sF = dL_wrt_f * slope(f, sF)
    dL_wrt_A, dL_wrt_B, dL_wrt_C = (dL_wrt_sF * w["w_A_f"], dL_wrt_sF * w["w_B_f"],
                                    dL_wrt_sF * w["w_C_f"])
    dL_wrt_sA, dL_wrt_sB, dL_wrt_sC = (dL_wrt_A * slope(A, sA), dL_wrt_B * slope(B, sB),
                                       dL_wrt_C * slope(C, sC))
    bias = (lambda d: 0.0) if mistake == "missing_bias_gradient" else (lambda d: d)
    out = {"L": (correct - f) ** 2, "dL_wrt_f": dL_wrt_f, "dL_wrt_sF": dL_wrt_sF,
           "dL_wrt_w_A_f": dL_wrt_sF * A, "dL_wrt_w_B_f": dL_wrt_sF * B,
           "dL_wrt_w_C_f": dL_wrt_sF * C, "dL_wrt_b_f": bias(dL_wrt_sF),
           "dL_wrt_w_I1_A": dL_wrt_sA * I1, "dL_wrt_w_I2_A": dL_wrt_sA * I2,
           "dL_wrt_b_A": bias(dL_wrt_sA),
           "dL_wrt_w_I1_B": dL_wrt_sB * I1, "dL_wrt_w_I2_B": dL_wrt_sB * I2,
           "dL_wrt_b_B": bias(dL_wrt_sB),
           "dL_wrt_w_I1_C": dL_wrt_sC * I1, "dL_wrt_w_I2_C": dL_wrt_sC * I2,
           "dL_wrt_b_C": bias(dL_wrt_sC)}
    if leave_out_biases:
        out = {k: v for k, v in out.items() if not k.startswith("dL_wrt_b_")}
    return out


@pytest.mark.parametrize("mistake, options, first", [
    (None, {}, None),
    ("missing_bias_gradient", {}, "dL_wrt_b_f"),
    ("missing_bias_gradient", {"leave_out_biases": True}, "dL_wrt_b_f"),
    ("flipped_sign", {}, "dL_wrt_f"),
    ("slope_from_sum", {}, "dL_wrt_sF"),
], ids=["right", "bias gradient 0", "bias gradients left out", "flipped sign", "slope from sum"])
def test_the_tanh_network_with_biases(mistake, options, first):
    expected_mistake = None if first is None else mistake
    v = check_backprop(lambda w, i, c: tanh_pass(w, i, c, mistake, **options), TANH_NET)
    assert (v.passed, v.first_wrong, v.mistake) == (first is None, first, expected_mistake), v
    if options:
        assert "missing: your pass does not return it" in v.message


# --- one loop for any layered network ------------------------------------------------------

ACTS = {"sigmoid": (sig, lambda a: a * (1 - a)), "tanh": (math.tanh, lambda a: 1 - a * a)}


def s_of(node):                       # the learner's own spelling of the sum's name
    return "s" + node[0].upper() + node[1:]


def loop_pass(network, activation="sigmoid", mistake=None, lr=LR):
    """A learner's general pass: forward layer by layer, backward layer by layer."""
    layers, act = network.layers, ACTS[activation]

    def my_pass(weights, inputs, correct):
        w, v, d = dict(weights), dict(inputs), {}
        for sources, targets in zip(layers, layers[1:]):
            for t in targets:
                v[s_of(t)] = sum(v[x] * w[f"w_{x}_{t}"] for x in sources) + w.get(f"b_{t}", 0.0)
                v[t] = act[0](v[s_of(t)])
        outs = layers[-1]
        answer = {o: correct["correct" if len(outs) == 1 else f"correct_{o}"] for o in outs}
        L = sum((answer[o] - v[o]) ** 2 for o in outs)
        for o in outs:
            d[o] = {"drop_factor_2": v[o] - answer[o], "naive_loss": -1.0,
                    "flipped_sign": 2 * (answer[o] - v[o])}.get(mistake, 2 * (v[o] - answer[o]))
        if mistake == "naive_loss":
            L = sum(answer[o] - v[o] for o in outs)
        for l in range(len(layers) - 1, 0, -1):
            for x in layers[l]:
                if l < len(layers) - 1:
                    parts = [d[s_of(t)] * (v[x] if mistake == "node_value_for_weight"
                                           else w[f"w_{x}_{t}"]) for t in layers[l + 1]]
                    d[x] = sum(parts) / (len(parts) if mistake == "average_fan_out" else 1)
                slope = act[1](v[s_of(x)] if mistake == "slope_from_sum" else v[x])
                d[s_of(x)] = d[x] * (1.0 if mistake == "no_activation_slope" else slope)
            for t in layers[l]:
                for x in layers[l - 1]:
                    factor = {"sum_for_activation": v.get(s_of(x), v[x]),
                              "weight_for_node_value": w[f"w_{x}_{t}"]}.get(mistake, v[x])
                    d[f"w_{x}_{t}"] = d[s_of(t)] * factor
                if network.has_biases:
                    d[f"b_{t}"] = 0.0 if mistake == "missing_bias_gradient" else d[s_of(t)]
            if mistake == "stale_weights":
                for t in layers[l]:
                    for x in layers[l - 1]:
                        w[f"w_{x}_{t}"] -= lr * d[f"w_{x}_{t}"]
        values = {n: value for n, value in v.items() if n not in inputs}
        return {**values, "L": L, **{f"dL_wrt_{n}": g for n, g in d.items()}}
    return my_pass


@pytest.mark.parametrize("network, activation", [
    (seed_network(), "sigmoid"),
    (make_network((2, 2, 2, 1), seed=1), "sigmoid"),
    (make_network((3, 4, 2), seed=2), "sigmoid"),
    (make_network((2, 3, 3, 3, 1), seed=3), "sigmoid"),
    (TANH_NET, "tanh"),
    (two_output_network(), "sigmoid"),
], ids=["seed", "2-2-2-1", "3-4-2", "2-3-3-3-1", "2-3-1 tanh biases", "two outputs"])
def test_a_general_loop_pass_passes_on_every_layout(network, activation):
    v = check_backprop(loop_pass(network, activation), network)
    assert v.passed, v.message


LOOP_NET = make_network((2, 3, 2, 1), "tanh", biases=True, seed=5)   # I1 I2 | A B C | D E | f
LOOP_TABLE = {"average_fan_out": "dL_wrt_A", "stale_weights": "dL_wrt_D",
              "no_activation_slope": "dL_wrt_sF", "naive_loss": "L", "drop_factor_2": "dL_wrt_f",
              "flipped_sign": "dL_wrt_f", "slope_from_sum": "dL_wrt_sF",
              "sum_for_activation": "dL_wrt_w_D_f", "weight_for_node_value": "dL_wrt_w_D_f",
              "node_value_for_weight": "dL_wrt_D", "missing_bias_gradient": "dL_wrt_b_f"}


@pytest.mark.parametrize("mistake", list(LOOP_TABLE))
def test_each_broken_loop_pass_is_found_and_named_on_a_deeper_tanh_network(mistake):
    assert LOOP_NET.layers == (("I1", "I2"), ("A", "B", "C"), ("D", "E"), ("f",))
    v = check_backprop(loop_pass(LOOP_NET, "tanh", mistake, lr=0.3), LOOP_NET)
    assert (v.first_wrong, v.mistake) == (LOOP_TABLE[mistake], mistake), v.message


# --- what is not a right pass gets a verdict, never an exception ---------------------------

def right_seed_pass(w, i, c):
    return seed_pass(w, i, c)


def test_typed_in_answers_fail_on_a_random_case():
    typed = right_seed_pass(dict(SEED_WEIGHTS), {"I1": 1.0, "I2": 0.5}, {"correct": 1.0})
    v = check_backprop(lambda w, i, c: dict(typed))
    assert not v.passed and v.mistake is None and v.first_wrong == "sA"
    assert v.case.label.startswith("random case") and "same numbers for every case" in v.message


def test_the_random_cases_are_fresh_on_every_call_and_fixed_by_a_seed():
    seen = []

    def spy(w, i, c):
        seen.append((tuple(w.values()), tuple(i.values()), tuple(c.values())))
        return right_seed_pass(w, i, c)
    for seed in (None, None, 7, 7):
        assert check_backprop(spy, seed=seed).passed
    runs = [seen[k:k + 6] for k in range(0, 24, 6)]
    assert len(seen) == 24 and runs[0][0] == runs[1][0]             # the seed sample
    assert runs[0][1:] != runs[1][1:] and runs[2] == runs[3]
    for weights, inputs, correct in seen:
        assert all(abs(x) <= 1.5 for x in weights) and all(abs(x) <= 1 for x in inputs)
        assert all(0 <= x <= 1 for x in correct)


def test_a_missing_name_is_named():
    def forgetful(w, i, c):
        out = right_seed_pass(w, i, c)
        del out["dL_wrt_w_I2_B"]
        return out
    v = check_backprop(forgetful)
    assert (v.passed, v.first_wrong, v.mistake, v.status) == (False, "dL_wrt_w_I2_B", None, "wrong")
    assert "missing" in v.message


def test_unknown_names_are_listed_with_did_you_mean():
    v = check_backprop(lambda w, i, c: {**right_seed_pass(w, i, c), "dL_wrt_w_c_f": 0.1,
                                        "delta_C": 0.2})
    assert not v.passed and v.status == "wrong"
    assert "'dL_wrt_w_c_f'" in v.message and "Did you mean 'dL_wrt_w_C_f'?" in v.message
    assert "'delta_C'" in v.message


def test_at_most_five_unknown_names_are_listed():
    for unknown in (5, 6):
        names = {f"zz{k}": 1.0 for k in range(unknown)}
        v = check_backprop(lambda w, i, c: names)
        assert v.message.count("unknown name 'zz") == 5, unknown


def test_a_verdict_on_no_pass_is_not_passed_and_names_nothing():
    for my_pass in (..., "my_pass", lambda w, i, c: None):
        v = check_backprop(my_pass)
        assert (v.passed, v.first_wrong, v.mistake) == (False, None, None), v.message


def test_the_first_wrong_value_is_shown_beside_the_courses_line_for_it():
    def tripled(w, i, c):
        out = right_seed_pass(w, i, c)
        out["dL_wrt_w_C_f"] *= 3
        return out
    message = check_backprop(tripled).message
    assert "\n    the course's line: dL_wrt_w_C_f = dL_wrt_sF * C\n" in message


@pytest.mark.parametrize("name, how, passed", [
    ("dL_wrt_w_C_f", lambda v: v * (1 + 1e-8), True),    # relative 1e-8: within 1e-6
    ("dL_wrt_w_C_f", lambda v: v * (1 + 1e-5), False),   # relative 1e-5: over
    ("dL_wrt_w_I2_B", lambda v: v + 1e-10, True),        # 1e-10 off: within the absolute 1e-9
    ("dL_wrt_w_I2_B", lambda v: v + 1e-7, False),        # 1e-7 off 0.0044 (seed sample): over
], ids=["rel 1e-8", "rel 1e-5", "abs 1e-10", "abs 1e-7"])
def test_a_value_is_right_within_a_relative_1e_6_or_an_absolute_1e_9(name, how, passed):
    def off(w, i, c):
        out = right_seed_pass(w, i, c)
        out[name] = how(out[name])
        return out
    v = check_backprop(off, seed=1)
    assert (v.passed, v.first_wrong) == (passed, None if passed else name), v.message


@pytest.mark.parametrize("returned, words", [
    (None, "returned None"),
    ([0.1, 0.2], "returned [0.1, 0.2] (list)"),
    ({"dL_wrt_w_C_f": "0.1"}, "'0.1' (str) is not a number"),
    ({"dL_wrt_w_C_f": float("nan")}, "nan is not a finite number"),
    ({"dL_wrt_w_C_f": math.inf}, "inf is not a finite number"),
    ({"dL_wrt_w_C_f": 10 ** 400}, "too large"),
    ({"dL_wrt_w_C_f": np.array([0.1])}, "is not a number"),
    ({"dL_wrt_w_C_f": True}, "is not a number"),
    ({3: 0.1}, "the key 3"),
], ids=["None", "list", "text", "nan", "inf", "10**400", "array", "bool", "int key"])
def test_junk_returned_gets_a_verdict_saying_what_was_expected(returned, words):
    v = check_backprop(lambda w, i, c: returned)
    assert not v.passed and words in v.message and "expected" in v.message.lower()
    assert v.status == ("not attempted" if returned is None else "invalid")


def test_numpy_numbers_are_numbers():
    v = check_backprop(lambda w, i, c: {k: np.float64(x) if k < "dL_wrt_w_I" else np.array(x)
                                        for k, x in right_seed_pass(w, i, c).items()})
    assert v.passed, v.message


def test_a_crash_is_quoted_with_the_learners_line():
    def typo(weights, inputs, correct):
        sA = inputs["I1"] * weights["w_I1_a"] + inputs["I2"] * weights["w_I2_A"]
        return {"sA": sA}
    v = check_backprop(typo)
    assert not v.passed and v.status == "invalid" and "KeyError" in v.message
    assert 'sA = inputs["I1"] * weights["w_I1_a"]' in v.message and "of typo" in v.message
    assert "Did you mean 'w_I1_A'?" in v.message

    def zero(weights, inputs, correct):
        return {"dL_wrt_w_C_f": 1 / (inputs["I1"] - inputs["I1"])}
    v = check_backprop(zero)
    assert "ZeroDivisionError" in v.message and "1 / (inputs[\"I1\"] - inputs[\"I1\"])" in v.message


def test_an_endless_pass_is_stopped_in_about_two_seconds_and_the_alarm_put_back():
    def endless(w, i, c):
        while True:
            try:
                time.sleep(0.01)
            except Exception:                      # even this does not keep it running
                pass
    before = signal.getsignal(signal.SIGALRM)
    start = time.monotonic()
    v = check_backprop(endless)
    took = time.monotonic() - start
    assert 1.9 < took < 4 and not v.passed and v.status == "invalid" and "stopped" in v.message
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_outside_the_main_thread_the_pass_runs_without_a_limit():
    found = []
    thread = threading.Thread(target=lambda: found.append(check_backprop(right_seed_pass)))
    thread.start()
    thread.join(10)
    assert found and found[0].passed


def test_a_pass_that_changes_its_weights_fails_even_with_right_values():
    def updates(w, i, c):
        out = right_seed_pass(w, i, c)
        for name in list(w):
            w[name] -= 0.5 * out["dL_wrt_" + name]
        return out
    v = check_backprop(updates)
    assert not v.passed and v.first_wrong == "w_I1_A" and v.mistake is None
    assert "changed the weights it was given" in v.message and v.highlight == ("w_I1_A",)


def test_weights_changed_on_a_later_case_only_are_caught_on_that_case():
    """A right pass that changes its dict on its second call only is not passed: the verdict
    names the weight and the case it was changed on (not the seed sample)."""
    calls = []

    def changes_w_C_f_the_second_time(w, i, c):
        out = right_seed_pass(w, i, c)
        calls.append(1)
        if len(calls) == 2:
            w["w_C_f"] = 0.0
        return out
    v = check_backprop(changes_w_C_f_the_second_time, seed=1)
    assert (v.passed, v.first_wrong, v.status) == (False, "w_C_f", "wrong")
    assert v.case.label != "the seed sample" and "w_C_f" in v.message and "-> 0" in v.message


def test_right_values_with_weights_changed_are_shown_on_the_seed_sample_they_were_changed_on():
    def steps_w_D_f(w, i, c):
        out = right_seed_pass(w, i, c)
        w["w_D_f"] = 0.25
        return out
    v = check_backprop(steps_w_D_f, seed=1)
    assert (v.passed, v.first_wrong, v.mistake, v.status) == (False, "w_D_f", None, "wrong")
    assert v.case.label == "the seed sample" and v.case.weights["w_D_f"] == -0.9
    assert "(w_D_f -0.9 -> 0.25)" in v.message and v.highlight == ("w_D_f",)


@pytest.mark.parametrize("my_pass, network, words, status", [
    (..., None, "not attempted yet", "not attempted"),
    (None, None, "expected your function itself", "invalid"),
    ({"dL_wrt_w_C_f": 0.1}, None, "expected your function itself", "invalid"),
    (right_seed_pass, "seed", "network must be a course network", "invalid"),
    (right_seed_pass, [2, 2, 1], "network must be a course network", "invalid"),
])
def test_junk_given_to_check_backprop_gets_a_verdict(my_pass, network, words, status):
    v = check_backprop(my_pass, network)
    assert not v.passed and words in v.message and v.status == status


def test_a_pass_for_another_network_gets_a_verdict():
    v = check_backprop(right_seed_pass, TANH_NET)     # the seed pass knows no w_I1_C
    assert not v.passed and v.status == "invalid" and "KeyError" in v.message


# --- the view and the top level ------------------------------------------------------------

def test_the_html_view_highlights_the_first_wrong_node_or_edge():
    v = course_lib.check_backprop(broken("average_fan_out"))
    html = v._repr_html_()
    assert (v.first_wrong, v.mistake, v.highlight) == ("dL_wrt_A", "average_fan_out", ("A",))
    assert 'data-first-wrong="dL_wrt_A"' in html and "First wrong: dL_wrt_A" in html
    assert re.search(f'stroke="{HIGHLIGHT}" stroke-width="4"/><text[^>]*>A</text>', html)
    edge = course_lib.check_backprop(broken("weight_for_node_value"))._repr_html_()
    assert re.search(f'stroke="{HIGHLIGHT}" stroke-width="4"><title>w_C_f</title>', edge)
    assert "averaging the errors" in html and v.message.splitlines()[0] in html
    assert course_lib.check_backprop(right_seed_pass)._repr_html_().count(HIGHLIGHT) == 0
    plain = check_backprop(broken("average_fan_out"), seed=1)
    shown = course_lib.check_backprop(broken("average_fan_out"), seed=1)
    assert (shown.passed, shown.first_wrong, shown.mistake, shown.message) == (
        plain.passed, plain.first_wrong, plain.mistake, plain.message)
    assert isinstance(shown, BackpropVerdict) and not hasattr(plain, "_repr_html_")
    printed = []
    shown._repr_pretty_(type("Printer", (), {"text": lambda self, t: printed.append(t)})(), False)
    assert printed == [shown.message]


# --- the new mistakes as switches of the course's own passes -------------------------------

def test_the_new_switches_leave_the_lab_alone_and_refuse_a_batch_they_have_no_form_for():
    net, X, Y = make_network((2, 2, 1), biases=True, seed=1), [[0.5, -0.2]], [0.7]
    assert list(compare_training(net, X, Y, 0.5, 2)) == ["correct", *LAB_MISTAKES]
    flipped = train_with(net, X, Y, 0.5, 2, "flipped_sign")
    right = train_with(net, X, Y, 0.5, 2)
    assert flipped.losses[1] > flipped.losses[0] and right.losses[1] < right.losses[0]
    for mistake in ("slope_from_sum", "sum_for_activation", "weight_for_node_value",
                    "node_value_for_weight", "missing_bias_gradient"):
        with pytest.raises(course_lib.CourseInputError, match="no batch form"):
            train_with(net, X, Y, 0.5, 2, mistake)
    with pytest.raises(course_lib.UnknownNameError, match="flipped_sign"):
        backward_with(course_lib.forward(net, [0.5, -0.2]), 0.7, flipped_sgn=True)
