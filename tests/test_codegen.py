"""Generated code (course_lib.topics.codegen) must compute exactly what course_lib computes.

Python is executed in a fresh namespace; C is compiled with the system C compiler
(-std=c99 -O0 -Wall -Werror -lm) and run. Every named value is compared with
course_lib's forward and backward pass to a relative 1e-12.
"""
import math
import os
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course_lib import (SEED_SAMPLE, CourseInputError, make_network, seed_network,
                        two_output_network)
from course_lib.core.plan import plan_of
from course_lib.topics.codegen import (c_source, course_values, find_c_compiler,
                                       python_source, run_c, statements, value_names)

SEED_INPUTS, SEED_CORRECT = [SEED_SAMPLE["I1"], SEED_SAMPLE["I2"]], SEED_SAMPLE["correct"]
TWO_OUT_CORRECT = [1.0, 0.0]
ACTIVATIONS = ("sigmoid", "tanh", "relu", "linear")


def run_python(source):
    """exec the source in a fresh namespace and call forward_backward() with its defaults."""
    namespace = {}
    exec(source, namespace)  # noqa: S102 - our own generated code
    return namespace["forward_backward"]()


def assert_same_values(generated, expected):
    """Same names as course_lib, and every value equal to a relative 1e-12."""
    assert set(generated) == set(expected), f"names differ: {set(generated) ^ set(expected)}"
    wrong = {n: (generated[n], expected[n]) for n in expected
             if not math.isclose(generated[n], expected[n], rel_tol=1e-12, abs_tol=1e-14)}
    assert not wrong, f"generated code disagrees with course_lib: {wrong}"


def compiler_or_skip():
    """The system C compiler; skips without one, but FAILS without one when CI=true."""
    compiler = find_c_compiler()
    if compiler is None:
        if os.environ.get("CI") == "true":
            pytest.fail("no C compiler found (looked for cc, gcc, clang on PATH) and CI=true: "
                        "the CI image must have one to test the generated C")
        pytest.skip("no C compiler found (looked for cc, gcc, clang on PATH): "
                    "install one (apt-get install gcc) to test the generated C")
    return compiler


@pytest.fixture(scope="module")
def c_compiler():
    return compiler_or_skip()


@pytest.mark.parametrize("ci, outcome", [("true", pytest.fail.Exception),
                                         (None, pytest.skip.Exception),
                                         ("1", pytest.skip.Exception)])
def test_no_compiler_fails_on_ci_and_skips_elsewhere(monkeypatch, ci, outcome):
    """The C tests never pass silently on CI: without a compiler they fail when CI=true."""
    monkeypatch.setattr("shutil.which", lambda name: None)
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match="no C compiler found"):
        compiler_or_skip()


@st.composite
def networks_and_samples(draw):
    """Random small networks: 2-4 layers of 1-3 nodes, activations per layer, maybe biases."""
    sizes = tuple(draw(st.lists(st.integers(1, 3), min_size=2, max_size=4)))
    activations = tuple(draw(st.sampled_from(ACTIVATIONS)) for _ in sizes[1:])
    network = make_network(sizes, activations, biases=draw(st.booleans()))
    number = st.floats(-2.0, 2.0, allow_nan=False, allow_infinity=False)
    network = network.with_weights({name: draw(number) for name in network.weights})
    inputs = [draw(number) for _ in network.inputs]
    correct = [draw(number) for _ in network.outputs]
    return network, inputs, correct


# --- the article's lines --------------------------------------------------------------------

def test_seed_python_has_the_article_lines():
    source = python_source(seed_network(), SEED_INPUTS, SEED_CORRECT)
    lines = [line.strip() for line in source.splitlines()]
    for line in ("sA = I1*w_I1_A + I2*w_I2_A", "A = sigmoid(sA)", "sF = C*w_C_f + D*w_D_f",
                 "L = (correct - f)**2", "dL_wrt_f = 2*(f - correct)",
                 "df_wrt_sF = sigmoid_derivative(f)", "dL_wrt_sF = dL_wrt_f * df_wrt_sF",
                 "dL_wrt_w_C_f = dL_wrt_sF * C", "dL_wrt_C = dL_wrt_sF * w_C_f",
                 "dL_wrt_A = dL_wrt_sC*w_A_C + dL_wrt_sD*w_A_D"):
        assert line in lines, line


def test_seed_c_has_the_article_lines():
    source = c_source(seed_network(), SEED_INPUTS, SEED_CORRECT)
    for line in ("double sA=I1*w_I1_A+I2*w_I2_A;", "double A=sigmoid(sA);",
                 "double L=pow(correct-f,2.0);", "double dL_wrt_f=2*(f-correct);",
                 "double df_wrt_sF=sigmoid_derivative(f);", "double dL_wrt_w_C_f=dL_wrt_sF*C;",
                 "double sigmoid(double s)", 'printf("sA %.17g\\n", sA);'):
        assert line in source, line


def test_the_article_order():
    """Forward (each slope beside its activation, as forward computes it), then L, then
    from the output back: f before C before A."""
    names = [s.name for s in statements(seed_network()) if s.name]
    order = ["sA", "A", "dA_wrt_sA", "dC_wrt_sC", "sF", "f", "df_wrt_sF", "L", "dL_wrt_f",
             "dL_wrt_sF", "dL_wrt_w_C_f", "dL_wrt_C", "dL_wrt_sC", "dL_wrt_w_A_C", "dL_wrt_A",
             "dL_wrt_w_I1_A"]
    assert [names.index(n) for n in order] == sorted(names.index(n) for n in order)


def test_one_statement_per_plan_step():
    """Every plan step is a line (an activation brings its slope), in the plan's order."""
    network = make_network((2, 3, 2), ("tanh", "relu"), biases=True, seed=1)
    plan = plan_of(network)
    named = [s for s in statements(network) if s.name and s.name != "L"]
    expected = [n for step in plan.steps
                for n in ((step.name, step.slope) if step.kind == "activation" else (step.name,))]
    assert [s.name for s in named] == expected
    assert all(s.step is plan.step(s.step.name) for s in named)


# --- Python ---------------------------------------------------------------------------------

@pytest.mark.parametrize("network, correct", [(seed_network(), SEED_CORRECT),
                                              (two_output_network(), TWO_OUT_CORRECT),
                                              (seed_network("relu"), SEED_CORRECT)],
                         ids=["seed", "two-outputs", "seed-relu"])
def test_generated_python_matches_course_lib(network, correct):
    generated = run_python(python_source(network, SEED_INPUTS, correct))
    assert_same_values(generated, course_values(network, SEED_INPUTS, correct))


@settings(max_examples=150, deadline=None)
@given(networks_and_samples())
def test_generated_python_matches_course_lib_on_random_networks(case):
    network, inputs, correct = case
    generated = run_python(python_source(network, inputs, correct))
    assert_same_values(generated, course_values(network, inputs, correct))


def test_weights_are_parameters_with_exact_defaults():
    network = seed_network(weights={"w_C_f": 0.1 + 0.2})  # 0.30000000000000004: repr round-trips
    namespace = {}
    exec(python_source(network), namespace)
    forward_backward = namespace["forward_backward"]
    assert forward_backward.__kwdefaults__ == network.weights
    changed = forward_backward(1.0, 0.5, 1.0, w_A_C=-2.5)
    expected = course_values(network.with_weights(w_A_C=-2.5), [1.0, 0.5], 1.0)
    assert_same_values(changed, expected)


def test_python_needs_both_inputs_and_correct_or_neither():
    with pytest.raises(CourseInputError, match="both inputs and correct"):
        python_source(seed_network(), inputs=[1.0, 0.5])


def test_names_that_are_not_variables_are_refused():
    with pytest.raises(CourseInputError, match="not a name of letters"):
        make_network(layers=(("I1",), ("my node",), ("f",)))   # refused when built
    clash = make_network(layers=(("I1",), ("sigmoid",), ("f",)))  # the helper's own name
    with pytest.raises(CourseInputError, match="cannot be variables"):
        python_source(clash)
    c_keyword = make_network(layers=(("I1",), ("double",), ("f",)))
    with pytest.raises(CourseInputError, match="cannot be variables"):
        c_source(c_keyword, [1.0], 1.0)
    python_source(c_keyword)                                       # fine in Python


@pytest.mark.parametrize("name", ["class", "2fast", "forward backward", "", None, "sigmoid",
                                  "sigmoid_derivative", "math", "w_A_C", "dL_wrt_A", "I1",
                                  "correct"])
def test_function_name_must_be_a_free_python_name(name):
    with pytest.raises(CourseInputError, match="function_name must be a Python name"):
        python_source(seed_network(), function_name=name)


def test_a_chosen_function_name_is_used():
    namespace = {}
    exec(python_source(seed_network(), SEED_INPUTS, SEED_CORRECT, function_name="pass_one"),
         namespace)
    assert_same_values(namespace["pass_one"](), course_values(seed_network(), SEED_INPUTS,
                                                              SEED_CORRECT))


def test_an_unknown_loss_is_refused():
    with pytest.raises(CourseInputError, match="unknown loss 'cubed'"):
        python_source(seed_network(), loss="cubed")


@pytest.mark.parametrize("loss", ["squared", "naive"])
def test_generated_python_follows_the_loss_table(loss):
    network = two_output_network("tanh")
    generated = run_python(python_source(network, SEED_INPUTS, TWO_OUT_CORRECT, loss=loss))
    assert_same_values(generated, course_values(network, SEED_INPUTS, TWO_OUT_CORRECT, loss))


# --- C --------------------------------------------------------------------------------------

def test_c_constants_round_trip_exactly():
    network = two_output_network(weights={"w_A_C": 0.1 + 0.2, "w_D_f2": -1e-7 / 3})
    source = c_source(network, [1.0 / 3, 0.5], TWO_OUT_CORRECT)
    constants = dict(re.findall(r"const double (\w+)=([^;]+);", source))
    assert {n: float(constants[n]) for n in network.weights} == network.weights
    assert float(constants["I1"]) == 1.0 / 3


@pytest.mark.parametrize("network, correct", [(seed_network(), SEED_CORRECT),
                                              (two_output_network(), TWO_OUT_CORRECT),
                                              (make_network((2, 3, 2), ("tanh", "linear"),
                                                            biases=True, seed=3), [0.5, -1.0])],
                         ids=["seed", "two-outputs", "tanh-linear-biases"])
def test_generated_c_matches_course_lib(c_compiler, network, correct):
    printed = run_c(c_source(network, SEED_INPUTS, correct), c_compiler)
    assert_same_values(printed, course_values(network, SEED_INPUTS, correct))


@settings(max_examples=12, deadline=None)
@given(networks_and_samples())
def test_generated_c_matches_course_lib_on_random_networks(c_compiler, case):
    network, inputs, correct = case
    printed = run_c(c_source(network, inputs, correct), c_compiler)
    assert_same_values(printed, course_values(network, inputs, correct))


def test_python_and_c_come_from_the_same_statements():
    network = two_output_network("relu")
    names = value_names(network)
    py_returned = re.findall(r'"(\w+)": \1', python_source(network))
    c_printed = re.findall(r'printf\("(\w+) %', c_source(network, SEED_INPUTS, TWO_OUT_CORRECT))
    assert tuple(py_returned) == tuple(c_printed) == names


def test_generated_c_follows_the_loss_table(c_compiler):
    network = two_output_network("relu")
    printed = run_c(c_source(network, SEED_INPUTS, TWO_OUT_CORRECT, loss="naive"), c_compiler)
    assert_same_values(printed, course_values(network, SEED_INPUTS, TWO_OUT_CORRECT, "naive"))


def test_tanh_comes_from_math_h():
    source = c_source(seed_network("tanh"), SEED_INPUTS, SEED_CORRECT)
    assert "double tanh(" not in source and "double tanh_derivative(double A)" in source
    assert "like activation_function_derivative('tanh', A) */" in source


def test_the_helpers_name_the_course_function_with_both_arguments():
    """The comments point at the course's call as it is typed: two arguments, never one."""
    for source in (python_source(seed_network(), SEED_INPUTS, SEED_CORRECT),
                   c_source(seed_network(), SEED_INPUTS, SEED_CORRECT)):
        assert "like activation_function_derivative('sigmoid', A)" in source
        assert "activation_function_derivative(A)" not in source


def test_a_compiler_error_quotes_the_compiler(c_compiler):
    with pytest.raises(CourseInputError, match="compiling the C program") as refused:
        run_c("int main(void) { return undeclared_name; }", c_compiler)
    assert "undeclared_name" in str(refused.value)


def test_a_failing_program_or_a_missing_compiler_is_a_clear_error(c_compiler):
    with pytest.raises(CourseInputError, match="C program failed with exit status 3"):
        run_c("int main(void) { return 3; }", c_compiler)
    with pytest.raises(CourseInputError, match="could not start"):
        run_c("int main(void) { return 0; }", "/nonexistent/cc")


def test_no_compiler_is_a_clear_error(monkeypatch):
    monkeypatch.setattr("shutil.which", lambda name: None)
    assert find_c_compiler() is None
    with pytest.raises(CourseInputError, match="no C compiler found"):
        run_c("int main(void) { return 0; }")
