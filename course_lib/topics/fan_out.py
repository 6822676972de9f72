"""The fan-out rule, and the mistake the article warns about.

A node X that sends its value to several nodes Y gets one error back from each, and the
error at X is their SUM, because a nudge of X moves L along every one of those paths:

    dL_wrt_A = dL_wrt_sC * w_A_C + dL_wrt_sD * w_A_D

The article's author first DIVIDED by the number of incoming errors. backward_with_rule()
runs the backward pass with the misconception lab's average_fan_out switch, so that
mistake can be made on purpose and caught by a gradient check:

    rule="sum"      dL_wrt_X = sum(dL_wrt_sY * w_X_Y)                 (right)
    rule="average"  dL_wrt_X = sum(dL_wrt_sY * w_X_Y) / (how many Y)  (wrong)
"""
from ..core.errors import CourseInputError
from .misconceptions import backward_with

RULES = ("sum", "average")


def backward_with_rule(trace, correct, rule="sum"):
    """The squared-loss backward pass of `trace`, combining the errors at a fan-out by `rule`.

    Returns what misconceptions.backward_with returns: .values (every dL_wrt_<name>) and
    .weights ({'w_A_C': dL/dw_A_C, ...}, ready for gradient_check).
    """
    if rule not in RULES:
        raise CourseInputError(f"rule must be one of {RULES}, got {rule!r}.")
    return backward_with(trace, correct, average_fan_out=(rule == "average"))
