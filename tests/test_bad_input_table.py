"""Issue 12, item 2: every public function answers bad input with a clear course error (or,
for the stepper, a refusal message), never a raw traceback and never a silent wrong result.

One table: each row is a call of the public API with bad (or surprising but fine) input and
the outcome it must have:

    Raises(name, kind)   a CourseInputError (or UnknownNameError / DivergedError) whose message
                         matches `name` (what was wrong) and `kind` (why), both regexes;
    Returns(check)       returns normally, and check(result) holds (no silent wrong number);
    Refuses(name, kind)  a StepperState action returns a message matching both, and the
                         state (inputs, answers, rate, weight, activation, step) is unchanged.

Any other exception, a result where an error was due, or a RuntimeWarning fails the row.
No row is marked xfail: labs/ and views/ check their input too (views through views/checks.py).
"""
import math
import re
import warnings
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

import course_lib as cl
from course_lib import CourseInputError, DivergedError, UnknownNameError
from course_lib.core.network import Network
from course_lib.matrices import network_from_arrays
from course_lib.topics.reuse import multiplications, path_lengths
from course_lib.topics.several_outputs import keep_output, per_output_gradients
from course_lib.topics.step_size import one_weight_descent
from course_lib.views.diagram import network_diagram

NAN, INF = float("nan"), float("inf")
SAMPLE, XOR_X, XOR_Y = [1.0, 0.5], [[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0]
NET, TWO, SMALL = cl.seed_network(), cl.two_output_network(), cl.make_network((2, 3, 1))
TRACE, TRACE2 = cl.forward(NET, SAMPLE), cl.forward(TWO, SAMPLE)
GRADS, GRADS2 = cl.backward(TRACE, 1.0), cl.backward(TRACE2, [1.0, 0.0])
SMALL_GRADS = cl.backward(cl.forward(SMALL, SAMPLE), 1.0)
BTRACE = cl.forward_batch(NET, XOR_X)
BGRADS = cl.backward_batch(BTRACE, XOR_Y)
BGRADS2 = cl.backward_batch(cl.forward_batch(TWO, XOR_X), [[0, 1]] * 4)
CHECK_LEVEL_DEEP = (2,) * 60


# --- outcomes -------------------------------------------------------------------------------
class Raises:
    def __init__(self, name, kind="", error=CourseInputError, unless=None):
        self.name, self.kind, self.error, self.unless = name, kind, error, unless

    def check(self, call):
        try:
            result = call()
        except self.error as raised:
            message = str(raised)
            for pattern in (self.name, self.kind):
                assert re.search(pattern, message, re.I), f"{pattern!r} not in {message!r}"
            if self.unless:
                assert not re.search(self.unless, message, re.I), f"{self.unless!r} in {message!r}"
        else:
            pytest.fail(f"returned {str(result)[:80]!r} instead of raising {self.error.__name__}")

    def __repr__(self):
        return f"Raises({self.error.__name__})"


class Returns:
    def __init__(self, check=None):
        self.test = check

    def check(self, call):
        result = call()
        if self.test is not None:
            assert self.test(result), f"wrong result {str(result)[:120]!r}"


def _readout(state):
    return (dict(state.inputs), dict(state.correct), state.learning_rate, state.weight,
            state.network.activations, state.position, tuple(state.network.weights.items()))


class Refuses:
    """A StepperState action on a fresh stepper: a message naming the problem, nothing changed."""

    def __init__(self, name, kind=""):
        self.name, self.kind = name, kind

    def check(self, action):
        state = cl.StepperState()
        before = _readout(state)
        message = action(state)
        assert isinstance(message, str) and message, f"accepted: {message!r}"
        assert message == state.message
        for pattern in (self.name, self.kind):
            assert re.search(pattern, message, re.I), f"{pattern!r} not in {message!r}"
        assert _readout(state) == before, "a refused action changed the stepper"


class Accepts:
    """A StepperState action that is fine: '' back, and check(state) holds."""

    def __init__(self, check):
        self.test = check

    def check(self, action):
        state = cl.StepperState()
        assert action(state) == ""
        assert self.test(state)


ROWS = []


def row(name, call, outcome, owner=None):
    marks = [pytest.mark.xfail(reason=f"{owner}: not fixed here, reported", strict=False)] \
        if owner else []
    ROWS.append(pytest.param(call, outcome, id=name, marks=marks))


def close(a, b, rel=1e-12):
    return math.isclose(a, b, rel_tol=rel, abs_tol=1e-300)


# --- 1. bad numbers in every numeric slot ---------------------------------------------------
KIND = {"nan": r"nan|not a number", "inf": r"\binf\b|finite",
        "huge": r"too large|lie between|out of range|too far|overflow",
        "junk": r"real number|must be numbers|not a number"}
BAD = {"nan": (NAN, "nan"), "np.float64 nan": (np.float64("nan"), "nan"),
       "Decimal NaN": (Decimal("NaN"), "nan"), "0-d array nan": (np.array(NAN), "nan"),
       "+inf": (INF, "inf"), "-inf": (-INF, "inf"), "1e308": (1e308, "huge"),
       "-1e308": (-1e308, "huge"), "10**400": (10**400, "huge"),
       "Decimal 1e400": (Decimal("1e400"), "huge"), "'x'": ("x", "junk"),
       "'0.5'": ("0.5", "junk"), "None": (None, "junk"), "True": (True, "junk"),
       "[0.5]": ([0.5], "junk"), "array([0.5])": (np.array([0.5]), "junk"),
       "{'x': 1}": ({"x": 1}, "junk"), "1j": (1j, "junk")}
SLOTS = {
    "forward I1 (list)": (lambda v: cl.forward(NET, [v, 0.5]), r"\bI1\b"),
    "forward I2 (dict)": (lambda v: cl.forward(NET, {"I1": 1.0, "I2": v}), r"\bI2\b"),
    "backward correct": (lambda v: cl.backward(TRACE, [v]), r"\bf\b"),
    "backward correct f2": (lambda v: cl.backward(TRACE2, [1.0, v]), r"\bf2\b"),
    "with_weights": (lambda v: NET.with_weights(w_A_C=v), r"w_A_C"),
    "make_network weights": (lambda v: cl.make_network(weights={"w_I1_A": v}), r"w_I1_A"),
    "seed_network weights": (lambda v: cl.seed_network(weights={"w_C_f": v}), r"w_C_f"),
    "update learning_rate": (lambda v: cl.update(NET, GRADS, v), r"learning_rate"),
    "train learning_rate": (lambda v: cl.train(NET, XOR_X, XOR_Y, v, 2), r"learning_rate"),
    "nudge h": (lambda v: cl.nudge(NET, SAMPLE, 1.0, "w_A_C", h=v), r"\bh\b"),
    "loss_value forecast": (lambda v: cl.loss_value({"f": v}, {"f": 1.0}), r"forecast f"),
    "loss_value correct": (lambda v: cl.loss_value({"f": 0.5}, {"f": v}), r"\bf\b"),
    "loss_slope f": (lambda v: cl.loss_slope(v, 1.0), r"forecast f|dL_wrt_f"),
    "forward_batch X": (lambda v: cl.forward_batch(NET, [[0, 0], [v, 1]]), r"inputs X"),
    "backward_batch Y": (lambda v: cl.backward_batch(BTRACE, [0, 1, v, 0]), r"answers Y"),
    "train Y": (lambda v: cl.train(NET, XOR_X, [0, 1, v, 0], 0.5, 2), r"answers Y"),
    "update a gradient": (lambda v: cl.update(NET, {**GRADS.weights, "w_A_C": v}, 0.5),
                          r"gradient of w_A_C"),
}
for slot, (call, name) in SLOTS.items():
    for label, (value, kind) in BAD.items():
        if slot == "update a gradient" and label in ("1e308", "-1e308"):
            expected = Returns(lambda net: math.isfinite(net["w_A_C"]))   # a huge, finite step
        else:
            blames = "forecast" in slot and kind in ("nan", "inf")      # must not blame weights
            expected = Raises(name, KIND[kind], unless=r"weights" if blames else None)
        row(f"{slot} = {label}", lambda call=call, value=value: call(value), expected)

STEPPER_SLOTS = {"set_input I1": (lambda s, v: s.set_input("I1", v), r"\bI1\b"),
                 "set_correct": (lambda s, v: s.set_correct(v), r"correct"),
                 "set_learning_rate": (lambda s, v: s.set_learning_rate(v), r"learning rate")}
for slot, (action, name) in STEPPER_SLOTS.items():
    for label, (value, kind) in BAD.items():
        if label == "'0.5'":                                   # the text of a box: fine
            continue
        row(f"StepperState.{slot} = {label}",
            lambda s, action=action, value=value: action(s, value),
            Refuses(name, KIND[kind] + "|out of range"))
    row(f"StepperState.{slot} = '0.5' (text of a box)",
        lambda s, action=action: action(s, "0.5"), Accepts(lambda s: True))

# --- 2. numbers of other types that ARE numbers: the same result as the float ----------------
FINE = {"Fraction(1, 2)": Fraction(1, 2), "Decimal('0.5')": Decimal("0.5"),
        "np.float32(0.5)": np.float32(0.5), "np.float64(0.5)": np.float64(0.5),
        "0-d array 0.5": np.array(0.5)}
for label, value in FINE.items():
    row(f"forward I1 = {label}", lambda value=value: cl.forward(NET, [value, 0.5]),
        Returns(lambda t: t["f"] == cl.forward(NET, [0.5, 0.5])["f"]))
    row(f"backward correct = {label}", lambda value=value: cl.backward(TRACE, value),
        Returns(lambda g: g.loss == cl.backward(TRACE, 0.5).loss))
    row(f"with_weights w_A_C = {label}", lambda value=value: NET.with_weights(w_A_C=value),
        Returns(lambda net: net["w_A_C"] == 0.5))
    row(f"update learning_rate = {label}", lambda value=value: cl.update(NET, GRADS, value),
        Returns(lambda net: net.weights == cl.update(NET, GRADS, 0.5).weights))
    row(f"loss_value = {label}", lambda value=value: cl.loss_value({"f": value}, {"f": 1.0}),
        Returns(lambda L: L == 0.25))
    row(f"forward_batch X = {label}", lambda value=value: cl.forward_batch(NET, [[value, 0.5]]),
        Returns(lambda b: b.forecast[0, 0] == cl.forward(NET, [0.5, 0.5])["f"]))
row("forward I1 = np.int64(1)", lambda: cl.forward(NET, [np.int64(1), 0.5]),
    Returns(lambda t: t["f"] == TRACE["f"]))
row("forward I1 = Fraction(1, 10**400) (underflows to 0)",
    lambda: cl.forward(NET, [Fraction(1, 10**400), 0.5]),
    Returns(lambda t: t["I1"] == 0.0))
row("forward inputs = array([1.0, 0.5])", lambda: cl.forward(NET, np.array(SAMPLE)),
    Returns(lambda t: t["f"] == TRACE["f"]))
row("forward inputs = (1.0, 0.5) generator", lambda: cl.forward(NET, (v for v in SAMPLE)),
    Returns(lambda t: t["f"] == TRACE["f"]))
row("forward inputs = trace.values (a mapping, extra names)", lambda: cl.forward(NET, TRACE.values),
    Raises(r"unknown input 'sA'"))

# --- 3. wrong names: typos, wrong case, junk --------------------------------------------------
WEIGHT_SLOTS = {
    "Network[...]": lambda w: NET[w],
    "with_weights": lambda w: NET.with_weights({w: 0.5}),
    "Gradients.chain": lambda w: GRADS.chain(w),
    "Gradients.explain": lambda w: GRADS.explain(w),
    "explain": lambda w: cl.explain(GRADS, w),
    "nudge": lambda w: cl.nudge(NET, SAMPLE, 1.0, w),
    "Network.ends": lambda w: NET.ends(w),
    "seed_network weights": lambda w: cl.seed_network(weights={w: 0.5}),
}
for slot, call in WEIGHT_SLOTS.items():
    for name, words in [("w_A_c", r"unknown weight 'w_A_c'.*did you mean 'w_A_C'"),
                        ("W_A_C", r"unknown weight 'W_A_C'.*did you mean 'w_A_C'"),
                        ("sa", r"unknown weight 'sa'.*known weights"),
                        ("w_A_f", r"unknown weight 'w_A_f'.*known weights: w_I1_A"),
                        ("", r"unknown weight ''"), (None, r"unknown weight None"),
                        (5, r"unknown weight 5"), (("w_A_C",), r"unknown weight \('w_A_C',\)")]:
        if slot == "with_weights" and not isinstance(name, (str, int, type(None))):
            continue
        row(f"{slot}({name!r})", lambda call=call, name=name: call(name),
            Raises(words, error=UnknownNameError))
for name, words in [("sa", r"unknown value 'sa'.*did you mean 'sA'"),
                    ("a", r"unknown value 'a'.*did you mean 'A'"), (["A"],
                     r"unknown value \['A'\]"),
                    ("dL_wrt_C", r"unknown value 'dL_wrt_C'")]:
    row(f"Trace[{name!r}]", lambda name=name: TRACE[name], Raises(words, error=UnknownNameError))
for name, words in [("dL_wrt_c", r"unknown derivative 'dL_wrt_c'.*did you mean 'dL_wrt_C'"),
                    ("sA", r"unknown derivative 'sA'"), (["dL_wrt_C"], r"unknown derivative")]:
    row(f"Gradients[{name!r}]", lambda name=name: GRADS[name], Raises(words, error=UnknownNameError))
for node, words in [("a", r"unknown hidden node 'a'.*did you mean 'A'"),
                    ("f", r"unknown hidden node 'f'.*A, B, C, D"), (["A"], r"unknown hidden node")]:
    row(f"Gradients.contributions({node!r})", lambda node=node: GRADS.contributions(node),
        Raises(words, error=UnknownNameError))

ACTIVATION_SLOTS = {
    "make_network": lambda a: cl.make_network((2, 3, 1), a),
    "make_network per layer": lambda a: cl.make_network((2, 3, 1), ("tanh", a)),
    "seed_network": lambda a: cl.seed_network(a),
    "two_output_network": lambda a: cl.two_output_network(a),
    "with_activation": lambda a: NET.with_activation(a),
    "Network(activations=)": lambda a: Network(NET.layers, NET.rows, activations=a),
    "activation_function": lambda a: cl.activation_function(a, 0.5),
    "activation_function_derivative": lambda a: cl.activation_function_derivative(a, 0.5),
    "deep_network": lambda a: cl.deep_network(activation=a),
    "lab_network": lambda a: cl.lab_network(activation=a),
}
for slot, call in ACTIVATION_SLOTS.items():
    for name, words in [("sigmod", r"unknown activation 'sigmod'.*did you mean 'sigmoid'"),
                        ("SIGMOID", r"unknown activation 'SIGMOID'.*did you mean 'sigmoid'"),
                        (None, r"unknown activation None.*sigmoid, tanh, relu, linear"),
                        (5, r"unknown activation 5"), (["relu"], r"unknown activation")]:
        if isinstance(name, list):          # one name per layer, or a name that is a list
            words, error = r"unknown activation \['relu'\]|one activation per non-input layer", \
                CourseInputError
        else:
            error = UnknownNameError
        row(f"{slot}, activation {name!r}", lambda call=call, name=name: call(name),
            Raises(words, error=error))
row("Network(activations=['tanh']) for 3 layers",
    lambda: Network(NET.layers, NET.rows, activations=["tanh"]),
    Raises(r"one activation per non-input layer \(3\)", r"got 1"))

LOSS_SLOTS = {
    "backward": lambda k: cl.backward(TRACE, 1.0, loss=k),
    "loss_of": lambda k: cl.loss_of(NET, SAMPLE, 1.0, loss=k),
    "nudge": lambda k: cl.nudge(NET, SAMPLE, 1.0, "w_A_C", loss=k),
    "gradient_check": lambda k: cl.gradient_check(NET, SAMPLE, 1.0, loss=k),
    "loss_value": lambda k: cl.loss_value({"f": 0.5}, {"f": 1.0}, k),
    "loss_slope": lambda k: cl.loss_slope(0.5, 1.0, k),
    "backward_batch": lambda k: cl.backward_batch(BTRACE, XOR_Y, loss=k),
    "train": lambda k: cl.train(NET, XOR_X, XOR_Y, 0.5, 2, loss=k),
    "python_source": lambda k: cl.python_source(NET, loss=k),
    "c_source": lambda k: cl.c_source(NET, SAMPLE, 1.0, loss=k),
    "statements": lambda k: cl.statements(NET, k),
}
for slot, call in LOSS_SLOTS.items():
    for kind, words in [("squard", r"unknown loss 'squard'.*did you mean 'squared'"),
                        ("mse", r"unknown loss 'mse'.*known losses: squared, naive"),
                        (None, r"unknown loss None")]:
        row(f"{slot}(loss={kind!r})", lambda call=call, kind=kind: call(kind),
            Raises(words, error=UnknownNameError))

for name, words in [("xorr", r"unknown data set 'xorr'.*did you mean 'xor'"),
                    ("Moons", r"unknown data set 'Moons'.*did you mean 'moons'"),
                    (None, r"unknown data set None"), (["xor"], r"unknown data set \['xor'\]")]:
    row(f"load_dataset({name!r})", lambda name=name: cl.load_dataset(name),
        Raises(words, error=UnknownNameError))
for name in ("sa", "seed", None, ["seed 2-2-2-1"]):
    row(f"lab_network({name!r})", lambda name=name: cl.lab_network(name),
        Raises(r"unknown network", r"seed 2-2-2-1", error=UnknownNameError))
MISTAKE_SLOTS = {
    "backward_with switch": lambda m: cl.backward_with(TRACE, 1.0, **{m: True}),
    "train_with mistake": lambda m: cl.train_with(NET, XOR_X, XOR_Y, 0.5, 2, mistake=m),
    "mistake_verdict": lambda m: cl.mistake_verdict(NET, SAMPLE, 1.0, m),
    "compare_training": lambda m: cl.compare_training(NET, XOR_X, XOR_Y, 0.5, 2, mistakes=[m]),
}
for slot, call in MISTAKE_SLOTS.items():
    for name, words in [("average_fanout", r"unknown misconception 'average_fanout'.*did you "
                                           r"mean 'average_fan_out'"),
                        ("sa", r"unknown misconception 'sa'.*known misconceptions")]:
        row(f"{slot}({name!r})", lambda call=call, name=name: call(name),
            Raises(words, error=UnknownNameError))
row("mistake_verdict(['sa'])", lambda: cl.mistake_verdict(NET, SAMPLE, 1.0, ["sa"]),
    Raises(r"unknown misconception \['sa'\]", error=UnknownNameError))
row("backward_with(average_fan_out='yes')",
    lambda: cl.backward_with(TRACE, 1.0, average_fan_out="yes"),
    Raises(r"average_fan_out", r"True or False"))
row("compare_training(mistakes='average_fan_out') (one name)",
    lambda: cl.compare_training(NET, XOR_X, XOR_Y, 0.5, 2, mistakes="average_fan_out"),
    Returns(lambda runs: set(runs) == {"correct", "average_fan_out"}))
row("compare_training(mistakes=5)", lambda: cl.compare_training(NET, XOR_X, XOR_Y, 0.5, 2, mistakes=5),
    Raises(r"mistakes must be a list of mistake names"))
row("train_with(slope_from_sum) (no batch form)",
    lambda: cl.train_with(NET, XOR_X, XOR_Y, 0.5, 2, mistake="slope_from_sum"),
    Raises(r"slope_from_sum", r"no batch form"))

# --- 4. wrong shapes and lengths ---------------------------------------------------------------
for inputs, words in [([1.0], r"expected 2 input value\(s\).*got 1"),
                      ([1.0, 0.5, 0.2], r"expected 2 input value\(s\).*got 3"),
                      ([], r"expected 2 input value\(s\).*got 0"),
                      (1.0, r"expected 2 input value\(s\).*got 1"),
                      ([[1.0, 0.5]], r"expected 2 input value\(s\)"),
                      (np.array([[1.0, 0.5]]), r"shape \(1, 2\).*batch"),
                      (np.array([[1.0], [0.5]]), r"shape \(2, 1\).*batch"),
                      ({1.0, 0.5}, r"input values must be numbers, a list or a dict"),
                      ("ab", r"input values must be numbers.*'ab'"),
                      (None, r"input values must be numbers.*None"),
                      ({"I1": 1.0}, r"missing input value\(s\) \['I2'\]"),
                      ({"I1": 1.0, "I2": 0.5, "I3": 0.0}, r"unknown input 'I3'"),
                      ({"i1": 1.0, "I2": 0.5}, r"unknown input 'i1'.*did you mean 'I1'"),
                      ([[1.0], [0.5]], r"I1 must be a real number"),
                      (np.array(1.0), r"expected 2 input value\(s\).*got 1")]:
    row(f"forward(inputs={inputs!r:.40})", lambda inputs=inputs: cl.forward(NET, inputs),
        Raises(words))
for correct, words in [([1.0, 0.0], r"expected 1 output value\(s\).*\['f'\].*got 2"),
                       ([], r"expected 1 output value\(s\).*got 0"),
                       ({"F": 1.0}, r"unknown output 'F'.*did you mean 'f'"),
                       ("1", r"output values must be numbers"),
                       (np.array([[1.0]]), r"shape \(1, 1\)")]:
    row(f"backward(correct={str(correct)[:30]})", lambda correct=correct: cl.backward(TRACE, correct),
        Raises(words))
for correct, words in [(1.0, r"expected 2 output value\(s\).*\['f1', 'f2'\]"),
                       ([1.0], r"expected 2 output value\(s\)"),
                       ({"f1": 1.0}, r"missing output value\(s\) \['f2'\]"),
                       ([1.0, 0.0, 1.0], r"expected 2 output value\(s\).*got 3")]:
    row(f"backward two outputs (correct={correct})",
        lambda correct=correct: cl.backward(TRACE2, correct), Raises(words))
for X, words in [([[1, 2, 3]], r"shape \(samples, 2\).*got shape \(1, 3\)"),
                 ([1, 2], r"shape \(samples, 2\).*got shape \(2,\)"),
                 ([], r"got shape \(0,\)"), ([[[1, 2]]], r"got shape \(1, 1, 2\)"),
                 (np.zeros((2, 1)), r"got shape \(2, 1\)"), (np.zeros((0, 2)), r"got shape \(0, 2\)"),
                 ([[1, 2], [3]], r"must be numbers, one row of 2"),
                 ("0 1", r"must be numbers"), (None, r"must be numbers"),
                 ([[10**400, 0]], r"must lie between"), ([[Fraction(1, 2), 0]], None)]:
    expected = Returns(lambda b: b.forecast.shape == (1, 1)) if words is None \
        else Raises(r"inputs X", words)
    row(f"forward_batch(X={X!r:.40})", lambda X=X: cl.forward_batch(NET, X), expected)
for Y, words in [([0, 1, 1], r"Y has 3 rows but X had 4"),
                 ([[0, 1]] * 4, r"shape \(samples, 1\).*\(4, 2\)"),
                 (np.zeros((1, 4)), r"shape \(samples, 1\).*\(1, 4\)"),
                 ([[0], [1], [1], [0], [1]], r"Y has 5 rows but X had 4")]:
    row(f"backward_batch(Y={str(Y)[:30]})", lambda Y=Y: cl.backward_batch(BTRACE, Y),
        Raises(words))
row("backward_batch two outputs, Y of one column",
    lambda: cl.backward_batch(cl.forward_batch(TWO, XOR_X), XOR_Y),
    Raises(r"shape \(samples, 2\) for \(f1, f2\)"))
row("train(X 4 rows, Y 2 rows)", lambda: cl.train(NET, XOR_X, [0, 1], 0.5, 2),
    Raises(r"X has 4 rows and Y has 2"))
row("train(X transposed)", lambda: cl.train(NET, np.array(XOR_X).T, XOR_Y, 0.5, 2),
    Raises(r"inputs X.*shape \(samples, 2\).*\(2, 4\)"))
row("accuracy(X, Y as lists)", lambda: cl.accuracy(NET, XOR_X, XOR_Y),
    Returns(lambda a: a == cl.accuracy(NET, np.array(XOR_X, float), np.array(XOR_Y, float)[:, None])))
row("accuracy(Y 3 rows for 4)", lambda: cl.accuracy(NET, XOR_X, [0, 1, 1]),
    Raises(r"X has 4 rows and Y has 3"))
row("accuracy(two-output network)", lambda: cl.accuracy(TWO, XOR_X, [[0, 1]] * 4),
    Raises(r"accuracy reads one output f.*f1, f2"))
row("accuracy(X of 3 columns)", lambda: cl.accuracy(NET, [[0, 0, 0]], [0]),
    Raises(r"inputs X.*\(1, 3\)"))
row("forecasts(two-output network)", lambda: cl.forecasts(TWO, XOR_X), Raises(r"one output"))

# --- 5. networks: names, shapes, nothing dropped ------------------------------------------------
I1, A, F = ("I1",), ("A",), ("f",)
for layers, words in [
        ([["I1"], ["A_B", "B_C"], ["f"]], r"'A_B' contains '_'.*ambiguous"),
        ([["I1"], ["A", "sA"], ["f"]], r"'sA' looks like a sum name"),
        ([["I1"], ["L"], ["f"]], r"'L' is the course's name for another value"),
        ([["I1"], ["correct"], ["f"]], r"'correct' is the course's name"),
        ([["I1"], ["dLwrtA"], ["f"]], r"looks like a derivative name"),
        ([["I1"], ["class"], ["f"]], r"'class' is a Python keyword"),
        ([["I1"], ["1A"], ["f"]], r"'1A' is not a name of letters"),
        ([["I1"], ["Ä"], ["f"]], r"'Ä' is not a name"), ([["I1"], [""], ["f"]], r"'' is not a name"),
        ([["I1"], [5], ["f"]], r"5 is not a name"), ([["I1"], [None], ["f"]], r"None is not a name"),
        ([["I1"], ["A", "A"], ["f"]], r"node names must be unique"),
        ([["I1"], ["a", "A"], ["f"]], r"'a' and 'A' both make the name 'sA'"),
        ([["I1"], ["A"], ["I1"]], r"must be unique"),
        ([["I1"], [], ["f"]], r"at least one node in every layer"),
        ([["I1"]], r"an input layer, an output layer"), ([], r"an input layer, an output layer"),
        ("abc", r"layers must be a list of layers"), (5, r"layers must be a list of layers"),
        ([["I1"], "AB", ["f"]], r"layer 1 must be a list of node names, got 'AB'")]:
    matrices = [[[0.5] * len(b) for _ in a] for a, b in zip(layers, layers[1:])] \
        if isinstance(layers, list) and all(isinstance(l, list) for l in layers) else []
    row(f"Network(layers={str(layers)[:40]})",
        lambda layers=layers, matrices=matrices: Network(layers, matrices), Raises(words))
row("make_network(layers=[['I1'], ['sA'], ['f']])",
    lambda: cl.make_network(layers=[["I1"], ["sA"], ["f"]]), Raises(r"'sA' looks like a sum name"))
row("make_network(layers='abc')", lambda: cl.make_network(layers="abc"),
    Raises(r"layers must be a list of layers"))
row("make_network(sizes=(2, 3, 1), layers of sizes (1, 1, 1))",
    lambda: cl.make_network((2, 3, 1), layers=[I1, A, F]), Raises(r"disagree"))
row("make_network(layers=...) with default sizes", lambda: cl.make_network(layers=[I1, A, F]),
    Returns(lambda net: net.layers == (I1, A, F)))
M = [np.array(m) for m in NET.rows]
for label, matrices, biases, words in [
        ("an extra matrix", M + [np.ones((1, 1))], None,
         r"one weight matrix per pair of layers \(3\), got 4"),
        ("a matrix missing", M[:2], None, r"one weight matrix per pair of layers \(3\), got 2"),
        ("matrices transposed", [m.T for m in M], None, r"weight matrix 0 must have shape \(2, 2\)"
                                                       r"|weight matrix 2 must have shape \(2, 1\).*\(1, 2\)"),
        ("last matrix (1, 2) for (2, 1)", M[:2] + [M[2].T], None,
         r"weight matrix 2.*\(2, 1\).*got \(1, 2\)"),
        ("a matrix with an extra row", M[:1] + [np.ones((3, 2))] + M[2:], None,
         r"weight matrix 1.*got \(3, 2\)"),
        ("a ragged matrix", M[:1] + [[[1, 2], [3]]] + M[2:], None,
         r"weight matrix 1.*different lengths"),
        ("a string in a matrix", M[:1] + [[["0.5", 1], [1, 1]]] + M[2:], None,
         r"weight matrix 1.*the text '0.5'"),
        ("None in a matrix", M[:1] + [[[None, 1], [1, 1]]] + M[2:], None,
         r"weight matrix 1.*real number"),
        ("a NaN in a matrix", M[:1] + [[[NAN, 1], [1, 1]]] + M[2:], None,
         r"weight matrix 1.*finite"),
        ("a 3-D matrix", M[:1] + [np.ones((2, 2, 1))] + M[2:], None,
         r"weight matrix 1.*one number in each place"),
        ("matrices = None", None, None, r"matrices must be one weight matrix per pair"),
        ("matrices = 5", 5, None, r"matrices must be one weight matrix per pair"),
        ("an extra bias vector", M, [[0, 0], [0, 0], [0], [0]],
         r"one bias vector per non-input layer \(3\), got 4"),
        ("a bias vector missing", M, [[0, 0], [0, 0]],
         r"one bias vector per non-input layer \(3\), got 2"),
        ("a bias vector too long", M, [[0, 0], [0, 0, 0], [0]], r"bias vector 1.*\(2,\).*got 3"),
        ("a bias vector (2, 1)", M, [[0, 0], np.zeros((2, 1)), [0]],
         r"bias vector 1.*one number in each place"),
        ("a bias vector (1, 2)", M, [[0, 0], np.zeros((1, 2)), [0]],
         r"bias vector 1.*got 1 numbers"),
        ("biases = 5", M, 5, r"biases must be one bias vector"),
        ("a bias of inf", M, [[0, 0], [0, INF], [0]], r"bias vector 1.*finite"),
        ("a bias of 'x'", M, [[0, 0], [0, "x"], [0]], r"bias vector 1.*the text 'x'")]:
    row(f"Network({label})", lambda matrices=matrices, biases=biases: Network(NET.layers, matrices, biases),
        Raises(words))
row("Network(numbers as Fraction and Decimal)",
    lambda: Network(NET.layers, [[[Fraction(1, 2), Decimal("0.5")], [1, 2]], [[1, 1], [1, 1]],
     [[1], [1]]]),
    Returns(lambda net: net["w_I1_A"] == 0.5 and net["w_I1_B"] == 0.5))

for sizes, words in [((0,), r"at least two whole numbers >= 1"), ((2, -1), r"at least two whole numbers"),
                     ((2,), r"at least two"), ((2, 0, 1), r"whole numbers >= 1"),
                     ((2, 1.5, 1), r"whole numbers"), ((2, "3", 1), r"whole numbers"),
                     ((2, True, 1), r"whole numbers"), ((2, None, 1), r"whole numbers"),
                     ("abc", r"sizes must be whole numbers, one per layer, got 'abc'"),
                     (None, r"sizes must be whole numbers"), (5, r"sizes must be whole numbers"),
                     ((2, 10**6, 1), r"at most 20000 nodes"),
                     ((2, 9000, 9000, 1), r"81027000 weights.*1000000 weights"),
                     ((2, 10**400, 1), r"at most 20000 nodes")]:
    row(f"make_network(sizes={str(sizes)[:30]})", lambda sizes=sizes: cl.make_network(sizes),
        Raises(r"sizes", words))
    row(f"deep_network(sizes={str(sizes)[:30]})", lambda sizes=sizes: cl.deep_network(sizes),
        Raises(r"sizes", words))
for label, kwargs, words in [("seed='x'", dict(seed="x"), r"seed must be a whole number, got 'x'"),
                             ("seed=1.5", dict(seed=1.5), r"seed must be a whole number, got 1.5"),
                             ("seed=None", dict(seed=None), r"seed must be a whole number"),
                             ("seed=True", dict(seed=True), r"seed must be a whole number"),
                             ("biases='yes'", dict(biases="yes"), r"biases must be True or False"),
                             ("biases=None", dict(biases=None), r"biases must be True or False"),
                             ("weights=[1, 2]", dict(weights=[1, 2]), r"new weights as a dict"),
                             ("weights='w_A_C'", dict(weights="w_A_C"), r"new weights as a dict"),
                             ("weights={'w_A_c': 1}", dict(weights={"w_A_c": 1}),
                              r"did you mean 'w_A_C'")]:
    row(f"make_network({label})", lambda kwargs=kwargs: cl.make_network(**kwargs), Raises(words))
for label, kwargs in [("seed=-1", dict(seed=-1)), ("seed=10**400", dict(seed=10**400)),
                      ("seed=np.int64(3)", dict(seed=np.int64(3))), ("seed=2.0", dict(seed=2.0)),
                      ("sizes=np.array([2, 3, 1])", dict(sizes=np.array([2, 3, 1]))),
                      ("sizes=[2, np.int64(3), 1]", dict(sizes=[2, np.int64(3), 1])),
                      ("biases=1", dict(biases=1)), ("biases=np.True_", dict(biases=np.True_)),
                      ("weights={}", dict(weights={}))]:
    row(f"make_network({label}) works", lambda kwargs=kwargs: cl.make_network(**kwargs),
        Returns(lambda net: isinstance(net, Network) and math.isfinite(
            cl.backward(cl.forward(net, SAMPLE), 1.0).loss)))
row("make_network(seed=-1) differs from seed=1",
    lambda: cl.make_network(seed=-1).weights != cl.make_network(seed=1).weights,
    Returns(lambda differ: differ))

# --- 6. large networks build and run -------------------------------------------------------------
WIDE = (2, 1000, 1)


def runs(sizes, activation="sigmoid"):
    """Build, forward, backward and one update; the gradient of the first weight checked."""
    net = cl.make_network(sizes, activation, seed=1)
    correct = [0.5] * len(net.outputs)
    grads = cl.backward(cl.forward(net, [0.3, -0.2]), correct)
    first = net.parameter_names[0]
    slope = cl.nudge(net, [0.3, -0.2], correct, first).slope
    cl.update(net, grads, 0.1)
    return cl.relative_error(grads.weights[first], slope, floor=1e-10) < 1e-4


row("make_network((2, 1000, 1)) builds and runs", lambda: runs(WIDE), Returns(lambda ok: ok))
row("make_network((2,)*60) builds and runs (tanh)", lambda: runs(CHECK_LEVEL_DEEP, "tanh"),
    Returns(lambda ok: ok))
row("make_network((2,)*60) builds and runs (sigmoid)", lambda: runs(CHECK_LEVEL_DEEP),
    Returns(lambda ok: ok))
row("make_network((2, 3*50, 1)) explain the first weight",
    lambda: cl.backward(cl.forward(cl.make_network((2,) + (3,) * 50 + (1,), "tanh"), SAMPLE),
                        0.5).explain("w_I1_A"),
    Returns(lambda e: "paths lead from" in e.symbolic))
row("forward_batch + train on (2, 1000, 1)",
    lambda: cl.train(cl.make_network(WIDE), XOR_X, XOR_Y, 0.5, 3).losses,
    Returns(lambda losses: len(losses) == 3 and np.isfinite(losses).all()))
row("multiplications((2,)*60) (2**58 paths, counted not listed)",
    lambda: multiplications(cl.make_network(CHECK_LEVEL_DEEP)),
    Returns(lambda m: m.without_reuse > 2**58 and m.with_reuse < 1000))
row("path_lengths((2,)*60, 'A') (too many to list)",
    lambda: path_lengths(cl.make_network(CHECK_LEVEL_DEEP), "A"), Raises(r"paths lead from A",
     r"too many"))
row("python_source((2,)*60) compiles", lambda: compile(cl.python_source(cl.make_network(
    CHECK_LEVEL_DEEP)), "deep", "exec"), Returns())

# --- 7. another network's gradients and traces ---------------------------------------------------
for label, call in [("update(net, two-output gradients)", lambda: cl.update(NET, GRADS2, 0.5)),
                    ("update(net, 2-3-1 gradients)", lambda: cl.update(NET, SMALL_GRADS, 0.5)),
                    ("update(two-output net, net gradients)", lambda: cl.update(TWO, GRADS, 0.5)),
                    ("update(net, two-output batch gradients)",
                     lambda: cl.update(NET, BGRADS2, 0.5)),
                    ("update(net, a dict missing weights)",
                     lambda: cl.update(NET, {"w_A_C": 1.0}, 0.5)),
                    ("update(net, gradients + an extra name)",
                     lambda: cl.update(NET, {**GRADS.weights, "w_A_E": 1.0}, 0.5)),
                    ("gradient_check(net, gradients of two outputs)",
                     lambda: cl.gradient_check(NET, SAMPLE, 1.0, gradients=GRADS2.weights)),
                    ("gradient_check(net, Gradients of 2-3-1)",
                     lambda: cl.gradient_check(NET, SAMPLE, 1.0, gradients=SMALL_GRADS))]:
    row(label, call, Raises(r"gradients belong to another network", r"missing|extra"))
for label, call, words in [
        ("update(net, None)", lambda: cl.update(NET, None, 0.5),
         r"gradients must be what backward\(\) returned"),
        ("update(net, a list)", lambda: cl.update(NET, [0.1] * 10, 0.5),
         r"gradients must be.*list"),
        ("update(net, the Trace)", lambda: cl.update(NET, TRACE, 0.5), r"gradients must be.*Trace"),
        ("update(None, gradients)", lambda: cl.update(None, GRADS, 0.5),
         r"network must be a Network"),
        ("update(net, grads with NaN)",
         lambda: cl.update(NET, {**GRADS.weights, "w_C_f": NAN}, 0.5),
         r"gradient of w_C_f must be a finite number.*nan"),
        ("update(net, grads, 1e6) overflows nothing", lambda: cl.update(NET, GRADS, 1e6), None),
        ("explain(two-output gradients, 'w_C_f')", lambda: cl.explain(GRADS2, "w_C_f"),
         r"unknown weight 'w_C_f'.*did you mean"),
        ("explain(a Trace, ...)", lambda: cl.explain(TRACE, "w_A_C"),
         r"explain needs the Gradients.*Trace"),
        ("explain(5, ...)", lambda: cl.explain(5, "w_A_C"), r"explain needs the Gradients.*int"),
        ("explain(batch gradients, ...)", lambda: cl.explain(BGRADS, "w_A_C"),
         r"explain needs the Gradients"),
        ("backward(Gradients)", lambda: cl.backward(GRADS, 1.0),
         r"backward needs the Trace.*Gradients"),
        ("backward(None)", lambda: cl.backward(None, 1.0), r"backward needs the Trace.*NoneType"),
        ("backward(BatchTrace)", lambda: cl.backward(BTRACE, 1.0),
         r"backward needs the Trace.*backward_batch"),
        ("backward(a dict)", lambda: cl.backward(dict(TRACE.values), 1.0),
         r"backward needs the Trace"),
        ("backward_batch(a Trace)", lambda: cl.backward_batch(TRACE, [1.0]),
         r"needs the BatchTrace.*use backward"),
        ("backward_batch(None)", lambda: cl.backward_batch(None, [1.0]), r"needs the BatchTrace"),
        ("backward_with(None)", lambda: cl.backward_with(None, 1.0),
         r"backward_with needs the Trace"),
        ("backward_with(BatchTrace)", lambda: cl.backward_with(BTRACE, 1.0),
         r"backward_with needs the Trace"),
        ("forward(None, ...)", lambda: cl.forward(None, SAMPLE),
         r"network must be a Network.*NoneType"),
        ("forward('net', ...)", lambda: cl.forward("net", SAMPLE),
         r"network must be a Network.*'net'"),
        ("forward(a Trace, ...)", lambda: cl.forward(TRACE, SAMPLE),
         r"network must be a Network.*Trace"),
        ("forward_batch(None, X)", lambda: cl.forward_batch(None, XOR_X),
         r"network must be a Network"),
        ("train(None, ...)", lambda: cl.train(None, XOR_X, XOR_Y, 0.5, 2),
         r"network must be a Network"),
        ("train('seed', ...)", lambda: cl.train("seed", XOR_X, XOR_Y, 0.5, 2),
         r"network must be a Network"),
        ("weight_matrices(None)", lambda: cl.weight_matrices(None), r"network must be a Network"),
        ("bias_vectors('net')", lambda: cl.bias_vectors("net"), r"network must be a Network"),
        ("nudge(None, ...)", lambda: cl.nudge(None, SAMPLE, 1.0, "w_A_C"),
         r"network must be a Network"),
        ("loss_of(None, ...)", lambda: cl.loss_of(None, SAMPLE, 1.0), r"network must be a Network"),
        ("gradient_check(None, ...)", lambda: cl.gradient_check(None, SAMPLE, 1.0),
         r"network must be a Network"),
        ("accuracy(None, ...)", lambda: cl.accuracy(None, XOR_X, XOR_Y),
         r"network must be a Network"),
        ("decision_grid(None, X)", lambda: cl.decision_grid(None, XOR_X),
         r"network must be a Network"),
        ("python_source(None)", lambda: cl.python_source(None), r"network must be a Network"),
        ("c_source(None, ...)", lambda: cl.c_source(None, SAMPLE, 1.0),
         r"network must be a Network"),
        ("statements('net')", lambda: cl.statements("net"), r"network must be a Network"),
        ("course_values(None, ...)", lambda: cl.course_values(None, SAMPLE, 1.0),
         r"network must be a Network"),
        ("train_with(None, ...)", lambda: cl.train_with(None, XOR_X, XOR_Y, 0.5, 2),
         r"network must be a Network"),
        ("mistake_verdict(None, ...)", lambda: cl.mistake_verdict(None, SAMPLE, 1.0),
         r"network must be a Network"),
        ("multiplications(None)", lambda: multiplications(None), r"network must be a Network"),
        ("keep_output(two, 'f3')", lambda: keep_output(TWO, "f3"), r"unknown output 'f3'.*f1, f2"),
        ("keep_output(None, 'f1')", lambda: keep_output(None, "f1"), r"network must be a Network"),
        ("per_output_gradients(two, correct=1.0)", lambda: per_output_gradients(TWO, SAMPLE, 1.0),
         r"expected 2 output value\(s\).*\['f1', 'f2'\]"),
        ("path_lengths(net, 'Z')", lambda: path_lengths(NET, "Z"), r"unknown node 'Z'"),
        ("Network.with_weights(a list)", lambda: NET.with_weights([("w_A_C", 1.0)]),
         r"new weights as a dict")]:
    row(label, call, Returns(lambda net: math.isfinite(net["w_A_C"])) if words is None else Raises(words))
row("update(net, grads of the same layout, other weights)",
    lambda: cl.update(NET, cl.backward(cl.forward(cl.seed_network("tanh"), SAMPLE), 1.0), 0.5),
    Returns(lambda net: net.activations == NET.activations))
row("update(net, MappingProxy of gradients)", lambda: cl.update(NET, GRADS.weights, 0.5),
    Returns(lambda net: net.weights == cl.update(NET, GRADS, 0.5).weights))
row("update(net, batch gradients)", lambda: cl.update(NET, BGRADS, 0.5),
    Returns(lambda net: close(net["w_A_C"], NET["w_A_C"] - 0.5 * BGRADS.weights["w_A_C"])))

# --- 7b. Gradients, Trace and GradientCheck methods with bad arguments ---------------------------
CHECK = cl.gradient_check(NET, SAMPLE, 1.0)
for label, call, words in [
        ("Gradients.chain(max_paths=-1)", lambda: GRADS.chain("w_A_C", max_paths=-1),
         r"max_paths.*>= 0"),
        ("Gradients.chain(max_paths='x')", lambda: GRADS.chain("w_A_C", max_paths="x"),
         r"max_paths"),
        ("GradientCheck.passed('x')", lambda: CHECK.passed("x"),
         r"tolerance must be a real number"),
        ("GradientCheck.passed(0)", lambda: CHECK.passed(0), r"tolerance must be greater than 0"),
        ("GradientCheck.passed(nan)", lambda: CHECK.passed(NAN), r"tolerance.*nan"),
        ("relative_error('x', 1)", lambda: cl.relative_error("x", 1.0),
         r"analytic must be a real number"),
        ("relative_error(1, nan)", lambda: cl.relative_error(1.0, NAN), r"numeric.*nan"),
        ("relative_error(1, 10**400)", lambda: cl.relative_error(1.0, 10**400),
         r"numeric.*too large"),
        ("relative_error(floor=0)", lambda: cl.relative_error(1.0, 1.0, floor=0),
         r"floor must be greater than 0"),
        ("BatchGradients.sample(4) of 4", lambda: BGRADS.sample(4), r"sample number n.*<= 3"),
        ("BatchGradients.sample(-1)", lambda: BGRADS.sample(-1), r"sample number n.*>= 0"),
        ("BatchGradients.sample('x')", lambda: BGRADS.sample("x"), r"sample number n"),
        ("DecisionGrid.at('x', 0)", lambda: cl.decision_grid(NET, XOR_X, steps=5).at("x", 0),
         r"I1 must be a real"),
        ("DecisionGrid.at(0, nan)", lambda: cl.decision_grid(NET, XOR_X, steps=5).at(0, NAN),
         r"I2.*nan")]:
    row(label, call, Raises(words))
row("relative_error(0, 1e-17) (the floor)", lambda: cl.relative_error(0.0, 1e-17),
    Returns(lambda e: e < 1e-8))

# --- 8. every keyword with the wrong type or range ---------------------------------------------
TRAIN = lambda **kw: cl.train(NET, XOR_X, XOR_Y, **{"learning_rate": 0.5, "epochs": 2, **kw})
for label, kwargs, words in [
        ("epochs=-1", dict(epochs=-1), r"epochs must be a whole number >= 0.*got -1"),
        ("epochs=2.5", dict(epochs=2.5), r"epochs must be a whole number.*2.5"),
        ("epochs='10'", dict(epochs="10"), r"epochs must be a whole number.*'10'"),
        ("epochs=None", dict(epochs=None), r"epochs must be a whole number.*None"),
        ("epochs=True", dict(epochs=True), r"epochs must be a whole number.*True"),
        ("epochs=inf", dict(epochs=INF), r"epochs must be a whole number.*inf"),
        ("epochs=nan", dict(epochs=NAN), r"epochs must be a whole number.*nan"),
        ("epochs=10**400", dict(epochs=10**400), r"epochs must be a whole number.*<= 1000000"),
        ("epochs=10**7 (would hang)", dict(epochs=10**7),
         r"epochs must be a whole number.*<= 1000000"),
        ("learning_rate=-1", dict(learning_rate=-1), r"learning_rate must be greater than 0.*-1"),
        ("learning_rate=0", dict(learning_rate=0), r"learning_rate must be greater than 0"),
        ("learning_rate='x'", dict(learning_rate="x"), r"learning_rate must be a real number.*'x'"),
        ("learning_rate=1e7", dict(learning_rate=1e7),
         r"learning_rate = 1e\+07 is too large.*1e\+06"),
        ("every=0", dict(every=0, callback=lambda e, l: None),
         r"every must be a whole number >= 1"),
        ("every='x'", dict(every="x"), r"every must be a whole number"),
        ("callback=5", dict(callback=5), r"callback must be a function.*int"),
        ("callback='print'", dict(callback="print"), r"callback must be a function.*str"),
        ("record_gradient_sizes='yes'", dict(record_gradient_sizes="yes"),
         r"record_gradient_sizes must be True or False")]:
    row(f"train({label})", lambda kwargs=kwargs: TRAIN(**kwargs), Raises(words))
row("train(learning_rate=1e6) diverges with a course error",
    lambda: cl.train(cl.make_network((2, 2, 1), "linear"), XOR_X, XOR_Y, 1e6, 50),
    Raises(r"diverged|overflow", r"learning_rate", error=DivergedError))
row("train(epochs=0)", lambda: TRAIN(epochs=0), Returns(lambda t: t.network.weights == NET.weights))
row("train(epochs=3.0)", lambda: TRAIN(epochs=3.0), Returns(lambda t: len(t.losses) == 3))

TRAIN_WITH = lambda **kw: cl.train_with(NET, XOR_X, XOR_Y, **{"learning_rate": 0.5, "epochs": 2, **kw})
for label, kwargs, words in [
        ("epochs=-1", dict(epochs=-1), r"epochs must be a whole number >= 1"),
        ("epochs=0", dict(epochs=0), r"epochs must be a whole number >= 1"),
        ("epochs=2.5", dict(epochs=2.5), r"epochs must be a whole number.*2.5"),
        ("epochs='10'", dict(epochs="10"), r"epochs must be a whole number.*'10'"),
        ("epochs=10**9", dict(epochs=10**9), r"<= 1000000"),
        ("learning_rate=0", dict(learning_rate=0), r"learning_rate must be greater than 0"),
        ("learning_rate='x'", dict(learning_rate="x"), r"learning_rate must be a real number")]:
    row(f"train_with({label})", lambda kwargs=kwargs: TRAIN_WITH(**kwargs), Raises(words))
row("train_with(X with NaN)", lambda: cl.train_with(NET, [[0, NAN]] * 4, XOR_Y, 0.5, 2),
    Raises(r"inputs X must be finite"))
row("compare_training(epochs='10')", lambda: cl.compare_training(NET, XOR_X, XOR_Y, 0.5, "10"),
    Raises(r"epochs must be a whole number"))
for label, kwargs, words in [("tolerance='x'", dict(tolerance="x"), r"tolerance must be a real number"),
                             ("tolerance=-1", dict(tolerance=-1),
                              r"tolerance must be greater than 0"),
                             ("tolerance=nan", dict(tolerance=NAN), r"tolerance.*nan"),
                             ("learning_rate=-1 (stale)", dict(mistake="stale_weights", learning_rate=-1),
                              r"learning_rate must be greater than 0"),
                             ("inputs=[nan, 1]", dict(inputs=[NAN, 1.0]),
                              r"I1 must be a finite number")]:
    inputs = kwargs.pop("inputs", SAMPLE)
    row(f"mistake_verdict({label})",
        lambda kwargs=kwargs, inputs=inputs: cl.mistake_verdict(NET, inputs, 1.0, **kwargs),
        Raises(words))
for label, call, words in [
        ("backward_with(stale_weights, no learning_rate)",
         lambda: cl.backward_with(TRACE, 1.0, stale_weights=True),
          r"learning_rate must be a real number.*None"),
        ("backward_with(learning_rate='x')",
         lambda: cl.backward_with(TRACE, 1.0, learning_rate="x"),
         r"learning_rate must be a real number"),
        ("backward_with(correct=nan)", lambda: cl.backward_with(TRACE, NAN),
         r"\bf must be a finite number"),
        ("epochs_to_reach('abc')", lambda: cl.epochs_to_reach("abc"),
         r"losses must be a list of numbers"),
        ("epochs_to_reach(None)", lambda: cl.epochs_to_reach(None),
         r"losses must be a list of numbers"),
        ("epochs_to_reach([[1, 0.5]])", lambda: cl.epochs_to_reach([[1, 0.5]]),
         r"losses must be a list"),
        ("epochs_to_reach(level='x')", lambda: cl.epochs_to_reach([1, 0.5], level="x"),
         r"level must be a real"),
        ("epochs_to_reach(level=nan)", lambda: cl.epochs_to_reach([1, 0.5], level=NAN),
         r"level.*nan"),
        ("epochs_to_reach(level=-1)", lambda: cl.epochs_to_reach([1, 0.5], level=-1),
         r"level must be greater"),
        ("decision_grid(steps='x')", lambda: cl.decision_grid(NET, XOR_X, steps="x"),
         r"steps must be a whole"),
        ("decision_grid(steps=1)", lambda: cl.decision_grid(NET, XOR_X, steps=1), r"steps.*>= 2"),
        ("decision_grid(steps=10**6)", lambda: cl.decision_grid(NET, XOR_X, steps=10**6),
         r"steps.*<= 1000"),
        ("decision_grid(steps=2.5)", lambda: cl.decision_grid(NET, XOR_X, steps=2.5),
         r"steps must be a whole"),
        ("decision_grid(margin=nan)", lambda: cl.decision_grid(NET, XOR_X, margin=NAN),
         r"margin.*nan"),
        ("decision_grid(margin=1e308)", lambda: cl.decision_grid(NET, XOR_X, margin=1e308),
         r"margin.*too large"),
        ("decision_grid(margin=-1)", lambda: cl.decision_grid(NET, XOR_X, margin=-1),
         r"margin must be 0 or more"),
        ("network_from_arrays(biased net, no biases)",
         lambda: network_from_arrays(cl.make_network(biases=True), cl.weight_matrices(NET)),
         r"has biases: give its bias vectors"),
        ("network_from_arrays(net, one array missing)",
         lambda: network_from_arrays(NET, cl.weight_matrices(NET)[:2]),
         r"one weight matrix per pair of layers \(3\), got 2"),
        ("network_from_arrays(net, arrays transposed)",
         lambda: network_from_arrays(NET, [W.T for W in cl.weight_matrices(NET)]),
         r"weight matrix 2 must have shape \(2, 1\)"),
        ("decision_grid(X 1-D)", lambda: cl.decision_grid(NET, [1, 2]), r"inputs X.*shape"),
        ("decision_grid(two outputs)", lambda: cl.decision_grid(TWO, XOR_X), r"one output"),
        ("decision_grid(three inputs)", lambda: cl.decision_grid(cl.make_network((3, 2, 1)),
         [[0, 0, 0]]),
         r"two inputs.*I1, I2, I3"),
        ("front_to_last('abc')", lambda: cl.front_to_last("abc"), r"sizes must be numbers"),
        ("front_to_last(None)", lambda: cl.front_to_last(None), r"sizes must be numbers"),
        ("front_to_last([0, 0])", lambda: cl.front_to_last([0, 0]), r"greater than 0 to divide by"),
        ("front_to_last([1, -1])", lambda: cl.front_to_last([1, -1]), r"none negative"),
        ("front_to_last([nan, 1])", lambda: cl.front_to_last([NAN, 1]), r"finite"),
        ("front_to_last([[1, 2], [3]])", lambda: cl.front_to_last([[1, 2], [3]]),
         r"sizes must be numbers"),
        ("front_to_last(['1', '2'])", lambda: cl.front_to_last(["1", "2"]),
         r"sizes must be numbers"),
        ("gradient_sizes_by_activation('sigmod')",
         lambda: cl.gradient_sizes_by_activation("sigmod"),
         r"unknown activation 'sigmod'"),
        ("gradient_sizes_by_activation(dataset='moon')",
         lambda: cl.gradient_sizes_by_activation(dataset="moon"), r"unknown data set 'moon'"),
        ("gradient_sizes_by_activation(epochs=-1)",
         lambda: cl.gradient_sizes_by_activation(epochs=-1), r"epochs must be a whole number"),
        ("one_weight_descent(steps=-1)", lambda: one_weight_descent(0.1, steps=-1),
         r"steps must be a whole"),
        ("one_weight_descent(steps='x')", lambda: one_weight_descent(0.1, steps="x"),
         r"steps must be a whole"),
        ("one_weight_descent(steps=10**9)", lambda: one_weight_descent(0.1, steps=10**9),
         r"<= 100000"),
        ("one_weight_descent(learning_rate=0)", lambda: one_weight_descent(0),
         r"learning_rate must be greater"),
        ("one_weight_descent(w=nan)", lambda: one_weight_descent(0.1, w=NAN),
         r"\bw must be a finite"),
        ("one_weight_descent(loss='mse')", lambda: one_weight_descent(0.1, loss="mse"),
         r"unknown loss 'mse'")]:
    row(label, call, Raises(words))
for label, call, check in [
        ("front_to_last([2, 1])", lambda: cl.front_to_last([2, 1]), lambda r: r == 2.0),
        ("front_to_last(array (epochs, layers))",
         lambda: cl.front_to_last(np.array([[2, 1], [3, 1]])),
         lambda r: list(r) == [2.0, 3.0]),
        ("epochs_to_reach with a NaN (diverged run)", lambda: cl.epochs_to_reach([1, NAN, 0.001]),
         lambda e: e == 2),
        ("decision_grid(X as lists)", lambda: cl.decision_grid(NET, XOR_X, steps=5),
         lambda g: g.forecast.shape == (5, 5)),
        ("gradient_sizes_by_activation('tanh') (one name)",
         lambda: cl.gradient_sizes_by_activation("tanh", epochs=2), lambda r: set(r) == {"tanh"})]:
    row(label, call, Returns(check))

# --- 9. code generation --------------------------------------------------------------------------
for name in ("class", "1x", "def", "", None, 5, "sigmoid", "math", "I1", "w_A_C", "dL_wrt_f", "L",
             "forward backward", "Ä"):
    row(f"python_source(function_name={name!r})",
        lambda name=name: cl.python_source(NET, function_name=name),
        Raises(r"function_name must be a Python name", r"forward_backward"))
row("python_source(function_name='my_pass') compiles and agrees",
    lambda: _run_python(cl.python_source(NET, SAMPLE, 1.0, function_name="my_pass"), "my_pass"),
    Returns(lambda values: close(values["dL_wrt_w_A_C"], GRADS["dL_wrt_w_A_C"])))
for label, call, words in [
        ("python_source(inputs only)", lambda: cl.python_source(NET, SAMPLE),
         r"give both inputs and correct"),
        ("python_source(correct only)", lambda: cl.python_source(NET, correct=1.0), r"give both"),
        ("python_source(inputs with 'x')", lambda: cl.python_source(NET, [1.0, "x"], 1.0),
         r"I2 must be a real"),
        ("python_source(correct=nan)", lambda: cl.python_source(NET, SAMPLE, NAN),
         r"\bf must be a finite"),
        ("c_source(inputs=None)", lambda: cl.c_source(NET, None, None),
         r"input values must be numbers"),
        ("c_source(correct=inf)", lambda: cl.c_source(NET, SAMPLE, INF), r"\bf must be a finite"),
        ("c_source(inputs of 3)", lambda: cl.c_source(NET, [1, 2, 3], 1.0), r"expected 2 input"),
        ("c_source(node named 'double')",
         lambda: cl.c_source(Network([["I1"], ["double"], ["f"]], [[[1.0]], [[1.0]]]), [1.0], 1.0),
         r"cannot be variables in the generated C.*double"),
        ("python_source(node named 'math')",
         lambda: cl.python_source(Network([["I1"], ["math"], ["f"]], [[[1.0]], [[1.0]]])),
         r"cannot be variables in the generated Python.*math"),
        ("run_c(5)", lambda: cl.run_c(5), r"source must be the text of a C program.*int"),
        ("run_c(None)", lambda: cl.run_c(None), r"source must be the text of a C program"),
        ("run_c(flags='-O2')", lambda: cl.run_c("int main(void){return 0;}", flags="-O2"),
         r"flags must be a list of strings"),
        ("run_c(compiler=5)", lambda: cl.run_c("int main(void){return 0;}", compiler=5),
         r"compiler must be the path of a C compiler"),
        ("run_c(compiler='/no/such/cc')", lambda: cl.run_c("int main(void){return 0;}",
                                                           compiler="/no/such/cc"), r"could not start"),
        ("run_c(source that is not C)", lambda: cl.run_c("this is not C"),
         r"compiling the C program.*failed"),
        ("run_c(program that fails)", lambda: cl.run_c("int main(void){return 3;}"),
         r"running the compiled C program failed with exit status 3"),
        ("run_c(program printing junk)",
         lambda: cl.run_c('#include <stdio.h>\nint main(void){printf("hello world again\\n");return 0;}'),
         r"printed 'hello world again', not 'name value'"),
        ("statements(net, loss='squard')", lambda: cl.statements(NET, "squard"),
         r"unknown loss 'squard'"),
        ("course_values(net, [nan, 1], 1)", lambda: cl.course_values(NET, [NAN, 1.0], 1.0),
         r"I1 must be a finite number")]:
    needs_cc = label.startswith("run_c(") and "source must" not in words and "flags" not in words \
        and "compiler must" not in words
    marks = pytest.mark.skipif(needs_cc and cl.find_c_compiler() is None, reason="no C compiler")
    ROWS.append(pytest.param(call, Raises(words), id=label, marks=[marks]))


def _run_python(source, name):
    scope = {}
    exec(compile(source, "generated", "exec"), scope)
    return scope[name]()


# --- 10. data sets -------------------------------------------------------------------------------
for label, call, words in [
        ("moons(n=1)", lambda: cl.moons(1), r"n must be a whole number of points from 2 to 100000"),
        ("moons(n=1.5)", lambda: cl.moons(1.5), r"n must be a whole number"),
        ("moons(n='x')", lambda: cl.moons("x"), r"n must be a whole number"),
        ("moons(n=10**6)", lambda: cl.moons(10**6), r"from 2 to 100000"),
        ("moons(n=True)", lambda: cl.moons(True), r"n must be a whole number"),
        ("moons(noise=-1)", lambda: cl.moons(noise=-1), r"noise must be 0 or more"),
        ("moons(noise=nan)", lambda: cl.moons(noise=NAN), r"noise.*nan"),
        ("moons(noise='x')", lambda: cl.moons(noise="x"), r"noise must be a real number"),
        ("moons(noise=1e308)", lambda: cl.moons(noise=1e308), r"noise.*too large"),
        ("moons(seed=-1)", lambda: cl.moons(seed=-1), r"seed must be a whole number >= 0"),
        ("moons(seed='x')", lambda: cl.moons(seed="x"), r"seed must be a whole number"),
        ("moons(seed=1.5)", lambda: cl.moons(seed=1.5), r"seed must be a whole number"),
        ("load_dataset('xor', n=5)", lambda: cl.load_dataset("xor", n=5),
         r"'xor' has no option 'n'.*none"),
        ("load_dataset('moons', m=5)", lambda: cl.load_dataset("moons", m=5),
         r"'moons' has no option 'm'.*n, noise, seed"),
        ("load_dataset('moons', n=-3)", lambda: cl.load_dataset("moons", n=-3),
         r"n must be a whole number")]:
    row(label, call, Raises(words))
row("load_dataset('moons', n=10, seed=3) works", lambda: cl.load_dataset("moons", n=10, seed=3),
    Returns(lambda XY: XY[0].shape == (10, 2) and (XY[0] == cl.moons(10, seed=3)[0]).all()))
row("moons(seed=np.int64(0)) is moons(seed=0)", lambda: cl.moons(seed=np.int64(0)),
    Returns(lambda XY: (XY[0] == cl.moons()[0]).all()))

# --- 11. activations, losses and nudges: NaN stays NaN, no silent 0 ------------------------------
for label, call, check in [
        ("activation_function('relu', nan) is nan",
         lambda: cl.activation_function("relu", NAN), math.isnan),
        ("activation_function('relu', [nan, -1, 2])",
         lambda: cl.activation_function("relu", np.array([NAN, -1.0, 2.0])),
         lambda a: math.isnan(a[0]) and list(a[1:]) == [0.0, 2.0]),
        ("activation_function('relu', list with nan)",
         lambda: cl.activation_function("relu", [NAN, 1]),
         lambda a: math.isnan(a[0]) and a[1] == 1.0),
        ("activation_function_derivative('relu', nan) is nan",
         lambda: cl.activation_function_derivative("relu", NAN), math.isnan),
        ("activation_function_derivative('relu', [nan, 0, 3])",
         lambda: cl.activation_function_derivative("relu", [NAN, 0.0, 3.0]),
         lambda d: math.isnan(d[0]) and list(d[1:]) == [0.0, 1.0]),
        ("core activation_function('relu', nan) is nan",
         lambda: cl.core.activation_function("relu", NAN), math.isnan),
        ("core activation_function_derivative('relu', nan) is nan",
         lambda: cl.core.activation_function_derivative("relu", NAN), math.isnan),
        ("activation_function('sigmoid', nan) is nan",
         lambda: cl.activation_function("sigmoid", NAN),
         math.isnan),
        ("activation_function('tanh', nan) is nan",
         lambda: cl.activation_function("tanh", NAN), math.isnan),
        ("activation_function('sigmoid', 1e308) is 1",
         lambda: cl.activation_function("sigmoid", 1e308),
         lambda a: a == 1.0),
        ("activation_function('sigmoid', -1e308) is ~0",
         lambda: cl.activation_function("sigmoid", -1e308), lambda a: 0.0 <= a < 1e-300),
        ("activation_function('tanh', -inf) is -1", lambda: cl.activation_function("tanh", -INF),
         lambda a: a == -1.0),
        ("activation_function('relu', Fraction(1, 2))",
         lambda: cl.activation_function("relu", Fraction(1, 2)), lambda a: a == 0.5),
        ("activation_function('relu', Decimal('-2'))",
         lambda: cl.activation_function("relu", Decimal("-2")), lambda a: a == 0.0),
        ("activation_function('linear', 0-d array)",
         lambda: cl.activation_function("linear", np.array(3.0)), lambda a: a == 3.0),
        ("activation_function('sigmoid', [[0, 1], [2, 3]])",
         lambda: cl.activation_function("sigmoid", [[0, 1], [2, 3]]), lambda a: a.shape == (2, 2))]:
    row(label, call, Returns(check))
for fn in ("activation_function", "activation_function_derivative"):
    for label, value, words in [("'x'", "x", r"real number.*'x'"), ("None", None, r"real number.*None"),
                                ("True", True, r"real number.*True"), ("10**400", 10**400,
                                 r"too large"),
                                ("[[1, 2], [3]]", [[1, 2], [3]], r"different lengths"),
                                ("['a', 'b']", ["a", "b"], r"array of numbers"),
                                ("[True, False]", [True, False], r"array of numbers"),
                                ("{'s': 1}", {"s": 1}, r"real number"), ("1j", 1j, r"real number")]:
        row(f"{fn}('sigmoid', {label})",
            lambda fn=fn, value=value: getattr(cl, fn)("sigmoid", value), Raises(r"\bs\b|\bA\b", words))

for label, call, words, unless in [
        ("loss_value(NaN forecast) blames the forecast, not the weights",
         lambda: cl.loss_value({"f": NAN}, {"f": 1.0}), r"forecast f.*not a number", r"weights"),
        ("loss_value(inf forecast)", lambda: cl.loss_value({"f": INF}, {"f": 1.0}),
         r"forecast f.*finite",
         r"weights"),
        ("loss_value(forecast 1e200, overflow)", lambda: cl.loss_value({"f": 1e200}, {"f": 0.0}),
         r"overflowed.*forecast f = 1e\+200 is too far", None),
        ("loss_value(other outputs)", lambda: cl.loss_value({"f": 0.5}, {"g": 1.0}),
         r"unknown output 'g'", None),
        ("loss_value(two forecasts, one answer)",
         lambda: cl.loss_value({"f1": 0.5, "f2": 0.1}, 1.0),
         r"expected 2 output", None),
        ("loss_value(forecast 'x')", lambda: cl.loss_value("x", 1.0), r"forecast f must be a real",
         None),
        ("loss_value(forecast None)", lambda: cl.loss_value(None, 1.0),
         r"forecast f must be a real", None),
        ("loss_slope(nan, 1)", lambda: cl.loss_slope(NAN, 1.0), r"forecast f.*not a number",
         r"weights"),
        ("loss_slope(0.5, nan)", lambda: cl.loss_slope(0.5, NAN), r"correct.*not a number", None),
        ("loss_slope('x', 1)", lambda: cl.loss_slope("x", 1.0), r"forecast f must be a real", None),
        ("loss_slope(1e308, 1) overflows", lambda: cl.loss_slope(1e308, 1.0),
         r"dL_wrt_f overflowed", None)]:
    row(label, call, Raises(words, unless=unless))
for label, call, check in [
        ("loss_value(0.5, 1.0) (plain numbers)", lambda: cl.loss_value(0.5, 1.0),
         lambda L: L == 0.25),
        ("loss_value([0.5, 0.2], [1, 0]) (in output order)",
         lambda: cl.loss_value([0.5, 0.2], [1, 0]),
         lambda L: close(L, 0.25 + 0.04)),
        ("loss_value(trace.forecast, 1.0)", lambda: cl.loss_value(TRACE.forecast, 1.0),
         lambda L: L == GRADS.loss),
        ("loss_value(naive) may be negative", lambda: cl.loss_value(1.5, 1.0, "naive"),
         lambda L: L == -0.5),
        ("loss_slope(0.5, 1)", lambda: cl.loss_slope(0.5, 1.0), lambda s: s == -1.0)]:
    row(label, call, Returns(check))

NUDGE = lambda h, net=NET: cl.nudge(net, SAMPLE, 1.0, "w_A_C", h=h)
for label, h, words in [("h=1e-20", 1e-20, r"h = 1e-20 is too small.*from 1e-10"),
                        ("h=1e-11", 1e-11, r"h = 1e-11 is too small"),
                        ("h=5e-324", 5e-324, r"too small"), ("h=0", 0, r"h must be greater than 0"),
                        ("h=-1e-6", -1e-6, r"h must be greater than 0"),
                        ("h=True", True, r"h must be a real number")]:
    row(f"nudge({label})", lambda h=h: NUDGE(h), Raises(words))
row("nudge(h=1e-6) on w_A_C = 1e6 (w + h past the range)",
    lambda: NUDGE(1e-6, NET.with_weights(w_A_C=1e6)), Raises(r"w_A_C = 1000000.000001 is too large"))
row("nudge(h=1e-10) works and is close", lambda: NUDGE(1e-10).slope,
    Returns(lambda s: abs(s - GRADS.weights["w_A_C"]) < 1e-5))
row("nudge(h=Fraction(1, 10**6))", lambda: NUDGE(Fraction(1, 10**6)).slope,
    Returns(lambda s: close(s, GRADS.weights["w_A_C"], 1e-6)))
row("gradient_check(h=1e-20)", lambda: cl.gradient_check(NET, SAMPLE, 1.0, h=1e-20), Raises(r"too small"))
row("gradient_check(gradients=a list)", lambda: cl.gradient_check(NET, SAMPLE, 1.0, gradients=[0.1]),
    Raises(r"gradients must be"))
row("gradient_check(gradients with 'x')",
    lambda: cl.gradient_check(NET, SAMPLE, 1.0, gradients={**GRADS.weights, "w_A_C": "x"}),
    Raises(r"gradient of w_A_C must be a real number"))
row("gradient_check of a mistaken pass still fails it",
    lambda: cl.gradient_check(NET, SAMPLE, 1.0,
                              gradients=cl.backward_with(TRACE, 1.0, average_fan_out=True).weights),
    Returns(lambda check: not check.passed()))

# --- 12. the stepper: bad input is a refusal message, never an exception -------------------------
for label, action, name, kind, owner in [
        ("set_input('I1', 10**400)", lambda s: s.set_input("I1", 10**400), r"\bI1\b",
         r"1e400.*out of range", None),
        ("set_input('I1', '1e400')", lambda s: s.set_input("I1", "1e400"), r"\bI1\b",
         r"out of range", None),
        ("set_input('I1', '')", lambda s: s.set_input("I1", ""), r"\bI1\b", r"empty", None),
        ("set_input('I1', '1,5')", lambda s: s.set_input("I1", "1,5"), r"\bI1\b", r"not a number",
         None),
        ("set_input('I3', 1)", lambda s: s.set_input("I3", 1.0), r"unknown input 'I3'", r"I1, I2",
         None),
        ("set_input('i1', 1)", lambda s: s.set_input("i1", 1.0), r"unknown input 'i1'", r"I1, I2",
         None),
        ("set_input(None, 1)", lambda s: s.set_input(None, 1.0), r"unknown input", r"I1, I2", None),
        ("set_input(['I1'], 1)", lambda s: s.set_input(["I1"], 1.0), r"unknown input", r"I1, I2",
         None),
        ("set_correct(1, output='f3')", lambda s: s.set_correct(1.0, output="f3"), r"output",
         r"\bf\b", None),
        ("set_correct(1, output=['f'])", lambda s: s.set_correct(1.0, output=["f"]), r"output",
         r"\bf\b", None),
        ("set_learning_rate(-1)", lambda s: s.set_learning_rate(-1), r"learning rate",
         r"out of range", None),
        ("set_learning_rate(0)", lambda s: s.set_learning_rate(0), r"learning rate",
         r"out of range", None),
        ("set_learning_rate(1e7)", lambda s: s.set_learning_rate(1e7), r"learning rate",
         r"out of range", None),
        ("set_learning_rate(Fraction(1, 10**400))",
         lambda s: s.set_learning_rate(Fraction(1, 10**400)),
         r"learning rate", r"out of range", None),
        ("set_activation('sigmod')", lambda s: s.set_activation("sigmod"), r"'sigmod'",
         r"sigmoid, tanh", None),
        ("set_activation(None)", lambda s: s.set_activation(None), r"activation", r"sigmoid, tanh",
         None),
        ("set_activation(5)", lambda s: s.set_activation(5), r"activation", r"sigmoid, tanh", None),
        ("set_activation('mixed')", lambda s: s.set_activation("mixed"), r"'mixed'",
         r"sigmoid, tanh", None),
        ("set_activation(['relu'])", lambda s: s.set_activation(["relu"]), r"activation",
         r"sigmoid", None),
        ("choose_weight('w_A_c')", lambda s: s.choose_weight("w_A_c"), r"'w_A_c'", r"w_I1_A", None),
        ("choose_weight('sa')", lambda s: s.choose_weight("sa"), r"'sa'", r"unknown", None),
        ("choose_weight(None)", lambda s: s.choose_weight(None), r"None", r"unknown", None),
        ("choose_weight(5)", lambda s: s.choose_weight(5), r"5", r"unknown", None),
        ("choose_weight(['w_A_C'])", lambda s: s.choose_weight(["w_A_C"]), r"w_A_C",
         r"unknown", None),
        ("go_to(-1)", lambda s: s.go_to(-1), r"-1", r"not a step", None),
        ("go_to('x')", lambda s: s.go_to("x"), r"'x'", r"not a step", None),
        ("go_to(10**400)", lambda s: s.go_to(10**400), r"1000", r"not a step", None),
        ("go_to(2.5)", lambda s: s.go_to(2.5), r"2.5", r"not a step", None),
        ("go_to(None)", lambda s: s.go_to(None), r"None", r"not a step", None),
        ("backward() before forward", lambda s: s.backward(), r"Backward", r"not known yet", None),
        ("update() before backward", lambda s: s.update(), r"Update weights", r"not all known",
         None),
        ("undo() with nothing done", lambda s: s.undo(), r"Undo", r"nothing to undo", None)]:
    row(f"StepperState.{label}", action, Refuses(name, kind), owner)
row("StepperState.set_input('I1', '−0.5') (a typographic minus)",
    lambda s: s.set_input("I1", "\u22120.5"), Accepts(lambda s: s.inputs["I1"] == -0.5))
row("StepperState.set_input('I1', Decimal('0.25'))",
    lambda s: s.set_input("I1", Decimal("0.25")), Accepts(lambda s: s.inputs["I1"] == 0.25))
for label, call, words, owner in [
        ("StepperState(network='net')", lambda: cl.StepperState(network="net"),
         r"network must be a Network", None),
        ("StepperState(inputs=[nan, 1])", lambda: cl.StepperState(inputs=[NAN, 1.0]), r"I1.*nan",
         None),
        ("StepperState(correct='x')", lambda: cl.StepperState(correct="x"),
         r"output values must be", None),
        ("StepperState(learning_rate=-1)", lambda: cl.StepperState(learning_rate=-1),
         r"learning rate", None),
        ("StepperState(weight='w_A_c')", lambda: cl.StepperState(weight="w_A_c"), r"w_A_c", None),
        ("StepperState(weight=['w_A_C'])", lambda: cl.StepperState(weight=["w_A_C"]),
         r"weight", None)]:
    row(label, call, Raises(words), owner)

# --- 13. the diagram: each bad argument named ------------------------------------------------
for label, call, words in [
        ("network_diagram(None)", lambda: network_diagram(None), r"network must be a Network"),
        ("network_diagram('net')", lambda: network_diagram("net"), r"network must be a Network"),
        ("network_diagram(values='abc')", lambda: network_diagram(NET, values="abc"), r"values"),
        ("network_diagram(values=[1, 2])", lambda: network_diagram(NET, values=[1, 2]), r"values"),
        ("network_diagram(errors=5)", lambda: network_diagram(NET, errors=5), r"errors"),
        ("network_diagram(gradients of another network)",
         lambda: network_diagram(NET, gradients=GRADS2.weights), r"another network|unknown weight"),
        ("network_diagram(highlight=5)", lambda: network_diagram(NET, highlight=5), r"highlight"),
        ("network_diagram(highlight=['w_A_c'])", lambda: network_diagram(NET, highlight=["w_A_c"]),
         r"w_A_c"),
        ("network_diagram(current='w_A_c')", lambda: network_diagram(NET, current="w_A_c"),
         r"w_A_c"),
        ("network_diagram(values={'A': 'x'})", lambda: network_diagram(NET, values={"A": "x"}),
         r"\bA\b")]:
    row(label, call, Raises(words))
row("network_diagram(trace values, gradients)",
    lambda: network_diagram(NET, values=TRACE.values, errors=GRADS.values, gradients=GRADS.weights),
    Returns(lambda d: "w_A_C" in d.alt))
row("network_diagram((2,)*60)", lambda: network_diagram(cl.make_network(CHECK_LEVEL_DEEP)),
    Returns(lambda d: d.svg.startswith("<svg")))


# --- 14. the other pictures and labs in course_lib.__all__ -------------------------------------
for label, call, words, owner in [
        ("plot_decision_boundary(None, X, Y)",
         lambda: cl.plot_decision_boundary(None, XOR_X, XOR_Y),
         r"network must be a Network", None),
        ("plot_decision_boundary(X 1-D)", lambda: cl.plot_decision_boundary(NET, [1, 2], [1]),
         r"inputs X.*shape", None),
        ("plot_mistake_curves(None)", lambda: cl.plot_mistake_curves(None), r"runs", None),
        ("plot_training_losses('abc')", lambda: cl.plot_training_losses("abc"), r"curves", None),
        ("plot_gradient_sizes_over_training(None)",
         lambda: cl.plot_gradient_sizes_over_training(None),
         r"sizes", None),
        ("loss_sparkline('abc', 10)", lambda: cl.loss_sparkline("abc", 10), r"losses", None),
        ("loss_sparkline(None, 10)", lambda: cl.loss_sparkline(None, 10), r"losses", None),
        ("loss_sparkline([1, 0.5], epochs='x')", lambda: cl.loss_sparkline([1, 0.5], "x"),
         r"epochs", None),
        ("quiz_scores(path=5)", lambda: cl.quiz_scores(5),
         r"path", None)]:
    row(label, call, Raises(words), owner)
row("check_backprop(5) is a verdict, not an exception", lambda: cl.check_backprop(5),
    Returns(lambda verdict: "expected your function" in str(verdict)))

# --- the test ------------------------------------------------------------------------------------
@pytest.mark.parametrize("call, outcome", ROWS)
def test_bad_input(call, outcome):
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)    # an overflow warning is not an answer
        outcome.check(call)


def test_the_table_has_at_least_300_rows_of_each_kind_of_outcome():
    outcomes = [type(p.values[1]).__name__ for p in ROWS]
    counts = {kind: outcomes.count(kind) for kind in ("Raises", "Returns", "Refuses", "Accepts")}
    print("bad-input table:", len(ROWS), "rows", counts)
    assert len(ROWS) >= 300
    assert all(counts.values())
    assert len({p.id for p in ROWS}) == len(ROWS), "every row has its own name"


def test_error_kinds_are_course_errors():
    assert issubclass(UnknownNameError, CourseInputError)
    assert issubclass(DivergedError, CourseInputError)
