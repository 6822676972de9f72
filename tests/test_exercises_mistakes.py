"""The shared mistake builders read the network's structure: on a network other than the
seed one (3 inputs, 3 hidden nodes, 2 outputs, biases) each names the nodes and weights it
should, and each value is its mistaken formula, written out here by name."""
import pytest

from course_lib.core.backward import backward
from course_lib.core.build import make_network, seed_network
from course_lib.core.forward import forward
from course_lib.exercises import (chain_mistakes, fan_out_mistakes, sum_mistakes,
                                  weight_chain_mistakes)
from course_lib.exercises.cases import seed_case

NET = make_network((3, 3, 2), biases=True, seed=4).with_weights(b_f1=0.3, b_A=-0.2)
TRACE = forward(NET, [0.5, -1.0, 2.0])
GRADS = backward(TRACE, [1.0, 0.0])
v, w, g = TRACE.values, NET.weights, GRADS


def approx(value):
    return pytest.approx(value, rel=1e-12, abs=1e-15)


def test_sum_mistakes_of_an_output_fed_by_three_hidden_nodes():
    found = sum_mistakes(TRACE, "f1")
    b = w["b_f1"]
    assert found == {
        "you used the sums sA, sB and sC instead of the activations A, B and C":
            approx(v["sA"] * w["w_A_f1"] + v["sB"] * w["w_B_f1"] + v["sC"] * w["w_C_f1"] + b),
        "you used the sum sA instead of the activation A":
            approx(v["sA"] * w["w_A_f1"] + v["B"] * w["w_B_f1"] + v["C"] * w["w_C_f1"] + b),
        "you used the sum sB instead of the activation B":
            approx(v["A"] * w["w_A_f1"] + v["sB"] * w["w_B_f1"] + v["C"] * w["w_C_f1"] + b),
        "you used the sum sC instead of the activation C":
            approx(v["A"] * w["w_A_f1"] + v["B"] * w["w_B_f1"] + v["sC"] * w["w_C_f1"] + b),
        "you swapped the weights (A*w_C_f1 + B*w_B_f1 + C*w_A_f1)":
            approx(v["A"] * w["w_C_f1"] + v["B"] * w["w_B_f1"] + v["C"] * w["w_A_f1"] + b),
        "you used the weights into f2 (w_A_f2, w_B_f2, w_C_f2): that is sF2": approx(v["sF2"]),
        "you kept only A's term: add B*w_B_f1 + C*w_C_f1": approx(v["A"] * w["w_A_f1"] + b),
        "you kept only B's term: add A*w_A_f1 + C*w_C_f1": approx(v["B"] * w["w_B_f1"] + b),
        "you kept only C's term: add A*w_A_f1 + B*w_B_f1": approx(v["C"] * w["w_C_f1"] + b),
        "you multiplied the terms instead of adding them":
            approx(v["A"] * w["w_A_f1"] * v["B"] * w["w_B_f1"] * v["C"] * w["w_C_f1"]),
        "you used I1, I2 and I3 where A, B and C belong: the layer just before f1 is A, B and C":
            approx(v["I1"] * w["w_A_f1"] + v["I2"] * w["w_B_f1"] + v["I3"] * w["w_C_f1"] + b),
        "you applied the activation: that is f1, not the sum sF1": approx(v["f1"]),
    }


def test_sum_mistakes_of_a_node_fed_by_inputs_name_no_sums():
    found = sum_mistakes(TRACE, "B")
    assert not any("instead of the activation" in text for text in found)
    assert list(found) == [
        "you swapped the weights (I1*w_I3_B + I2*w_I2_B + I3*w_I1_B)",
        "you used the weights into A (w_I1_A, w_I2_A, w_I3_A): that is sA",
        "you used the weights into C (w_I1_C, w_I2_C, w_I3_C): that is sC",
        "you kept only I1's term: add I2*w_I2_B + I3*w_I3_B",
        "you kept only I2's term: add I1*w_I1_B + I3*w_I3_B",
        "you kept only I3's term: add I1*w_I1_B + I2*w_I2_B",
        "you multiplied the terms instead of adding them",
        "you applied the activation: that is B, not the sum sB",
    ]


def test_sum_mistakes_keep_the_seed_networks_texts():
    _, _, trace = seed_case()
    assert list(sum_mistakes(trace, "B")) == [
        "you swapped the weights (I1*w_I2_B + I2*w_I1_B)",
        "you used the weights into A (w_I1_A, w_I2_A): that is sA",
        "you kept only I1's term: add I2*w_I2_B",
        "you kept only I2's term: add I1*w_I1_B",
        "you multiplied the terms instead of adding them",
        "you applied the activation: that is B, not the sum sB",
    ]
    assert list(sum_mistakes(trace, "C")) == [
        "you used the sums sA and sB instead of the activations A and B",
        "you used the sum sA instead of the activation A",
        "you used the sum sB instead of the activation B",
        "you swapped the weights (A*w_B_C + B*w_A_C)",
        "you used the weights into D (w_A_D, w_B_D): that is sD",
        "you kept only A's term: add B*w_B_C",
        "you kept only B's term: add A*w_A_C",
        "you multiplied the terms instead of adding them",
        "you used I1 and I2 where A and B belong: the layer just before C is A and B",
        "you applied the activation: that is C, not the sum sC",
    ]


def test_weight_chain_mistakes_of_a_first_layer_weight():
    found = weight_chain_mistakes(GRADS, "w_I2_A")
    error, slope = g["dL_wrt_A"], TRACE["dA_wrt_sA"]
    assert set(chain_mistakes(GRADS, "w_I2_A")) < set(found)
    assert found["you forgot dA_wrt_sA, the activation derivative at A"] == approx(error * v["I2"])
    assert found["you multiplied by A (what w_A_f1 and w_A_f2 are multiplied by) instead of "
                 "I2 (what w_I2_A is multiplied by)"] == approx(error * slope * v["A"])
    for other in ("I1", "I3"):
        assert found[f"you multiplied by {other}; w_I2_A is multiplied by I2 in sA"] == approx(
            error * slope * v[other])
    for other in ("B", "C"):
        assert found[f"you used node {other}'s error: that is dL_wrt_w_I2_{other}"] == approx(
            g[f"dL_wrt_w_I2_{other}"])


def test_weight_chain_mistakes_of_an_output_weight_and_of_a_bias():
    found = weight_chain_mistakes(GRADS, "w_B_f2")
    assert not any(text.startswith("you multiplied by f2") for text in found)   # f2 feeds nothing
    assert found["you used node f1's error: that is dL_wrt_w_B_f1"] == approx(g["dL_wrt_w_B_f1"])
    assert weight_chain_mistakes(GRADS, "b_A") == chain_mistakes(GRADS, "b_A")


def test_fan_out_mistakes_name_every_listener():
    found = fan_out_mistakes(GRADS, "A")
    from_f1, from_f2 = g["dL_wrt_sF1"] * w["w_A_f1"], g["dL_wrt_sF2"] * w["w_A_f2"]
    expected = {
        "you averaged the incoming errors instead of summing them": approx((from_f1 + from_f2) / 2),
        "the sign is flipped": approx(-(from_f1 + from_f2)),
        "you multiplied the incoming errors instead of adding them": approx(from_f1 * from_f2),
        "you kept only the error from f1 (dL_wrt_sF1 * w_A_f1)": approx(from_f1),
        "you kept only the error from f2 (dL_wrt_sF2 * w_A_f2)": approx(from_f2),
        "you went one step too far: that is dL_wrt_sA = dL_wrt_A * dA_wrt_sA, the error at the "
        "sum; dL_wrt_A stops at the node": approx((from_f1 + from_f2) * TRACE["dA_wrt_sA"]),
        "you used dL_wrt_f1 and dL_wrt_f2, the errors before f1's and f2's activation slopes; "
        "A's value enters the sums sF1 and sF2, so use dL_wrt_sF1 and dL_wrt_sF2":
            approx(g["dL_wrt_f1"] * w["w_A_f1"] + g["dL_wrt_f2"] * w["w_A_f2"]),
        "you used the node value A where the weights w_A_f1 and w_A_f2 belong (what A is "
        "multiplied by in sF1 and sF2)": approx((g["dL_wrt_sF1"] + g["dL_wrt_sF2"]) * v["A"]),
        "you added the errors and the weights separately, then multiplied: (dL_wrt_sF1 + "
        "dL_wrt_sF2) * (w_A_f1 + w_A_f2); each error goes with its own weight":
            approx((g["dL_wrt_sF1"] + g["dL_wrt_sF2"]) * (w["w_A_f1"] + w["w_A_f2"])),
    }
    for other in ("B", "C"):              # the other nodes feeding f1 and f2
        expected[f"you used the weights out of {other} (w_{other}_f1 and w_{other}_f2): that "
                 f"is dL_wrt_{other}"] = approx(g[f"dL_wrt_{other}"])
        expected[f"you used w_{other}_f1, the weight out of {other}, where w_A_f1 belongs"] = (
            approx(g["dL_wrt_sF1"] * w[f"w_{other}_f1"] + from_f2))
        expected[f"you used w_{other}_f2, the weight out of {other}, where w_A_f2 belongs"] = (
            approx(from_f1 + g["dL_wrt_sF2"] * w[f"w_{other}_f2"]))
    assert found == expected


def test_fan_out_mistakes_keep_the_seed_networks_text():
    grads = backward(seed_case()[2], 1.0)
    assert ("you used dL_wrt_C and dL_wrt_D, the errors before C's and D's activation slopes; "
            "A's value enters the sums sC and sD, so use dL_wrt_sC and dL_wrt_sD"
            in fan_out_mistakes(grads, "A"))


def test_chain_mistakes_name_each_slope_twice_and_from_its_sum():
    found = chain_mistakes(GRADS, "w_I2_A")
    right = g["dL_wrt_w_I2_A"]
    slope = TRACE["dA_wrt_sA"]
    sA = v["sA"]
    assert found["you multiplied by the slope dA_wrt_sA twice: once is enough"] == approx(
        right * slope)
    assert found["you took the slope dA_wrt_sA from the sum sA (the derivative formula applied "
                 "to sA, not to A)"] == approx(right / slope * sA * (1 - sA))
    assert "you took every slope from the sums (sX instead of X)" in found


def test_another_seed_network_moves_every_mistake():
    _, _, trace = seed_case(seed_network(weights={"w_A_C": 0.3}))
    assert sum_mistakes(trace, "C")["you kept only A's term: add B*w_B_C"] == approx(
        trace["A"] * 0.3)


def test_listing_names_in_words():
    from course_lib.exercises.mistakes import _listing
    assert _listing(["A"]) == "A" and _listing(("A", "B")) == "A and B"
    assert _listing(iter(["A", "B", "C"])) == "A, B and C"
