"""Checks of notebook 10 (code generation): the generated line of a weight, the line count.

The right line is the article's reuse line, written out; the count of a 2-3-1 network with
biases is added up here by hand: per node a sum, an activation and a slope; L; then the
output's error, per node the error at its sum, per weight and bias its gradient, per hidden
node its error.
"""
import pytest

from course_lib.exercises import check_generated_line, check_line_count

HIDDEN, OUTPUTS, INPUTS = 3, 1, 2
NODES = HIDDEN + OUTPUTS
WEIGHTS = INPUTS * HIDDEN + HIDDEN * OUTPUTS
COUNT = 3 * NODES + 1 + (OUTPUTS + NODES + WEIGHTS + NODES + HIDDEN)   # 12 + 1 + 21 = 34
SEED_COUNT = 3 * 5 + 1 + (1 + 5 + 10 + 4)     # the seed network, no biases: 36

RIGHT = {check_generated_line: "dL_wrt_w_A_C = dL_wrt_sC * A", check_line_count: COUNT}

MISTAKES = [
    (check_generated_line, "dL_wrt_w_A_C = dL_wrt_sC * w_A_C", "the weight w_A_C where the node"),
    (check_generated_line, "dL_wrt_w_A_C = dL_wrt_C * A", "the error at the node C"),
    (check_generated_line, "dL_wrt_w_A_C = dL_wrt_sC * C", "the node the weight goes INTO"),
    (check_generated_line, "dL_wrt_w_A_C = dL_wrt_sC * sA", "the sum sA"),
    (check_generated_line, "dL_wrt_w_A_C = dL_wrt_sC * B", "the line of w_B_C"),
    (check_generated_line, "dL_wrt_w_A_C = dL_wrt_sC * dC_wrt_sC * A", "already holds it"),
    (check_generated_line, "dL_wrt_w_A_C = dL_wrt_C * dC_wrt_sC * A", "right value, but"),
    (check_generated_line, "dL_wrt_w_A_C = dL_wrt_f * df_wrt_sF * w_C_f * dC_wrt_sC * A",
     "the whole chain"),
    (check_generated_line, "dL_wrt_w_A_C = dL_wrt_f*df_wrt_sF*dsF_wrt_C*dC_wrt_sC*A",
     "the whole chain"),
    (check_generated_line, "dL_wrt_w_A_C = -dL_wrt_sC * A", "sign is flipped"),
    (check_generated_line, "dL_wrt_A_C = dL_wrt_sC * A", "must compute dL_wrt_w_A_C"),
    (check_generated_line, "dL_wrt_w_A_C = dL_wrt_sA * A", "where the weight comes FROM"),
    (check_generated_line, "dL_wrt_w_A_C = dL_wrt_sC * A * w_A_C", "both A and w_A_C"),
    (check_line_count, SEED_COUNT + INPUTS, "the seed network's values"),
    (check_line_count, COUNT - NODES, "slope lines"),
    (check_line_count, COUNT - NODES, "bias lines"),
    (check_line_count, COUNT - 1, "the loss line"),
    (check_line_count, COUNT - HIDDEN, "dL_wrt_X lines"),
    (check_line_count, COUNT + INPUTS, "errors for the 2 inputs"),
    (check_line_count, 3 * NODES, "only the forward pass"),
    (check_line_count, COUNT - 3 * NODES - 1, "only the backward pass"),
]


@pytest.mark.parametrize("line", ["dL_wrt_w_A_C=A*dL_wrt_sC", "double dL_wrt_w_A_C=dL_wrt_sC*A;",
                                  "  dL_wrt_w_A_C = dL_wrt_sC * A * 1  "])
def test_the_right_line_in_any_spelling(line):
    assert check_generated_line(line).correct


def test_another_weight_and_an_input():
    assert check_generated_line("dL_wrt_w_I2_B = dL_wrt_sB * I2", weight="w_I2_B").correct
    verdict = check_generated_line("dL_wrt_w_I2_B = dL_wrt_sB * sI2", weight="w_I2_B")
    assert verdict.status == "wrong"                        # an input has no sum to mistake


@pytest.mark.parametrize("junk", ["abc", "dL_wrt_w_A_C", "= dL_wrt_sC * A", 3.0, None])
def test_a_line_must_be_text_of_the_form_name_equals(junk):
    assert check_generated_line(junk).status == "invalid"


def test_a_count_is_a_whole_number():
    assert check_line_count(float(COUNT)).correct
    for junk in (COUNT + 0.5, -1, "34"):
        assert check_line_count(junk).status == "invalid"


def test_read_line_by_hand():
    from collections import Counter
    from course_lib.exercises.code_generation import read_line
    assert read_line("double x = -a * b * 1;") == ("x", "-", Counter({"a": 1, "b": 1}))
    assert read_line("x=a*a*2.5") == ("x", "", Counter({"a": 2, "2.5": 1}))
    assert read_line("x = a * (b + c)") == ("x", "", None)       # not one product of names
    assert read_line("x + 1") is None


def test_a_line_that_is_not_a_product_says_so():
    line = "dL_wrt_w_A_C = dL_wrt_sC * (A + 1)"
    assert check_generated_line(line).message == (
        f"✗ {line!r} is not the generated line: it is one product of names. Hint: what is the "
        "error at the sum the weight feeds, and what does the weight get multiplied by there?")


def test_counting_the_inputs_is_named_both_ways():
    message = check_line_count(COUNT + INPUTS).message
    assert "you counted errors for the 2 inputs too" in message
    assert "you counted the 2 inputs: they are arguments, not lines" in message


def test_a_count_of_0_is_wrong_and_below_0_invalid():
    assert check_line_count(0).status == "wrong"
    assert check_line_count(-1).message == "✗ line_count: expected a whole number of lines, got -1."


def test_the_backward_pass_alone_is_named_with_its_own_count():
    backward_only = COUNT - 3 * NODES - 1                # less the forward lines and L: 21
    verdict = check_line_count(backward_only)
    assert verdict.status == "mistake"
    assert f"you counted only the backward pass ({backward_only} lines)" in verdict.message
