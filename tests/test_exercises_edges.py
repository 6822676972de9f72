"""The exercises at their edges: the lines the mutation run (python -m course_tools.mutation)
found no test running, each tested with values written here by hand."""
import math
import signal
import time

import pytest

from course_lib.exercises.own_pass_run import call_limited
from course_lib.exercises.training_lab import loss_outcome

# --- notebook 09's question: what does a larger learning rate do to the loss? -------------------
#: 2.0 down to 0.5 in ten epochs, then settling: 0.5 down to 0.5 - 9/256 (within 10 %)
FALLING = [2.0 - 0.15 * k for k in range(10)] + [0.5 - k / 256 for k in range(10)]


@pytest.mark.parametrize("reference_end, outcome", [(0.5, "faster"), (0.5 - 9 / 256, "faster"),
                                                    (0.46, "slower")])
def test_a_falling_loss_is_faster_or_slower_than_the_reference(reference_end, outcome):
    assert loss_outcome(FALLING, [1.0, reference_end]) == outcome   # equal ends: faster


def test_a_loss_that_never_falls_below_its_start_is_stuck():
    assert loss_outcome([0.5] * 20, [0.4]) == "stuck"                 # equal to the start: stuck
    assert loss_outcome([0.5, 0.4] + [0.9] * 18, [0.4]) == "stuck"
    assert loss_outcome([0.5] * 10 + [0.499] * 10, [0.1]) == "slower"


def test_bounces_means_the_late_half_moves_by_more_than_a_tenth_of_its_largest():
    early = [2.0 - 0.05 * k for k in range(10)]
    edge = early + [1.25, 1.125] * 5          # moves by 0.125 = 0.1 * 1.25 exactly: not more
    assert loss_outcome(edge, [1.0]) == "slower"
    over = early + [1.25, 1.0] * 5
    assert loss_outcome(over, [1.0]) == "bounces"


# --- notebook 12: a learner's pass runs under a time limit; the old alarm handler comes back ----
def test_when_no_timer_can_be_set_the_pass_runs_and_the_old_handler_is_put_back(monkeypatch):
    def mine(signum, frame):
        pass

    before = signal.signal(signal.SIGALRM, mine)
    try:
        def no_timer(*args):
            raise OSError("no timer here")

        monkeypatch.setattr(signal, "setitimer", no_timer)
        assert call_limited(lambda x: x + 1, (41,)) == (42, False)
        assert signal.getsignal(signal.SIGALRM) is mine
    finally:
        signal.signal(signal.SIGALRM, before)


# --- notebook 12's verdict: two verdicts are the same whatever network they were found on ------
def test_two_backprop_verdicts_are_equal_whatever_their_network():
    from course_lib.exercises import BackpropVerdict

    verdict = BackpropVerdict(False, "C", None, "a message", "wrong", case="THE-CASE",
                              highlight=("C",), network="THE-NETWORK")
    assert repr(verdict) == "<BackpropVerdict: a message>"
    assert verdict == BackpropVerdict(False, "C", None, "a message", "wrong", case="THE-CASE",
                                      highlight=("C",), network="ANOTHER-NETWORK")
    assert verdict != BackpropVerdict(False, "C", None, "a message", "wrong", case="ANOTHER",
                                      highlight=("C",), network="THE-NETWORK")


def test_a_timer_already_running_goes_on_with_the_time_it_had_left():
    def mine(signum, frame):
        pass

    before = signal.signal(signal.SIGALRM, mine)
    try:
        signal.setitimer(signal.ITIMER_REAL, 30.0, 7.0)         # someone's alarm: 30 s, then 7 s
        assert call_limited(lambda: time.sleep(0.2), ()) == (None, False)
        left, interval = signal.getitimer(signal.ITIMER_REAL)
        assert 28.0 < left <= 29.8 and interval == 7.0            # 0.2 s or more went by
        assert signal.getsignal(signal.SIGALRM) is mine
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)


# --- a graded run: a verdict is also data (course-grade reads it), only then -------------------
def test_a_verdict_is_data_only_in_a_graded_run(monkeypatch):
    from course_lib.exercises import check_answer

    right, wrong = check_answer(0.5, 0.5, "A", {}), check_answer(0.75, 0.5, "A", {})
    monkeypatch.delenv("COURSE_GRADING_SAMPLE", raising=False)
    assert right._repr_json_() is None
    monkeypatch.setenv("COURSE_GRADING_SAMPLE", "  ")
    assert right._repr_json_() is None
    monkeypatch.setenv("COURSE_GRADING_SAMPLE", "hidden")
    assert right._repr_json_()["course_verdict"]["status"] == "correct"
    data = wrong._repr_json_()["course_verdict"]
    assert data["status"] == "wrong" and data["correct"] is False and data["mistake"] == ""


def test_the_broken_pass_of_notebook_12_is_puzzle_1_unless_told():
    from course_lib.exercises.broken_pass import broken_pass

    assert broken_pass().puzzle == 1 and str(broken_pass()) == str(broken_pass(1))
    assert broken_pass(2).puzzle == 2 and str(broken_pass(2)) != str(broken_pass(1))


def test_when_no_alarm_can_be_set_the_pass_runs_without_a_limit(monkeypatch):
    def refused(*args):
        raise ValueError("signal only works in main thread")

    monkeypatch.setattr(signal, "signal", refused)
    assert call_limited(lambda x: x * 2, (21,)) == (42, False)


def test_the_course_line_of_a_name_or_nothing_for_an_input():
    from course_lib.core.build import seed_network
    from course_lib.exercises.own_pass_cases import right_line

    assert right_line(seed_network(), "dL_wrt_C") == "dL_wrt_C = dL_wrt_sF * w_C_f"
    assert right_line(seed_network(), "I1") == "" and right_line(seed_network(), "correct") == ""


def test_a_returned_mapping_that_cannot_be_read_is_invalid():
    from collections.abc import Mapping

    from course_lib import check_backprop

    class Unreadable(Mapping):
        def __getitem__(self, name):
            raise RuntimeError("boom")

        def __iter__(self):
            raise RuntimeError("boom")

        def __len__(self):
            return 3

    verdict = check_backprop(lambda weights, inputs, correct: Unreadable())
    assert verdict.status == "invalid"
    assert verdict.message.startswith("✗ On the seed sample: reading what your pass returned "
                                      "failed: your pass raised RuntimeError: boom")


def test_a_network_whose_pass_the_course_cannot_compute_is_invalid():
    from course_lib import Network, check_backprop, make_network

    names = make_network((1,) * 27).layers                 # f = 1e6 ** 27: L overflows
    network = Network(names, [[[1e6]]] * 26, None, "linear")
    verdict = check_backprop(lambda weights, inputs, correct: {}, network=network)
    assert verdict.status == "invalid"
    assert verdict.message.startswith("✗ The course cannot compute this network's pass: the "
                                      "loss L overflowed to inf")


# --- check_backprop (notebook 12) on passes written here: one wrong value, one missing, ... ----
def right_pass():
    """The seed network's pass as the course generates it (notebook 10): a right pass."""
    from course_lib.core.build import seed_network
    from course_lib.topics.codegen import python_source

    namespace = {}
    exec(python_source(seed_network()), namespace)
    run = namespace["forward_backward"]
    return lambda weights, inputs, correct: dict(run(**inputs, **correct, **weights))


def test_a_wrong_value_no_mistake_explains_is_said_so_and_a_missing_one_is_not():
    from course_lib import check_backprop

    right = right_pass()

    def tripled(weights, inputs, correct):
        values = right(weights, inputs, correct)
        values["dL_wrt_w_C_f"] *= 3                     # no misconception does this
        return values

    def missing(weights, inputs, correct):
        values = right(weights, inputs, correct)
        del values["dL_wrt_w_C_f"]
        return values

    unknown = "The mistake is not one the course knows"
    wrong = check_backprop(tripled)
    assert wrong.status == "wrong" and wrong.first_wrong == "dL_wrt_w_C_f"
    assert unknown in wrong.message
    gone = check_backprop(missing)
    assert "yours: missing: your pass does not return it" in gone.message
    assert gone.first_wrong == "dL_wrt_w_C_f" and unknown not in gone.message


def test_a_pass_that_changes_its_weights_on_the_first_case_only_is_not_right():
    from course_lib import check_backprop

    right, first = right_pass(), []

    def changes_once(weights, inputs, correct):
        values = right(weights, inputs, correct)
        if not first:
            first.append(True)
            weights["w_C_f"] = 0.0
        return values

    verdict = check_backprop(changes_once)
    assert verdict.status == "wrong" and verdict.first_wrong == "w_C_f"
    assert verdict.message.startswith("✗ Every value is right, but your pass changed the weights "
                                      "it was given (w_C_f 1.1 -> 0.0)")


def test_a_wrong_pass_that_also_changed_its_weights_once_is_told_both():
    from course_lib import check_backprop

    right, first = right_pass(), []

    def wrong_and_changes_once(weights, inputs, correct):
        values = right(weights, inputs, correct)
        values["dL_wrt_w_C_f"] *= 3
        if not first:
            first.append(True)
            weights["w_A_C"] = 5.0
        return values

    message = check_backprop(wrong_and_changes_once).message
    assert message.startswith("✗ Your pass first goes wrong at dL_wrt_w_C_f")
    assert message.endswith("\nYour pass also changed the weights it was given (w_A_C 0.6 -> 5.0): "
                            "a pass computes the gradients and leaves the update "
                            "(w - learning_rate*dL_wrt_w) to the training loop.")


def _divide(x):
    return 1 / x


def test_a_crash_is_shown_where_the_learners_own_code_raised():
    from course_lib import check_backprop

    verdict = check_backprop(lambda weights, inputs, correct: {"f": _divide(0.0)})
    assert verdict.status == "invalid"
    assert verdict.message.startswith("✗ On the seed sample: your pass raised ZeroDivisionError")
    assert " of _divide (" in verdict.message                # the innermost frame, not the lambda


def _mean_of_nothing():
    import statistics

    return statistics.mean([])                       # raises inside the standard library


def test_a_crash_inside_the_standard_library_is_shown_at_the_learners_line():
    from course_lib import check_backprop

    verdict = check_backprop(lambda weights, inputs, correct: {"f": _mean_of_nothing()})
    assert verdict.status == "invalid" and "raised StatisticsError" in verdict.message
    assert " of _mean_of_nothing (" in verdict.message and "statistics.py" not in verdict.message


# --- the forward pass's mistakes: the layer two back, only when it has as many nodes ------------
def test_the_layer_two_back_is_a_mistake_only_with_as_many_nodes():
    from course_lib import forward, make_network
    from course_lib.exercises.mistakes import sum_mistakes

    net = make_network((2, 2, 1), seed=1)
    trace = forward(net, [0.5, -0.25])
    found = sum_mistakes(trace, "f")
    used = "you used I1 and I2 where A and B belong: the layer just before f is A and B"
    assert found[used] == 0.5 * net["w_A_f"] + -0.25 * net["w_B_f"]
    wider = forward(make_network((3, 2, 1), seed=1), [0.5, -0.25, 1.0])
    assert not [k for k in sum_mistakes(wider, "f") if k.startswith("you used I")]
    first_layer = forward(make_network((2, 2, 2), seed=1), [0.5, -0.25])   # two outputs
    assert not [k for k in sum_mistakes(first_layer, "A") if k.startswith("you used f")]


def test_one_hidden_source_is_one_sum_mistake_not_a_list_of_them():
    from course_lib import forward, make_network
    from course_lib.exercises.mistakes import sum_mistakes

    net = make_network((2, 1, 1), seed=1)
    found = sum_mistakes(forward(net, [0.5, -0.25]), "f")
    assert sorted(found) == ["you applied the activation: that is f, not the sum sF",
                             "you used the sum sA instead of the activation A"]


# --- notebook 12's random cases: weights in -1.5..1.5, inputs in -1..1, answers in 0..1 ---------
def test_the_random_cases_are_drawn_from_their_ranges():
    import random

    from course_lib.core.build import seed_network
    from course_lib.exercises.own_pass_cases import make_cases

    cases = [c for seed in range(8) for c in make_cases(seed_network(), random.Random(seed))[1:]]
    assert len(cases) == 8 * 5 and cases[0].label == "random case 1 of 5"
    weights = [w for c in cases for w in c.network.weights.values()]
    inputs = [x for c in cases for x in c.inputs.values()]
    answers = [y for c in cases for y in c.correct.values()]
    for values, low, high in ((weights, -1.5, 1.5), (inputs, -1.0, 1.0), (answers, 0.0, 1.0)):
        assert low <= min(values) < low + 0.25 and high - 0.25 < max(values) <= high
        assert all(v == round(v, 4) for v in values)


def test_a_timer_that_ran_out_during_the_pass_fires_right_after_it():
    fired = []

    def mine(signum, frame):
        fired.append(time.monotonic())

    before = signal.signal(signal.SIGALRM, mine)
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.1)           # due while the pass still runs
        assert call_limited(lambda: time.sleep(0.3), ()) == (None, False)
        done = time.monotonic()
        time.sleep(0.3)
        assert len(fired) == 1 and fired[0] - done < 0.3    # put back with 1 ms left, not 1 s
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)


def test_a_pass_that_swallows_the_first_stop_is_stopped_again_soon():
    """The alarm comes back every 0.05 s until it is heard, not once a second."""
    from course_lib.exercises.own_pass_run import PassStopped

    def stubborn():
        try:
            while True:
                pass
        except PassStopped:
            pass
        while True:
            pass

    started = time.monotonic()
    assert call_limited(stubborn, (), seconds=0.2) == (None, True)
    assert time.monotonic() - started < 1.0                  # 0.25 s; once a second: 1.25 s


def test_the_mystery_lab_trains_a_network_with_biases():
    from course_lib.exercises.misconception_lab import _lab_runs

    runs = _lab_runs()
    assert runs and all(run.network.has_biases for run in runs.values())
    assert all([len(layer) for layer in run.network.layers] == [2, 2, 2, 1]
               for run in runs.values())


# --- messages: what they name, and where a shown answer is cut -----------------------------------
def test_stopping_at_dL_wrt_sF_is_told_to_multiply_by_dsF_wrt_C():
    from course_lib.exercises.node_error import check_dL_wrt_C

    from seed_by_hand import HAND

    verdict = check_dL_wrt_C(HAND["dL_wrt_sF"])
    assert verdict.status == "mistake"
    assert ("you stopped at dL_wrt_sF: multiply it by dsF_wrt_C, what C is multiplied by in sF"
            in verdict.message)


def test_a_shown_answer_is_cut_past_60_characters():
    from course_lib.exercises.checking import shown

    assert shown("x" * 58) == "'" + "x" * 58 + "'"               # 60 characters: whole
    assert shown("x" * 59) == "'" + "x" * 56 + "..."             # 61: cut to 60
    assert shown([1, 2], width=6) == "[1, 2]" and shown([1, 2], width=5) == "[1..."


def test_extra_inputs_of_the_seed_case_come_from_the_fallback_list_in_turn():
    from course_lib import make_network
    from course_lib.exercises.own_pass_cases import seed_case

    inputs = seed_case(make_network((7, 2, 1), seed=1)).inputs
    assert inputs == {"I1": 1.0, "I2": 0.5, "I3": -0.5, "I4": 0.25, "I5": -1.0, "I6": 1.0,
                      "I7": 0.5}


def test_the_loss_highlights_every_output():
    from course_lib import make_network
    from course_lib.core.build import seed_network
    from course_lib.exercises.own_pass_cases import highlight_of

    assert highlight_of(seed_network(), "L") == ("f",)
    assert highlight_of(make_network((2, 2, 2)), "L") == ("f1", "f2")


def test_a_node_with_one_listener_names_it_alone():
    from course_lib import backward, forward, make_network
    from course_lib.exercises.node_mistakes import fan_out_mistakes

    gradients = backward(forward(make_network((2, 2, 1, 1), seed=1), [0.5, -0.25]), 1.0)
    found = fan_out_mistakes(gradients, "A")                  # A feeds C only
    assert ("you used dL_wrt_C, the errors before C's activation slopes; A's value enters the "
            "sums sC, so use dL_wrt_sC") in found
    assert "you used the node value A where the weights w_A_C belong (what A is multiplied by "\
           "in sC)" in found


def test_puzzle_1_divides_dL_wrt_A_by_its_two_terms():
    from course_lib.exercises.broken_pass import broken_pass

    lines = dict(broken_pass(1).lines)
    assert lines["dL_wrt_A"] == "(dL_wrt_sC*w_A_C + dL_wrt_sD*w_A_D) / 2"
    assert dict(broken_pass(2).lines)["dL_wrt_A"] == "dL_wrt_sC*w_A_C + dL_wrt_sD*w_A_D"


def test_a_known_mistake_is_named_with_the_count_of_cases_it_fits():
    from course_lib import check_backprop

    right = right_pass()

    def halved(weights, inputs, correct):              # every error without the factor 2
        values = right(weights, inputs, correct)
        return {k: v / 2 if k.startswith("dL_wrt") else v for k, v in values.items()}

    verdict = check_backprop(halved)
    assert verdict.mistake == "drop_factor_2"
    assert verdict.message.endswith("(drop_factor_2): the course's pass with that mistake gives "
                                    "every value you returned, on all 6 cases.")


@pytest.mark.parametrize("changed, listed", [(4, ""), (5, " and 1 more"), (6, " and 2 more")])
def test_changed_weights_are_listed_four_then_counted(changed, listed):
    from course_lib import check_backprop

    right = right_pass()

    def changes(weights, inputs, correct):
        values = right(weights, inputs, correct)
        for name in list(weights)[:changed]:
            weights[name] = 1.0
        return values

    message = check_backprop(changes).message
    assert message.count(" -> 1.0") == 4
    assert f"-> 1.0{listed}): a pass computes the gradients" in message


def test_a_right_pass_is_told_how_many_cases_it_was_checked_on():
    from course_lib import check_backprop

    message = check_backprop(right_pass()).message
    assert message.startswith("✓ Your pass is right: all 38 values it returns")
    assert message.endswith("on the seed sample and 5 random cases.")


# --- notebook 12: the learning rate of a stale pass, read from a weight it changed --------------
@pytest.mark.parametrize("gradient, rates", [
    (1e-12, []),                                   # at most 1e-12: too small to divide by
    (-1e-12, []),
    (math.nextafter(1e-12, 1.0), [0.5]),           # just over: (0 - (-0.5*g)) / g = 0.5
    (-math.nextafter(1e-12, 1.0), [0.5]),
    (2e-10, [0.5]),
])
def test_a_rate_is_read_from_a_changed_weight_only_when_its_gradient_is_over_1e_12(gradient, rates):
    from course_lib.exercises.own_pass_diagnosis import Difference, stale_rates
    from course_lib.exercises.own_pass_run import Change

    missing = Difference("dL_wrt_w_C_f", 0, None, 0.25)   # not returned: no rate from a value
    changes = (Change("w_C_f", 0.0, -0.5 * gradient),)     # stepped by learning rate 0.5
    assert stale_rates(None, None, missing, [{"dL_wrt_w_C_f": gradient}], changes) == rates


def test_a_weight_changed_to_what_is_not_a_float_gives_no_rate():
    from course_lib.exercises.own_pass_diagnosis import Difference, stale_rates
    from course_lib.exercises.own_pass_run import Change

    missing = Difference("dL_wrt_w_C_f", 0, None, 0.25)
    changes = (Change("w_C_f", 1.0, None), Change("w_D_f", 1.0, "0.5"),
               Change("w_A_C", 1.0, 0.75))                 # (1 - 0.75) / 0.5
    references = [{"dL_wrt_w_C_f": 0.5, "dL_wrt_w_D_f": 0.5, "dL_wrt_w_A_C": 0.5}]
    assert stale_rates(None, None, missing, references, changes) == [0.5]


@pytest.mark.parametrize("after, rates", [(-1e6, [1e6]), (-1e6 - 0.5, [])])
def test_a_learning_rate_over_a_million_is_not_believed(after, rates):
    from course_lib.exercises.own_pass_diagnosis import Difference, stale_rates
    from course_lib.exercises.own_pass_run import Change

    missing = Difference("dL_wrt_w_C_f", 0, None, 0.25)
    assert stale_rates(None, None, missing, [{"dL_wrt_w_C_f": 1.0}],
                       (Change("w_C_f", 0.0, after),)) == rates


def test_a_mistake_whose_pass_the_course_cannot_compute_reproduces_nothing():
    import random

    from course_lib.core.build import seed_network
    from course_lib.exercises.own_pass_cases import make_cases, pass_order
    from course_lib.exercises.own_pass_diagnosis import _reproduces

    network = seed_network()
    cases, order = make_cases(network, random.Random(0))[:1], pass_order(network)
    # nothing returned to contradict it: stale_weights with a rate fits; without one its
    # pass refuses (it needs a learning rate), and so it fits nothing
    assert _reproduces(cases, order, [{}], [{}], "stale_weights", 0.5) is True
    assert _reproduces(cases, order, [{}], [{}], "stale_weights") is False


def test_the_seed_sample_of_a_three_output_network_has_fixed_answers_between_0_and_1():
    from course_lib import make_network
    from course_lib.exercises.own_pass_cases import seed_case

    case = seed_case(make_network((2, 2, 3)))
    assert case.inputs == {"I1": 1.0, "I2": 0.5}
    # f1 and f2 as the two-output network's; any other output 0.5: all reachable by a sigmoid
    assert case.correct == {"correct_f1": 1.0, "correct_f2": 0.0, "correct_f3": 0.5}


# --- the mistakes named for a weight's chain: only those its chain can have --------------------
@pytest.mark.parametrize("weight, every_slope, averaged", [
    ("w_C_f", False, False),      # one path f, one slope (df_wrt_sF): nothing to take "every" of
    ("w_A_C", True, False),       # one path C -> f, two slopes: no fan-out to average
    ("w_I1_A", True, True),       # two paths, A -> C -> f and A -> D -> f
])
def test_a_chain_names_every_slope_only_with_two_and_averaging_only_with_two_paths(
        weight, every_slope, averaged):
    from course_lib import backward, forward, seed_network
    from course_lib.exercises import chain_mistakes

    found = chain_mistakes(backward(forward(seed_network(), [1.0, 0.5]), 1.0), weight)
    assert ("you took every slope from the sums (sX instead of X)" in found) is every_slope
    assert ("you averaged the errors at a fan-out instead of summing them" in found) is averaged
