"""Several output nodes (notebook 08, two outputs): the article's open question.

With outputs f1 and f2 the loss of one sample sums over them,

    L = (correct1 - f1)**2 + (correct2 - f2)**2 = L1 + L2,

so each output sends back its own error (dL_wrt_f1 = 2*(f1 - correct1), ...), a hidden node
that feeds both sums what it gets (the fan-out rule), and every weight's gradient is the sum
of its gradients for L1 and for L2. keep_output() builds the network one output sees, so
that sum can be checked.
"""
from ..core.backward import backward
from ..core.forward import forward
from ..core.network import Network

#: The answers used with two_output_network() and SEED_SAMPLE's inputs: f1 should be 1,
#: f2 should be 0.
TWO_OUTPUT_CORRECT = {"f1": 1.0, "f2": 0.0}


def keep_output(network, output):
    """The same network with only `output` kept: its loss is that output's term alone."""
    k = network.outputs.index(output)
    rows = network.rows[:-1] + (tuple(row[k:k + 1] for row in network.rows[-1]),)
    bias_rows = None
    if network.has_biases:
        bias_rows = network.bias_rows[:-1] + (network.bias_rows[-1][k:k + 1],)
    return Network(network.layers[:-1] + ((output,),), rows, bias_rows, network.activations)


def per_output_gradients(network, inputs, correct):
    """{output: {weight: dL_k/dw}} where L_k = (correct_k - f_k)**2 is one output's term.

    Weights that do not reach output k get 0: L_k does not depend on them.
    """
    found = {}
    for output in network.outputs:
        alone = keep_output(network, output)
        grads = backward(forward(alone, inputs), correct[output]).weights
        found[output] = {w: grads.get(w, 0.0) for w in network.weights}
    return found
