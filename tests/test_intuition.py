"""The three pictures for intuition show the core's numbers: checked against independent values
(finite differences, the chain multiplied out by hand, the loss written out by hand)."""
import math

import pytest

from course_lib import SEED_SAMPLE, activation_function, backward, forward, seed_network
from course_lib.views.intuition import composed_slopes, loss_over_weight, loss_surface

INPUTS, CORRECT = [SEED_SAMPLE["I1"], SEED_SAMPLE["I2"]], SEED_SAMPLE["correct"]


def sigmoid(x):
    return 1 / (1 + math.exp(-x))


def loss_by_hand(w):
    """The seed network's loss written out by hand, the weights taken as plain numbers."""
    A = sigmoid(INPUTS[0] * w["w_I1_A"] + INPUTS[1] * w["w_I2_A"])
    B = sigmoid(INPUTS[0] * w["w_I1_B"] + INPUTS[1] * w["w_I2_B"])
    C = sigmoid(A * w["w_A_C"] + B * w["w_B_C"])
    D = sigmoid(A * w["w_A_D"] + B * w["w_B_D"])
    f = sigmoid(C * w["w_C_f"] + D * w["w_D_f"])
    return (CORRECT - f) ** 2


def test_the_curve_is_the_loss_and_the_line_is_its_tangent():
    net = seed_network()
    slope = backward(forward(net, INPUTS), CORRECT)["dL_wrt_w_C_f"]
    picture = loss_over_weight(net, INPUTS, CORRECT, "w_C_f", slope)
    shown = picture.shown
    for w, L in zip(shown["weights"], shown["losses"]):
        assert math.isclose(L, loss_by_hand({**net.weights, "w_C_f": w}), rel_tol=1e-12)
    h = 1e-6
    numeric = (loss_by_hand({**net.weights, "w_C_f": 1.1 + h})
               - loss_by_hand({**net.weights, "w_C_f": 1.1 - h})) / (2 * h)
    assert math.isclose(shown["slope"], numeric, rel_tol=1e-7)
    assert shown["w"] == 1.1 and math.isclose(shown["L"], 0.21761370997226595, rel_tol=1e-12)
    assert "<svg" in picture.svg and "-0.1212" in picture.alt.replace("(", "").replace(")", "")
    assert repr(picture) == picture.alt


def test_the_chain_multiplies_the_slopes_and_matches_the_real_moves():
    net = seed_network()
    picture = composed_slopes(net, INPUTS, CORRECT, "w_A_C", h=0.01)
    rows = picture.shown["rows"]
    assert [r[0] for r in rows] == ["sC", "C", "sF", "f", "L"]
    assert [r[1] for r in rows] == ["A", "dC_wrt_sC", "w_C_f", "df_wrt_sF", "dL_wrt_f"]
    trace = forward(net, INPUTS)
    A, C, f = trace["A"], trace["C"], trace["f"]
    by_hand = 0.01 * A * C * (1 - C) * 1.1 * f * (1 - f) * 2 * (f - CORRECT)
    assert math.isclose(picture.shown["product"], by_hand, rel_tol=1e-12)
    assert math.isclose(picture.shown["product"] / 0.01, picture.shown["gradient"], rel_tol=1e-12)
    moved = {**net.weights, "w_A_C": 0.6 + 0.01}
    real = loss_by_hand(moved) - loss_by_hand(net.weights)
    assert math.isclose(rows[-1][4], real, rel_tol=1e-9)
    for name, _, _, predicted, actual in rows:   # a small nudge: prediction close to the real move
        assert math.isclose(predicted, actual, rel_tol=0.01), name
    assert math.isclose(rows[0][3], 0.01 * A, rel_tol=1e-12)
    assert "h × A × dC_wrt_sC × w_C_f × df_wrt_sF × dL_wrt_f" in picture.alt


def test_the_surface_is_the_loss_and_the_path_goes_downhill():
    net = seed_network()
    picture = loss_surface(net, INPUTS, CORRECT, "w_C_f", "w_D_f", learning_rate=2.0, steps=12)
    shown = picture.shown
    j, i = 5, 17
    point = {**net.weights, "w_C_f": shown["xs"][i], "w_D_f": shown["ys"][j]}
    assert math.isclose(shown["grid"][j][i], loss_by_hand(point), rel_tol=1e-12)
    path = shown["path"]
    assert path[0] == (1.1, -0.9) and len(path) == 13
    # the first step by hand: w - learning_rate * dL_wrt_w, with the gradient by finite differences
    h = 1e-6
    for k, name in enumerate(("w_C_f", "w_D_f")):
        up, down = dict(net.weights), dict(net.weights)
        up[name] += h
        down[name] -= h
        slope = (loss_by_hand(up) - loss_by_hand(down)) / (2 * h)
        assert math.isclose(path[1][k], net.weights[name] - 2.0 * slope, rel_tol=1e-7)
    losses = [loss_by_hand({**net.weights, "w_C_f": a, "w_D_f": b}) for a, b in path]
    assert losses[-1] < losses[0]
    assert "downhill" in picture.alt


def test_the_pictures_need_no_numpy():
    import subprocess
    import sys
    code = ("import sys; from course_lib import seed_network; "
            "from course_lib.views import intuition; "
            "net = seed_network(); intuition.loss_over_weight(net, [1, 0.5], 1, 'w_C_f', -0.1, points=5); "
            "intuition.composed_slopes(net, [1, 0.5], 1, 'w_A_C'); "
            "intuition.loss_surface(net, [1, 0.5], 1, 'w_C_f', 'w_D_f', steps=2, cells=3); "
            "assert 'numpy' not in sys.modules and 'matplotlib' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_sigmoid_by_hand_agrees_with_the_course():
    assert math.isclose(sigmoid(0.3), activation_function("sigmoid", 0.3), rel_tol=1e-15)
