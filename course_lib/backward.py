"""The backward pass: the chain rule, node by node, from dL/df back to the first layer.

For every node X (from the outputs back):
    dL_wrt_X  = 2*(f - correct)                     if X is an output f
              = sum over targets Y of dL_wrt_sY * w_X_Y   (errors sent back are SUMMED)
    dL_wrt_sX = dL_wrt_X * dX_wrt_sX                (the activation's slope, from X)
and for every weight into Y:   dL_wrt_w_X_Y = dL_wrt_sY * X   (dsY_wrt_w_X_Y = X)
and for every bias into Y:     dL_wrt_b_Y   = dL_wrt_sY * 1
"""
import math
import weakref
from dataclasses import dataclass
from types import MappingProxyType

from .errors import check_finite_result, check_name
from .loss import check_loss, loss_slope, loss_value
from .network import sum_name
from .sample import read_correct

_PLANS = weakref.WeakKeyDictionary()


def _plan(network):
    """Layers from the output back, with each node's derivative names precomputed."""
    if network not in _PLANS:
        layers = []
        for layer in reversed(network.layers[1:]):
            nodes = []
            for node in layer:
                s_name, incoming, b_name, _ = network.incoming[node]
                sent_back = tuple((f"dL_wrt_{sum_name(t)}", w)
                                  for w, t in network.outgoing.get(node, ()))
                weights = tuple((w, f"dL_wrt_{w}", source) for w, source in incoming)
                bias = (b_name, f"dL_wrt_{b_name}") if b_name else None
                nodes.append((node, f"dL_wrt_{node}", f"dL_wrt_{s_name}",
                              f"d{node}_wrt_{s_name}", sent_back, weights, bias))
            layers.append(tuple(nodes))
        _PLANS[network] = tuple(layers)
    return _PLANS[network]


@dataclass(frozen=True)
class Factor:
    """One local derivative in a chain: its article name, its value, and how explain() writes it."""

    name: str
    value: float
    symbol: str


@dataclass(frozen=True)
class Chain:
    """What a weight goes through: one list of factors per path to an output.

    paths[k] is ordered like the article: dL_wrt_f, df_wrt_sF, dsF_wrt_C, ..., dsC_wrt_w_A_C.
    contributions[k] is the product of paths[k]; value is their sum, the gradient.
    """

    weight: str
    paths: tuple
    contributions: tuple
    value: float


@dataclass(frozen=True)
class Contributions:
    """The errors a node receives from the nodes it feeds, and their sum dL_wrt_<node>."""

    node: str
    parts: tuple  # ((target node, 'dL_wrt_sC * w_A_C', value), ...)
    total: float


@dataclass(frozen=True)
class Gradients:
    """What the backward pass found for one sample.

    - loss: L for this sample.
    - values: every derivative by its article name, in the order computed:
      dL_wrt_f, dL_wrt_sF, dL_wrt_w_C_f, ..., dL_wrt_C, dL_wrt_sC, dL_wrt_w_A_C, ...
    - weights: {'w_C_f': dL/dw_C_f, ...} for every weight and bias (for the update).
    """

    trace: object
    correct: MappingProxyType
    loss_kind: str
    loss: float
    values: MappingProxyType
    weights: MappingProxyType

    @property
    def network(self):
        return self.trace.network

    def __getitem__(self, name):
        if name in self.values:
            return self.values[name]
        if name in self.weights:
            return self.weights[name]
        return self.values[check_name("derivative", name, self.values)]

    def chain(self, weight):
        """The Chain of `weight`: the article's "what is this weight going through"."""
        source, target = self.network.ends(weight)
        if source is None:   # a bias: dsX_wrt_b_X = 1
            first = Factor(f"d{sum_name(target)}_wrt_{weight}", 1.0, "1")
        else:
            first = Factor(f"d{sum_name(target)}_wrt_{weight}",
                           self.trace.values[source], source)
        paths = tuple(tuple(reversed(p)) + (first,) for p in self._paths_to_outputs(target))
        contributions = tuple(math.prod(f.value for f in p) for p in paths)
        return Chain(weight, paths, contributions, math.fsum(contributions))

    def _paths_to_outputs(self, node):
        """Factor lists from `node` forward to each output, nearest factor first."""
        slopes, weights = self.trace.slopes, self.network.weights
        s = sum_name(node)
        slope = Factor(f"d{node}_wrt_{s}", slopes[f"d{node}_wrt_{s}"], f"d{node}_wrt_{s}")
        if node in self.network.outputs:
            top = Factor(f"dL_wrt_{node}", self.values[f"dL_wrt_{node}"], f"dL_wrt_{node}")
            return [[slope, top]]
        paths = []
        for w, target in self.network.outgoing[node]:
            name = f"d{sum_name(target)}_wrt_{node}"
            link = Factor(name, weights[w], name)
            paths += [[slope, link] + rest for rest in self._paths_to_outputs(target)]
        return paths

    def contributions(self, node):
        """The errors sent back to `node` by each node it feeds, and their sum."""
        network = self.network
        hidden = [n for layer in network.layers[1:-1] for n in layer]
        check_name("hidden node", node, hidden)
        parts = tuple((t, f"dL_wrt_{sum_name(t)} * {w}",
                       self.values[f"dL_wrt_{sum_name(t)}"] * network.weights[w])
                      for w, t in network.outgoing[node])
        return Contributions(node, parts, self.values[f"dL_wrt_{node}"])

    @property
    def fan_out(self):
        """Contributions for every node that sends its value to more than one node."""
        return {n: self.contributions(n)
                for layer in self.network.layers[1:-1] for n in layer
                if len(self.network.outgoing[n]) > 1}

    def explain(self, weight):
        """The chain of `weight` as code lines; see course_lib.explain."""
        from .explain import explain
        return explain(self, weight)


def backward(trace, correct, loss="squared"):
    """Send the error back through the network that produced `trace`.

    Inputs: trace from forward(); correct: the right answer(s) (a number for one
    output, or a list / dict by output name); loss: 'squared' (the article's) or 'naive'.
    Returns Gradients.
    """
    network = trace.network
    correct = read_correct(network, correct)
    check_loss(loss)
    values, slopes, w = trace.values, trace.slopes, network.weights
    d, grads = {}, {}
    for layer in _plan(network):
        for node, dL_node, dL_sum, slope, sent_back, _, _ in layer:
            if sent_back:
                d[dL_node] = sum(d[dL_target] * w[wn] for dL_target, wn in sent_back)
            else:
                d[dL_node] = loss_slope(values[node], correct[node], loss)
            d[dL_sum] = d[dL_node] * slopes[slope]                     # dL/dsX = dL/dX * dX/dsX
        for node, _, dL_sum, _, _, weights, bias in layer:
            for wn, dL_w, source in weights:
                d[dL_w] = grads[wn] = d[dL_sum] * values[source]         # dsY/dw_X_Y = X
            if bias:
                d[bias[1]] = grads[bias[0]] = d[dL_sum]                  # dsY/db_Y = 1
    for name, value in d.items():
        check_finite_result(name, value)
    L = loss_value(trace.forecast, correct, loss)
    return Gradients(trace, MappingProxyType(correct), loss, L,
                     MappingProxyType(d), MappingProxyType(grads))
