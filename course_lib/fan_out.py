"""The fan-out rule, and the mistake the article warns about.

A node X that sends its value to several nodes Y gets one error back from each, and the
error at X is their SUM, because a nudge of X moves L along every one of those paths:

    dL_wrt_A = dL_wrt_sC * w_A_C + dL_wrt_sD * w_A_D

The article's author first DIVIDED by the number of incoming errors. backward_with_rule()
runs the same backward pass as course_lib.backward with a switch, so that mistake can be
made on purpose and caught by a gradient check:

    rule="sum"      dL_wrt_X = sum(dL_wrt_sY * w_X_Y)                 (right)
    rule="average"  dL_wrt_X = sum(dL_wrt_sY * w_X_Y) / (how many Y)  (wrong)
"""
from dataclasses import dataclass
from types import MappingProxyType

from .loss import loss_slope
from .network import sum_name
from .sample import read_correct

RULES = ("sum", "average")


@dataclass(frozen=True)
class FanOutBackward:
    """values: every dL_wrt_<name>; weights: {'w_A_C': dL/dw_A_C, ...} (for gradient_check)."""

    rule: str
    values: MappingProxyType
    weights: MappingProxyType


def backward_with_rule(trace, correct, rule="sum"):
    """The squared-loss backward pass of `trace`, combining the errors at a fan-out by `rule`."""
    if rule not in RULES:
        raise ValueError(f"rule must be one of {RULES}, got {rule!r}.")
    network, values, slopes = trace.network, trace.values, trace.slopes
    correct, weights = read_correct(network, correct), network.weights
    d, grads = {}, {}
    for layer in reversed(network.layers[1:]):                      # from the outputs back
        for X in layer:
            sX, incoming, b_name, _ = network.incoming[X]
            sent_back = network.outgoing.get(X, ())
            if sent_back:
                total = sum(d[f"dL_wrt_{sum_name(Y)}"] * weights[w] for w, Y in sent_back)
                d[f"dL_wrt_{X}"] = total if rule == "sum" else total / len(sent_back)
            else:
                d[f"dL_wrt_{X}"] = loss_slope(values[X], correct[X])
            d[f"dL_wrt_{sX}"] = d[f"dL_wrt_{X}"] * slopes[f"d{X}_wrt_{sX}"]
            for w, source in incoming:
                d[f"dL_wrt_{w}"] = grads[w] = d[f"dL_wrt_{sX}"] * values[source]
            if b_name:
                d[f"dL_wrt_{b_name}"] = grads[b_name] = d[f"dL_wrt_{sX}"]
    return FanOutBackward(rule, MappingProxyType(d), MappingProxyType(grads))
