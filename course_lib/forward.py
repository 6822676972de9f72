"""The forward pass: every sum and activation, named and in the order computed."""
from dataclasses import dataclass
from types import MappingProxyType

from .activations import get_activation
from .errors import check_finite_result, check_name
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
        known = self.values if name in self.values else {**self.values, **self.slopes}
        return known[check_name("value", name, known)]

    @property
    def forecast(self):
        """The output values {'f': ..} (several for several outputs)."""
        return {o: self.values[o] for o in self.network.outputs}


def forward(network, inputs):
    """Run one sample through `network`, node by node, and return its Trace.

    sX = sum over sources of source * w_source_X (+ b_X);  X = activation(sX);
    beside it, the local slope dX_wrt_sX = activation_function_derivative(X).
    """
    values = read_inputs(network, inputs)
    slopes = {}
    weights = network.weights
    for node, (s_name, incoming, b_name, act_name) in network.incoming.items():
        act = get_activation(act_name)
        s = sum(values[source] * weights[w] for w, source in incoming)
        if b_name:
            s += weights[b_name]
        values[s_name] = check_finite_result(s_name, s)
        values[node] = act.function(s)                                      # X = act(sX)
        slopes[f"d{node}_wrt_{s_name}"] = act.derivative_from_output(values[node])  # dX/dsX
    return Trace(network, MappingProxyType(values), MappingProxyType(slopes))
