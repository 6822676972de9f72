"""Exercises of notebook 02, the loss and its slope, with the mistakes each check recognises.

    L        = (correct - f)**2           the squared loss of one sample
    dL_wrt_f = 2*(f - correct)            its slope with respect to the forecast f
    a learning rate that brings the one-weight model (f = I1*w) to the bar in 20 steps

The forecast f comes from forward() on the seed network and SEED_SAMPLE unless a
network and sample are given; the right L and dL_wrt_f come from course_lib.loss.
"""
import math

from ..core.errors import CourseInputError
from ..core.losses import loss_slope, loss_value
from ..topics.step_size import one_weight_descent
from .checking import Verdict, check_answer, invalid, not_attempted, number_of
from .cases import seed_case, seed_gradients
from .mistakes import HALF_LOSS


def _forecast(network, sample):
    _, sample, trace = seed_case(network, sample)
    return trace["f"], sample["correct"]


def check_L(L, network=None, sample=None):
    """Check the squared loss L = (correct - f)**2."""
    f, correct = _forecast(network, sample)
    mistakes = {
        "you used the naive loss correct - f: square it": correct - f,
        "you used f - correct: square it": f - correct,
        "you computed the slope 2*(f - correct), not the loss": 2 * (f - correct),
        "you used the textbook loss ½(correct - f)**2: this course's loss has no ½":
            loss_value({"f": f}, {"f": correct}) / 2,
        "you forgot to square: that is |correct - f|, the distance": abs(correct - f),
        "you squared each one: correct**2 - f**2 is not (correct - f)**2": correct ** 2 - f ** 2,
    }
    return check_answer(L, loss_value({"f": f}, {"f": correct}), "L", mistakes,
                        hint="the error correct - f, squared.")


def check_dL_wrt_f(dL_wrt_f, network=None, sample=None):
    """Check the slope of the squared loss at the forecast, dL_wrt_f = 2*(f - correct)."""
    f, correct = _forecast(network, sample)
    dL_wrt_sF = seed_gradients(network, sample)[1]["dL_wrt_sF"]
    mistakes = {
        "the sign is flipped: it is 2*(f - correct), forecast first": 2 * (correct - f),
        HALF_LOSS: f - correct,
        "you dropped the factor 2 and flipped the sign": correct - f,
        "you used the naive loss's slope, always -1": -1.0,
        "you computed the loss L = (correct - f)**2, not its slope": (correct - f) ** 2,
        "you went one step too far: that is dL_wrt_sF = dL_wrt_f * df_wrt_sF, the error at "
        "the sum sF; dL_wrt_f stops at the forecast f": dL_wrt_sF,
    }
    return check_answer(dL_wrt_f, loss_slope(f, correct), "dL_wrt_f", mistakes,
                        hint="the derivative of (correct - f)**2 with respect to f.")


#: The learning-rate exercise: start, length and target of the one-weight descent.
DESCENT_START, DESCENT_STEPS, DESCENT_TOLERANCE = 0.2, 20, 1e-3


def check_learning_rate(learning_rate):
    """Is `learning_rate` a step size that takes the one-weight model f = I1*w from
    w = 0.2 to within 0.001 of correct = 1.0 in 20 steps? Says why if not."""
    name = "learning_rate"
    if learning_rate is Ellipsis:
        return not_attempted(name)
    lr, problem = number_of(learning_rate)
    if problem or lr <= 0:
        return invalid(name, problem or f"expected a number greater than 0 (the size of the "
                                        f"step downhill), got {lr:g}.")
    try:
        run = one_weight_descent(lr, steps=DESCENT_STEPS, w=DESCENT_START)
    except CourseInputError:              # past the course's largest number: one step says it
        return _far_too_large(name, lr)
    start, end = run.distances[0], run.distances[-1]
    steps = f"after {DESCENT_STEPS} steps the forecast is {end:.3g} away from the bar"
    if end < DESCENT_TOLERANCE:
        return Verdict(name, "correct", f"✓ {name} = {lr:g}: {steps}. Correct!")
    if run.overshoots == 0:
        why = "too small: every step goes the right way, but too short to arrive in time"
    elif math.isclose(end, start, rel_tol=1e-9):
        why = "too large: each step jumps to the same distance on the other side, for ever"
    elif end > start:
        why = "too large: each step overshoots the bar by more than the last, so it never arrives"
    else:
        why = "too large: each step overshoots the bar, so it zig-zags and settles slowly"
    return Verdict(name, "mistake", f"✗ {name} = {lr:g} is {why} ({steps}).")


def _far_too_large(name, lr, I1=1.0, correct=1.0):
    """The verdict for a learning rate past what the descent accepts: one step, by hand."""
    w = DESCENT_START
    w_next = w - lr * loss_slope(I1 * w, correct) * I1        # w - learning_rate * dL_wrt_w
    return Verdict(name, "mistake",
                   f"✗ {name} = {lr:g} is far too large: the very first step throws the "
                   f"forecast from {I1 * w:g} to {I1 * w_next:.3g}, {abs(correct - I1 * w_next):.3g} "
                   "away from the bar, and each step after that overshoots by more than the last.")
