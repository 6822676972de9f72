"""The classic mistakes as rules: the correct moves of the backward walk, one changed.

A rule serves both walks: core.backward.walk_backward (one sample, the ChainRule moves)
and matrices.batch._backward (a batch, the MatrixRule moves, named in the plural). Each
class below replaces one move, in both forms, by its "# MISTAKE" line; several mistakes
at once are one class built from theirs (mistaken_rule).
"""
from functools import lru_cache

import numpy as np

from ..core.backward import ChainRule
from ..core.errors import UnknownNameError
from ..core.losses import get_loss
from ..matrices.batch import MatrixRule

NAIVE = get_loss("naive")


class Moves(ChainRule, MatrixRule):
    """The correct moves for both walks: one sample (ChainRule), a batch (MatrixRule)."""

    def __init__(self, learning_rate=None):
        self.learning_rate = learning_rate


class AverageFanOut(Moves):
    """dL_wrt_X = the MEAN of the errors X receives; the article's caution: SUM them."""

    def node_error(self, errors):
        return sum(errors) / len(errors)             # MISTAKE: averaged, not summed

    def node_errors(self, dS, W):
        return dS @ W.T / W.shape[1]                 # MISTAKE: / number of targets


class StaleWeights(Moves):
    """w = w - learning_rate * dL_wrt_w as soon as dL_wrt_w is known, so the error is sent
    further back through the NEW weights, not those f was computed with."""

    changes_weights = True

    def weight_used(self, step, gradient, weights):
        weights[step.weight] -= self.learning_rate * gradient   # MISTAKE: updated already ...

    def weights_used(self, l, dW, db, matrices, biases):
        matrices[l] -= self.learning_rate * dW      # MISTAKE: updated already ...
        if biases is not None:
            biases[l] -= self.learning_rate * db    # ... and sent back through just after


class NoActivationSlope(Moves):
    """dL_wrt_sX = dL_wrt_X * 1: the activation's slope dX_wrt_sX left out."""

    def slope(self, step, values, slopes):
        return 1.0                                   # MISTAKE: dX_wrt_sX forgotten

    def slopes(self, activation, A):
        return 1.0                                   # MISTAKE: dA_wrt_S forgotten


class NaiveLoss(Moves):
    """L = correct - f, whose slope dL_wrt_f is -1 whatever f is."""

    def output_error(self, f, correct, loss):
        return NAIVE.slope(f, correct)               # MISTAKE: -1, whatever f is

    def output_errors(self, F, Y, loss):
        return np.full_like(Y, NAIVE.slope(F, Y))    # MISTAKE: -1, whatever F is


class DropFactor2(Moves):
    """dL_wrt_f = f - correct: the 2 of 2*(f - correct) dropped (a step of half the size)."""

    def output_error(self, f, correct, loss):
        return f - correct                           # MISTAKE: 2*(f - correct) without the 2

    def output_errors(self, F, Y, loss):
        return F - Y                                 # MISTAKE: 2*(F - Y) without the 2


#: The rule of each misconception; several at once compose (naive_loss wins over drop_factor_2).
RULES_BY_MISTAKE = {"average_fan_out": AverageFanOut, "stale_weights": StaleWeights,
                    "no_activation_slope": NoActivationSlope, "naive_loss": NaiveLoss,
                    "drop_factor_2": DropFactor2}


@lru_cache(maxsize=None)
def _rule_class(mistakes):
    """One class whose bases are the rules of `mistakes` (in RULES_BY_MISTAKE's order)."""
    if not mistakes:
        return Moves
    return type("Mistaken", tuple(RULES_BY_MISTAKE[m] for m in mistakes), {})


def mistaken_rule(mistakes=(), learning_rate=None):
    """The rule (for backward's walk and for the batch walk) with each of `mistakes` on."""
    unknown = [m for m in mistakes if m not in RULES_BY_MISTAKE]
    if unknown:
        raise UnknownNameError("misconception", unknown[0], RULES_BY_MISTAKE)
    return _rule_class(tuple(m for m in RULES_BY_MISTAKE if m in mistakes))(learning_rate)
