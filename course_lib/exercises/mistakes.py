"""The classic mistakes, computed from their mistaken formulas.

Each function returns {description: the value that mistake gives}, for check_answer() to
recognise. Which nodes and weights take part is read from the network (network.incoming,
network.outgoing, network.ends) and every name is built by course_lib.core.names, so one
function serves every node of every network:

    sum_mistakes(trace, node)                 s<node>: wrong weights, sums, terms
    chain_mistakes(gradients, weight)         dL_wrt_<weight>: one factor of each path changed
    weight_chain_mistakes(gradients, weight)  the same, and the weight's own end mistaken
    fan_out_mistakes(gradients, node)         dL_wrt_<node>: the listeners' errors combined wrongly
"""
import math

from ..core.names import error_name, slope_name, sum_name


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
        found[f"you kept only {sources[0]}'s term: add "
              + " + ".join(_product(s, w) for w, s in into.sources[1:])] = (
            total([(sources[0], weights[0])]))
    found[f"you applied the activation: that is {node}, not the sum {into.sum}"] = values[node]
    return found


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
    source = gradients.network.ends(weight)[0]
    right = chain.value

    def along_paths(change):
        return math.fsum(math.prod(change(f) for f in path) for path in chain.paths)

    slopes = {slope_name(node) for node in gradients.network.incoming}   # every dX_wrt_sX
    found = {
        "the sign is flipped (f - correct vs correct - f)": -right,
        "you dropped the factor 2 of dL_wrt_f = 2*(f - correct)": right / 2,
        "you forgot an activation derivative (dX_wrt_sX = activation_function_derivative(X))":
            along_paths(lambda f: 1.0 if f.name in slopes else f.value),
    }
    if source is not None:
        last = chain.paths[0][-1]
        for name, value in ((f"the sum {sum_name(source)} instead of the activation {source}",
                             values.get(sum_name(source))),
                            (f"the weight {weight} instead of the node value {source}",
                             gradients.network.weights[weight])):
            if value is not None:
                found[f"you used {name}"] = along_paths(
                    lambda f, v=value: v if f is last else f.value)
    if len(chain.paths) > 1:
        found["you averaged the errors at a fan-out instead of summing them"] = right / len(chain.paths)
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


def fan_out_mistakes(gradients, node):
    """Mistakes in dL_wrt_<node> for a node that feeds several nodes: the errors averaged,
    the sign, one listener's error only, the listeners' dL_wrt_X used instead of dL_wrt_sX."""
    parts = gradients.contributions(node).parts    # (target, 'dL_wrt_sC * w_A_C', value)
    total = math.fsum(value for _, _, value in parts)
    found = {"you averaged the incoming errors instead of summing them": total / len(parts),
             "the sign is flipped": -total}
    for target, label, value in parts:
        found[f"you kept only the error from {target} ({label})"] = value
    outgoing = gradients.network.outgoing[node]
    listeners = [target for _, target in outgoing]
    possessives = _listing(f"{target}'s" for target in listeners)
    found[f"you used {_listing(map(error_name, listeners))}, the errors before "
          f"{possessives} activation slopes; {node}'s value "
          f"enters the sums {_listing(map(sum_name, listeners))}, so use "
          f"{_listing(error_name(sum_name(t)) for t in listeners)}"] = math.fsum(
        gradients[error_name(target)] * gradients.network.weights[weight]
        for weight, target in outgoing)
    return found
