"""The core at its edges: tolerances, overflows and limits, each tested just inside and just
outside, with oracles written here by hand (never the library's own helpers).

These are the tests the mutation run (python -m course_tools.mutation) asked for: each one
fails when a one-line change moves an edge (a default tolerance, a `<` that becomes `<=`, an
overflow check removed, a limit raised by one).
"""
import dataclasses
import math
from fractions import Fraction

import numpy as np
import pytest

from course_lib import (DivergedError, Network, CourseInputError, backward, backward_batch,
                        forward, forward_batch, gradient_check, make_network, nudge,
                        relative_error, seed_network, update)
from course_lib.core.activations import ACTIVATIONS, activation_function, get_activation
from course_lib.core.errors import (UnknownNameError, check_finite_result, check_number,
                                    read_number, shown)
from course_lib.core.explain import number
from course_lib.core.gradcheck import GradientCheck
from course_lib.core.losses import LOSSES, check_loss, get_loss, loss_value

from seed_by_hand import HAND, I1, I2, correct

SAMPLE = [I1, I2]


# --- gradient_check(...).passed(): the default tolerance is 1e-6, and "passed" means below it
def one_row(error):
    """A GradientCheck of one weight whose relative error is `error`, written by hand."""
    return GradientCheck({"w_C_f": (1.0, 1.0 + error, error)})


@pytest.mark.parametrize("error, passed", [(0.0, True), (5e-7, True), (9.99e-7, True),
                                           (1e-6, False), (2e-6, False), (1e-3, False)])
def test_passed_uses_a_default_tolerance_of_1e_minus_6(error, passed):
    assert one_row(error).passed() is passed


def test_passed_with_a_tolerance_given():
    assert one_row(2e-6).passed(tolerance=3e-6) and not one_row(2e-6).passed(tolerance=1e-6)
    assert not one_row(1e-3).passed(tolerance=1e-3)            # equal is not below
    with pytest.raises(CourseInputError, match="tolerance must be greater than 0"):
        one_row(0.0).passed(tolerance=0)


def test_max_relative_error_is_the_largest_row():
    check = GradientCheck({"a": (1.0, 1.0, 1e-9), "b": (2.0, 2.0, 4e-7), "c": (0.0, 0.0, 0.0)})
    assert check.max_relative_error == 4e-7 and check.passed()


def scaled(name, factor):
    """The seed sample's right gradients (by hand), with `name`'s multiplied by `factor`."""
    grads = {w: HAND[f"dL_wrt_{w}"] for w in seed_network().weights}
    grads[name] *= factor
    return grads


@pytest.mark.parametrize("name", ["w_C_f", "w_I2_B"])
def test_gradient_check_passes_an_error_of_5e_7_and_fails_2e_6(name):
    net = seed_network()
    assert gradient_check(net, SAMPLE, correct).passed()
    near = gradient_check(net, SAMPLE, correct, gradients=scaled(name, 1 + 5e-7))
    assert 4e-7 < near.rows[name][2] < 6e-7 and near.passed()
    far = gradient_check(net, SAMPLE, correct, gradients=scaled(name, 1 + 2e-6))
    assert 1.9e-6 < far.rows[name][2] < 2.1e-6 and not far.passed()
    assert far.max_relative_error == far.rows[name][2]


@pytest.mark.parametrize("analytic, numeric, expected", [
    (1.0, 1.0, 0.0), (1.0, 1.25, 0.2), (-2.0, 2.0, 2.0), (0.5, 0.5 + 2 ** -20, 2 ** -20 / (0.5 + 2 ** -20)),
    (0.0, 0.0, 0.0), (0.0, 1e-17, 1e-17 / 1e-8), (3.0, 0.0, 1.0), (-1e-9, 1e-9, 2e-9 / 1e-8)])
def test_relative_error_by_hand(analytic, numeric, expected):
    assert relative_error(analytic, numeric) == pytest.approx(expected, rel=1e-12, abs=0)
    assert relative_error(numeric, analytic) == pytest.approx(expected, rel=1e-12, abs=0)


def test_nudge_uses_h_1e_minus_6_by_default_and_its_record_is_frozen():
    n = nudge(seed_network(), SAMPLE, correct, "w_C_f")
    assert n.h == 1e-6 and n.weight == "w_C_f"
    assert n.slope == (n.loss_plus - n.loss_minus) / 2e-6
    assert n.slope == pytest.approx(HAND["dL_wrt_w_C_f"], rel=1e-8)
    assert nudge(seed_network(), SAMPLE, correct, "w_C_f", h=1e-3).h == 1e-3
    with pytest.raises(dataclasses.FrozenInstanceError):
        n.slope = 0.0


# --- overflow on purpose: the DivergedError messages -------------------------------------
def chain_network(layers=27, weight=1e6):
    """I1 -> A -> B -> ... -> f, one node per layer, linear, every weight `weight`."""
    names = make_network((1,) * layers).layers
    return Network(names, [[[weight]]] * (layers - 1), None, "linear")


def test_backward_names_the_first_derivative_that_overflows():
    # f = 1e6 * (1e6)**26 = 1e162 is a float, so is dL_wrt_f = 2*(f - 0) = 2e162; but the
    # last weight's gradient dL_wrt_sF * (the node before f) = 2e162 * 1e156 is past 1.8e308.
    net = chain_network()
    trace = forward(net, [1e6])
    assert trace["f"] == pytest.approx(1e162, rel=1e-9)
    before_f = net.layers[-2][0]
    with pytest.raises(DivergedError, match=rf"^dL_wrt_w_{before_f}_f overflowed to inf: the "
                                            "weights have grown too large"):
        backward(trace, 0.0)


def test_a_chain_two_layers_shorter_does_not_overflow():
    trace = forward(chain_network(layers=25), [1e6])   # f = 1e150, L = 1e300, dL_wrt_w ~ 2e294
    grads = backward(trace, 0.0)
    assert grads.loss == pytest.approx(1e300, rel=1e-9)
    assert all(math.isfinite(v) for v in grads.values.values())


@pytest.mark.parametrize("biases, name, what", [(False, "w_C_f", "a weight"),
                                                (True, "b_C", "a bias"),
                                                (True, "w_I1_A", "a weight")])
def test_update_that_overflows_names_the_weight_or_bias(biases, name, what):
    net = make_network((2, 2, 2, 1), biases=biases)
    grads = dict(backward(forward(net, SAMPLE), correct).weights)
    grads[name] = -1e303                      # finite; w - 1e6 * (-1e303) = 1e309 is not
    with pytest.raises(DivergedError, match=rf"^{what} \({name}\) overflowed: the step was too "
                                            r"large\. Use a smaller learning_rate\.$"):
        update(net, grads, 1e6)
    grads[name] = -1e301                      # 1e307: still a float
    assert update(net, grads, 1e6)[name] == pytest.approx(1e307, rel=1e-9)


# --- number(): 4 significant digits, negatives in brackets, zero is 0 ----------------------
@pytest.mark.parametrize("value, text", [
    (0.0, "0"), (-0.0, "0"), (0, "0"), (-0.5, "(-0.5)"), (0.5, "0.5"), (2.0, "2"),
    (-0.0326616785786, "(-0.03266)"), (0.512497396484, "0.5125"), (-1e-7, "(-1e-07)"),
    (123456.0, "1.235e+05"), (-3, "(-3)")])
def test_number_as_the_course_prints_it(value, text):
    assert number(value) == text


def test_number_with_other_digits():
    assert number(-2 / 3, 2) == "(-0.67)" and number(2 / 3, 6) == "0.666667"


# --- with_weights: a keyword wins over the same name in the dict --------------------------
def test_with_weights_keyword_wins_over_the_dict():
    net = seed_network()
    both = net.with_weights({"w_A_C": 0.1, "w_C_f": 0.2}, w_A_C=0.5)
    assert both["w_A_C"] == 0.5 and both["w_C_f"] == 0.2
    assert both["w_B_C"] == net["w_B_C"] == -0.3                 # the others untouched
    assert net["w_A_C"] == 0.6                                   # and the old network too
    assert net.with_weights(w_A_C=0.25)["w_A_C"] == 0.25
    assert net.with_weights({"w_A_C": 0.25})["w_A_C"] == 0.25
    assert net.with_weights().weights == net.weights


def test_with_weights_refuses_a_non_dict_and_unknown_names():
    net = seed_network()
    with pytest.raises(CourseInputError, match="give the new weights as a dict by name"):
        net.with_weights([("w_A_C", 0.5)])
    with pytest.raises(CourseInputError, match="unknown weight 'w_A_X'"):
        net.with_weights({"w_A_X": 0.5})
    with pytest.raises(CourseInputError, match="unknown weight 'w_A_X'"):
        net.with_weights(w_A_X=0.5)


# --- the 1e6 limit on a value: 1e6 is allowed, the next float is not ---------------------
ABOVE = math.nextafter(1e6, math.inf)


@pytest.mark.parametrize("value", [1e6, -1e6, 1_000_000])
def test_1e6_is_allowed_everywhere(value):
    net = seed_network("linear")
    assert forward(net, [value, 0.0])["I1"] == value
    assert forward_batch(net, [[value, 0.0]]).activations[0][0, 0] == value
    assert backward(forward(net, [0.5, 0.5]), value).correct["f"] == value
    assert backward_batch(forward_batch(net, [[0.5, 0.5]]), [value]).loss > 0
    assert net.with_weights(w_A_C=value)["w_A_C"] == value


@pytest.mark.parametrize("value", [ABOVE, -ABOVE, 1e6 + 1, 1_000_001])
def test_just_over_1e6_is_refused_everywhere(value):
    net = seed_network("linear")
    for call in (lambda: forward(net, [value, 0.0]),
                 lambda: forward_batch(net, [[value, 0.0]]),
                 lambda: backward(forward(net, [0.5, 0.5]), value),
                 lambda: backward_batch(forward_batch(net, [[0.5, 0.5]]), [value]),
                 lambda: net.with_weights(w_A_C=value)):
        with pytest.raises(CourseInputError, match="too large|between -1e\\+06 and 1e\\+06"):
            call()


def test_the_batch_limit_names_x_or_y():
    net = seed_network()
    with pytest.raises(CourseInputError, match=r"^inputs X must lie between -1e\+06 and 1e\+06"):
        forward_batch(net, [[0.0, 0.0], [0.0, -ABOVE]])
    with pytest.raises(CourseInputError, match=r"^correct answers Y must lie between"):
        backward_batch(forward_batch(net, [[0.0, 0.0], [1.0, 1.0]]), [0.0, ABOVE])
    assert np.array_equal(forward_batch(net, np.array([[1e6, -1e6]])).activations[0],
                          [[1e6, -1e6]])


# --- what a message quotes, and where it cuts --------------------------------------------
def test_shown_cuts_a_value_to_40_characters():
    assert shown("x" * 38) == "'" + "x" * 38 + "'"                # 40 characters: kept whole
    assert shown("x" * 39) == "'" + "x" * 36 + "..."              # 41: cut to 40
    assert len(shown(list(range(100)))) == 40
    assert shown([1, 2], width=5) == "[1..." and shown([1, 2], width=6) == "[1, 2]"


def test_an_unknown_name_lists_twelve_known_names_then_dots():
    twelve = [f"w{i}" for i in range(12)]
    assert str(UnknownNameError("weight", "zzz", twelve)) == (
        "unknown weight 'zzz'. Known weights: w0, w1, w2, w3, w4, w5, w6, w7, w8, w9, w10, w11.")
    assert str(UnknownNameError("weight", "zzz", twelve + ["w12"])) == (
        "unknown weight 'zzz'. Known weights: w0, w1, w2, w3, w4, w5, w6, w7, w8, w9, w10, w11, "
        "....")
    assert str(UnknownNameError("loss", "sqaured", ["squared", "naive"])) == (
        "unknown loss 'sqaured'. Did you mean 'squared'? Known losses: squared, naive.")


@pytest.mark.parametrize("value, message", [
    (1e6 + 0.5, "x = 1000000.5 is too large: allowed values lie between -1e+06 and 1e+06."),
    (9_999_999.5, "x = 9999999.5 is too large: allowed values lie between -1e+06 and 1e+06."),
    (10_500_000.5, "x = 1.05e+07 is too large: allowed values lie between -1e+06 and 1e+06."),
    (-3e9, "x = -3e+09 is too large: allowed values lie between -1e+06 and 1e+06."),
    (10 ** 400, "x = a number of about 1e400 is too large: allowed values lie between "
                "-1e+06 and 1e+06."),
    (Fraction(10 ** 400), "x = a number too large for a float is too large: allowed values "
                          "lie between -1e+06 and 1e+06."),
    ([1.0, 2.0], "x must be a real number (just one), got a list of shape (2,)."),
    ((1.0,), "x must be a real number (just one), got a tuple of shape (1,)."),
    (np.zeros((2, 3)), "x must be a real number (just one), got a ndarray of shape (2, 3)."),
    ("1.0", "x must be a real number, got '1.0' (str).")])
def test_check_number_says_what_was_given(value, message):
    with pytest.raises(CourseInputError) as raised:
        check_number("x", value)
    assert str(raised.value) == message


def test_check_finite_result_returns_a_finite_value():
    assert check_finite_result("sC", 2.5) == 2.5 and check_finite_result("sC", -0.0) == 0.0
    with pytest.raises(DivergedError, match="^sC overflowed to -inf"):
        check_finite_result("sC", -math.inf)


@pytest.mark.parametrize("text, value", [("1000000", 1e6), ("-1e6", -1e6), ("\u22120.5", -0.5),
                                         (" 2 ", 2.0)])
def test_read_number_accepts_up_to_the_limit(text, value):
    assert read_number("w", text) == (value, "")


@pytest.mark.parametrize("text, positive, words", [
    ("1000000.1", False, "w: 1e+06 is out of range"), ("-1000001", False, "out of range"),
    ("0", True, "w: 0 is out of range. Allowed: a number greater than 0, at most 1e+06."),
    ("-0.5", True, "out of range"), ("", False, "w is empty"), ("abc", False, "is not a number"),
    ("1e400", False, "w: a number of about 1e400 is out of range"), ("nan", False, "not a finite")])
def test_read_number_refuses_with_a_reason(text, positive, words):
    value, message = read_number("w", text, positive=positive)
    assert value is None and words in message


# --- the loss table by name, and a list of one forecast is the output f --------------------
def test_check_loss_and_get_loss():
    assert check_loss("naive") == "naive" and check_loss(LOSSES["squared"]) == "squared"
    assert get_loss(LOSSES["naive"]) is LOSSES["naive"]
    with pytest.raises(UnknownNameError, match="unknown loss 'half'"):
        check_loss("half")


def test_one_forecast_in_a_list_is_the_output_f():
    assert loss_value([0.5], {"f": 1.0}) == 0.25 and loss_value(0.5, 1.0) == 0.25
    assert loss_value([0.5, 0.25], {"f1": 1.0, "f2": 0.0}) == 0.25 + 0.0625
    with pytest.raises(CourseInputError, match="the forecast f must be a finite number"):
        loss_value([math.nan], 1.0)


# --- activations: the sigmoid's clamp is the generated code's, exp(700) -------------------
def test_the_sigmoid_clamps_its_exponent_at_700_as_the_generated_code_does():
    sigmoid = ACTIVATIONS["sigmoid"]
    assert "min(-s, 700.0)" in sigmoid.python[0] and "fmin(-s,700.0)" in sigmoid.c[0]
    for s in (-700.0, -700.5, -750.0, -1e6):
        assert activation_function("sigmoid", s) == 1.0 / (1.0 + math.exp(700.0))
    assert activation_function("sigmoid", -699.5) == 1.0 / (1.0 + math.exp(699.5))


def test_get_activation_takes_a_row_or_its_name():
    tanh = ACTIVATIONS["tanh"]
    assert get_activation(tanh) is tanh and get_activation("tanh") is tanh
    assert Network((("I1",), ("f",)), [[[0.5]]], None, tanh).activations == ("tanh",)


def test_the_names_kept_for_code_written_before_0_2():
    net = make_network((2, 2, 1), biases=True)
    assert net.biases is net.bias_rows and net.matrices is net.rows
    assert seed_network().biases is None
