"""Checks of notebook 11 (misconception lab): the mistake behind a curve, the broken line.

The mystery curves are compared here with the lab's own runs on the same set-up (what
compare_training gives each mistake); the broken pass is run here and compared with
seed_by_hand: averaging at A halves dL_wrt_A, and nothing before it changes.
"""
import math

import numpy as np
import pytest

from course_lib import compare_training, make_network
from course_lib.exercises import broken_pass, check_broken_line, check_curve_mistake, mystery_runs

from seed_by_hand import HAND

RIGHT = {check_curve_mistake: "drop_factor_2", check_broken_line: "dL_wrt_A"}

MISTAKES = [
    (check_curve_mistake, "average_fan_out", "curve P is not average_fan_out"),
    (check_curve_mistake, "stale_weights", "curve P is not stale_weights"),
    (check_curve_mistake, "no_activation_slope", "never gets below"),
    (check_curve_mistake, "naive_loss", "climbs from"),
    (check_broken_line, "dL_wrt_sA", "its formula is right"),
    (check_broken_line, 30, "uses dL_wrt_A"),
    (check_broken_line, "dL_wrt_B", "agrees with course_lib"),
    (check_broken_line, 1, "agrees with course_lib"),
]


def test_the_mystery_curves_are_the_lab_runs_they_claim_to_be():
    X, Y = [[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0]
    runs = compare_training(make_network((2, 2, 2, 1), biases=True, seed=21), X, Y, 2.0, 2000,
                            mistakes=["drop_factor_2", "no_activation_slope"])
    mystery = mystery_runs()
    assert np.array_equal(mystery["correct"].losses, runs["correct"].losses)
    assert np.array_equal(mystery["curve P"].losses, runs["drop_factor_2"].losses)
    assert np.array_equal(mystery["curve Q"].losses, runs["no_activation_slope"].losses)
    assert not any(hasattr(curve, "mistake") for curve in mystery.values())   # names hidden


def test_curve_Q():
    assert check_curve_mistake("no_activation_slope", "curve Q").correct
    verdict = check_curve_mistake("naive_loss", "curve Q")
    assert verdict.status == "mistake" and "climbs" in verdict.message


@pytest.mark.parametrize("junk", ["drop factor 2", "correct", 5])
def test_a_curve_answer_is_a_key_of_the_lab(junk):
    verdict = check_curve_mistake(junk)
    assert verdict.status == "invalid" and "drop_factor_2" in verdict.message


def test_the_broken_pass_halves_dL_wrt_A_and_nothing_before_it():
    puzzle = broken_pass(1)
    namespace = {}
    exec(puzzle.source, namespace)
    values = namespace["forward_backward"]()
    assert math.isclose(values["dL_wrt_A"], HAND["dL_wrt_A"] / 2, rel_tol=1e-12)
    before = [n for n, _ in puzzle.lines[:puzzle.number("dL_wrt_A") - 1]]
    assert all(math.isclose(values[n], HAND[n], rel_tol=1e-12) for n in before if n in HAND)
    assert puzzle.wrong_gradients() == ("w_I1_A", "w_I2_A")
    assert check_broken_line(puzzle.number("dL_wrt_A")).correct


def test_the_second_puzzle_breaks_a_forward_line():
    puzzle = broken_pass(2)
    assert puzzle.broken == "dC_wrt_sC" and "sigmoid_derivative(sC)" in str(puzzle)
    assert check_broken_line("dC_wrt_sC", 2).correct
    verdict = check_broken_line("dL_wrt_sC", 2)
    assert verdict.status == "mistake" and "uses dC_wrt_sC" in verdict.message


@pytest.mark.parametrize("junk", [0, 37, 2.5, "xyz"])
def test_a_line_is_a_number_of_the_pass_or_a_name_it_computes(junk):
    assert check_broken_line(junk).status == "invalid"


def test_the_broken_pass_prints_its_lines_numbered_from_1():
    puzzle = broken_pass(1)
    lines = str(puzzle).splitlines()
    assert len(lines) == len(puzzle.lines) == 36
    assert lines[0] == "  1  sA = I1*w_I1_A + I2*w_I2_A"
    assert lines[-1] == " 36  dL_wrt_w_I2_B = dL_wrt_sB * I2"
    k = puzzle.number("dL_wrt_A")
    assert lines[k - 1].startswith(f"{k:3d}  dL_wrt_A = (") and lines[k - 1].endswith(") / 2")


def test_every_line_number_from_1_to_36_is_an_answer():
    assert check_broken_line(36).status == "mistake"            # the last line: a fine one
    assert check_broken_line(1).status == "mistake"
    assert check_broken_line(37).message == check_broken_line(0).message.replace("0.", "37.")
    assert check_broken_line(0).message == (
        "✗ broken_line: expected a line number from 1 to 36 or the name a line computes, got 0.")
    assert check_broken_line("zz").message == "✗ broken_line: 'zz' is not a name this pass computes."


def test_an_unknown_puzzle_is_invalid_not_an_error():
    assert check_broken_line(1, puzzle=3).message == "✗ broken_line: puzzle must be one of 1, 2."
    assert check_broken_line(1, puzzle="1").status == "invalid"


def first_below(losses, floor=0.01):
    """The first epoch whose loss is below `floor`, found here with numpy."""
    return int(np.argmax(np.asarray(losses) < floor))


def test_what_a_curve_does_in_the_lab_s_numbers():
    from course_lib.exercises.misconception_lab import describe
    runs = mystery_runs()
    p, right = first_below(runs["curve P"].losses), first_below(runs["correct"].losses)
    seen = f"gets below 0.01 at epoch {p}, {p / right:.2f} times the correct pass's {right}"
    assert check_curve_mistake("drop_factor_2").message.endswith(f"it {seen}. Correct!")
    message = check_curve_mistake("naive_loss").message
    assert message.startswith("✗ curve P is not naive_loss: on this network naive_loss (")
    assert message.endswith(f"climbs from 0.25 to 0.5 and stays there, while curve P {seen}.")
    assert describe([0.5, 0.5, 0.5], [0.5, 0.2, 0.001]) == "never gets below 0.5: it stops learning"
    assert describe([0.3, 0.5, 0.5], [0.5, 0.2, 0.001]) == "climbs from 0.3 to 0.5 and stays there"
    assert describe([0.3, 0.2, 0.0], [0.5, 0.2, 0.001]).startswith("gets below 0.01 at epoch 2, 1.00")


def test_a_mistake_or_curve_that_is_not_in_the_lab():
    assert check_curve_mistake("drop_factor2").message.endswith(
        "got 'drop_factor2'. Did you mean 'drop_factor_2'?")
    assert check_curve_mistake("drop_factor_2", "curve Z").message == (
        "✗ mistake: curve must be one of curve P, curve Q, got 'curve Z'.")
