"""The classic mistakes, computed from their mistaken formulas.

Each function returns {description: the value that mistake gives}, for check_answer() to
recognise. Which nodes and weights take part is read from the network (network.incoming,
network.outgoing, network.ends) and every name is built by course_lib.core.names, so one
function serves every node of every network:

    sum_mistakes(trace, node)                 s<node>: wrong weights, sums, terms
    chain_mistakes(gradients, weight)         dL_wrt_<weight>: one factor of each path changed
    weight_chain_mistakes(gradients, weight)  the same, and the weight's own end mistaken
    fan_out_mistakes(gradients, node)         dL_wrt_<node>: the listeners' errors combined wrongly
                                              (in node_mistakes, with the slopes' mistakes)
"""
import math

from ..core.activations import activation_function_derivative
from ..core.names import error_name, link_name, slope_name, sum_name
from .node_mistakes import fan_out_mistakes

#: The factor 2 left out, most often because a textbook's loss has a ½ in front.
HALF_LOSS = ("you dropped the factor 2 of dL_wrt_f = 2*(f - correct), as the textbook loss "
             "½(correct - f)**2 does: this course's loss has no ½")


def _listing(names):
    """'A', 'A and B', 'A, B and C'."""
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _product(node, weight):
    """How a term of a sum is written: 'I1*w_I1_B'."""
    return f"{node}*{weight}"


def sum_mistakes(trace, node):
    """Mistakes in s<node> = sum of source * weight (+ bias): the sums of the sources
    instead of their activations, the weights swapped, the weights into a sibling node
    (one fed by the same sources), only the first term, the activation applied."""
    network, values = trace.network, trace.values
    into = network.incoming[node]
    weights = [weight for weight, _ in into.sources]
    sources = [source for _, source in into.sources]
    bias = network.weights[into.bias] if into.bias else 0.0

    def total(terms):
        return sum(values[value] * network.weights[weight] for value, weight in terms) + bias

    found = _activation_mistakes(network, into, total)
    if len(sources) > 1:
        swapped = list(zip(sources, reversed(weights)))
        found["you swapped the weights (" + " + ".join(_product(*t) for t in swapped) + ")"] = (
            total(swapped))
    for sibling, other in network.incoming.items():
        if sibling != node and [s for _, s in other.sources] == sources:
            found[f"you used the weights into {sibling} ({', '.join(w for w, _ in other.sources)})"
                  f": that is {other.sum}"] = values[other.sum]
    if len(sources) > 1:
        for k, (weight, source) in enumerate(into.sources):
            found[f"you kept only {source}'s term: add "
                  + " + ".join(_product(s, w) for w, s in into.sources if s != source)] = (
                total([(source, weight)]))
        found["you multiplied the terms instead of adding them"] = math.prod(
            values[s] * network.weights[w] for w, s in into.sources)
    found.update(_layer_before_mistakes(network, into, node, total))
    found[f"you applied the activation: that is {node}, not the sum {into.sum}"] = values[node]
    return found


def _layer_before_mistakes(network, into, node, total):
    """The values of the layer two back used where the layer just before belongs."""
    sources = [s for _, s in into.sources]
    depth = next(k for k, layer in enumerate(network.layers) if node in layer)
    if depth < 2 or len(network.layers[depth - 2]) != len(sources):
        return {}
    earlier = network.layers[depth - 2]
    return {f"you used {_listing(earlier)} where {_listing(sources)} belong: the layer just "
            f"before {node} is {_listing(sources)}":
            total([(e, w) for e, (w, _) in zip(earlier, into.sources)])}


def _activation_mistakes(network, into, total):
    """Sums of the sources used instead of their activations: all of them, then each."""
    hidden = [source for _, source in into.sources if source in network.incoming]
    terms = [(source, weight) for weight, source in into.sources]

    def with_sums(changed):
        return total([(sum_name(s) if s in changed else s, w) for s, w in terms])

    found = {}
    if len(hidden) > 1:
        found[f"you used the sums {_listing(map(sum_name, hidden))} instead of the "
              f"activations {_listing(hidden)}"] = with_sums(hidden)
    for source in hidden:
        found[f"you used the sum {sum_name(source)} instead of the activation {source}"] = (
            with_sums([source]))
    return found


def chain_mistakes(gradients, weight):
    """Mistakes in dL_wrt_<weight>, by changing one thing in each path of its chain."""
    chain = gradients.chain(weight)
    values = gradients.trace.values
    source, target = gradients.network.ends(weight)
    right = chain.value

    def along_paths(change):
        return math.fsum(math.prod(change(f) for f in path) for path in chain.paths)

    found = {
        "the sign is flipped (f - correct vs correct - f)": -right,
        HALF_LOSS: right / 2,
        "you forgot an activation derivative (dX_wrt_sX = "
        "activation_function_derivative('sigmoid', X) for a sigmoid node X)":
            along_paths(lambda f: 1.0 if f.name in _slope_nodes(gradients) else f.value),
    }
    found.update(_slope_mistakes(gradients, chain, along_paths))
    if source is not None:
        last = chain.paths[0][-1]
        for name, value in ((f"the sum {sum_name(source)} instead of the activation {source}",
                             values.get(sum_name(source))),
                            (f"the weight {weight} instead of the node value {source}",
                             gradients.network.weights[weight])):
            if value is not None:
                found[f"you used {name}"] = along_paths(
                    lambda f, v=value: v if f is last else f.value)
        found[f"you multiplied by both {source} and {weight}: what {weight} is multiplied by "
              f"in {sum_name(target)} is {source} alone"] = (
            right * gradients.network.weights[weight])
    found.update(_link_mistakes(gradients, chain, along_paths))
    if len(chain.paths) > 1:
        found["you averaged the errors at a fan-out instead of summing them"] = right / len(chain.paths)
    return found


def _link_mistakes(gradients, chain, along_paths):
    """The node value X used where the weight w_X_Y belongs, sending the error back
    (dsY_wrt_X = w_X_Y): one link of the chain at a time."""
    network, values = gradients.network, gradients.trace.values
    in_chain = {f.name for path in chain.paths for f in path}
    found = {}
    for source, targets in network.outgoing.items():
        for weight, target in targets:
            link = link_name(target, source)
            if link in in_chain:
                found[f"you used the node value {source} where the weight {weight} belongs "
                      f"when sending the error back ({link} = {weight})"] = along_paths(
                    lambda f, n=link, v=values[source]: v if f.name == n else f.value)
    return found


def _slope_nodes(gradients):
    """{dX_wrt_sX: X} for every node with an activation."""
    return {slope_name(node): node for node in gradients.network.incoming}


def _slope_mistakes(gradients, chain, along_paths):
    """One slope of the chain multiplied in twice; one, or every, slope taken from the sum
    (the sigmoid's X*(1 - X) applied to sX)."""
    network, values = gradients.network, gradients.trace.values
    nodes = _slope_nodes(gradients)

    def from_sum(name):
        node = nodes[name]
        return activation_function_derivative(network.incoming[node].activation,
                                               values[sum_name(node)])

    in_chain = list(dict.fromkeys(f.name for path in chain.paths for f in path
                                  if f.name in nodes))
    found = {}
    for name in in_chain:
        found[f"you multiplied by the slope {name} twice: once is enough"] = along_paths(
            lambda f, n=name: f.value ** 2 if f.name == n else f.value)
        found[f"you took the slope {name} from the sum {sum_name(nodes[name])} (the "
              f"derivative formula applied to {sum_name(nodes[name])}, not to {nodes[name]})"] = (
            along_paths(lambda f, n=name: from_sum(n) if f.name == n else f.value))
    if len(in_chain) > 1:
        found["you took every slope from the sums (sX instead of X)"] = along_paths(
            lambda f: from_sum(f.name) if f.name in nodes else f.value)
    return found


def weight_chain_mistakes(gradients, weight):
    """chain_mistakes(), and the mistakes at the weight's own end of its chain,
    dL_wrt_w_X_Y = dL_wrt_Y * dY_wrt_sY * X: the slope at Y forgotten; Y, or another node
    feeding Y, multiplied instead of X; the error of another weight out of X."""
    found = chain_mistakes(gradients, weight)
    network, trace = gradients.network, gradients.trace
    source, target = network.ends(weight)
    if source is None:                                  # a bias: no node value to mistake
        return found
    error, slope = gradients[error_name(target)], trace[slope_name(target)]
    found[f"you forgot {slope_name(target)}, the activation derivative at {target}"] = (
        error * trace[source])
    found[f"you stopped at {error_name(sum_name(target))}: multiply it by {source}, what "
          f"{weight} is multiplied by in {sum_name(target)}"] = error * slope
    onward = [w for w, _ in network.outgoing.get(target, ())]
    if onward:
        found[f"you multiplied by {target} (what {_listing(onward)} "
              f"{'is' if len(onward) == 1 else 'are'} multiplied by) instead of {source} "
              f"(what {weight} is multiplied by)"] = error * slope * trace[target]
    for _, other in network.incoming[target].sources:
        if other != source:
            found[f"you multiplied by {other}; {weight} is multiplied by {source} in "
                  f"{sum_name(target)}"] = error * slope * trace[other]
    for other_weight, other in network.outgoing[source]:
        if other != target:
            found[f"you used node {other}'s error: that is {error_name(other_weight)}"] = (
                gradients[error_name(other_weight)])
    return found


__all__ = ["HALF_LOSS", "sum_mistakes", "chain_mistakes", "weight_chain_mistakes",
           "fan_out_mistakes"]
