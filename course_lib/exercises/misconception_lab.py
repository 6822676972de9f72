"""Checks for notebook 11 (misconception lab): name the mistake behind a training curve.

    runs = mystery_runs()                  {'correct': .., 'curve P': .., 'curve Q': ..}
    check_curve_mistake("drop_factor_2", "curve P")

The mystery curves are the lab's runs (compare_training: the same 2-2-2-1 shape with
biases on XOR, learning rate 2, 2000 epochs) from another starting network, seed 21, with
their names hidden. The answer is a key of MISCONCEPTIONS. A wrong key is answered with
what that mistake's own curve does on the same network, next to the mystery curve.
"""
import difflib
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..core.build import make_network
from ..topics.misconceptions import MISCONCEPTIONS, compare_training, epochs_to_reach
from .checking import Verdict, invalid, not_attempted, shown

#: The training set-up of the mystery curves: XOR, the lab's shape, another seed.
MYSTERY_SEED, MYSTERY_RATE, MYSTERY_EPOCHS = 21, 2.0, 2000
XOR_X, XOR_Y = [[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0]
#: Which mistake each mystery curve is (the exercise's answer key).
MYSTERIES = {"curve P": "drop_factor_2", "curve Q": "no_activation_slope"}
#: The loss a run must get below to count as trained.
FLOOR = 0.01


@dataclass(frozen=True)
class Curve:
    """A training curve with its name hidden: the true mean loss before each epoch."""

    losses: np.ndarray


@lru_cache(maxsize=None)
def _lab_runs():
    network = make_network((2, 2, 2, 1), biases=True, seed=MYSTERY_SEED)
    return compare_training(network, XOR_X, XOR_Y, MYSTERY_RATE, MYSTERY_EPOCHS,
                            mistakes=list(MISCONCEPTIONS))


def mystery_runs():
    """{'correct': Curve, 'curve P': Curve, 'curve Q': Curve}, for plot_mistake_curves."""
    runs = _lab_runs()
    return {"correct": Curve(runs["correct"].losses),
            **{label: Curve(runs[mistake].losses) for label, mistake in MYSTERIES.items()}}


def describe(losses, correct):
    """What a curve does, in words and the lab's numbers, next to the correct curve."""
    losses = np.asarray(losses, dtype=float)
    reach, reference = epochs_to_reach(losses, FLOOR), epochs_to_reach(correct, FLOOR)
    if reach is not None and reference:
        return (f"gets below {FLOOR} at epoch {reach}, {reach / reference:.2f} times the "
                f"correct pass's {reference}")
    finite = losses[np.isfinite(losses)]
    if finite[-1] > finite[0]:
        return f"climbs from {finite[0]:.3g} to {finite[-1]:.3g} and stays there"
    return f"never gets below {finite.min():.3g}: it stops learning"


def check_curve_mistake(mistake, curve="curve P"):
    """Which MISCONCEPTIONS key made the mystery `curve` ('curve P' or 'curve Q')?"""
    name = "mistake"
    if mistake is Ellipsis:
        return not_attempted(name)
    if not isinstance(mistake, str) or mistake not in MISCONCEPTIONS:
        guess = difflib.get_close_matches(str(mistake), list(MISCONCEPTIONS), n=1) if isinstance(
            mistake, str) else []
        return invalid(name, f"expected one of the lab's mistakes, {', '.join(MISCONCEPTIONS)}; "
                             f"got {shown(mistake)}" + (f". Did you mean {guess[0]!r}?" if guess
                                                         else "."))
    if curve not in MYSTERIES:
        return invalid(name, f"curve must be one of {', '.join(MYSTERIES)}, got {shown(curve)}.")
    runs = _lab_runs()
    correct, truth = runs["correct"].losses, MYSTERIES[curve]
    seen = describe(runs[truth].losses, correct)
    if mistake == truth:
        return Verdict(name, "correct", f"✓ {curve} is {mistake} ({MISCONCEPTIONS[mistake]}): "
                       f"it {seen}. Correct!")
    return Verdict(name, "mistake", f"✗ {curve} is not {mistake}: on this network "
                   f"{mistake} ({MISCONCEPTIONS[mistake]}) "
                   f"{describe(runs[mistake].losses, correct)}, while {curve} {seen}.")
