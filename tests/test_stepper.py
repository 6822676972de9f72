"""The stepper, headless: the state model, and the widget driven by a fake front end.

Every number the front end would show is read back out of the pass the widget sent and
compared with a fresh forward()/backward() of the same network and sample (check_view, and
the fake front end Browser, live in tests/test_stepper_widget.py).
"""
import random
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from course_lib import (backward, explain, forward, make_network, seed_network,
                        two_output_network, update)
from course_lib.core.errors import MAX_MAGNITUDE
from course_lib.core.explain import number
from course_lib.core.chains import MAX_LISTED_PATHS
from course_lib.core.plan import plan_of
from course_lib.labs.stepper_state import MIXED, StepperState, read_number
from course_lib.labs.stepper_view import Stepper
from test_stepper_widget import Browser, check_view, library

NETWORKS = {"seed": seed_network, "two outputs": two_output_network}
JUNK = ["abc", "nan", "NaN", "inf", "-inf", "1e300", "-1e300", "", "   ", "1,5", "0x10", "2e6",
        "None", "∞", "1/2"]


# --- the state model ------------------------------------------------------------------------
@pytest.mark.parametrize("make", NETWORKS.values(), ids=NETWORKS.keys())
def test_steps_are_derived_from_the_library(make):
    state = StepperState(make())
    trace, grads, _ = library(state)
    forward_names = [s.name for s in state.steps if s.phase == "forward"]
    assert forward_names == [n for n in trace.values if n not in state.network.inputs]
    backward_names = [s.name for s in state.steps if s.phase == "backward"]
    assert [n for n in backward_names if "_from_" not in n] == list(grads.values)
    assert backward_names[0] == f"dL_wrt_{state.network.outputs[0]}"
    for node, parts in grads.fan_out.items():      # contributions right before their sum
        k = backward_names.index(f"dL_wrt_{node}")
        assert backward_names[k - len(parts.parts):k] == [
            f"dL_wrt_{node}_from_{t}" for t, _, _ in parts.parts]


@pytest.mark.parametrize("make", NETWORKS.values(), ids=NETWORKS.keys())
def test_forward_then_backward_one_step_at_a_time(make):
    state = StepperState(make())
    _, _, numbers = library(state)
    assert state.phase == "start" and state.loss is None
    assert state.backward() != ""                     # refused: f not known yet
    for k in range(state.forward_count):
        assert state.forward() == ""
        assert state.known[state.step.name] == numbers[state.step.name]
        assert state.position == k + 1
    assert state.loss == numbers["L"] and state.known["L"] == numbers["L"]
    assert state.forward() != "" and state.position == state.forward_count
    assert state.update() != ""                       # refused: gradients not known
    while not state.backward_done:
        assert state.backward() == ""
        assert state.known[state.step.name] == numbers[state.step.name]
        assert state.formula()[1].endswith(number(numbers[state.step.name]))
    assert state.backward() != "" and state.full_step() != ""
    assert state.check() == []
    assert {n: v for n, v in state.known.items() if n.startswith("dL_wrt_") and "_from_" not in n} \
        == dict(backward(forward(make(), [1.0, 0.5]), [1.0] * len(state.network.outputs)).values)


def test_full_step_equals_backward_and_update_equals_descent():
    state = StepperState()
    grads = backward(forward(seed_network(), [1.0, 0.5]), 1.0)
    state.full_step()
    assert state.backward_done
    for name, value in grads.values.items():
        assert state.known[name] == value
    assert state.chain.numeric == explain(grads, "w_A_C").numeric
    state.set_learning_rate("0.25")
    assert state.update() == ""
    assert state.network.weights == update(seed_network(), grads, 0.25).weights
    assert state.position == 0 and state.loss is None
    assert state.loss_history[0] == grads.loss
    assert state.loss_history[1] == state.gradients.loss < grads.loss


def test_loss_history_grows_one_point_per_update_and_falls():
    state = StepperState()
    for _ in range(5):
        state.full_step()
        assert state.update() == ""
    assert len(state.loss_history) == 6
    assert all(a > b for a, b in zip(state.loss_history, state.loss_history[1:]))


def test_fan_out_contributions_and_their_sum():
    state = StepperState(weight="w_I1_A")
    state.full_step()
    [contributions] = state.fan_out_on_path()
    grads = backward(forward(seed_network(), [1.0, 0.5]), 1.0)
    assert contributions == grads.contributions("A")
    assert state.known["dL_wrt_A_from_C"] + state.known["dL_wrt_A_from_D"] == state.known["dL_wrt_A"]
    two = StepperState(two_output_network(), weight="w_A_C")
    assert [c.node for c in two.fan_out_on_path()] == ["C"]
    assert two.stops() == [["sC", "C", "sF1", "f1"], ["sC", "C", "sF2", "f2"]]


ACTIONS = [
    ("forward", lambda s: s.forward()),
    ("backward", lambda s: s.backward()),
    ("full_step", lambda s: s.full_step()),
    ("update", lambda s: s.update()),
    ("reset", lambda s: s.reset()),
    ("set_input", lambda s: s.set_input("I2", -0.25)),
    ("set_correct", lambda s: s.set_correct(0.2, s.network.outputs[-1])),
    ("set_learning_rate", lambda s: s.set_learning_rate("0.1")),
    ("set_activation", lambda s: s.set_activation("tanh")),
    ("choose_weight", lambda s: s.choose_weight("w_I2_B")),
]


@pytest.mark.parametrize("make", NETWORKS.values(), ids=NETWORKS.keys())
@pytest.mark.parametrize("name, action", ACTIONS, ids=[a[0] for a in ACTIONS])
def test_undo_works_for_every_action(make, name, action):
    state = StepperState(make())
    state.forward(), state.forward(), state.set_input("I1", 2)
    if name in ("update", "backward"):
        state.full_step()
        if name == "backward":
            state.undo(), state.forward(), state.full_step(), state.undo()
            while state.position < state.forward_count:
                state.forward()
    before, known = state._now.key(), state.known
    assert action(state) == ""
    assert state._now.key() != before
    assert state.undo() == ""
    assert state._now.key() == before and state.known == known and state.check() == []


def test_undo_walks_back_every_action_and_then_says_nothing_to_undo():
    state = StepperState()
    keys = [state._now.key()]
    for _, action in ACTIONS[:4] + ACTIONS[5:] + ACTIONS[4:5]:
        if action(state) == "":                   # refused actions are not undone
            keys.append(state._now.key())
    assert len(keys) == 1 + 9                     # backward was refused: f not known
    for key in reversed(keys[:-1]):
        state.undo()
        assert state._now.key() == key
    assert not state.can_undo and "nothing to undo" in state.undo()


def test_reset_returns_to_the_start_and_can_be_undone():
    state = StepperState(inputs=[0.3, -0.2], correct=0.0, learning_rate=2.0)
    start = state._now.key()
    state.full_step(), state.update(), state.set_activation("relu"), state.set_input("I1", 5)
    changed = state._now.key()
    assert state.reset() == "" and state._now.key() == start and state.loss_history == ()
    assert state.undo() == "" and state._now.key() == changed


SETTERS = {
    "I1": lambda s, v: s.set_input("I1", v),
    "I2": lambda s, v: s.set_input("I2", v),
    "correct": lambda s, v: s.set_correct(v, s.network.outputs[0]),
    "correct f2": lambda s, v: s.set_correct(v, s.network.outputs[-1]),
    "learning rate": lambda s, v: s.set_learning_rate(v),
}


@pytest.mark.parametrize("junk", JUNK + [float("nan"), float("inf"), 1e300, None, True, [1]],
                         ids=repr)
@pytest.mark.parametrize("box", SETTERS)
def test_bad_input_keeps_the_previous_value_and_says_what_is_allowed(box, junk):
    state = StepperState(two_output_network())
    state.forward()
    before, position = state._now.key(), state.position
    message = SETTERS[box](state, junk)
    assert message and message == state.message
    assert "Allowed:" in message and "Kept" in message and len(message) < 120
    assert state._now.key() == before and state.position == position
    assert not state.can_undo or state.undo() == ""


def test_bad_choices_and_non_positive_learning_rates_are_refused():
    state = StepperState()
    for action in (lambda: state.set_learning_rate(0), lambda: state.set_learning_rate("-0.1"),
                   lambda: state.set_activation("softmax"), lambda: state.set_activation(None),
                   lambda: state.choose_weight("w_A_Z"), lambda: state.set_input("I3", 1),
                   lambda: state.set_correct(1.0, "f9")):
        message = action()
        assert message and state.message == message
    assert not state.can_undo and state.learning_rate == 0.5


def test_overflow_is_refused_with_a_message_not_raised():
    state = StepperState(inputs=[1e6, 1e6], correct=1e6, learning_rate=1e6)
    state.set_activation("linear")
    messages = []
    for _ in range(30):
        state.full_step()
        messages.append(state.update())
    assert any("refused" in m and "learning_rate" in m for m in messages)
    assert state.check() == []


def test_a_number_too_large_for_a_float_is_refused_not_raised():
    state = StepperState()
    for huge in (10**400, -(10**400), "1e400"):
        message = state.set_input("I1", huge)
        assert message and "Allowed:" in message and "Kept I1 = 1" in message
        assert state.inputs["I1"] == 1.0 and not state.can_undo
    assert state.set_correct(10**400) and state.set_learning_rate(10**400)
    assert state.correct == {"f": 1.0} and state.learning_rate == 0.5


def test_steps_are_the_plans_records_with_contributions_before_a_fan_out_sum():
    state = StepperState()
    plan = plan_of(state.network)
    records = [s.record for s in state.steps if s.kind != "contribution"]
    assert records == list(plan.forward + plan.backward)
    [node_error] = [s for s in state.steps if s.name == "dL_wrt_A"]
    contributions = [s for s in state.steps if s.kind == "contribution" and s.node == "A"]
    assert [s.record for s in contributions] == list(node_error.record.parts)
    assert [s.current for s in contributions] == ["w_A_C", "w_A_D"]
    assert state.formula(contributions[0])[0] == "dL_wrt_A_from_C = dL_wrt_sC * w_A_C"
    assert state.formula(node_error)[0] == "dL_wrt_A = dL_wrt_A_from_C + dL_wrt_A_from_D"
    assert state.code["dL_wrt_w_A_C"] == "dL_wrt_sC * A" and state.code["L"] == "(correct - f)**2"
    assert StepperState(two_output_network()).code["dL_wrt_f2"] == "2*(f2 - correct_f2)"


def test_mixed_activations_say_mixed_and_choosing_one_sets_every_layer():
    net = make_network((2, 3, 2, 1), ("relu", "tanh", "sigmoid"))
    stepper = Stepper(net)
    browser, state = Browser(stepper), stepper.state
    assert state.activation == MIXED
    assert stepper.settings["activation"] == MIXED and MIXED in stepper.settings["activations"]
    assert state.set_activation(MIXED) and state.network.activations == ("relu", "tanh", "sigmoid")
    browser.edit("activation", "tanh")
    assert state.network.activations == ("tanh",) * 3 and state.activation == "tanh"
    assert "every layer" in state.message and "relu, tanh, sigmoid" in state.message
    assert MIXED not in stepper.settings["activations"] and "every layer" in stepper.message
    check_view(stepper, browser)
    browser.press("undo")
    assert state.activation == MIXED and stepper.settings["activation"] == MIXED
    check_view(stepper, browser)


def test_a_deep_network_steps_in_polynomial_time():
    """50 hidden layers of 3: 3**49 paths from the front layer, never enumerated."""
    net = make_network((2,) + (3,) * 50 + (1,))
    for weight in (net.parameter_names[0], net.parameter_names[-1]):
        start = time.perf_counter()
        state = StepperState(net, weight=weight)
        state.full_step()
        chain, stops, code = state.chain, state.stops(), state.code
        assert time.perf_counter() - start < 0.1
        assert state.check() == [] and chain.value == state.known[f"dL_wrt_{weight}"]
        assert stops.path_count == plan_of(net).path_counts[net.ends(weight)[1]]
        assert stops.listed == (stops.path_count <= MAX_LISTED_PATHS) and code["L"]
    front = StepperState(net, weight="w_I1_A").stops()
    assert front == [] and front.path_count == 3 ** 49 and not front.listed
    assert front.layers[0] == ("A",) and front.layers[1:] == net.layers[2:]
    assert StepperState(net, weight=net.parameter_names[-1]).stops() == [["sF", "f"]]


@given(st.one_of(st.text(max_size=12), st.floats(allow_nan=True, allow_infinity=True),
                 st.integers(), st.none(), st.booleans()))
def test_read_number_accepts_exactly_the_finite_numbers_in_range(value):
    parsed, message = read_number("I1", value)
    assert (parsed is None) == bool(message)
    if parsed is not None:
        assert abs(parsed) <= MAX_MAGNITUDE
        assert parsed == float(value.strip().replace("−", "-") if isinstance(value, str) else value)


# --- the view, driven by a fake front end ------------------------------------------------------
@pytest.mark.parametrize("make", NETWORKS.values(), ids=NETWORKS.keys())
def test_view_shows_the_library_numbers_at_every_step(make):
    stepper = Stepper(make())
    browser = Browser(stepper)
    check_view(stepper, browser)
    while not stepper.state.forward_done:
        browser.press("forward")
        check_view(stepper, browser)
    assert "f" in "".join(browser.diagram())
    for weight in ("w_I1_A", "w_C_" + stepper.state.network.outputs[0]):
        browser.choose(weight)
        while not stepper.state.chain_known:
            browser.press("backward")
            check_view(stepper, browser)
    while not stepper.state.backward_done:
        browser.press("backward")
        check_view(stepper, browser)
    browser.press("update")
    check_view(stepper, browser)
    browser.press("full-step")
    check_view(stepper, browser)
    assert len(browser.plan["loss"]["history"]) == 2 == len(browser.plan["loss"]["values"])


def test_view_boxes_are_named_for_each_output():
    stepper = Stepper(two_output_network())
    assert set(stepper.settings["correct"]) == {"f1", "f2"}
    assert set(stepper.settings["inputs"]) == {"I1", "I2"}
    assert stepper.settings["parameters"] == list(two_output_network().parameter_names)
    assert repr(stepper) == ("Stepper(Network(2-2-2-2, sigmoid, no biases)): "
                             "run this cell to get the stepper")


@pytest.mark.parametrize("make", NETWORKS.values(), ids=NETWORKS.keys())
def test_view_bad_input_in_every_box_reverts_and_shows_a_message(make):
    stepper = Stepper(make())
    browser = Browser(stepper)
    browser.press("full-step")
    boxes = {**{("input", n): ("inputs", n) for n in stepper.settings["inputs"]},
             **{("correct", o): ("correct", o) for o in stepper.settings["correct"]},
             ("learning_rate", None): ("learning_rate", None)}
    for (what, name), (group, key) in boxes.items():
        def shown():
            value = stepper.settings[group]
            return value[key] if key else value
        for junk in JUNK:
            previous, state_key = shown(), stepper.state._now.key()
            revision = stepper.settings["revision"]
            browser.edit(what, junk, name)
            assert shown() == previous, (what, name, junk)
            assert stepper.settings["revision"] > revision   # the box is shown its kept value
            assert stepper.state._now.key() == state_key
            assert "Allowed" in stepper.message and "Kept" in stepper.message
        browser.edit(what, "0.75", name)
        assert stepper.message == "" and float(shown()) == 0.75
        check_view(stepper, browser)
    browser.press("undo")
    check_view(stepper, browser)


def test_view_undo_and_reset_restore_the_boxes():
    stepper = Stepper()
    browser = Browser(stepper)
    browser.edit("input", "3", "I1")
    browser.edit("activation", "tanh")
    browser.choose("w_D_f")
    browser.press("full-step")                  # a place in the pass, not an action
    browser.press("undo")                       # takes back the weight, where it was chosen
    assert stepper.weight == "w_A_C" and stepper.state.position == stepper.position == 0
    assert stepper.settings["activation"] == "tanh"
    browser.press("reset")
    assert stepper.settings["activation"] == "sigmoid" and stepper.settings["inputs"]["I1"] == "1"
    check_view(stepper, browser)
    browser.press("undo")
    assert stepper.settings["activation"] == "tanh" and stepper.settings["inputs"]["I1"] == "3"
    check_view(stepper, browser)
    while stepper.state.can_undo:
        browser.press("undo")
    assert not stepper.can_undo and stepper.settings["inputs"]["I1"] == "1"


# --- fuzz: 1,000 random actions on each network ---------------------------------------------
@pytest.mark.parametrize("make", NETWORKS.values(), ids=NETWORKS.keys())
def test_fuzz_random_actions_never_raise_and_stay_consistent(make):
    rng = random.Random(20230320)
    stepper = Stepper(make())
    browser = Browser(stepper)
    names = list(stepper.state.network.weights)
    boxes = ([("input", n) for n in stepper.settings["inputs"]]
             + [("correct", o) for o in stepper.settings["correct"]] + [("learning_rate", None)])

    def edit():
        what, name = rng.choice(boxes)
        browser.edit(what, rng.choice(JUNK + [f"{rng.uniform(-3, 3):.3g}",
                                              str(rng.choice([0.1, 1, 5])),
                                              f"{rng.uniform(0.01, 2):.2f}"]), name)

    moves = [lambda: browser.press("forward")] * 8 + [lambda: browser.press("backward")] * 8 + [
        lambda: browser.key(rng.choice(["ArrowRight", "ArrowRight", "ArrowLeft", "Home", "End"]))
    ] * 8 + [lambda: browser.press("full-step"), lambda: browser.key("u"),
             lambda: browser.key(rng.choice(["z", "Backspace"])), lambda: browser.press("reset"),
             edit, edit,
             lambda: browser.edit("activation", rng.choice(stepper.settings["activations"])),
             lambda: browser.choose(rng.choice(names)),
             lambda: browser.go(rng.choice([-1, 99, True, 3])),
             lambda: browser.choose(rng.choice(names + ["w_Q_Z", ""])),
             lambda: stepper.state.set_input("I1", rng.choice([1e300, float("nan"), "x", 7]))]
    seen = set()
    for k in range(1000):
        rng.choice(moves)()
        stepper.show()
        assert stepper.state.check() == []
        assert stepper.position == stepper.state.position and stepper.weight == stepper.state.weight
        seen.add(stepper.state.phase)
        if k % 10 == 0:
            check_view(stepper, browser)
    check_view(stepper, browser)
    assert seen == {"start", "forward", "backward", "done"}
