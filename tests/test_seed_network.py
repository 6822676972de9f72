"""The article's 2-2-2-1 network, checked number by number against a hand computation.

Every expected value comes from tests/seed_by_hand.py, where it is written out as the article
writes it, from the documented default weights (SEED_WEIGHTS) and sample (I1 = 1.0, I2 = 0.5,
correct = 1.0), with `math.exp` only; nothing there calls course_lib. The 12-digit decimals of
its comments were worked out separately and are asserted here too (WRITTEN), so a slip in a
formula line cannot hide.
"""
import math

import pytest

from course_lib import (SEED_SAMPLE, SEED_WEIGHTS, backward, forward, seed_network,
                        two_output_network)

from seed_by_hand import (A, A_from_C, A_from_D, B_from_C, B_from_D, C, C_from_f1, C_from_f2,
                          HAND, I1, I2, L, L_two, correct, dA_wrt_sA, dB_wrt_sB, dC_wrt_sC,
                          dD_wrt_sD, df_wrt_sF, dL_wrt_A, dL_wrt_C_two, dL_wrt_f, dL_wrt_sF1,
                          dL_wrt_sF2, dL_wrt_w_A_C, dL_wrt_w_C_f, dL_wrt_w_I1_A, f, f1, f2,
                          sF2, w_A_C, w_A_D, w_B_C, w_C_f, w_D_f)


# The decimals of the comments in seed_by_hand, worked out separately (12 significant digits).
WRITTEN = {
    "sA": 0.05, "A": 0.512497396484, "sB": 1.0, "B": 0.731058578630,
    "sC": 0.0881808643015, "C": 0.522030942123, "sD": -0.0444686278724, "D": 0.488884674646,
    "sF": 0.134237829153, "f": 0.533509153389, "L": 0.217613709972,
    "dL_wrt_f": -0.932981693223, "df_wrt_sF": 0.248877136639, "dL_wrt_sF": -0.232197812346,
    "dL_wrt_w_C_f": -0.121214442738, "dL_wrt_w_D_f": -0.113517951942,
    "dL_wrt_C": -0.255417593581, "dL_wrt_D": 0.208978031111,
    "dC_wrt_sC": 0.249514637589, "dD_wrt_sD": 0.249876449542,
    "dL_wrt_sC": -0.0637304282962, "dL_wrt_sD": 0.0522186884465,
    "dL_wrt_w_A_C": -0.0326616785786, "dL_wrt_w_B_C": -0.0465906763257,
    "dL_wrt_w_A_D": 0.0267619418766, "dL_wrt_w_B_D": 0.0381749201536,
    "dL_wrt_A": -0.0800132077349, "dL_wrt_B": 0.0452284727121,
    "dA_wrt_sA": 0.249843815081, "dB_wrt_sB": 0.196611933241,
    "dL_wrt_sA": -0.0199908050774, "dL_wrt_sB": 0.00889245745748,
    "dL_wrt_w_I1_A": -0.0199908050774, "dL_wrt_w_I2_A": -0.00999540253868,
    "dL_wrt_w_I1_B": 0.00889245745748, "dL_wrt_w_I2_B": 0.00444622872874,
}

EXACT = dict(rel=1e-12, abs=1e-15)  # same formulas, so only float rounding may differ


@pytest.fixture(scope="module")
def trace():
    return forward(seed_network(), [I1, I2])


@pytest.fixture(scope="module")
def grads(trace):
    return backward(trace, correct)


def test_the_written_decimals_match_the_formulas():
    for name, value in WRITTEN.items():
        assert HAND[name] == pytest.approx(value, rel=1e-11, abs=1e-13), name


def test_documented_defaults_are_the_ones_used_by_hand():
    assert SEED_SAMPLE == {"I1": 1.0, "I2": 0.5, "correct": 1.0}
    assert SEED_WEIGHTS == {
        "w_I1_A": 0.4, "w_I2_A": -0.7, "w_I1_B": 0.9, "w_I2_B": 0.2,
        "w_A_C": 0.6, "w_B_C": -0.3, "w_A_D": -0.8, "w_B_D": 0.5,
        "w_C_f": 1.1, "w_D_f": -0.9,
    }
    net = seed_network()
    assert net.layers == (("I1", "I2"), ("A", "B"), ("C", "D"), ("f",))
    assert net.weights == SEED_WEIGHTS                  # exactly these, and no biases
    assert not any(name.startswith("b_") for name in net.parameter_names)
    assert net.activations == ("sigmoid", "sigmoid", "sigmoid")


def test_forward_values_in_computation_order(trace):
    assert list(trace.values) == ["I1", "I2", "sA", "A", "sB", "B", "sC", "C",
                                  "sD", "D", "sF", "f"]
    assert trace["I1"] == I1 and trace["I2"] == I2
    for name in ["sA", "A", "sB", "B", "sC", "C", "sD", "D", "sF", "f"]:
        assert trace[name] == pytest.approx(HAND[name], **EXACT), name
    assert trace.forecast == {"f": pytest.approx(f, **EXACT)}


def test_forward_local_slopes_beside_each_activation(trace):
    assert dict(trace.slopes) == {
        "dA_wrt_sA": pytest.approx(dA_wrt_sA, **EXACT),
        "dB_wrt_sB": pytest.approx(dB_wrt_sB, **EXACT),
        "dC_wrt_sC": pytest.approx(dC_wrt_sC, **EXACT),
        "dD_wrt_sD": pytest.approx(dD_wrt_sD, **EXACT),
        "df_wrt_sF": pytest.approx(df_wrt_sF, **EXACT),
    }


def test_forward_accepts_the_sample_by_name():
    by_name = forward(seed_network(), {"I2": I2, "I1": I1})
    assert by_name["f"] == pytest.approx(f, **EXACT)


def test_loss(grads):
    assert grads.loss == pytest.approx(L, **EXACT)
    assert grads.loss_kind == "squared"


def test_backward_values(grads):
    names = ["dL_wrt_f", "dL_wrt_sF", "dL_wrt_w_C_f", "dL_wrt_w_D_f", "dL_wrt_C", "dL_wrt_D",
             "dL_wrt_sC", "dL_wrt_sD", "dL_wrt_w_A_C", "dL_wrt_w_B_C", "dL_wrt_w_A_D",
             "dL_wrt_w_B_D", "dL_wrt_A", "dL_wrt_B", "dL_wrt_sA", "dL_wrt_sB",
             "dL_wrt_w_I1_A", "dL_wrt_w_I2_A", "dL_wrt_w_I1_B", "dL_wrt_w_I2_B"]
    assert set(grads.values) == set(names)
    for name in names:
        assert grads[name] == pytest.approx(HAND[name], **EXACT), name


def test_backward_values_are_in_the_order_computed(grads):
    order = list(grads.values)
    before = [("dL_wrt_f", "dL_wrt_sF"), ("dL_wrt_sF", "dL_wrt_w_C_f"),
              ("dL_wrt_sF", "dL_wrt_C"), ("dL_wrt_C", "dL_wrt_sC"),
              ("dL_wrt_sC", "dL_wrt_w_A_C"), ("dL_wrt_sC", "dL_wrt_A"),
              ("dL_wrt_sD", "dL_wrt_A"), ("dL_wrt_A", "dL_wrt_sA"),
              ("dL_wrt_sA", "dL_wrt_w_I1_A")]
    for first, then in before:
        assert order.index(first) < order.index(then), (first, then)
    assert order[0] == "dL_wrt_f"


def test_weight_gradients_by_weight_name(grads):
    assert set(grads.weights) == set(SEED_WEIGHTS)
    for w in SEED_WEIGHTS:
        assert grads.weights[w] == pytest.approx(HAND[f"dL_wrt_{w}"], **EXACT), w
        assert grads[w] == grads.weights[w]


def test_error_at_A_is_the_sum_of_two_contributions_not_their_mean(grads):
    assert grads["dL_wrt_A"] == pytest.approx(A_from_C + A_from_D, **EXACT)
    # The article's caution: dividing by the number of incoming errors is the mistake.
    assert abs(grads["dL_wrt_A"] - (A_from_C + A_from_D) / 2) > 0.03
    contributions = grads.contributions("A")
    assert [(target, how) for target, how, _ in contributions.parts] == [
        ("C", "dL_wrt_sC * w_A_C"), ("D", "dL_wrt_sD * w_A_D")]
    assert [value for _, _, value in contributions.parts] == [
        pytest.approx(A_from_C, **EXACT), pytest.approx(A_from_D, **EXACT)]
    assert contributions.total == pytest.approx(dL_wrt_A, **EXACT)
    assert set(grads.fan_out) == {"A", "B"}             # C and D feed only f
    assert [v for _, _, v in grads.fan_out["B"].parts] == [
        pytest.approx(B_from_C, **EXACT), pytest.approx(B_from_D, **EXACT)]


def test_chain_of_w_C_f(grads):
    chain = grads.chain("w_C_f")
    assert len(chain.paths) == 1
    assert [factor.name for factor in chain.paths[0]] == ["dL_wrt_f", "df_wrt_sF",
                                                          "dsF_wrt_w_C_f"]
    assert [factor.value for factor in chain.paths[0]] == [
        pytest.approx(v, **EXACT) for v in (dL_wrt_f, df_wrt_sF, C)]
    assert chain.value == pytest.approx(dL_wrt_w_C_f, **EXACT)


def test_chain_of_w_A_C_is_what_the_weight_goes_through(grads):
    chain = grads.chain("w_A_C")
    assert chain.weight == "w_A_C"
    assert len(chain.paths) == 1
    (path,) = chain.paths
    assert [factor.name for factor in path] == [
        "dL_wrt_f", "df_wrt_sF", "dsF_wrt_C", "dC_wrt_sC", "dsC_wrt_w_A_C"]
    # dsF_wrt_C is the weight w_C_f = 1.1; dsC_wrt_w_A_C is the value A.
    assert [factor.value for factor in path] == [
        pytest.approx(v, **EXACT) for v in (dL_wrt_f, df_wrt_sF, w_C_f, dC_wrt_sC, A)]
    # -0.9330 * 0.2489 * 1.1 * 0.2495 * 0.5125 = -0.0326616785786
    product = dL_wrt_f * df_wrt_sF * w_C_f * dC_wrt_sC * A
    assert chain.contributions == (pytest.approx(product, **EXACT),)
    assert chain.value == pytest.approx(dL_wrt_w_A_C, **EXACT)
    assert grads["dL_wrt_w_A_C"] == pytest.approx(product, **EXACT)


def test_chain_of_w_I1_A_has_one_path_per_route_to_f(grads):
    chain = grads.chain("w_I1_A")
    assert [[factor.name for factor in p] for p in chain.paths] == [
        ["dL_wrt_f", "df_wrt_sF", "dsF_wrt_C", "dC_wrt_sC", "dsC_wrt_A", "dA_wrt_sA",
         "dsA_wrt_w_I1_A"],
        ["dL_wrt_f", "df_wrt_sF", "dsF_wrt_D", "dD_wrt_sD", "dsD_wrt_A", "dA_wrt_sA",
         "dsA_wrt_w_I1_A"],
    ]
    via_C = dL_wrt_f * df_wrt_sF * w_C_f * dC_wrt_sC * w_A_C * dA_wrt_sA * I1
    via_D = dL_wrt_f * df_wrt_sF * w_D_f * dD_wrt_sD * w_A_D * dA_wrt_sA * I1
    assert [f_.value for f_ in chain.paths[1]] == [
        pytest.approx(v, **EXACT)
        for v in (dL_wrt_f, df_wrt_sF, w_D_f, dD_wrt_sD, w_A_D, dA_wrt_sA, I1)]
    assert chain.contributions == (pytest.approx(via_C, **EXACT), pytest.approx(via_D, **EXACT))
    assert chain.value == pytest.approx(dL_wrt_w_I1_A, **EXACT)


def test_naive_loss_has_slope_minus_one_whatever_f_is(trace):
    naive = backward(trace, correct, loss="naive")
    assert naive.loss == pytest.approx(correct - f, **EXACT)          # 1 - 0.5335 = 0.4665
    assert naive["dL_wrt_f"] == -1.0
    # dL_wrt_w_C_f = -1 * df_wrt_sF * C = -0.2489*0.5220 = -0.129921566113
    assert naive["dL_wrt_w_C_f"] == pytest.approx(-1.0 * df_wrt_sF * C, **EXACT)
    assert naive["dL_wrt_w_C_f"] == pytest.approx(-0.129921566113, rel=1e-11)
    far_off = backward(forward(seed_network(), [I1, I2]), 50.0, loss="naive")
    assert far_off["dL_wrt_f"] == -1.0                                 # blind to the distance


def test_tanh_seed_network_uses_one_minus_A_squared():
    trace = forward(seed_network("tanh"), [I1, I2])
    tA, tB = math.tanh(0.05), math.tanh(1.0)       # sA and sB do not depend on the activation
    assert trace["A"] == pytest.approx(tA, **EXACT)                    # 0.0499583749579
    assert trace["dA_wrt_sA"] == pytest.approx(1 - tA ** 2, **EXACT)   # 0.997504160772
    sC_tanh = tA * w_A_C + tB * w_B_C              # 0.04996*0.6 + 0.7616*(-0.3) = -0.198503221812
    assert trace["sC"] == pytest.approx(sC_tanh, **EXACT)
    assert trace["sC"] == pytest.approx(-0.198503221812, rel=1e-11)


def test_two_output_hand_decimals():
    assert sF2 == pytest.approx(0.133406895403, rel=1e-11)
    assert f2 == pytest.approx(0.533302347230, rel=1e-11)
    assert L_two == pytest.approx(0.502025103533, rel=1e-11)
    assert dL_wrt_sF2 == pytest.approx(0.265468259592, rel=1e-11)
    assert dL_wrt_C_two == pytest.approx(-0.361604897417, rel=1e-11)


def test_two_outputs_loss_is_summed_over_f1_and_f2():
    net = two_output_network()
    assert net.outputs == ("f1", "f2")
    trace = forward(net, [I1, I2])
    assert trace["sF2"] == pytest.approx(sF2, **EXACT)
    assert trace.forecast == {"f1": pytest.approx(f1, **EXACT), "f2": pytest.approx(f2, **EXACT)}
    grads = backward(trace, {"f1": 1.0, "f2": 0.0})
    assert grads.loss == pytest.approx(L_two, **EXACT)
    assert grads["dL_wrt_f1"] == pytest.approx(2 * (f1 - 1.0), **EXACT)
    assert grads["dL_wrt_f2"] == pytest.approx(2 * (f2 - 0.0), **EXACT)
    assert backward(trace, [1.0, 0.0]).loss == pytest.approx(L_two, **EXACT)


def test_two_outputs_each_send_back_their_own_error_and_C_sums_them():
    grads = backward(forward(two_output_network(), [I1, I2]), {"f1": 1.0, "f2": 0.0})
    assert grads["dL_wrt_sF1"] == pytest.approx(dL_wrt_sF1, **EXACT)
    assert grads["dL_wrt_sF2"] == pytest.approx(dL_wrt_sF2, **EXACT)
    assert grads["dL_wrt_C"] == pytest.approx(dL_wrt_C_two, **EXACT)
    parts = grads.contributions("C").parts
    assert [(target, how) for target, how, _ in parts] == [
        ("f1", "dL_wrt_sF1 * w_C_f1"), ("f2", "dL_wrt_sF2 * w_C_f2")]
    assert [value for _, _, value in parts] == [pytest.approx(C_from_f1, **EXACT),
                                                pytest.approx(C_from_f2, **EXACT)]
    assert grads.contributions("C").total == pytest.approx(dL_wrt_C_two, **EXACT)
    # w_A_C now reaches the loss through f1 and through f2: two paths in its chain.
    chain = grads.chain("w_A_C")
    assert [[f_.name for f_ in p] for p in chain.paths] == [
        ["dL_wrt_f1", "df1_wrt_sF1", "dsF1_wrt_C", "dC_wrt_sC", "dsC_wrt_w_A_C"],
        ["dL_wrt_f2", "df2_wrt_sF2", "dsF2_wrt_C", "dC_wrt_sC", "dsC_wrt_w_A_C"],
    ]
    assert chain.value == pytest.approx(dL_wrt_C_two * dC_wrt_sC * A, **EXACT)
