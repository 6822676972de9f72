"""A new row in the activation table or the loss table is all a new activation or loss needs.

Each test adds a row at run time (removed afterwards by monkeypatch.setitem) and checks
that every part of the course picks it up: forward and backward (against centred finite
differences computed here, independently of course_lib), the stepper, the diagram, and
the generated Python and C (against course_lib's own values).
"""
import math
import os

import pytest

from course_lib.core.activations import ACTIVATIONS, Activation
from course_lib.core.backward import backward
from course_lib.core.forward import forward
from course_lib.core.losses import LOSSES, Loss
from course_lib.core.names import bias_name, weight_name
from course_lib.core.build import make_network
from course_lib.topics.codegen import (c_source, course_values, find_c_compiler,
                                       python_source, run_c)

INPUTS, CORRECT = [1.0, -0.5], [0.8, 0.1]
STEP = 1e-6   # centred differences: error ~ STEP**2 * L''' + rounding / STEP


def _softplus(s):
    """log(1 + e^s), written so that exp never overflows: s + log1p(e^-s) for s > 0."""
    return s + math.log1p(math.exp(-s)) if s > 0.0 else math.log1p(math.exp(s))


SOFTPLUS = Activation(
    "softplus", _softplus, lambda a: 1.0 - math.exp(-a), "1 - exp(-A)",   # e^A = 1 + e^s
    python=("s + math.log1p(math.exp(-s)) if s > 0.0 else math.log1p(math.exp(s))",
            "1.0 - math.exp(-A)"),
    c=("s>0.0 ? s+log1p(exp(-s)) : log1p(exp(s))", "1.0-exp(-A)"))

HALF_SQUARED = Loss("half_squared", lambda f, c: 0.5 * (c - f) * (c - f), lambda f, c: f - c,
                    "(f - correct)", python=("0.5*(correct - f)**2", "(f - correct)"),
                    c=("0.5*pow(correct-f,2.0)", "(f-correct)"))


@pytest.fixture
def softplus(monkeypatch):
    """The table with a softplus row, for this test only."""
    monkeypatch.setitem(ACTIVATIONS, "softplus", SOFTPLUS)
    return SOFTPLUS


@pytest.fixture
def half_squared(monkeypatch):
    """The loss table with a 'half_squared' row, for this test only."""
    monkeypatch.setitem(LOSSES, "half_squared", HALF_SQUARED)
    return HALF_SQUARED


@pytest.fixture
def softplus_network(softplus):
    """2-3-2, softplus then linear, with biases given values so that every one matters."""
    network = make_network((2, 3, 2), ("softplus", "linear"), biases=True, seed=7)
    return network.with_weights({bias_name(n): 0.1 * (k + 1) - 0.25
                                 for k, n in enumerate(network.nodes[2:])})


# --- an independent oracle: the pass written out here, and centred differences ---------------

def oracle_loss(network, weights, inputs, correct, activations, half=False):
    """L computed from scratch: the layers, the weights by name and plain Python functions."""
    values = dict(zip(network.layers[0], inputs))
    for layer, (sources, targets) in enumerate(zip(network.layers, network.layers[1:])):
        for node in targets:
            s = sum(values[src] * weights[weight_name(src, node)] for src in sources)
            s += weights.get(bias_name(node), 0.0)
            values[node] = activations[layer](s)
    squares = sum((c - values[o]) ** 2 for o, c in zip(network.layers[-1], correct))
    return 0.5 * squares if half else squares


def centred_differences(network, activations, half=False):
    """{weight: (L(w + STEP) - L(w - STEP)) / (2 STEP)} for every weight and bias."""
    slopes = {}
    for name, value in network.weights.items():
        up = {**network.weights, name: value + STEP}
        down = {**network.weights, name: value - STEP}
        up, down = (oracle_loss(network, w, INPUTS, CORRECT, activations, half)
                    for w in (up, down))
        slopes[name] = (up - down) / (2 * STEP)
    return slopes


def naive_softplus(s):
    return math.log(1.0 + math.exp(s))   # fine for the small sums of these tests


def assert_close_to_differences(gradients, differences):
    wrong = {n: (gradients[n], d) for n, d in differences.items()
             if not math.isclose(gradients[n], d, rel_tol=1e-6, abs_tol=1e-8)}
    assert not wrong, f"backward disagrees with centred differences: {wrong}"


def assert_same_values(generated, expected):
    assert set(generated) == set(expected), set(generated) ^ set(expected)
    wrong = {n: (generated[n], expected[n]) for n in expected
             if not math.isclose(generated[n], expected[n], rel_tol=1e-12, abs_tol=1e-14)}
    assert not wrong, f"generated code disagrees with course_lib: {wrong}"


def c_compiler_or_skip():
    compiler = find_c_compiler()
    if compiler is None:
        if os.environ.get("CI") == "true":
            pytest.fail("no C compiler found (cc, gcc, clang) and CI=true: the CI image must "
                        "have one to test the generated C")
        pytest.skip("no C compiler found (looked for cc, gcc, clang on PATH)")
    return compiler


def run_python(source, function_name="forward_backward"):
    namespace = {}
    exec(source, namespace)  # noqa: S102 - our own generated code
    return namespace[function_name]()


# --- a new activation row ---------------------------------------------------------------------

def test_the_softplus_row_is_overflow_safe_and_matches_its_definition(softplus):
    for s in (-5.0, -1.0, 0.0, 0.3, 5.0):
        assert math.isclose(softplus(s), naive_softplus(s), rel_tol=1e-12)
        a = softplus(s)
        slope = 1.0 / (1.0 + math.exp(-s))           # d/ds log(1 + e^s) = sigmoid(s)
        assert math.isclose(softplus.derivative_from_output(a), slope, rel_tol=1e-9)
    assert softplus(1000.0) == 1000.0                 # the naive form would overflow
    assert math.isclose(softplus(-30.0), math.exp(-30.0), rel_tol=1e-12)   # log(1+x) ~ x


def test_softplus_forward_and_backward_match_finite_differences(softplus_network):
    net = softplus_network
    trace = forward(net, INPUTS)
    activations = (naive_softplus, lambda s: s)
    expected_L = oracle_loss(net, net.weights, INPUTS, CORRECT, activations)
    gradients = backward(trace, CORRECT)
    assert math.isclose(gradients.loss, expected_L, rel_tol=1e-12)
    assert_close_to_differences(gradients.weights, centred_differences(net, activations))


def test_the_stepper_steps_a_softplus_network(softplus_network):
    from course_lib.labs.stepper_state import StepperState   # being rewritten: import here
    state = StepperState(softplus_network)
    assert state.network.activations == ("softplus", "linear")
    state.full_step()
    assert state.check() == []


def test_the_diagram_draws_a_softplus_network(softplus_network):
    from course_lib.views.diagram import network_diagram
    trace = forward(softplus_network, INPUTS)
    gradients = backward(trace, CORRECT)
    diagram = network_diagram(softplus_network, values=trace.values, errors=gradients.values,
                              gradients=gradients.weights)
    assert diagram.svg.startswith("<svg") and diagram.svg.endswith("</svg>")
    for node in softplus_network.nodes:
        assert f">{node}</text>" in diagram.svg, node


def test_generated_python_with_softplus_gives_the_library_values(softplus_network):
    source = python_source(softplus_network, INPUTS, CORRECT)
    assert "def softplus(s):" in source and "def softplus_derivative(A):" in source
    assert "    return 1.0 - math.exp(-A)" in source
    assert_same_values(run_python(source), course_values(softplus_network, INPUTS, CORRECT))


def test_generated_c_with_softplus_gives_the_library_values(softplus_network):
    compiler = c_compiler_or_skip()
    source = c_source(softplus_network, INPUTS, CORRECT)
    assert "double softplus(double s)" in source and "return 1.0-exp(-A);" in source
    printed = run_c(source, compiler)
    assert_same_values(printed, course_values(softplus_network, INPUTS, CORRECT))


def test_the_row_is_gone_afterwards():
    """monkeypatch.setitem took the rows out again: the other tests see the usual tables."""
    assert "softplus" not in ACTIVATIONS and "half_squared" not in LOSSES


# --- a new loss row ---------------------------------------------------------------------------

@pytest.fixture
def tanh_network():
    network = make_network((2, 3, 2), ("tanh", "sigmoid"), biases=True, seed=2)
    return network.with_weights({bias_name(n): 0.2 - 0.1 * k
                                 for k, n in enumerate(network.nodes[2:])})


def test_half_squared_backward_matches_finite_differences(half_squared, tanh_network):
    net = tanh_network
    sigmoid = ACTIVATIONS["sigmoid"].function
    activations = (math.tanh, lambda s: 1.0 / (1.0 + math.exp(-s)))
    gradients = backward(forward(net, INPUTS), CORRECT, loss="half_squared")
    expected_L = oracle_loss(net, net.weights, INPUTS, CORRECT, activations, half=True)
    assert math.isclose(gradients.loss, expected_L, rel_tol=1e-12)
    assert sigmoid(0.3) == pytest.approx(activations[1](0.3), rel=1e-15)
    assert_close_to_differences(gradients.weights,
                                centred_differences(net, activations, half=True))
    squared = backward(forward(net, INPUTS), CORRECT)          # exactly half the article's
    assert gradients.weights == pytest.approx({n: g / 2 for n, g in squared.weights.items()},
                                              rel=1e-12)


def test_half_squared_in_the_generated_python(half_squared, tanh_network):
    source = python_source(tanh_network, INPUTS, CORRECT, loss="half_squared")
    lines = [line.strip() for line in source.splitlines()]
    assert "L = 0.5*(correct_f1 - f1)**2 + 0.5*(correct_f2 - f2)**2" in lines
    assert "dL_wrt_f1 = (f1 - correct_f1)" in lines
    expected = course_values(tanh_network, INPUTS, CORRECT, loss="half_squared")
    assert_same_values(run_python(source), expected)


def test_half_squared_in_the_generated_c(half_squared, tanh_network):
    compiler = c_compiler_or_skip()
    source = c_source(tanh_network, INPUTS, CORRECT, loss="half_squared")
    assert "double L=0.5*pow(correct_f1-f1,2.0)+0.5*pow(correct_f2-f2,2.0);" in source
    expected = course_values(tanh_network, INPUTS, CORRECT, loss="half_squared")
    assert_same_values(run_c(source, compiler), expected)
