"""The plan of one pass: every step of forward and backward, in order, as named records.

Derived once per network layout; forward, backward, explain, the stepper, code
generation and the misconception lab all read it, so the chain rule's walk is
written once. For the article's network the backward steps start

    dL_wrt_f     = 2*(f - correct)               OutputError   (the loss's slope)
    dL_wrt_sF    = dL_wrt_f * df_wrt_sF          SumError      (the activation's slope)
    dL_wrt_w_C_f = dL_wrt_sF * C                 WeightGradient (dsF_wrt_w_C_f = C)
    dL_wrt_C     = dL_wrt_sF * w_C_f             NodeError     (errors sent back, SUMMED)

and go on layer by layer: first every node error and sum error of a layer, then the
gradients of the weights into it.
"""
import weakref
from dataclasses import dataclass
from typing import ClassVar
from functools import lru_cache

from .names import (bias_name, correct_names, error_name, link_name, sent_back_name,
                    slope_name, sum_name, weight_name)
from .network import Source


@dataclass(frozen=True)
class Step:
    """What every step has: the name of the value it computes and the node it belongs to."""
    name: str
    node: str
    kind: ClassVar[str] = ""
    phase: ClassVar[str] = "forward"


@dataclass(frozen=True)
class SumStep(Step):
    """sX = sum of source * weight over `sources` (network.Source records), plus `bias`."""
    sources: tuple
    bias: "str | None"
    kind = "sum"


@dataclass(frozen=True)
class ActivationStep(Step):
    """X = activation(sX); beside it the local slope dX_wrt_sX from X."""
    sum: str
    activation: str
    slope: str
    kind = "activation"


@dataclass(frozen=True)
class OutputError(Step):
    """dL_wrt_f: the loss's slope at output `node`, against the answer named `correct`."""
    correct: str
    kind, phase = "loss slope", "backward"


@dataclass(frozen=True)
class SentBack:
    """The error `target` sends back to a node: name = sum_error * weight."""
    name: str
    target: str
    sum_error: str
    weight: str


@dataclass(frozen=True)
class NodeError(Step):
    """dL_wrt_X: the errors sent back by every node X feeds (SentBack parts), SUMMED."""
    parts: tuple
    kind, phase = "node error", "backward"


@dataclass(frozen=True)
class SumError(Step):
    """dL_wrt_sX = dL_wrt_X * dX_wrt_sX."""
    error: str
    slope: str
    kind, phase = "sum error", "backward"


@dataclass(frozen=True)
class WeightGradient(Step):
    """dL_wrt_w_X_Y = dL_wrt_sY * X, since dsY_wrt_w_X_Y (`link`) = X (`source`)."""
    weight: str
    source: str
    sum_error: str
    link: str
    kind, phase = "weight gradient", "backward"


@dataclass(frozen=True)
class BiasGradient(Step):
    """dL_wrt_b_Y = dL_wrt_sY * 1."""
    bias: str
    sum_error: str
    kind, phase = "bias gradient", "backward"


@dataclass(frozen=True)
class Plan:
    """Every step of one sample's pass for one network layout.

    - forward: SumStep and ActivationStep records in computation order;
    - backward: OutputError, NodeError, SumError, WeightGradient, BiasGradient records,
      from the outputs back to the first layer;
    - correct: {output: name of its correct answer}; path_counts: {node: paths to outputs};
    - parameters: (parameter name, its derivative's name) for every weight and bias.
    """
    layers: tuple
    forward: tuple
    backward: tuple
    correct: dict
    path_counts: dict
    parameters: tuple

    @property
    def steps(self):
        return self.forward + self.backward

    def step(self, name):
        """The step that computes `name` (KeyError if none does)."""
        return self._by_name[name]

    @property
    def _by_name(self):
        found = self.__dict__.get("_by_name_cache")
        if found is None:
            found = {s.name: s for s in self.steps}
            object.__setattr__(self, "_by_name_cache", found)
        return found


_BY_NETWORK = weakref.WeakKeyDictionary()


def plan_of(network):
    """The Plan of `network` (cached by layout: the same for every set of weights)."""
    plan = _BY_NETWORK.get(network)
    if plan is None:
        plan = _BY_NETWORK[network] = _plan(network.layers, network.activations,
                                            network.has_biases)
    return plan


@lru_cache(maxsize=64)
def _plan(layers, activations, has_biases):
    forward = []
    for l, (sources, targets) in enumerate(zip(layers, layers[1:])):
        for node in targets:
            forward.append(SumStep(sum_name(node), node,
                                   tuple(Source(weight_name(s, node), s) for s in sources),
                                   bias_name(node) if has_biases else None))
            forward.append(ActivationStep(node, node, sum_name(node), activations[l],
                                          slope_name(node)))
    backward = []
    outputs = layers[-1]
    correct = correct_names(outputs)
    for l in range(len(layers) - 1, 0, -1):
        feeds = layers[l + 1] if l + 1 < len(layers) else ()
        for node in layers[l]:
            if l == len(layers) - 1:
                backward.append(OutputError(error_name(node), node, correct[node]))
            else:
                backward.append(NodeError(error_name(node), node, tuple(
                    SentBack(sent_back_name(node, t), t, error_name(sum_name(t)), weight_name(node, t))
                    for t in feeds)))
            backward.append(SumError(error_name(sum_name(node)), node, error_name(node),
                                     slope_name(node)))
        for node in layers[l]:
            s_error = error_name(sum_name(node))
            for source in layers[l - 1]:
                w = weight_name(source, node)
                backward.append(WeightGradient(error_name(w), node, w, source, s_error,
                                               link_name(node, w)))
            if has_biases:
                b = bias_name(node)
                backward.append(BiasGradient(error_name(b), node, b, s_error))
    counts = {n: 1 for n in outputs}
    for l in range(len(layers) - 2, -1, -1):
        for n in layers[l]:
            counts[n] = sum(counts[t] for t in layers[l + 1])
    parameters = tuple((getattr(s, "weight", None) or s.bias, s.name) for s in backward
                       if s.kind in ("weight gradient", "bias gradient"))
    return Plan(layers, tuple(forward), tuple(backward), correct, counts, parameters)
