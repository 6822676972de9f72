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


# --- records are read-only: every frozen dataclass refuses a new value ----------------------
READ_ONLY = {"core.activations": ["Activation"], "core.backward": ["Gradients"],
             "core.chains": ["Factor", "Chain", "Contributions"], "core.explain": ["Explanation"],
             "core.forward": ["Trace"], "core.gradcheck": ["Nudge", "GradientCheck"],
             "core.losses": ["Loss"],
             "core.plan": ["Step", "SumStep", "ActivationStep", "OutputError", "SentBack",
                           "NodeError", "SumError", "WeightGradient", "BiasGradient", "Plan"],
             "matrices.batch": ["BatchTrace", "BatchGradients"], "matrices.training": ["Training"],
             "exercises.broken_pass": ["BrokenPass"], "exercises.checking": ["Verdict"],
             "exercises.misconception_lab": ["Curve"], "exercises.own_pass": ["BackpropVerdict"],
             "exercises.own_pass_cases": ["Case"], "exercises.own_pass_diagnosis": ["Difference"],
             "exercises.own_pass_run": ["Call"]}


@pytest.mark.parametrize("module, name", [(m, n) for m, names in READ_ONLY.items() for n in names])
def test_a_record_refuses_a_new_value(module, name):
    import importlib

    cls = getattr(importlib.import_module(f"course_lib.{module}"), name)
    record = object.__new__(cls)                  # no fields needed to try an assignment
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.some_field = 1.0


# --- the batch's output errors: the loss row's slope at every forecast ----------------------
def test_output_errors_of_a_batch_by_hand():
    from course_lib.matrices.batch import output_errors

    outs = [np.array([[0.0, 0.0]]), np.array([[0.25], [0.75]])]     # only the last layer counts
    Y = np.array([[1.0], [0.5]])
    np.testing.assert_array_equal(output_errors(outs, Y, "squared"), [[2 * (0.25 - 1.0)],
                                                                      [2 * (0.75 - 0.5)]])
    np.testing.assert_array_equal(output_errors(outs, Y, "naive"), [[-1.0], [-1.0]])


# --- matrices: numbers one at a time, Fractions in an array, overflow in backward and train ---
def test_the_array_activation_takes_a_single_number_too():
    from course_lib.matrices.activations import (activation_function,
                                                 activation_function_derivative)

    assert activation_function("tanh", 0.5) == math.tanh(0.5)
    assert activation_function_derivative("tanh", 0.5) == 1 - 0.5 ** 2
    assert activation_function("sigmoid", Fraction(0)) == 0.5
    column = np.array([[Fraction(1, 2)], [Fraction(3, 4)]], dtype=object)
    np.testing.assert_array_equal(activation_function("linear", column), [[0.5], [0.75]])


def test_backward_batch_names_an_overflow_in_the_gradients():
    trace = forward_batch(chain_network(), [[1e6]])           # f = 1e162: still a float
    with pytest.raises(DivergedError, match="^a gradient overflowed: the weights are too large"):
        backward_batch(trace, [0.0])


def test_train_refuses_a_loss_that_is_not_finite():
    from course_lib import train
    from course_lib.core.losses import Loss

    endless = Loss("endless", lambda f, c: np.full_like(f, np.inf), lambda f, c: -1.0, "-1",
                   python=("inf", "-1.0"), c=("INFINITY", "-1.0"))
    with pytest.raises(DivergedError, match="^training diverged: the loss is not finite"):
        train(make_network((2, 2, 1), seed=1), [[0.0, 1.0]], [1.0], 0.1, 3, loss=endless)


# --- one sample read from anything else -------------------------------------------------------
def test_an_input_that_is_not_numbers_is_refused_by_name():
    with pytest.raises(CourseInputError, match=r"^input values must be numbers, a list or a dict "
                                               r"by name \['I1', 'I2'\], got "):
        forward(seed_network(), object())


# --- a graded run: COURSE_GRADING_SAMPLE picks the sample -------------------------------------
COURSE, HIDDEN = {"I1": 1.0, "I2": 0.5}, {"I1": 0.3, "I2": -0.7}


@pytest.mark.parametrize("text, sample", [
    ("", COURSE), ("  ", COURSE), ("course", COURSE), ("hidden", HIDDEN), (" hidden ", HIDDEN),
    ("I1=0.25", {"I1": 0.25, "I2": -0.7}), ("I1=0.25, I2 = 2", {"I1": 0.25, "I2": 2.0})])
def test_the_sample_of_a_graded_run(text, sample):
    from course_lib.core.sample import sample_for_run

    got = sample_for_run(COURSE, HIDDEN, {"COURSE_GRADING_SAMPLE": text})
    assert got == sample and got is not COURSE and got is not HIDDEN
    assert sample_for_run(COURSE, HIDDEN, {}) == COURSE


@pytest.mark.parametrize("text, words", [
    ("I3=1", "expected 'hidden', 'course' or name=number pairs"), ("I1", "got 'I1'"),
    ("I1=abc", "I1 must be a finite number, got 'abc'"), ("I1=inf", "must be a finite number"),
    ("I1=0.5,f=1", "names from ['I1', 'I2']; got 'f=1'")])
def test_a_graded_sample_that_cannot_be_read_is_refused(text, words):
    from course_lib.core.sample import sample_for_run

    with pytest.raises(CourseInputError, match=r"^COURSE_GRADING_SAMPLE") as raised:
        sample_for_run(COURSE, HIDDEN, {"COURSE_GRADING_SAMPLE": text})
    assert words in str(raised.value)


def test_a_node_may_be_called_s_or_d_alone():
    """'s' alone is not a sum name (sX needs an X): a network may use it, and 'd' too."""
    net = Network((("I1",), ("s", "d"), ("f",)), [[[0.5, 0.25]], [[1.0], [2.0]]], None, "linear")
    assert forward(net, [2.0])["f"] == 1.0 * (0.5 * 2.0) + 2.0 * (0.25 * 2.0)
    with pytest.raises(CourseInputError, match="looks like a sum name"):
        Network((("I1",), ("sA",), ("f",)), [[[0.5]], [[1.0]]], None, "linear")


def test_a_graded_run_uses_the_hidden_sample_i2_0_2():
    """COURSE_GRADING_SAMPLE=hidden (course-grade sets it): the second sample, I2 = 0.2."""
    import os
    import subprocess
    import sys

    shown = subprocess.run([sys.executable, "-c", "from course_lib.core.build import SEED_SAMPLE;"
                            " print(sorted(SEED_SAMPLE.items()))"], capture_output=True, text=True,
                           env=dict(os.environ, COURSE_GRADING_SAMPLE="hidden"), timeout=60)
    assert shown.stdout.strip() == "[('I1', 1.0), ('I2', 0.2), ('correct', 1.0)]", shown.stderr


# --- default names: 23 letters (no F, I, L), then two letters, then H1, H2, ... ---------------
def test_hidden_names_are_letters_up_to_552_then_h_numbers():
    letters = make_network((1, 552, 1)).layers[1]
    assert letters[:2] == ("A", "B") and letters[22:24] == ("Z", "AA") and letters[-1] == "ZZ"
    assert 23 + 23 * 23 == 552 and len(set(letters)) == 552
    numbered = make_network((1, 553, 1)).layers[1]
    assert numbered[0] == "H1" and numbered[-1] == "H553"


# --- one sample of a batch: its node errors are the single-sample pass's --------------------
def test_a_batch_sample_has_the_node_errors_of_its_own_pass():
    net = make_network((2, 2, 1), biases=True, seed=3)
    grads = backward_batch(forward_batch(net, [[0.5, -1.0], [0.25, 0.75]]), [1.0, 0.0])
    for n, (inputs, correct_f) in enumerate([([0.5, -1.0], 1.0), ([0.25, 0.75], 0.0)]):
        single = backward(forward(net, inputs), correct_f).values
        errors = grads.sample(n)
        assert sorted(errors) == ["dL_wrt_A", "dL_wrt_B", "dL_wrt_f", "dL_wrt_sA", "dL_wrt_sB",
                                  "dL_wrt_sF"]
        for name, value in errors.items():
            assert value == pytest.approx(single[name], rel=1e-12), (n, name)


def test_train_with_a_callback_records_every_epochs_loss_once():
    """Losses wait in groups (256 epochs here) before they are computed, and a callback (every
    300 epochs) empties the group too: every epoch's loss is still recorded once, in order."""
    from course_lib import train, xor

    X, Y = xor()
    net = make_network((2, 2, 1), biases=True, seed=2)
    seen = []
    run = train(net, X, Y, 2.0, 600, callback=lambda epoch, losses: seen.append(
        (epoch, len(losses))), every=300)
    plain = train(net, X, Y, 2.0, 600)
    assert seen == [(300, 300), (600, 600)]
    assert len(run.losses) == 600 and np.array_equal(run.losses, plain.losses)


def test_train_records_the_naive_loss_as_correct_minus_f():
    from course_lib import train

    X, Y = [[0.5, -1.0], [0.25, 0.75], [1.0, 1.0]], [1.0, 0.0, 0.5]
    net = make_network((2, 2, 1), seed=4)
    first = np.mean([y - forward(net, x)["f"] for x, y in zip(X, Y, strict=True)])
    assert train(net, X, Y, 0.1, 1, loss="naive").losses[0] == pytest.approx(first, rel=1e-12)


def test_the_array_activations_give_a_plain_float_for_a_single_number():
    from course_lib.matrices.activations import (activation_function,
                                                 activation_function_derivative)

    assert type(activation_function("relu", -2)) is float
    assert type(activation_function_derivative("sigmoid", 0.25)) is float
    assert activation_function_derivative("sigmoid", 0.25) == 0.25 * 0.75
    assert type(activation_function("relu", [-2.0, 3.0])) is np.ndarray


# --- the plan's steps by name, and when a chain is too long to write out --------------------
def test_the_plan_step_of_a_weight_gradient_by_hand():
    from course_lib.core.plan import WeightGradient, plan_of

    step = plan_of(seed_network()).step("dL_wrt_w_A_C")
    assert step == WeightGradient(name="dL_wrt_w_A_C", node="C", weight="w_A_C", source="A",
                                  sum_error="dL_wrt_sC", link="dsC_wrt_w_A_C")


@pytest.mark.parametrize("paths, listed", [(16, True), (17, False)])
def test_a_chain_of_16_paths_is_written_out_and_17_are_counted(paths, listed):
    from course_lib.core.explain import explain

    net = make_network((1, 1, paths, 1), seed=1)              # w_I1_A: A reaches f `paths` ways
    symbolic = explain(backward(forward(net, [0.5]), 1.0), "w_I1_A").symbolic
    assert ("dL_wrt_f * df_wrt_sF" in symbolic) is listed
    assert (f"({paths} paths lead from A to the outputs: too many to write out" in symbolic) \
        is not listed


def test_a_matrix_or_bias_of_the_wrong_shape_names_its_layers():
    layers = (("I1",), ("A", "B"), ("f",))
    with pytest.raises(CourseInputError, match=r"^weight matrix 1 must have shape \(2, 1\) \(a row "
                                               r"per node of layer 1, a column per node of layer "
                                               r"2\), got \(1, 2\)\.$"):
        Network(layers, [[[0.5, 0.25]], [[1.0, 2.0]]], None, "linear")
    with pytest.raises(CourseInputError, match=r"^bias vector 1 must have shape \(1,\) \(one "
                                               r"number per node of layer 2\), got 2 numbers\.$"):
        Network(layers, [[[0.5, 0.25]], [[1.0], [2.0]]], [[0.0, 0.0], [0.0, 1.0]], "linear")


def test_train_names_the_epoch_where_the_numbers_overflowed():
    """f = w * 1e6 with correct 0: each step multiplies w by 1 - 2 * lr * 1e12 = about -2e18,
    so w is about 2e18 ** 16 = 6.6e292 after 16 epochs, and the 17th step (1.3e311, past the
    largest float, 1.8e308) overflows."""
    from course_lib import train

    net = Network((("I1",), ("f",)), [[[1.0]]], None, "linear")
    assert 2e18 ** 16 < 1.7e308 and math.isinf(2e18 ** 16 * 2e18)
    with pytest.raises(DivergedError, match=r"^training diverged at epoch 16: the numbers "
                                            r"overflowed\. Use a learning_rate smaller than 1e\+06"):
        train(net, [[1e6]], [0.0], 1e6, 50)


def test_a_callback_that_returns_false_stops_training_there():
    from course_lib import train, xor

    X, Y = xor()
    run = train(make_network((2, 2, 1), seed=2), X, Y, 2.0, 500,
                callback=lambda epoch, losses: epoch < 200, every=100)
    assert len(run.losses) == 200
