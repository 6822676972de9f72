"""Checks of notebooks 07 and 07b: one line of the backward loop, and the first layer's delta.

RIGHT and MISTAKES are read by tests/test_exercise_contract.py, like every notebook's table.
"""
import random

import numpy as np
import pytest
from hypothesis import given, strategies as st

from course_lib.exercises.arrays import check_array, check_values
from course_lib.exercises.automate import check_delta_AB, check_error_at_sum

from seed_by_hand import (I1, I2, correct, w_A_C, w_A_D, w_B_C, w_B_D, w_C_f, w_D_f, w_I1_A,
                          w_I1_B, w_I2_A, w_I2_B)

# The seed sample as matrices, from seed_by_hand's sample and weights, and a forward and
# backward pass of its own in matrix form (no course_lib): row i of W[k] is what node i of
# layer k sends to each node of the next layer.
X = np.array([[I1, I2]])
W = [np.array([[w_I1_A, w_I1_B], [w_I2_A, w_I2_B]]), np.array([[w_A_C, w_A_D], [w_B_C, w_B_D]]),
     np.array([[w_C_f], [w_D_f]])]
S_AB = X @ W[0]
A_AB = 1 / (1 + np.exp(-S_AB))
A_CD = 1 / (1 + np.exp(-(A_AB @ W[1])))
f = 1 / (1 + np.exp(-(A_CD @ W[2])))
delta_f = 2 * (f - correct) * f * (1 - f)
dA_CD = delta_f @ W[2].T
delta_CD = dA_CD * A_CD * (1 - A_CD)
DELTA_AB = (delta_CD @ W[1].T) * A_AB * (1 - A_AB)


def right_line(dL_wrt_X, X):
    return dL_wrt_X * X * (1 - X)


RIGHT = {check_error_at_sum: right_line, check_delta_AB: DELTA_AB}

MISTAKES = [
    (check_error_at_sum, lambda d, x: d * x * (1 - x) * x * (1 - x), "slope twice"),
    (check_error_at_sum, lambda d, x: d * (1 - x), "1 - X only"),
    (check_error_at_sum, lambda d, x: d / (x * (1 - x)), "divided by the slope"),
    (check_error_at_sum, lambda d, x: d * x,
     "X itself instead of its slope, activation_function_derivative('sigmoid', X)"),
    (check_delta_AB, delta_CD @ W[1].T, "is dA_AB, the errors at the nodes"),
    (check_delta_AB, dA_CD @ W[1].T, "both slopes are missing"),
    (check_delta_AB, (dA_CD @ W[1].T) * A_AB * (1 - A_AB), "sent back dA_CD"),
    (check_delta_AB, delta_CD, "delta of the layer after"),
    (check_delta_AB, (delta_CD @ W[1].T) * A_AB, "A_AB itself"),
    (check_delta_AB, (delta_CD @ W[1].T) * (1 - A_AB), "1 - A_AB only"),
    (check_delta_AB, (delta_CD @ W[1].T) * A_CD * (1 - A_CD), "slope of the layer after"),
    (check_delta_AB, (delta_CD @ W[1].T) * (A_AB * (1 - A_AB)) ** 2, "slope twice"),
    (check_delta_AB, DELTA_AB.T, "the numbers are right, but it has shape (2, 1), a column"),
    (check_delta_AB, DELTA_AB.ravel(), "the numbers are right, but it has shape (2,)"),
    (check_delta_AB, DELTA_AB.tolist(), "Python list, not a numpy array"),
    (check_delta_AB, (W[1] @ delta_CD.T) * A_AB * (1 - A_AB), "numpy broadcasts into an n×n"),
    (check_delta_AB, -DELTA_AB.T, "sign is flipped; and it has shape (2, 1)"),
]


def test_error_at_sum_right_answer():
    assert check_error_at_sum(right_line).correct
    assert check_error_at_sum(lambda dL_wrt_X, X: dL_wrt_X * (X - X * X)).correct


@pytest.mark.parametrize("line, words", [
    (lambda d, x: d, "slope dX_wrt_sX is missing"),
    (lambda d, x: d * x, "multiplied by X itself"),
    (lambda d, x: d + x * (1 - x), "added the slope"),
    (lambda d, x: -d * x * (1 - x), "sign is flipped"),
])
def test_error_at_sum_mistakes(line, words):
    verdict = check_error_at_sum(line)
    assert verdict.status == "mistake" and words in verdict.message, verdict.message


def test_error_at_sum_not_attempted_and_invalid():
    def unattempted(dL_wrt_X, X):
        dL_wrt_sX = ...
        return dL_wrt_sX
    assert check_error_at_sum(...).status == "not attempted"
    assert check_error_at_sum(unattempted).status == "not attempted"
    assert check_error_at_sum(lambda d, x: "abc").status == "invalid"
    assert check_error_at_sum(lambda d, x: None).status == "invalid"
    assert check_error_at_sum(lambda d, x: float("nan")).status == "invalid"
    assert check_error_at_sum(lambda d: d).status == "invalid"      # wrong signature: no crash
    assert check_error_at_sum("abc").status == "invalid"


@given(st.floats(-5, 5, allow_nan=False), st.floats(0.1, 5))
def test_error_at_sum_rejects_other_lines(shift, scale):
    verdict = check_error_at_sum(lambda d, x: scale * right_line(d, x) + shift)
    if abs(shift) > 1e-3 or abs(scale - 1) > 1e-2:
        assert verdict.status != "correct"


def test_delta_AB_right_answer_is_a_row_and_other_layouts_are_named():
    assert check_delta_AB(DELTA_AB).correct                 # shape (1, 2), like the notebook
    for layout in (DELTA_AB.ravel().tolist(), DELTA_AB.ravel(), DELTA_AB.T, DELTA_AB.tolist()):
        verdict = check_delta_AB(layout)
        assert verdict.status == "mistake" and "the numbers are right" in verdict.message
        assert "(1, 2)" in verdict.message                  # says what shape was expected


@pytest.mark.parametrize("mistaken, words", [
    (delta_CD @ W[1].T, "forgot the activation slope"),
    ((delta_CD @ W[1]) * A_AB * (1 - A_AB), "instead of W[1].T"),
    ((delta_CD @ W[1].T) * S_AB * (1 - S_AB), "from the sums S_AB"),
    ((delta_CD @ W[1].T) / 2 * A_AB * (1 - A_AB), "averaged"),
    (-DELTA_AB, "sign is flipped"),
])
def test_delta_AB_mistakes(mistaken, words):
    verdict = check_delta_AB(mistaken)
    assert verdict.status == "mistake" and words in verdict.message, verdict.message


def test_delta_AB_random_wrong_values():
    rng = np.random.default_rng(7)
    for _ in range(200):
        assert not check_delta_AB(DELTA_AB * rng.uniform(1.05, 20, size=2)).correct


def test_delta_AB_not_attempted_and_invalid():
    assert check_delta_AB(...).status == "not attempted"
    for junk in ("abc", None, [1.0, 2.0, 3.0], [np.nan, 1.0], [[True, False]], 0.5,
                 np.zeros((3, 3))):
        verdict = check_delta_AB(junk)
        assert verdict.status == "invalid", verdict.message


def test_check_values_one_wrong_number_is_wrong():
    assert check_values([1.0, 2.0], [1.0, 2.0], "x").correct
    assert check_values([1.0, 2.5], [1.0, 2.0], "x").status == "wrong"
    rng = random.Random(1)
    values = [rng.uniform(-1, 1) for _ in range(5)]
    assert check_values(values, values, "x", {"m": values}).correct   # a mistake equal to right is not named


def test_error_at_sum_says_which_node_and_what_was_wrong():
    # the first node asked is f: dL_wrt_f = -0.933, f = 0.5335 (seed_by_hand)
    assert check_error_at_sum(lambda d, x: "abc").message == (
        "✗ error_at_sum: error_at_sum(-0.933, 0.5335) for node f: expected a number, got the "
        "text 'abc'.")
    assert check_error_at_sum("abc").message == "✗ error_at_sum: expected a function, got 'abc'."
    assert check_error_at_sum(lambda d, x: 1 / 0).message == (
        "✗ error_at_sum: error_at_sum(-0.933, 0.5335) for node f raised ZeroDivisionError: "
        "'division by zero'")


def test_error_at_sum_on_another_network_and_sample():
    """A tanh network: the right line is dL_wrt_X * (1 - X**2), the sigmoid's is a mistake."""
    from course_lib import seed_network
    tanh = seed_network("tanh")
    sample = {"I1": 0.3, "I2": -0.8, "correct": 0.25}
    assert check_error_at_sum(lambda d, x: d * (1 - x * x), network=tanh, sample=sample).correct
    assert not check_error_at_sum(right_line, network=tanh, sample=sample).correct
    assert check_error_at_sum(right_line, sample=sample).correct


# --- check_values and check_array, the helpers behind them, on their own ------------------
def test_check_values_lists_the_numbers_it_was_given():
    assert check_values([1.0, 2.0], [1, 2], "x").message == "✓ x = [1, 2]. Correct!"
    assert check_values([1.0, 2.5], [1, 2], "x").message == "✗ x = [1, 2.5] is not right."
    assert check_values((1.0, 2.5), [1, 2], "x", hint="look at 2").message == (
        "✗ x = [1, 2.5] is not right. Hint: look at 2")
    assert check_values(np.array([[1.0], [2.0]]), [1, 2], "x").correct   # any shape, in order
    assert check_values([1.0, 2.0 * (1 + 0.99e-3)], [1, 2], "x").correct
    assert not check_values([1.0, 2.0 * (1 + 1.01e-3)], [1, 2], "x").correct


@pytest.mark.parametrize("answer, words", [
    ("12", "expected 2 numbers, got '12'."), (None, "expected 2 numbers"),
    ([1.0, "a"], "expected 2 numbers"), ([[1.0], [2.0, 3.0]], "expected 2 numbers"),
    ([1.0, 2.0, 3.0], "expected 2 numbers (shape (2,)), got 3 (shape (3,))."),
    ([1.0, np.nan], "expected finite numbers, got [1, nan]."),
    ([np.inf, 2.0], "expected finite numbers")])
def test_check_values_junk_is_invalid_and_says_why(answer, words):
    verdict = check_values(answer, [1.0, 2.0], "x")
    assert verdict.status == "invalid" and words in verdict.message, verdict.message
    assert check_values(..., [1.0, 2.0], "x").status == "not attempted"


def test_check_values_names_a_mistake_only_when_every_number_matches():
    mistakes = {"you doubled": [2.0, 4.0]}
    assert check_values([2.0, 4.0], [1, 2], "x", mistakes).message == (
        "✗ x = [2, 4] is not right: it looks like you doubled.")
    assert check_values([2.0, 2.0], [1, 2], "x", mistakes).status == "wrong"
    assert check_values([2.0, 4.0], [1, 2], "x", {"too short": [2.0]}).status == "wrong"


def test_check_array_a_one_node_layer_is_not_a_broadcast():
    assert check_array(np.array([[0.5]]), [[0.5]], "d").correct
    assert check_array(np.array([[0.5, 0.0], [0.0, 0.7]]), [[0.5, 0.7]], "d").status == "mistake"


def test_check_array_a_mistake_and_a_layout_problem_are_both_said():
    verdict = check_array(np.array([[-1.0], [-2.0]]), [[1.0, 2.0]], "d",
                          {"the sign is flipped": [[-1.0, -2.0]]})
    assert verdict.message == (
        "✗ d = [-1, -2]: the sign is flipped; and it has shape (2, 1), a column: a layer is a "
        "row, one row per sample and one column per node, shape (1, 2) (a transpose too many?).")
    assert check_array(np.array([[3.0], [2.0]]), [[1.0, 2.0]], "d").message.startswith(
        "✗ d = [3, 2]: the numbers are not right either, and it has shape (2, 1)")


def test_delta_AB_on_a_network_whose_first_layer_is_tanh():
    """The slope of A and B is the tanh's, 1 - A_AB**2: the mistakes use it too."""
    from course_lib import SEED_WEIGHTS, make_network
    net = make_network((2, 2, 2, 1), ("tanh", "sigmoid", "sigmoid"), weights=SEED_WEIGHTS)
    a_ab = np.tanh(X @ W[0])
    a_cd = 1 / (1 + np.exp(-(a_ab @ W[1])))
    out = 1 / (1 + np.exp(-(a_cd @ W[2])))
    da_cd = (2 * (out - correct) * out * (1 - out)) @ W[2].T
    d_cd = da_cd * a_cd * (1 - a_cd)
    right = (d_cd @ W[1].T) * (1 - a_ab ** 2)
    assert check_delta_AB(right, network=net).correct
    verdict = check_delta_AB((da_cd @ W[1].T) * (1 - a_ab ** 2), network=net)
    assert verdict.status == "mistake" and "you sent back dA_CD" in verdict.message
    verdict = check_delta_AB((d_cd @ W[1].T) * (1 - a_ab ** 2) ** 2, network=net)
    assert verdict.status == "mistake" and "slope twice" in verdict.message


def test_delta_AB_with_a_tanh_first_layer_by_hand():
    """The first hidden layer tanh, the others sigmoid: each layer's slope is its own."""
    from course_lib.core.build import seed_network

    network = seed_network().with_activation(("tanh", "sigmoid", "sigmoid"))
    a_ab = np.tanh(S_AB)
    a_cd = 1 / (1 + np.exp(-(a_ab @ W[1])))
    out = 1 / (1 + np.exp(-(a_cd @ W[2])))
    d_cd = (2 * (out - correct) * out * (1 - out)) @ W[2].T * a_cd * (1 - a_cd)
    assert check_delta_AB((d_cd @ W[1].T) * (1 - a_ab ** 2), network).status == "correct"
    after = check_delta_AB((d_cd @ W[1].T) * a_cd * (1 - a_cd), network)   # sigmoid, layer CD
    assert after.status == "mistake" and "slope of the layer after" in after.message


def test_delta_AB_of_a_2_3_2_1_network_by_hand():
    """Three nodes in the first hidden layer, two in the next: averaging what each of the three
    receives divides by the 2 errors it gets back, not by 3."""
    from course_lib import make_network
    from course_lib.matrices.layout import weight_matrices

    network = make_network((2, 3, 2, 1), seed=7)
    w = weight_matrices(network)                          # read the weights, compute by hand
    sig = lambda s: 1 / (1 + np.exp(-s))                  # noqa: E731
    a_ab = sig(X @ w[0])
    a_cd = sig(a_ab @ w[1])
    out = sig(a_cd @ w[2])
    d_cd = (2 * (out - correct) * out * (1 - out)) @ w[2].T * a_cd * (1 - a_cd)
    back, slope = d_cd @ w[1].T, a_ab * (1 - a_ab)
    assert check_delta_AB(back * slope, network).status == "correct"
    averaged = check_delta_AB(back / 2 * slope, network)
    assert averaged.status == "mistake" and "averaged" in averaged.message
