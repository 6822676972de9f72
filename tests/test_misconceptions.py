"""The misconception switches: each gives the documented wrong gradient, and is caught.

The reference below is the seed network's backward pass written out by hand, line by
line as in the article, with each mistake as one changed line. It shares no code with
course_lib.topics.misconceptions (no plan, no loop, no matrices). The one-sample pass runs
without numpy (a browser Python, issue 14) and gives the same numbers there; the batch names
live in course_lib.topics.misconception_training and still import from misconceptions.
"""
import itertools
import math
import xml.etree.ElementTree as ET

import matplotlib
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course_lib import (CourseInputError, UnknownNameError, backward, forward, gradient_check,
                        make_network, seed_network, train, two_output_network, update)
from course_lib.labs.misconception_lab import MisconceptionLab, MisconceptionLabView
from course_lib.matrices import bias_vectors, weight_matrices
from course_lib.views.misconception_plots import curves_svg, plot_mistake_curves
from course_lib.topics.misconceptions import (MISCONCEPTIONS, backward_with, compare_training,
                                       epochs_to_reach, mistake_verdict, train_with,
                                       true_loss)

matplotlib.use("Agg")

I1, I2, CORRECT = 1.0, 0.5, 1.0
XOR_X, XOR_Y = [[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0]
LR = 0.5

# The XOR network the training numbers below were measured on (what make_network's seed=2
# drew before course_lib 0.3), written out so that no random generator can change it.
XOR_WEIGHTS = {"w_I1_A": 0.1336809282724566, "w_I2_A": -0.2920800325933515,
               "w_I1_B": -0.3696389678257356, "w_I2_B": -1.7263781423104132,
               "w_A_C": 1.2725852944734428, "w_B_C": -0.23010869470220222,
               "w_A_D": 0.809047446919744, "w_B_D": 0.5471638848019457,
               "w_C_f": 0.1988459715559288, "w_D_f": -0.3916118832114155}


def xor_network():
    return make_network((2, 2, 2, 1), biases=True, weights=XOR_WEIGHTS)


def sig(s):
    return 1.0 / (1.0 + math.exp(-s))


def by_hand(w, I1, I2, correct, average=False, stale_lr=None, no_slope=False, naive=False,
            drop2=False):
    """The seed network's backward pass in straight lines; each flag changes one line.

    Returns (gradients by weight name, weights after a stale step or None).
    """
    w = dict(w)
    sA = I1 * w["w_I1_A"] + I2 * w["w_I2_A"]; A = sig(sA)
    sB = I1 * w["w_I1_B"] + I2 * w["w_I2_B"]; B = sig(sB)
    sC = A * w["w_A_C"] + B * w["w_B_C"]; C = sig(sC)
    sD = A * w["w_A_D"] + B * w["w_B_D"]; D = sig(sD)
    sF = C * w["w_C_f"] + D * w["w_D_f"]; f = sig(sF)

    def slope(x):                      # activation_function_derivative(x) for the sigmoid
        return 1.0 if no_slope else x * (1 - x)

    def step(names, g):                # the stale mistake: update these weights right now
        if stale_lr is not None:
            for n in names:
                w[n] = w[n] - stale_lr * g[n]

    g = {}
    if naive:
        dL_wrt_f = -1.0
    elif drop2:
        dL_wrt_f = f - correct
    else:
        dL_wrt_f = 2 * (f - correct)
    dL_wrt_sF = dL_wrt_f * slope(f)
    g["w_C_f"], g["w_D_f"] = dL_wrt_sF * C, dL_wrt_sF * D
    step(["w_C_f", "w_D_f"], g)
    dL_wrt_C = dL_wrt_sF * w["w_C_f"]
    dL_wrt_D = dL_wrt_sF * w["w_D_f"]
    dL_wrt_sC, dL_wrt_sD = dL_wrt_C * slope(C), dL_wrt_D * slope(D)
    g["w_A_C"], g["w_B_C"] = dL_wrt_sC * A, dL_wrt_sC * B
    g["w_A_D"], g["w_B_D"] = dL_wrt_sD * A, dL_wrt_sD * B
    step(["w_A_C", "w_B_C", "w_A_D", "w_B_D"], g)
    dL_wrt_A = dL_wrt_sC * w["w_A_C"] + dL_wrt_sD * w["w_A_D"]
    dL_wrt_B = dL_wrt_sC * w["w_B_C"] + dL_wrt_sD * w["w_B_D"]
    if average:
        dL_wrt_A = (dL_wrt_sC * w["w_A_C"] + dL_wrt_sD * w["w_A_D"]) / 2
        dL_wrt_B = (dL_wrt_sC * w["w_B_C"] + dL_wrt_sD * w["w_B_D"]) / 2
    dL_wrt_sA, dL_wrt_sB = dL_wrt_A * slope(A), dL_wrt_B * slope(B)
    g["w_I1_A"], g["w_I2_A"] = dL_wrt_sA * I1, dL_wrt_sA * I2
    g["w_I1_B"], g["w_I2_B"] = dL_wrt_sB * I1, dL_wrt_sB * I2
    step(["w_I1_A", "w_I2_A", "w_I1_B", "w_I2_B"], g)
    return g, (w if stale_lr is not None else None)


HAND_FLAGS = {"average_fan_out": {"average": True}, "stale_weights": {"stale_lr": LR},
              "no_activation_slope": {"no_slope": True}, "naive_loss": {"naive": True},
              "drop_factor_2": {"drop2": True}}


def mistaken(net, mistake, inputs=(I1, I2), correct=CORRECT):
    return backward_with(forward(net, list(inputs)), correct, learning_rate=LR,
                         **{mistake: True})


# --- one sample: each switch gives the mistaken formula's numbers ---------------------------


def test_all_switches_off_is_exactly_backward():
    for net in (seed_network(), make_network((2, 3, 2, 1), "tanh", biases=True, seed=4),
                two_output_network()):
        trace = forward(net, [0.3, -0.8])
        correct = [0.2] * len(net.outputs)
        right = backward(trace, correct)
        plain = backward_with(trace, correct)
        assert dict(plain.values) == dict(right.values)
        assert dict(plain.weights) == dict(right.weights)


def test_hand_reference_agrees_with_backward_when_nothing_is_wrong():
    net = seed_network()
    g, _ = by_hand(net.weights, I1, I2, CORRECT)
    right = backward(forward(net, [I1, I2]), CORRECT).weights
    assert g.keys() == right.keys()
    assert all(math.isclose(g[n], right[n], rel_tol=1e-12, abs_tol=1e-15) for n in g)


@pytest.mark.parametrize("mistake", list(MISCONCEPTIONS))
def test_each_switch_gives_the_hand_written_mistaken_gradient(mistake):
    net = seed_network()
    expected, _ = by_hand(net.weights, I1, I2, CORRECT, **HAND_FLAGS[mistake])
    got = mistaken(net, mistake).weights
    assert set(got) == set(expected)
    for name in expected:
        assert math.isclose(got[name], expected[name], rel_tol=1e-12, abs_tol=1e-15), name


@pytest.mark.parametrize("pair", list(itertools.combinations(MISCONCEPTIONS, 2)))
def test_two_switches_at_once_give_the_hand_written_mistaken_gradient(pair):
    net = seed_network()
    flags = {k: v for mistake in pair for k, v in HAND_FLAGS[mistake].items()}
    expected, after = by_hand(net.weights, I1, I2, CORRECT, **flags)
    got = backward_with(forward(net, [I1, I2]), CORRECT, learning_rate=LR,
                        **dict.fromkeys(pair, True))
    assert set(got.weights) == set(expected) and got.mistakes == pair
    for name in expected:
        assert math.isclose(got.weights[name], expected[name], rel_tol=1e-12, abs_tol=1e-15), name
    if after is not None:
        assert all(math.isclose(got.network_after.weights[n], after[n], rel_tol=1e-12)
                   for n in after)


def test_averaging_halves_the_error_at_A_and_B_only():
    net = seed_network()
    right, wrong = backward(forward(net, [I1, I2]), CORRECT), mistaken(net, "average_fan_out")
    w = net.weights
    assert wrong["dL_wrt_A"] == pytest.approx(
        (right["dL_wrt_sC"] * w["w_A_C"] + right["dL_wrt_sD"] * w["w_A_D"]) / 2, rel=1e-12)
    for name in ("dL_wrt_f", "dL_wrt_C", "dL_wrt_D", "dL_wrt_w_A_C", "dL_wrt_w_C_f"):
        assert wrong[name] == right[name]            # C and D feed only f: nothing to average
    for name in ("w_I1_A", "w_I2_A", "w_I1_B", "w_I2_B"):
        assert wrong[name] == pytest.approx(right[name] / 2, rel=1e-12)


def test_stale_step_ends_at_the_hand_updated_weights():
    net = seed_network()
    _, after = by_hand(net.weights, I1, I2, CORRECT, stale_lr=LR)
    got = mistaken(net, "stale_weights").network_after.weights
    assert all(math.isclose(got[n], after[n], rel_tol=1e-12) for n in after)


def test_stale_weights_needs_a_learning_rate():
    with pytest.raises(CourseInputError, match="learning_rate"):
        backward_with(forward(seed_network(), [I1, I2]), CORRECT, stale_weights=True)


def test_unknown_mistake_is_named():
    with pytest.raises(UnknownNameError, match="average_fan_out"):
        mistake_verdict(seed_network(), [I1, I2], CORRECT, "averge_fan_out")


@settings(max_examples=60, deadline=None)
@given(st.floats(-50, 50), st.floats(-5, 5), st.integers(0, 10_000))
def test_naive_loss_slope_is_minus_one_for_any_forecast(i1, correct, seed):
    net = make_network((2, 2, 2, 1), "tanh", biases=True, seed=seed)
    g = backward_with(forward(net, [i1, 0.5]), correct, naive_loss=True)
    assert g["dL_wrt_f"] == -1.0
    f = forward(net, [i1, 0.5])["f"]
    assert g["dL_wrt_sF"] == -1.0 * (1 - f * f)      # the chain continues from -1 as usual


# --- the gradient check catches each switch, passes the correct pass ------------------------


NETS = [seed_network(), make_network((2, 2, 2, 1), biases=True, seed=2),
        make_network((2, 3, 3, 1), "tanh", biases=True, seed=7)]
SAMPLES = [([I1, I2], CORRECT), ([0.0, 1.0], 0.0), ([-0.4, 0.9], 0.3)]


@pytest.mark.parametrize("net", NETS, ids=repr)
@pytest.mark.parametrize("inputs,correct", SAMPLES)
def test_gradient_check_passes_correct_and_catches_every_switch(net, inputs, correct):
    assert not mistake_verdict(net, inputs, correct).caught
    assert mistake_verdict(net, inputs, correct).max_relative_error < 1e-6
    for mistake in MISCONCEPTIONS:
        v = mistake_verdict(net, inputs, correct, mistake, learning_rate=LR)
        assert v.caught, v
        assert v.max_relative_error > 1e-3, v         # far above the 1e-6 tolerance


def test_seed_verdict_numbers():
    errors = {m: mistake_verdict(seed_network(), [I1, I2], CORRECT, m, learning_rate=LR)
              .max_relative_error for m in MISCONCEPTIONS}
    assert errors["average_fan_out"] == pytest.approx(0.5, abs=1e-6)   # first layer halved
    assert errors["drop_factor_2"] == pytest.approx(0.5, abs=1e-6)     # everything halved
    assert errors["no_activation_slope"] > 0.9
    assert 1e-3 < errors["naive_loss"] < 0.2     # correct=1 > f: -1 points the right way here
    assert 1e-3 < errors["stale_weights"] < 0.2  # grows with the learning rate


def test_naive_gradient_is_right_for_the_naive_loss():
    net = seed_network()
    g = mistaken(net, "naive_loss")
    assert gradient_check(net, [I1, I2], CORRECT, gradients=g.weights, loss="naive").passed()


def test_stale_error_shrinks_with_the_learning_rate_but_never_vanishes():
    net = seed_network()
    errors = [mistake_verdict(net, [I1, I2], CORRECT, "stale_weights", learning_rate=lr)
              .max_relative_error for lr in (2.0, 0.5, 0.05)]
    assert errors[0] > errors[1] > errors[2] > 1e-3


# --- full batch --------------------------------------------------------------------------


def test_training_without_switches_is_course_lib_train():
    net = xor_network()
    ours, theirs = train_with(net, XOR_X, XOR_Y, 2.0, 300), train(net, XOR_X, XOR_Y, 2.0, 300)
    np.testing.assert_array_equal(ours.losses, theirs.losses)
    assert len(weight_matrices(ours.network)) == 3 and len(bias_vectors(ours.network)) == 3
    for a, b in zip(weight_matrices(ours.network) + bias_vectors(ours.network),
                    weight_matrices(theirs.network) + bias_vectors(theirs.network), strict=True):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("mistake", list(MISCONCEPTIONS))
def test_batch_of_one_takes_the_same_step_as_the_single_sample_switch(mistake):
    net = make_network((2, 3, 2, 1), biases=True, seed=5)
    run = train_with(net, [[0.7, -0.2]], [0.9], LR, 2, mistake)   # step 1 is what we check
    one = train_with(net, [[0.7, -0.2]], [0.9], LR, 1, mistake).network
    g = mistaken(net, mistake, inputs=(0.7, -0.2), correct=0.9)
    expected = g.network_after if mistake == "stale_weights" else update(net, g, LR)
    for name, value in expected.weights.items():
        assert one.weights[name] == pytest.approx(value, rel=1e-12, abs=1e-15), name
    assert run.losses[0] == pytest.approx(true_loss(net, [[0.7, -0.2]], [0.9]), rel=1e-12)


def test_dropping_the_2_is_exactly_halving_the_learning_rate():
    net = xor_network()
    dropped = train_with(net, XOR_X, XOR_Y, 2.0, 1500, "drop_factor_2")
    halved = train_with(net, XOR_X, XOR_Y, 1.0, 1500)
    assert np.max(np.abs(dropped.losses - halved.losses)) <= 1e-12
    assert len(weight_matrices(dropped.network)) == 3 and len(bias_vectors(dropped.network)) == 3
    for a, b in zip(weight_matrices(dropped.network) + bias_vectors(dropped.network),
                    weight_matrices(halved.network) + bias_vectors(halved.network), strict=True):
        assert np.max(np.abs(a - b)) <= 1e-12
    normal = train_with(net, XOR_X, XOR_Y, 2.0, 1500)
    assert np.max(np.abs(dropped.losses - normal.losses)) > 0.1     # but not the lr=2 run


@pytest.fixture(scope="module")
def xor_runs():
    return compare_training(xor_network(),
                            XOR_X, XOR_Y, 2.0, 2000)


def test_training_outcomes_on_xor(xor_runs):
    reach = {m: epochs_to_reach(r.losses) for m, r in xor_runs.items()}
    assert reach["correct"] is not None and xor_runs["correct"].final_loss < 1e-3
    assert reach["average_fan_out"] > 1.2 * reach["correct"]             # slower
    assert reach["drop_factor_2"] > 1.9 * reach["correct"]               # half speed
    assert np.nanmin(xor_runs["no_activation_slope"].losses[100:]) > 0.2   # never learns
    assert xor_runs["naive_loss"].final_loss > 0.49                      # runs away: f -> 1
    assert abs(reach["stale_weights"] - reach["correct"]) < 20           # hides at small steps
    assert all(r.diverged_at is None for r in xor_runs.values())


def test_stale_weights_break_training_at_a_large_step():
    net = xor_network()
    right = train_with(net, XOR_X, XOR_Y, 12.0, 2000)
    stale = train_with(net, XOR_X, XOR_Y, 12.0, 2000, "stale_weights")
    assert right.final_loss < 1e-3 < 0.1 < stale.final_loss


def test_naive_loss_pushes_every_forecast_up():
    run = train_with(xor_network(), XOR_X, XOR_Y, 2.0, 500,
                     "naive_loss")
    forecasts = [forward(run.network, x)["f"] for x in XOR_X]
    assert min(forecasts) > 0.95


def test_divergence_is_recorded_not_raised():
    net = make_network((2, 4, 1), "linear", biases=True, seed=0)
    run = train_with(net, [[300.0, -200.0]], [1.0], 50.0, 400, "no_activation_slope")
    assert run.diverged_at is not None and run.network is None
    assert np.isnan(run.losses[run.diverged_at:]).all()


# --- where the names live: the one-sample pass needs no numpy (issue 14) ------------------

BATCH_NAMES = ("MistakeRun", "train_with", "compare_training", "true_loss", "epochs_to_reach")


def test_the_batch_names_still_import_from_misconceptions():
    import course_lib
    from course_lib.topics import misconception_training, misconceptions

    for name in BATCH_NAMES:
        assert getattr(misconceptions, name) is getattr(misconception_training, name), name
        assert name in dir(misconceptions), name
    assert course_lib.train_with is train_with is misconception_training.train_with
    with pytest.raises(AttributeError, match="trian_with"):
        misconceptions.trian_with  # noqa: B018


def test_every_rule_has_the_one_matrix_rule():
    from course_lib.matrices import MatrixRule, batch, rule
    from course_lib.topics.mistaken_rules import Moves

    assert batch.MatrixRule is rule.MatrixRule is MatrixRule and issubclass(Moves, MatrixRule)
    assert type(batch.MATRIX_RULE) is MatrixRule


#: Every mistake on one sample, in a Python where `import numpy` fails: the numbers as JSON
#: (floats written exactly), compared with this process's below.
WITHOUT_NUMPY = """
import json, sys
sys.modules["numpy"] = sys.modules["matplotlib"] = None     # import numpy raises ImportError
from course_lib import forward, make_network, seed_network
from course_lib.topics import misconceptions as m
print(json.dumps(m_numbers(m, forward, [seed_network(),
                 make_network((2, 3, 2, 1), "tanh", biases=True, seed=4)])))
"""


def one_sample_numbers(m, forward, networks):
    """Every value of every mistaken pass (and each verdict) on each network, by name."""
    out = {}
    for k, net in enumerate(networks):
        trace = forward(net, [0.3, -0.8])
        for mistake in [None, *m.ALL_MISCONCEPTIONS]:
            g = m.backward_with(trace, 0.2, learning_rate=LR, **m.switches(mistake))
            after = g.network_after.weights if g.network_after else {}
            verdict = m.mistake_verdict(net, [0.3, -0.8], 0.2, mistake).max_relative_error
            out[f"{k}:{mistake}"] = [dict(g.values), dict(g.weights), dict(after), verdict]
        for rule in m.RULES:
            out[f"{k}:rule {rule}"] = dict(m.backward_with_rule(trace, 0.2, rule).values)
    return out


def test_the_one_sample_pass_gives_the_same_numbers_without_numpy():
    import inspect
    import json
    import subprocess
    import sys

    from course_lib.topics import misconceptions

    code = (f"LR = {LR!r}\n" + inspect.getsource(one_sample_numbers)
            + WITHOUT_NUMPY.replace("m_numbers", "one_sample_numbers"))
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    here = one_sample_numbers(misconceptions, forward, [
        seed_network(), make_network((2, 3, 2, 1), "tanh", biases=True, seed=4)])
    assert json.loads(run.stdout) == json.loads(json.dumps(here))


# --- plot and widget ---------------------------------------------------------------------


def test_plot_returns_the_numbers_it_drew(xor_runs):
    import matplotlib.pyplot as plt

    drawn = plot_mistake_curves(xor_runs)
    fig = plt.gcf()
    assert set(drawn) == {"epochs", "correct", *MISCONCEPTIONS}
    assert len(fig.axes) == len(MISCONCEPTIONS) == 5               # one panel per mistake
    assert [ax.get_title() for ax in fig.axes] == [n.replace("_", " ") for n in MISCONCEPTIONS]
    for ax, name in zip(fig.axes, MISCONCEPTIONS, strict=True):
        assert [t.get_text() for t in ax.get_legend().get_texts()] == ["correct", name]
        correct_line, mistake_line = ax.get_lines()
        np.testing.assert_array_equal(correct_line.get_ydata(), drawn["correct"])
        np.testing.assert_array_equal(mistake_line.get_ydata(), drawn[name])
        np.testing.assert_array_equal(drawn[name], xor_runs[name].losses)
    plt.close(fig)


def test_curves_svg_draws_the_points_by_hand_and_skips_nan():
    # 3 epochs across x = 30 .. 350 (x = 30 + 320 * epoch / 2); a loss L at
    # y = 10 + 120 * (1 - L / 0.55): 0.3 -> 64.55, 0.2 -> 86.36, 0.1 -> 108.18 (2 decimals)
    svg = curves_svg([0.3, 0.2, 0.1], [0.3, np.nan, np.nan])
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    correct, mistaken = root.findall(f"{ns}polyline")
    assert correct.get("points") == "30.00,64.55 190.00,86.36 350.00,108.18"
    assert mistaken.get("points") == "30.00,64.55"              # NaN epochs are not drawn
    assert correct.get("stroke-dasharray") is None and mistaken.get("stroke-dasharray") == "5,3"
    label = ("Loss per epoch over 3 epochs: correct (grey, solid) from 0.3 to 0.1; mistaken "
             "(red, dashed) from 0.3 to 0.3, then diverged at epoch 1")
    assert root.get("aria-label") == label == root.find(f"{ns}title").text
    assert "nan" not in svg
    # a loss above the top (0.55) is drawn at the top: y = 10
    top = ET.fromstring(curves_svg([2.0, 0.55], [0.0, 0.0])).findall(f"{ns}polyline")
    assert [p.get("points") for p in top] == ["30.00,10.00 350.00,10.00",
                                             "30.00,130.00 350.00,130.00"]


def test_lab_model_and_view_without_a_browser():
    lab = MisconceptionLab(seed_network(), [I1, I2], CORRECT,
                           xor_network(), XOR_X, XOR_Y, 2.0, 300)
    view = MisconceptionLabView(lab)
    assert repr(view) == "MisconceptionLabView(mistake='average_fan_out')"
    assert view._repr_mimebundle_()["text/plain"] == repr(view)
    seen = {}
    for mistake in MISCONCEPTIONS:
        view.toggle.value = mistake                     # what a click does
        assert lab.mistake == mistake and "CAUGHT" in lab.verdict_text
        assert html_has(view.text.value, lab.summary_text) and view.curves.value == lab.svg
        seen[mistake] = lab.summary_text
    assert len(set(seen.values())) == len(MISCONCEPTIONS)
    lab.mistake = "naive_loss"                          # and the model drives the buttons
    assert view.toggle.value == "naive_loss"


def html_has(html_text, text):
    import html
    return html.escape(text) in html_text
