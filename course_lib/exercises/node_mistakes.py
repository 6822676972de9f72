"""The classic mistakes at a node, computed from their mistaken formulas.

    fan_out_mistakes(gradients, node)     dL_wrt_<node>: the errors the node receives from
                                          the nodes it feeds, combined wrongly
    slope_mistakes(activation, X, name)   dX_wrt_sX: another activation's slope, half of it

Which nodes and weights take part is read from the network, and every name is built by
course_lib.core.names, so one function serves every node of every network.
"""
import math

from ..core.activations import ACTIVATIONS, get_activation
from ..core.names import error_name, slope_name, sum_name


def _listing(names):
    """'A', 'A and B', 'A, B and C'."""
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def fan_out_mistakes(gradients, node):
    """Mistakes in dL_wrt_<node> for a node that feeds several nodes: the errors averaged or
    multiplied, the sign, one listener's error only, the listeners' dL_wrt_X used instead of
    dL_wrt_sX, one step too far (dL_wrt_s<node>), the node value or another node's weights
    used where the node's own weights belong."""
    parts = gradients.contributions(node).parts    # (target, 'dL_wrt_sC * w_A_C', value)
    total = math.fsum(value for _, _, value in parts)
    network, trace = gradients.network, gradients.trace
    found = {"you averaged the incoming errors instead of summing them": total / len(parts),
             "the sign is flipped": -total,
             "you multiplied the incoming errors instead of adding them":
                 math.prod(value for _, _, value in parts)}
    for target, label, value in parts:
        found[f"you kept only the error from {target} ({label})"] = value
    found[f"you went one step too far: that is {error_name(sum_name(node))} = "
          f"{error_name(node)} * {slope_name(node)}, the error at the sum; {error_name(node)} "
          f"stops at the node"] = total * trace[slope_name(node)]
    outgoing = network.outgoing[node]
    listeners = [target for _, target in outgoing]
    possessives = _listing(f"{target}'s" for target in listeners)
    found[f"you used {_listing(map(error_name, listeners))}, the errors before "
          f"{possessives} activation slopes; {node}'s value "
          f"enters the sums {_listing(map(sum_name, listeners))}, so use "
          f"{_listing(error_name(sum_name(t)) for t in listeners)}"] = math.fsum(
        gradients[error_name(target)] * network.weights[weight] for weight, target in outgoing)
    sent = {target: gradients[error_name(sum_name(target))] for target in listeners}
    found[f"you used the node value {node} where the weights "
          f"{_listing(w for w, _ in outgoing)} belong (what {node} is multiplied by in "
          f"{_listing(map(sum_name, listeners))})"] = math.fsum(sent.values()) * trace[node]
    found[f"you added the errors and the weights separately, then multiplied: "
          f"({' + '.join(error_name(sum_name(t)) for t in listeners)}) * "
          f"({' + '.join(w for w, _ in outgoing)}); each error goes with its own weight"] = (
        math.fsum(sent.values()) * math.fsum(network.weights[w] for w, _ in outgoing))
    found.update(_other_weights(gradients, node, sent))
    return found


def _other_weights(gradients, node, sent):
    """Another node's weights into the same listeners: all of them (that node's error),
    or one weight at a time."""
    network, found = gradients.network, {}
    outgoing = network.outgoing[node]
    for other, targets in network.outgoing.items():
        if other == node or other not in network.incoming or \
                {t for _, t in targets} != set(sent):
            continue
        found[f"you used the weights out of {other} ({_listing(w for w, _ in targets)}): that "
              f"is {error_name(other)}"] = gradients[error_name(other)]
    for weight, target in outgoing:
        for other_weight, other in network.incoming[target].sources:
            if other != node:
                rest = math.fsum(sent[t] * network.weights[w] for w, t in outgoing if w != weight)
                found[f"you used {other_weight}, the weight out of {other}, where {weight} "
                      f"belongs"] = rest + sent[target] * network.weights[other_weight]
    return found


def slope_mistakes(activation, X, name):
    """Mistakes in the slope dX_wrt_sX = activation_function_derivative(activation, X):
    another activation's slope at X, and for the sigmoid the factor X left out (1 - X)."""
    row = get_activation(activation)
    found = {}
    for other in ACTIVATIONS.values():
        if other.name != row.name:
            found[f"you used the {other.name} slope ({other.formula}, for a node A): {name} "
                  f"went through the {row.name}, whose slope is {row.formula}"] = (
                other.derivative_from_output(X))
    if row.name == "sigmoid":
        found[f"you left out a factor: the sigmoid's slope is {name} * (1 - {name}), not "
              f"1 - {name}"] = 1 - X
    return found
