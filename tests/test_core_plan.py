"""The plan of the pass and the naming rules, against names and orders written out by hand."""
import math

import pytest

from course_lib.core import (CourseInputError, Network, backward, forward, make_network,
                             seed_network, two_output_network)
from course_lib.core.names import (bias_name, check_node_names, correct_names, error_name,
                                   link_name, sent_back_name, slope_name, sum_name, weight_name)
from course_lib.core.plan import plan_of


def test_every_naming_rule_builds_the_articles_names():
    assert [sum_name("A"), sum_name("f"), sum_name("f2")] == ["sA", "sF", "sF2"]
    assert weight_name("A", "C") == "w_A_C" and bias_name("C") == "b_C"
    assert [error_name("C"), error_name("sC"), error_name("w_A_C")] == \
        ["dL_wrt_C", "dL_wrt_sC", "dL_wrt_w_A_C"]
    assert slope_name("C") == "dC_wrt_sC" and slope_name("f") == "df_wrt_sF"
    assert link_name("C", "A") == "dsC_wrt_A" and link_name("F", "w_C_f") == "dsF_wrt_w_C_f"
    assert sent_back_name("A", "C") == "dL_wrt_A_from_C"
    assert correct_names(("f",)) == {"f": "correct"}
    assert correct_names(("f1", "f2")) == {"f1": "correct_f1", "f2": "correct_f2"}


def test_the_seed_plan_runs_forward_in_the_articles_order():
    plan = plan_of(seed_network())
    assert [s.name for s in plan.forward] == ["sA", "A", "sB", "B", "sC", "C", "sD", "D", "sF", "f"]
    sC = plan.step("sC")
    assert sC.kind == "sum" and [(e.weight, e.source) for e in sC.sources] == \
        [("w_A_C", "A"), ("w_B_C", "B")] and sC.bias is None
    C = plan.step("C")
    assert (C.kind, C.sum, C.activation, C.slope) == ("activation", "sC", "sigmoid", "dC_wrt_sC")


def test_the_seed_plan_runs_backward_layer_by_layer():
    plan = plan_of(seed_network())
    assert [s.name for s in plan.backward] == [
        "dL_wrt_f", "dL_wrt_sF", "dL_wrt_w_C_f", "dL_wrt_w_D_f",
        "dL_wrt_C", "dL_wrt_sC", "dL_wrt_D", "dL_wrt_sD",
        "dL_wrt_w_A_C", "dL_wrt_w_B_C", "dL_wrt_w_A_D", "dL_wrt_w_B_D",
        "dL_wrt_A", "dL_wrt_sA", "dL_wrt_B", "dL_wrt_sB",
        "dL_wrt_w_I1_A", "dL_wrt_w_I2_A", "dL_wrt_w_I1_B", "dL_wrt_w_I2_B"]
    a = plan.step("dL_wrt_A")
    assert a.kind == "node error"
    assert [(p.name, p.target, p.sum_error, p.weight) for p in a.parts] == [
        ("dL_wrt_A_from_C", "C", "dL_wrt_sC", "w_A_C"),
        ("dL_wrt_A_from_D", "D", "dL_wrt_sD", "w_A_D")]
    w = plan.step("dL_wrt_w_A_C")
    assert (w.weight, w.source, w.sum_error, w.link) == ("w_A_C", "A", "dL_wrt_sC", "dsC_wrt_w_A_C")
    assert plan.step("dL_wrt_f").correct == "correct"
    # Paths from each node to f: A reaches f through C and through D.
    assert plan.path_counts == {"f": 1, "C": 1, "D": 1, "A": 2, "B": 2, "I1": 4, "I2": 4}


def test_biases_and_two_outputs_appear_in_the_plan():
    plan = plan_of(make_network((2, 2, 2), biases=True))
    assert plan.step("sA").bias == "b_A"
    assert plan.step("dL_wrt_b_f1").sum_error == "dL_wrt_sF1"
    two = plan_of(two_output_network())
    assert [s.correct for s in two.backward if s.kind == "loss slope"] == ["correct_f1",
                                                                           "correct_f2"]
    assert two.path_counts["A"] == 4


def test_the_plan_is_shared_by_every_network_with_the_same_layout():
    net = seed_network()
    assert plan_of(net) is plan_of(net.with_weights(w_A_C=0.1))
    assert plan_of(net) is not plan_of(net.with_activation("tanh"))


@pytest.mark.parametrize("layers, why", [
    ((("I1",), ("A_B", "C"), ("f",)), "'_'"),
    ((("I1",), ("sA", "A"), ("f",)), "sum name"),
    ((("I1",), ("L",), ("f",)), "another value"),
    ((("I1",), ("class",), ("f",)), "keyword"),
    ((("I1",), ("dL_wrtX",), ("f",)), "'_'"),
    ((("I1",), ("1A",), ("f",)), "letters"),
    ((("I1",), ("F",), ("f",)), "'sF'"),
    ((("I1",), ("A", "A"), ("f",)), "unique"),
])
def test_node_names_that_would_clash_are_refused(layers, why):
    with pytest.raises(CourseInputError, match=why):
        check_node_names(layers)
    with pytest.raises(CourseInputError):
        Network(layers, [[[0.1] * len(b) for _ in a] for a, b in zip(layers, layers[1:])])


def test_nothing_given_is_dropped():
    rows = [[[0.1, 0.2]], [[0.3], [0.4]]]
    with pytest.raises(CourseInputError, match="one weight matrix per pair of layers"):
        Network((("I1",), ("A", "B"), ("f",)), rows + [[[0.5]]])
    with pytest.raises(CourseInputError, match="one bias vector"):
        Network((("I1",), ("A", "B"), ("f",)), rows, biases=[[0, 0], [0], [0]])
    with pytest.raises(CourseInputError, match=r"shape \(2, 1\)"):
        Network((("I1",), ("A", "B"), ("f",)), [[[0.1, 0.2]], [[0.3, 0.9], [0.4, 0.9]]])


def test_large_networks_build_and_run():
    wide = make_network((2, 1000, 1), "tanh", seed=3)
    grads = backward(forward(wide, [0.5, -0.5]), 0.2)
    assert len(grads.weights) == 3000
    deep = make_network((2,) + (3,) * 50 + (1,), "tanh", seed=4)
    grads = backward(forward(deep, [0.5, -0.5]), 0.2)
    chain = grads.chain("w_I1_A")
    assert chain.path_count == 3 ** 49 and chain.paths == ()   # A, then 49 layers of 3
    lines = grads.explain("w_I1_A")
    assert f"{3 ** 49} paths" in lines.symbolic and lines.value == grads.weights["w_I1_A"]


def test_make_network_takes_any_whole_seed_and_refuses_others():
    assert make_network(seed=-1).weights != make_network(seed=1).weights
    for seed in ("x", 1.5, None, True):
        with pytest.raises(CourseInputError, match="seed"):
            make_network(seed=seed)


def test_the_reuse_line_shows_its_factors():
    grads = backward(forward(seed_network(), [1.0, 0.5]), 1.0)
    reuse = grads.explain("w_C_f").reuse
    factors = reuse.split(" = ")[2].split(" * ")
    assert reuse.startswith("dL_wrt_w_C_f = dL_wrt_sF * C = ")
    sF_error, C = (float(x.strip("()")) for x in factors)
    assert math.isclose(sF_error, grads["dL_wrt_sF"], rel_tol=1e-3)
    assert math.isclose(C, forward(seed_network(), [1.0, 0.5])["C"], rel_tol=1e-3)
