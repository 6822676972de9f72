"""Point 9 of the issue: bad input gets a clear error naming the problem and what is allowed.

Every case asserts the promised error type (CourseInputError, or its kinds UnknownNameError
and DivergedError) AND words of the message: what was wrong and what would be right.
pytest turns RuntimeWarning into an error for this project; the overflow tests also turn
every warning into an error themselves, so "no warnings" does not depend on configuration.
"""
import math
import warnings

import numpy as np
import pytest

from course_lib import (CourseInputError, DivergedError, Network, UnknownNameError,
                        activation_function, activation_function_derivative, backward,
                        backward_batch, explain, forward, forward_batch,
                        make_network, nudge, seed_network, train, two_output_network, update)

SAMPLE = [1.0, 0.5]
XOR_X = [[0, 0], [0, 1], [1, 0], [1, 1]]
XOR_Y = [0, 1, 1, 0]
JUNK = ["0.5", "abc", None, True, False, [0.5], {"x": 1}]


@pytest.fixture
def net():
    return seed_network()


@pytest.fixture
def grads(net):
    return backward(forward(net, SAMPLE), 1.0)


class raises:
    """Like pytest.raises(error), and then each of `words` must be in the message (case-blind)."""

    def __init__(self, error, *words):
        self.expected, self.words = pytest.raises(error), words

    def __enter__(self):
        self.info = self.expected.__enter__()
        return self.info

    def __exit__(self, *exc):
        handled = self.expected.__exit__(*exc)      # fails the test if nothing was raised
        if handled:
            message = str(self.info.value)
            for word in self.words:
                assert word.lower() in message.lower(), f"{word!r} not in {message!r}"
        return handled


def test_error_kinds_are_course_input_errors():
    assert issubclass(UnknownNameError, CourseInputError)
    assert issubclass(DivergedError, CourseInputError)
    assert issubclass(CourseInputError, ValueError)


# --- unknown names, with "did you mean" ------------------------------------------------------
@pytest.mark.parametrize("call", [
    lambda net, g: net.with_weights(w_A_c=0.5),
    lambda net, g: net["w_A_c"],
    lambda net, g: seed_network(weights={"w_A_c": 0.5}),
    lambda net, g: g.chain("w_A_c"),
    lambda net, g: g.explain("w_A_c"),
    lambda net, g: explain(g, "w_A_c"),
    lambda net, g: nudge(net, SAMPLE, 1.0, "w_A_c"),
], ids=["with_weights", "getitem", "seed_network", "chain", "Gradients.explain", "explain",
        "nudge"])
def test_unknown_weight_suggests_the_right_one(net, grads, call):
    with raises(UnknownNameError, "unknown weight 'w_A_c'", "did you mean 'w_A_C'",
                "known weights", "w_I1_A"):
        call(net, grads)


def test_unknown_weight_far_from_any_name_lists_the_known_ones(net):
    with raises(UnknownNameError, "unknown weight 'zzz'", "known weights: w_I1_A, w_I2_A"):
        net.with_weights(zzz=1.0)


def test_unknown_value_and_derivative_names(net, grads):
    trace = forward(net, SAMPLE)
    with raises(UnknownNameError, "unknown value 'sa'", "did you mean 'sA'"):
        trace["sa"]
    with raises(UnknownNameError, "unknown derivative 'dL_wrt_c'", "did you mean 'dL_wrt_C'"):
        grads["dL_wrt_c"]
    with raises(UnknownNameError, "unknown hidden node 'a'", "did you mean 'A'",
                "known hidden nodes: A, B, C, D"):
        grads.contributions("a")
    with raises(UnknownNameError, "unknown hidden node 'f'", "A, B, C, D"):
        grads.contributions("f")                     # f is an output, it sends nothing back


def test_unknown_input_or_output_names(net):
    with raises(UnknownNameError, "unknown input 'i2'", "did you mean 'I2'", "I1, I2"):
        forward(net, {"I1": 1.0, "i2": 0.5})
    with raises(UnknownNameError, "unknown output 'F'", "did you mean 'f'"):
        backward(forward(net, SAMPLE), {"F": 1.0})
    with raises(CourseInputError, "missing input", "I2", "one for each of ['I1', 'I2']"):
        forward(net, {"I1": 1.0})
    with raises(CourseInputError, "missing output", "f2"):
        backward(forward(two_output_network(), SAMPLE), {"f1": 1.0})


# --- wrong number of inputs or targets ----------------------------------------------------
@pytest.mark.parametrize("inputs", [[1.0], [1.0, 0.5, 0.2], [], 1.0])
def test_wrong_number_of_inputs(net, inputs):
    n = len(inputs) if isinstance(inputs, list) else 1
    with raises(CourseInputError, "expected 2 input value(s)", "['I1', 'I2']", f"got {n}"):
        forward(net, inputs)


@pytest.mark.parametrize("correct", [[1.0, 0.0], []])
def test_wrong_number_of_targets(net, correct):
    with raises(CourseInputError, "expected 1 output value(s)", "['f']", f"got {len(correct)}"):
        backward(forward(net, SAMPLE), correct)


def test_two_outputs_need_two_targets():
    trace = forward(two_output_network(), SAMPLE)
    for correct in (1.0, [1.0], [1.0, 0.0, 1.0]):
        with raises(CourseInputError, "expected 2 output value(s)", "['f1', 'f2']"):
            backward(trace, correct)


# --- NaN and inf anywhere --------------------------------------------------------------------
BAD_NUMBERS = [math.nan, math.inf, -math.inf, np.nan, np.float64("inf")]


@pytest.mark.parametrize("bad", BAD_NUMBERS)
def test_nan_or_inf_input(net, bad):
    with raises(CourseInputError, "I2 must be a finite number"):
        forward(net, [1.0, bad])
    with raises(CourseInputError, "I1 must be a finite number"):
        forward(net, {"I1": bad, "I2": 0.5})
    with raises(CourseInputError, "I1 must be a finite number"):
        forward(net, np.array([bad, 0.5]))


@pytest.mark.parametrize("bad", BAD_NUMBERS)
def test_nan_or_inf_correct_answer(net, bad):
    trace = forward(net, SAMPLE)
    with raises(CourseInputError, "f must be a finite number"):
        backward(trace, bad)
    with raises(CourseInputError, "f2 must be a finite number"):
        backward(forward(two_output_network(), SAMPLE), [1.0, bad])


@pytest.mark.parametrize("bad", BAD_NUMBERS)
def test_nan_or_inf_weight(net, bad):
    with raises(CourseInputError, "w_A_C must be a finite number"):
        net.with_weights(w_A_C=bad)
    with raises(CourseInputError, "w_I1_A must be a finite number"):
        make_network(weights={"w_I1_A": bad})
    with raises(CourseInputError, "b_C must be a finite number"):
        make_network(biases=True).with_weights(b_C=bad)
    matrices = [np.array(m) for m in net.matrices]
    matrices[1][0, 0] = bad
    with raises(CourseInputError, "weight matrix", "finite"):
        Network(net.layers, matrices)
    biases = [np.zeros(len(layer)) for layer in net.layers[1:]]
    biases[2][0] = bad
    with raises(CourseInputError, "bias vector", "finite"):
        Network(net.layers, net.matrices, biases)


@pytest.mark.parametrize("bad", BAD_NUMBERS)
def test_nan_or_inf_in_a_batch(net, bad):
    with raises(CourseInputError, "inputs X must be finite numbers", "NaN or inf"):
        forward_batch(net, [[0, 0], [bad, 1]])
    trace = forward_batch(net, XOR_X)
    with raises(CourseInputError, "correct answers Y must be finite numbers"):
        backward_batch(trace, [0, 1, bad, 0])
    with raises(CourseInputError, "inputs X must be finite numbers"):
        train(net, [[0, 0], [bad, 1]], [0, 1], 0.5, 3)
    with raises(CourseInputError, "correct answers Y must be finite numbers"):
        train(net, XOR_X, [0, 1, 1, bad], 0.5, 3)


@pytest.mark.parametrize("bad", BAD_NUMBERS + [0.0, -0.0, -0.1, -1e-12])
def test_learning_rate_must_be_finite_and_positive(net, grads, bad):
    if math.isfinite(bad):
        words = ("learning_rate must be greater than 0", "size of the step")
    else:
        words = ("learning_rate must be a finite number",)
    with raises(CourseInputError, *words):
        update(net, grads, bad)
    with raises(CourseInputError, *words):
        train(net, XOR_X, XOR_Y, bad, 3)


# --- unknown activation and loss -----------------------------------------------------------
@pytest.mark.parametrize("call", [
    lambda: seed_network("sigmoyd"),
    lambda: make_network((2, 3, 1), "sigmoyd"),
    lambda: make_network((2, 3, 1), ("tanh", "sigmoyd")),
    lambda: seed_network().with_activation("sigmoyd"),
    lambda: activation_function("sigmoyd", 0.5),
    lambda: activation_function_derivative("sigmoyd", 0.5),
], ids=["seed_network", "make_network", "per-layer", "with_activation", "function",
        "derivative"])
def test_unknown_activation(call):
    with raises(UnknownNameError, "unknown activation 'sigmoyd'", "did you mean 'sigmoid'",
                "known activations: sigmoid, tanh, relu, linear"):
        call()


@pytest.mark.parametrize("junk", [None, 5, True, 0.5])
def test_junk_activation(junk):
    with raises(UnknownNameError, "unknown activation", "sigmoid, tanh, relu, linear"):
        make_network((2, 3, 1), junk)                # one junk for every layer
    with raises(UnknownNameError, "unknown activation", "sigmoid, tanh, relu, linear"):
        make_network((2, 3, 1), ("tanh", junk))      # junk for one layer
    with raises(UnknownNameError, "unknown activation ['relu']"):
        make_network((2, 3, 1), ("tanh", ["relu"]))


def test_wrong_number_of_activations():
    with raises(CourseInputError, "one activation per non-input layer (2)", "got 1"):
        make_network((2, 3, 1), ["tanh"])


def test_unknown_loss(net):
    trace = forward(net, SAMPLE)
    with raises(UnknownNameError, "unknown loss 'squre'", "did you mean 'squared'",
                "known losses: squared, naive"):
        backward(trace, 1.0, loss="squre")
    with raises(UnknownNameError, "unknown loss 'mse'", "squared, naive"):
        backward_batch(forward_batch(net, XOR_X), XOR_Y, loss="mse")
    with raises(UnknownNameError, "unknown loss 'mse'", "squared, naive"):
        train(net, XOR_X, XOR_Y, 0.5, 3, loss="mse")
    with raises(UnknownNameError, "unknown loss", "squared, naive"):
        backward(trace, 1.0, loss=None)


# --- junk types ------------------------------------------------------------------------------
@pytest.mark.parametrize("junk", JUNK)
def test_junk_input_value(net, junk):
    with raises(CourseInputError, "I1 must be a real number", type(junk).__name__):
        forward(net, [junk, 0.5])


@pytest.mark.parametrize("junk", ["12", "abc", None])
def test_junk_instead_of_the_whole_sample(net, junk):
    with raises(CourseInputError, "input values must be numbers, a list or a dict",
                "['I1', 'I2']", repr(junk)):
        forward(net, junk)
    with raises(CourseInputError, "output values must be numbers", "['f']"):
        backward(forward(net, SAMPLE), junk)


@pytest.mark.parametrize("junk, words", [
    ("0.5", ("output values must be numbers, a list or a dict", "['f']", "'0.5'")),
    (None, ("output values must be numbers, a list or a dict", "['f']", "None")),
    (True, ("f must be a real number", "True (bool)")),
    ([None], ("f must be a real number", "None (NoneType)")),
    ({"x": 1.0}, ("unknown output 'x'", "known outputs: f")),
])
def test_junk_correct_answer(net, junk, words):
    with raises(CourseInputError, *words):
        backward(forward(net, SAMPLE), junk)


@pytest.mark.parametrize("junk", JUNK)
def test_junk_weight(net, junk):
    with raises(CourseInputError, "w_A_C must be a real number", type(junk).__name__):
        net.with_weights(w_A_C=junk)


@pytest.mark.parametrize("junk", JUNK)
def test_junk_learning_rate(net, grads, junk):
    with raises(CourseInputError, "learning_rate must be a real number", type(junk).__name__):
        update(net, grads, junk)
    with raises(CourseInputError, "learning_rate must be a real number"):
        train(net, XOR_X, XOR_Y, junk, 3)


@pytest.mark.parametrize("junk", [[["0", "1"]], [["a", "b"]], [[None, 1]], [[True, False]],
                                  None, "0 1"])
def test_junk_in_a_batch(net, junk):
    with raises(CourseInputError, "inputs X must be numbers", "one row of 2 (I1, I2)"):
        forward_batch(net, junk)
    with raises(CourseInputError, "inputs X must be numbers"):
        train(net, junk, [0], 0.5, 3)


@pytest.mark.parametrize("junk", [["0", "1", "1", "0"], [None, 1, 1, 0],
                                  [True, False, False, True], "0110"])
def test_junk_correct_answers_in_a_batch(net, junk):
    with raises(CourseInputError, "correct answers Y must be numbers", "(f)"):
        backward_batch(forward_batch(net, XOR_X), junk)


@pytest.mark.parametrize("epochs, words", [
    ("ten", "epochs must be a whole number >= 0"), (None, "epochs must be a whole number"),
    (True, "epochs must be a whole number"), (-1, "epochs must be a whole number >= 0"),
    (2.5, "epochs must be a whole number"), (math.inf, "epochs must be a whole number"),
])
def test_junk_epochs(net, epochs, words):
    with raises(CourseInputError, words, repr(epochs)):
        train(net, XOR_X, XOR_Y, 0.5, epochs)


def test_every_must_be_at_least_one(net):
    with raises(CourseInputError, "every must be a whole number >= 1", "got 0"):
        train(net, XOR_X, XOR_Y, 0.5, 3, callback=lambda epoch, losses: None, every=0)


def test_junk_nudge_size(net):
    for h in (0.0, -1e-6):
        with raises(CourseInputError, "h must be greater than 0"):
            nudge(net, SAMPLE, 1.0, "w_A_C", h=h)
    with raises(CourseInputError, "h must be a finite number"):
        nudge(net, SAMPLE, 1.0, "w_A_C", h=math.nan)


def test_junk_layer_sizes():
    for sizes in [(2,), (2, 0, 1), (2, "3", 1), (2, 1.5, 1), (2, True, 1)]:
        with raises(CourseInputError, "sizes must be at least two whole numbers >= 1"):
            make_network(sizes)


# --- huge values -------------------------------------------------------------------------------
@pytest.mark.parametrize("huge", [1e300, -1e300, 1e7])
def test_huge_values_are_refused_with_the_allowed_range(net, grads, huge):
    allowed = "allowed values lie between -1e+06 and 1e+06"
    with raises(CourseInputError, "I1 =", "is too large", allowed):
        forward(net, [huge, 0.5])
    with raises(CourseInputError, "f =", "too large", allowed):
        backward(forward(net, SAMPLE), huge)
    with raises(CourseInputError, "w_A_C =", "too large", allowed):
        net.with_weights(w_A_C=huge)
    if huge > 0:
        with raises(CourseInputError, "learning_rate =", "too large", allowed):
            update(net, grads, huge)
    with raises(CourseInputError, "inputs X must lie between -1e+06 and 1e+06"):
        forward_batch(net, [[0, 0], [huge, 1]])
    with raises(CourseInputError, "correct answers Y must lie between -1e+06 and 1e+06"):
        backward_batch(forward_batch(net, XOR_X), [0, 1, huge, 0])


# --- wrong batch shapes -----------------------------------------------------------------------
@pytest.mark.parametrize("X, shape", [
    ([[1, 2, 3]], "(1, 3)"), ([1, 2], "(2,)"), ([], "(0,)"), ([[[1, 2]]], "(1, 1, 2)"),
    (np.zeros((0, 2)), "(0, 2)"),
])
def test_wrong_batch_shape_of_X(net, X, shape):
    with raises(CourseInputError, "inputs X must have shape (samples, 2)", "(I1, I2)",
                f"got shape {shape}"):
        forward_batch(net, X)


def test_ragged_batch(net):
    with raises(CourseInputError, "inputs X must be numbers, one row of 2"):
        forward_batch(net, [[1, 2], [3]])


def test_wrong_batch_shape_of_Y(net):
    trace = forward_batch(net, XOR_X)
    with raises(CourseInputError, "Y has 3 rows but X had 4", "one correct answer per sample"):
        backward_batch(trace, [0, 1, 1])
    with raises(CourseInputError, "correct answers Y must have shape (samples, 1)", "(4, 2)"):
        backward_batch(trace, [[0, 1]] * 4)
    with raises(CourseInputError, "X has 4 rows and Y has 2", "one correct answer per sample"):
        train(net, XOR_X, [0, 1], 0.5, 3)
    two = two_output_network()
    with raises(CourseInputError, "correct answers Y must have shape (samples, 2)", "(f1, f2)"):
        backward_batch(forward_batch(two, XOR_X), XOR_Y)


# --- sigmoid and tanh stay finite, with no warnings, for sums of +-1e6 -----------------------
BIG_SUMS = [1e6, -1e6, 7e5, -7e5, 1e6 - 0.5]


@pytest.mark.parametrize("name", ["sigmoid", "tanh"])
def test_sigmoid_and_tanh_finite_without_warnings_scalar(name):
    low = 0.0 if name == "sigmoid" else -1.0
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for s in BIG_SUMS:
            a = activation_function(name, s)
            slope = activation_function_derivative(name, a)
            assert math.isfinite(a) and math.isfinite(slope)
            # saturated: 1 for a large positive sum, the lower end (to 1e-300) for a negative one
            assert a == 1.0 if s > 0 else abs(a - low) < 1e-300
            assert 0.0 <= slope < 1e-300


@pytest.mark.parametrize("name", ["sigmoid", "tanh"])
def test_sigmoid_and_tanh_finite_without_warnings_numpy(name):
    s = np.array(BIG_SUMS + [0.0])
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        a = activation_function(name, s)
        slope = activation_function_derivative(name, a)
    assert np.isfinite(a).all() and np.isfinite(slope).all()
    low = 0.0 if name == "sigmoid" else -1.0
    assert a[0] == 1.0 and abs(a[1] - low) < 1e-300
    assert a[-1] == (0.5 if name == "sigmoid" else 0.0)
    assert (slope[:-1] < 1e-300).all()


@pytest.mark.parametrize("activation", ["sigmoid", "tanh"])
def test_whole_network_with_sums_of_a_million_both_paths(activation):
    # w = 1 everywhere, I1 = I2 = +-5e5: sA = sB = +-1e6, then C, D, f are ordinary numbers.
    net = seed_network(activation, weights={name: 1.0 for name in seed_network().weights})
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        for sign in (1.0, -1.0):
            trace = forward(net, [sign * 5e5, sign * 5e5])
            assert trace["sA"] == sign * 1e6
            grads = backward(trace, 1.0)
            assert all(math.isfinite(v) for v in grads.values.values())
            assert grads["dL_wrt_w_I1_A"] == pytest.approx(0.0, abs=1e-290)   # saturated A
        batch = backward_batch(forward_batch(net, [[5e5, 5e5], [-5e5, -5e5]]), [1.0, 0.0])
        assert all(np.isfinite(m).all() for m in batch.matrices)
        assert np.isfinite(batch.losses).all()


# --- an absurd learning rate: DivergedError, not nan --------------------------------------------
@pytest.mark.parametrize("activation", ["linear", ("tanh", "linear", "linear")])
def test_training_with_an_absurd_learning_rate_diverges_loudly(activation):
    net = seed_network(activation) if isinstance(activation, str) else make_network(
        (2, 2, 2, 1), activation, biases=True, seed=3)
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("error")
        with raises(DivergedError, "diverged", "overflowed", "smaller than 1e+06"):
            train(net, XOR_X, XOR_Y, 1e6, 100)


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
def test_an_absurd_learning_rate_on_squashing_units_saturates_but_never_gives_nan(activation):
    # sigmoid/tanh/relu bound (or kill) what flows on, so the weights grow huge but finite and
    # training gets stuck instead of overflowing: finite numbers, no warning, no silent nan.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = train(seed_network(activation), XOR_X, XOR_Y, 1e6, 50)
    assert np.isfinite(result.losses).all()
    assert all(math.isfinite(w) for w in result.network.weights.values())
    if activation != "relu":           # (the relu seed network's units all die at once)
        assert max(abs(w) for w in result.network.weights.values()) > 1e3   # it did blow up


def test_repeated_scalar_updates_with_an_absurd_learning_rate_diverge_loudly():
    net = seed_network("linear")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with raises(DivergedError, "overflowed", "smaller"):
            for _ in range(100):
                grads = backward(forward(net, SAMPLE), 1.0)
                net = update(net, grads, 1e6)
                assert all(math.isfinite(w) for w in net.weights.values())   # never a silent nan


def test_sums_that_overflow_raise_diverged_error_in_both_paths():
    # Every weight is allowed (1e6), but 60 linear layers multiply the input by 1e6 each time:
    # 1e6**60 is far past the largest float (1.8e308).
    layers = make_network((1,) * 60).layers
    deep = Network(layers, [np.full((1, 1), 1e6)] * 59, None, "linear")
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("error")
        with raises(DivergedError, "overflowed", "too large"):
            forward(deep, [1.0])
        with raises(DivergedError, "overflowed", "too large"):
            forward_batch(deep, [[1.0], [2.0]])
