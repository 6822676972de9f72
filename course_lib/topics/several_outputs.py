"""Several output nodes (notebook 08, two outputs): the article's open question.

With outputs f1 and f2 the loss of one sample sums over them,

    L = (correct1 - f1)**2 + (correct2 - f2)**2 = L1 + L2,

so each output sends back its own error (dL_wrt_f1 = 2*(f1 - correct1), ...), a hidden node
that feeds both sums what it gets (the fan-out rule), and every weight's gradient is the sum
of its gradients for L1 and for L2. keep_output() builds the network one output sees, so
that sum can be checked.
"""
from ..core.backward import backward
from ..core.build import two_output_network
from ..core.errors import check_name
from ..core.forward import forward
from ..core.network import Network, check_network
from ..core.sample import read_correct

#: The answers used with two_output_network() and SEED_SAMPLE's inputs: f1 should be 1,
#: f2 should be 0.
TWO_OUTPUT_CORRECT = {"f1": 1.0, "f2": 0.0}

#: f2's own weights in notebook 08 and its exercises. With them f2 (about 0.31) is far from
#: f1 (about 0.53, the forecast f of notebooks 01-07), so an answer that mixes up the two
#: outputs shows: 2*(f1 - correct2) is not 2*(f2 - correct2).
TWO_OUTPUT_WEIGHTS = {"w_C_f2": -0.4, "w_D_f2": -1.2}


def two_output_sample_network(activation="sigmoid"):
    """The network of notebook 08: two_output_network() with f2's weights TWO_OUTPUT_WEIGHTS
    (f1 keeps the weights f had, w_C_f1 = 1.1 and w_D_f1 = -0.9)."""
    return two_output_network(activation, weights=TWO_OUTPUT_WEIGHTS)


def keep_output(network, output):
    """The same network with only `output` kept: its loss is that output's term alone."""
    k = check_network(network).outputs.index(check_name("output", output, network.outputs))
    rows = network.rows[:-1] + (tuple(row[k:k + 1] for row in network.rows[-1]),)
    bias_rows = None
    if network.has_biases:
        bias_rows = network.bias_rows[:-1] + (network.bias_rows[-1][k:k + 1],)
    return Network(network.layers[:-1] + ((output,),), rows, bias_rows, network.activations)


def per_output_gradients(network, inputs, correct):
    """{output: {weight: dL_k/dw}} where L_k = (correct_k - f_k)**2 is one output's term.

    Weights that do not reach output k get 0: L_k does not depend on them.
    """
    correct = read_correct(check_network(network), correct)
    found = {}
    for output in network.outputs:
        alone = keep_output(network, output)
        grads = backward(forward(alone, inputs), correct[output]).weights
        found[output] = {w: grads.get(w, 0.0) for w in network.weights}
    return found
