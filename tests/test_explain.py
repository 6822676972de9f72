"""explain(): a gradient written out as the article's line of code, symbolic and with numbers.

The symbolic lines below are the specification, written by hand from the article:
"what is the weight going through", one factor per step, the last factor being what the
weight was multiplied by. The numbers come from the hand computation in seed_by_hand.
"""
import math
import re

import pytest

from course_lib import (SEED_WEIGHTS, backward, explain, forward, make_network, seed_network,
                        two_output_network)

from seed_by_hand import HAND, I1, I2, correct  # the hand-computed seed values


@pytest.fixture(scope="module")
def grads():
    return backward(forward(seed_network(), [I1, I2]), correct)


def numeric_parts(line, weight):
    """'dL_wrt_w = (-0.933) * 0.2489 + ... = -0.121214' -> ([[-0.933, 0.2489], ...], -0.121214)."""
    left, products, result = line.split(" = ")
    assert left == f"dL_wrt_{weight}"
    paths = [[float(n.strip("()")) for n in p.split(" * ")] for p in products.split(" + ")]
    return paths, float(result)


def four_digits(value):
    """The value as printed with 4 significant digits, read back."""
    return float(f"{value:.4g}")


def test_w_C_f_symbolic(grads):
    e = grads.explain("w_C_f")
    assert e.weight == "w_C_f"
    assert e.symbolic == "dL_wrt_w_C_f = dL_wrt_f * df_wrt_sF * C"
    assert e.reuse.startswith("dL_wrt_w_C_f = dL_wrt_sF * C = ")


def test_w_A_C_symbolic(grads):
    e = grads.explain("w_A_C")
    assert e.symbolic == "dL_wrt_w_A_C = dL_wrt_f * df_wrt_sF * dsF_wrt_C * dC_wrt_sC * A"
    # The article's reuse: the first factors are the error already sent back to C.
    assert e.reuse.startswith("dL_wrt_w_A_C = dL_wrt_sC * A = ")


def test_w_I1_A_symbolic_has_one_product_per_path_joined_by_plus(grads):
    e = grads.explain("w_I1_A")
    assert e.symbolic == (
        "dL_wrt_w_I1_A = "
        "dL_wrt_f * df_wrt_sF * dsF_wrt_C * dC_wrt_sC * dsC_wrt_A * dA_wrt_sA * I1"
        " + "
        "dL_wrt_f * df_wrt_sF * dsF_wrt_D * dD_wrt_sD * dsD_wrt_A * dA_wrt_sA * I1")
    assert e.reuse.startswith("dL_wrt_w_I1_A = dL_wrt_sA * I1 = ")


@pytest.mark.parametrize("weight, factors", [
    # the hand values of each factor, in the article's order
    ("w_C_f", [["dL_wrt_f", "df_wrt_sF", "C"]]),
    ("w_A_C", [["dL_wrt_f", "df_wrt_sF", 1.1, "dC_wrt_sC", "A"]]),
    ("w_I1_A", [["dL_wrt_f", "df_wrt_sF", 1.1, "dC_wrt_sC", 0.6, "dA_wrt_sA", 1.0],
                ["dL_wrt_f", "df_wrt_sF", -0.9, "dD_wrt_sD", -0.8, "dA_wrt_sA", 1.0]]),
])
def test_numeric_line_fills_in_the_numbers_and_ends_with_the_gradient(grads, weight, factors):
    e = grads.explain(weight)
    paths, result = numeric_parts(e.numeric, weight)
    expected = [[four_digits(HAND[f] if isinstance(f, str) else f) for f in path]
                for path in factors]
    assert paths == expected
    # The final number parses to the gradient (printed with 6 significant digits).
    gradient = HAND[f"dL_wrt_{weight}"]
    assert result == pytest.approx(gradient, rel=1e-5)
    assert e.value == pytest.approx(gradient, rel=1e-12)
    # Negative factors are bracketed, as in (-0.933) * 0.2489, so the line reads as code.
    assert re.search(r"(^|[ =*+] )-\d", e.numeric.split(" = ")[1]) is None
    # ... and the 4-digit factors multiply out to the result, near enough to see it.
    assert math.fsum(math.prod(p) for p in paths) == pytest.approx(result, rel=2e-3)


def test_reuse_line_number_is_the_gradient(grads):
    for weight in ("w_C_f", "w_A_C", "w_I1_A", "w_I2_B"):
        e = grads.explain(weight)
        number = float(e.reuse.rsplit(" = ", 1)[1].strip("()"))
        assert number == four_digits(HAND[f"dL_wrt_{weight}"])


def test_explain_function_and_method_agree_and_print_three_lines(grads):
    e = explain(grads, "w_A_C")
    assert e == grads.explain("w_A_C")
    assert e.lines == (e.symbolic, e.numeric, e.reuse)
    assert str(e) == "\n".join(e.lines)


def test_bias_ends_with_1():
    net = make_network((2, 2, 2, 1), biases=True, weights=SEED_WEIGHTS)   # biases all 0
    grads = backward(forward(net, [I1, I2]), correct)
    e = grads.explain("b_C")
    assert e.symbolic == "dL_wrt_b_C = dL_wrt_f * df_wrt_sF * dsF_wrt_C * dC_wrt_sC * 1"
    # dL_wrt_sC = -0.0637304282962 (seed_by_hand), times 1, printed with 4 digits
    assert e.reuse == "dL_wrt_b_C = dL_wrt_sC * 1 = (-0.06373) * 1 = (-0.06373)"
    _, result = numeric_parts(e.numeric, "b_C")
    assert result == pytest.approx(HAND["dL_wrt_sC"], rel=1e-5)   # zero biases: same sums


def test_two_outputs_write_one_product_per_output():
    grads = backward(forward(two_output_network(), [I1, I2]), {"f1": 1.0, "f2": 0.0})
    assert grads.explain("w_A_C").symbolic == (
        "dL_wrt_w_A_C = dL_wrt_f1 * df1_wrt_sF1 * dsF1_wrt_C * dC_wrt_sC * A"
        " + dL_wrt_f2 * df2_wrt_sF2 * dsF2_wrt_C * dC_wrt_sC * A")
    assert grads.explain("w_C_f2").symbolic == "dL_wrt_w_C_f2 = dL_wrt_f2 * df2_wrt_sF2 * C"
    # A and sC as in the one-output network; the error at C is summed from f1 and f2:
    # dL_wrt_C = -0.255417593581 + -0.106187303837 = -0.361604897417 (seed_by_hand)
    _, result = numeric_parts(grads.explain("w_A_C").numeric, "w_A_C")
    assert result == pytest.approx(-0.361604897417 * HAND["dC_wrt_sC"] * HAND["A"], rel=1e-5)
