"""The classic mistakes as rules: the correct moves of the backward walk, one changed.

A rule serves both walks: core.backward.walk_backward (one sample, the ChainRule moves)
and matrices.batch._backward (a batch, the MatrixRule moves, named in the plural). Each
class below replaces one move, in both forms, by its "# MISTAKE" line; several mistakes
at once are one class built from theirs (mistaken_rule). No numpy is imported here: the
one-sample walk runs in a plain Python, and the batch moves get their arrays from the batch
walk (matrices.rule).
"""
from functools import lru_cache

from ..core.activations import get_activation
from ..core.backward import ChainRule
from ..core.errors import CourseInputError, check_name
from ..core.losses import get_loss
from ..core.names import sum_name
from ..matrices.rule import MatrixRule, filled_like

NAIVE = get_loss("naive")


class Moves(ChainRule, MatrixRule):
    """The correct moves for both walks: one sample (ChainRule), a batch (MatrixRule).

    learning_rate: for stale_weights; network: for slope_from_sum (its activations)."""

    #: False when the batch walk has no move to change (the mistake is checked per sample).
    has_batch_form = True

    def __init__(self, learning_rate=None, network=None):
        self.learning_rate = learning_rate
        self.network = network


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
        return filled_like(Y, NAIVE.slope(F, Y))     # MISTAKE: -1, whatever F is


class DropFactor2(Moves):
    """dL_wrt_f = f - correct: the 2 of 2*(f - correct) dropped (a step of half the size)."""

    def output_error(self, f, correct, loss):
        return f - correct                           # MISTAKE: 2*(f - correct) without the 2

    def output_errors(self, F, Y, loss):
        return F - Y                                 # MISTAKE: 2*(F - Y) without the 2


class FlippedSign(Moves):
    """dL_wrt_f = 2*(correct - f): the loss's slope upside down, so each step goes uphill."""

    def output_error(self, f, correct, loss):
        return 2.0 * (correct - f)                   # MISTAKE: 2*(f - correct) turned round

    def output_errors(self, F, Y, loss):
        return 2.0 * (Y - F)                         # MISTAKE: 2*(F - Y) turned round


class SlopeFromSum(Moves):
    """dX_wrt_sX computed from the sum sX, not from X: sX*(1 - sX) for the sigmoid.
    (Needs the network, for each node's activation; relu and linear are unaffected.)"""

    has_batch_form = False

    def slope(self, step, values, slopes):
        act = get_activation(self.network.incoming[step.node].activation)
        return act.derivative_from_output(values[sum_name(step.node)])   # MISTAKE: sX, not X


class SumForActivation(Moves):
    """dL_wrt_w_X_Y = dL_wrt_sY * sX: the sum into X where its value X belongs
    (an input has no sum: its value is used)."""

    has_batch_form = False

    def weight_factor(self, step, values, weights):
        name = sum_name(step.source)
        return values[name] if name in values else values[step.source]   # MISTAKE: sX, not X


class WeightForNodeValue(Moves):
    """dL_wrt_w_X_Y = dL_wrt_sY * w_X_Y: the weight where dsY_wrt_w_X_Y = X belongs."""

    has_batch_form = False

    def weight_factor(self, step, values, weights):
        return weights[step.weight]                  # MISTAKE: w_X_Y, not X


class NodeValueForWeight(Moves):
    """dL_wrt_X = sum of dL_wrt_sY * X: the node value where dsY_wrt_X = w_X_Y belongs
    (the reverse of WeightForNodeValue: the two slopes of sY swapped)."""

    has_batch_form = False

    def sent_back(self, step, part, values, weights):
        return values[step.node]                     # MISTAKE: X, not w_X_Y


class MissingBiasGradient(Moves):
    """dL_wrt_b_Y = 0: the bias left out of the backward pass, so it never learns."""

    has_batch_form = False

    def bias_gradient(self, sum_error):
        return 0.0                                   # MISTAKE: dL_wrt_sY * 1 left out


#: The rule of each misconception; several at once compose (the first listed wins when two
#: change the same move: naive_loss over drop_factor_2, sum_for_activation over weight_for_...).
RULES_BY_MISTAKE = {"average_fan_out": AverageFanOut, "stale_weights": StaleWeights,
                    "no_activation_slope": NoActivationSlope, "naive_loss": NaiveLoss,
                    "drop_factor_2": DropFactor2, "flipped_sign": FlippedSign,
                    "slope_from_sum": SlopeFromSum, "sum_for_activation": SumForActivation,
                    "weight_for_node_value": WeightForNodeValue,
                    "node_value_for_weight": NodeValueForWeight,
                    "missing_bias_gradient": MissingBiasGradient}


@lru_cache(maxsize=None)
def _rule_class(mistakes):
    """One class whose bases are the rules of `mistakes` (in RULES_BY_MISTAKE's order)."""
    if not mistakes:
        return Moves
    return type("Mistaken", tuple(RULES_BY_MISTAKE[m] for m in mistakes), {})


def mistake_names(mistakes, known=RULES_BY_MISTAKE):
    """A tuple of mistake names from one name or a list of them, each one of `known`."""
    if isinstance(mistakes, str):
        mistakes = (mistakes,)
    if not isinstance(mistakes, (list, tuple, set, frozenset, dict)):
        raise CourseInputError(f"mistakes must be a list of mistake names such as "
                               f"['average_fan_out'], got {str(mistakes)[:40]!r}.")
    return tuple(check_name("misconception", m, known) for m in mistakes)


def mistaken_rule(mistakes=(), learning_rate=None, network=None):
    """The rule (for backward's walk and for the batch walk) with each of `mistakes` on;
    `network` is needed by slope_from_sum only."""
    mistakes = mistake_names(mistakes)
    return _rule_class(tuple(m for m in RULES_BY_MISTAKE if m in mistakes))(learning_rate,
                                                                            network)
