"""The forward pass: every sum and activation, named and in the order computed."""
import math
from dataclasses import dataclass
from types import MappingProxyType

from .activations import ACTIVATIONS, get_activation
from .errors import check_finite_result, check_name
from .network import Network, check_network
from .plan import plan_of
from .sample import read_inputs


@dataclass(frozen=True)
class Trace:
    """What the forward pass computed; backward consumes it.

    - values: {'I1': .., 'I2': .., 'sA': .., 'A': .., ..., 'sF': .., 'f': ..} in order.
    - slopes: the local derivative beside each activation, {'dA_wrt_sA': .., ..., 'df_wrt_sF': ..}.
    """

    network: object
    values: MappingProxyType
    slopes: MappingProxyType

    def __getitem__(self, name):
        known = self.values if isinstance(name, str) and name in self.values \
            else {**self.values, **self.slopes}
        return known[check_name("value", name, known)]

    @property
    def forecast(self):
        """The output values {'f': ..} (several for several outputs)."""
        return {o: self.values[o] for o in self.network.outputs}


def forward(network, inputs):
    """Run one sample through `network`, step by step of its plan, and return its Trace.

    sX = sum over sources of source * w_source_X (+ b_X);  X = activation(sX);
    beside it, the local slope dX_wrt_sX = activation_function_derivative(activation, X).
    """
    if type(network) is not Network:
        check_network(network)
    values = read_inputs(network, inputs)
    slopes = {}
    w = network.weights
    for step in plan_of(network).forward:
        if step.kind == "sum":                                             # sX = sum of X*w
            s = sum([values[source] * w[weight] for weight, source in step.sources])
            if step.bias:
                s += w[step.bias]
            if not math.isfinite(s):
                check_finite_result(step.name, s)
            values[step.name] = s
        else:
            act = ACTIVATIONS.get(step.activation) or get_activation(step.activation)
            values[step.name] = x = act.function(values[step.sum])         # X = act(sX)
            slopes[step.slope] = act.derivative_from_output(x)             # dX_wrt_sX, from X
    return Trace(network, MappingProxyType(values), MappingProxyType(slopes))
