"""The cases the exercises share: the networks and samples they check against, and the
checks that several notebooks ask in the same form.

    seed_case(network, sample)        (network, sample, trace)   notebooks 01-02
    seed_gradients(network, sample)   (trace, gradients)         notebooks 03-07
    two_output_gradients(...)         (trace, gradients)         notebook 08

    check_sum(answer, node, ...)            s<node>, the sum into a node
    check_weight_chain(answer, weight, ...) dL_wrt_<weight>, a weight's chain
    check_fan_out(answer, node, ...)        dL_wrt_<node>, the errors a node receives, summed

Every default is the article's: seed_network() with SEED_SAMPLE, or notebook 08's
two_output_sample_network() with SEED_SAMPLE's inputs and TWO_OUTPUT_CORRECT. Answer names and mistakes come from the
network's structure (course_lib.exercises.mistakes), so a check serves any node it is given.
"""
from ..core.backward import backward
from ..core.build import SEED_SAMPLE, seed_network
from ..core.forward import forward
from ..core.names import error_name
from ..topics.several_outputs import TWO_OUTPUT_CORRECT, two_output_sample_network
from .checking import check_answer
from .mistakes import fan_out_mistakes, sum_mistakes, weight_chain_mistakes


def seed_case(network=None, sample=None):
    """(network, sample, trace): the seed network and SEED_SAMPLE unless others are given."""
    network = seed_network() if network is None else network
    sample = SEED_SAMPLE if sample is None else sample
    return network, sample, forward(network, [sample["I1"], sample["I2"]])


def seed_gradients(network=None, sample=None):
    """(trace, gradients): forward() and backward() of `sample` (default SEED_SAMPLE)
    through `network` (default the seed network)."""
    _, sample, trace = seed_case(network, sample)
    return trace, backward(trace, sample["correct"])


def two_output_gradients(network=None, inputs=None, correct=None):
    """(trace, gradients) of the two-output network on its sample."""
    network = two_output_sample_network() if network is None else network
    inputs = [SEED_SAMPLE["I1"], SEED_SAMPLE["I2"]] if inputs is None else inputs
    trace = forward(network, inputs)
    return trace, backward(trace, TWO_OUTPUT_CORRECT if correct is None else correct)


def check_sum(answer, node, network=None, sample=None, hint=""):
    """Check the sum into `node` (sA, sB, ...), naming sum_mistakes()."""
    _, _, trace = seed_case(network, sample)
    name = trace.network.incoming[node].sum
    return check_answer(answer, trace[name], name, sum_mistakes(trace, node), hint)


def check_weight_chain(answer, weight, network=None, sample=None, hint=""):
    """Check dL_wrt_<weight> on the seed case, naming weight_chain_mistakes()."""
    _, grads = seed_gradients(network, sample)
    return _check_derivative(answer, grads, weight, weight_chain_mistakes(grads, weight), hint)


def check_fan_out(answer, node, gradients, hint=""):
    """Check dL_wrt_<node>, the errors `node` receives summed, naming fan_out_mistakes()."""
    return _check_derivative(answer, gradients, node, fan_out_mistakes(gradients, node), hint)


def _check_derivative(answer, gradients, of, mistakes, hint):
    name = error_name(of)
    return check_answer(answer, gradients[name], name, mistakes, hint)
