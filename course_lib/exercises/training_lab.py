"""Checks for notebook 09 (training lab): a bias's gradient, the layer whose adjustments are
smallest, and what a learning rate far too large does to the loss.

    dL_wrt_b_C = dL_wrt_sC * 1          a bias is a weight on a node that is always 1
    the smallest column of gradient_sizes_by_activation()'s first epoch, with sigmoid
    what learning rate 100 does to the moons' loss, next to learning rate 1

Every right answer is computed by the lab's own functions on the notebook's set-up, and
every mistake from its mistaken formula (or from the lab's numbers).
"""
from functools import lru_cache

import numpy as np

from ..core.backward import backward
from ..core.build import SEED_SAMPLE
from ..core.forward import forward
from ..core.names import bias_name, error_name, link_name, slope_name, sum_name, weight_name
from ..topics.datasets import moons
from ..topics.misconceptions import train_with
from ..topics.training_presets import gradient_sizes_by_activation, lab_network
from .checking import Verdict, check_answer, invalid, not_attempted, number_of, shown
from .mistakes import weight_chain_mistakes


def check_dL_wrt_b_C(dL_wrt_b_C, network=None, sample=None):
    """dL_wrt_b_C = dL_wrt_sC: the bias b_C enters sC multiplied by 1.
    Default: lab_network("seed + biases") (the seed weights, every bias 0) and SEED_SAMPLE."""
    network = lab_network("seed + biases") if network is None else network
    sample = SEED_SAMPLE if sample is None else sample
    grads = backward(forward(network, [sample["I1"], sample["I2"]]), sample["correct"])
    node, trace = "C", grads.trace
    bias, total = bias_name(node), sum_name(node)
    sum_error, b = grads[error_name(total)], network.weights[bias]
    one = f"{error_name(bias)} = {error_name(total)} * 1"
    mistakes = weight_chain_mistakes(grads, bias)
    mistakes.update({
        f"you multiplied by the node value {node}: a bias is multiplied by 1 in {total}, so "
        f"{one}": sum_error * trace[node],
        f"you used {error_name(node)}, the error at the node; {bias} enters the sum {total}, so "
        f"use {error_name(total)} (= {error_name(node)} * {slope_name(node)})":
            grads[error_name(node)],
        f"you multiplied by the bias {bias} itself ({b:g}): what {bias} is multiplied by in "
        f"{total} is 1": sum_error * b,
        "you left the bias out of the backward pass (0): it learns like any weight": 0.0,
        f"you gave {link_name(node, bias)} = 1 alone, the slope of {total} with respect to "
        f"{bias}: multiply the error at {total} by it": 1.0,
    })
    for _, source in network.incoming[node].sources:
        mistakes[f"you computed {error_name(weight_name(source, node))} = {error_name(total)} * "
                 f"{source}: a bias has no node value, its input is always 1"] = (
            sum_error * trace[source])
    return check_answer(dL_wrt_b_C, grads[error_name(bias)], error_name(bias), mistakes,
                        hint="what is b_C multiplied by in sC = A*w_A_C + B*w_B_C + b_C? "
                             "That is dsC_wrt_b_C; multiply the error at sC by it.")


#: The gradient-size study of notebook 09: the deep 2-8-8-8-8-1 network from this seed.
SIZES_SEED = 145


@lru_cache(maxsize=None)
def first_epoch_sizes(seed=SIZES_SEED):
    """The mean |dL/dw| of each layer of weights at the first epoch, sigmoid (front first)."""
    return tuple(gradient_sizes_by_activation(("sigmoid",), epochs=1, seed=seed)["sigmoid"][0])


def check_smallest_layer(column, seed=SIZES_SEED):
    """Which column of the sigmoid study's first epoch is smallest? 0 is the front layer
    (inputs -> first hidden layer), the last column the weights into f."""
    name = "smallest_layer"
    if column is Ellipsis:
        return not_attempted(name)
    sizes = first_epoch_sizes(seed)
    last = len(sizes) - 1
    value, problem = number_of(column)
    if problem or value != int(value) or not 0 <= value <= last:
        return invalid(name, problem or f"expected a column number from 0 (the front layer) "
                                        f"to {last} (the weights into f), got {shown(column)}.")
    k, smallest = int(value), int(np.argmin(sizes))
    said = f"column {k}'s mean |dL/dw| is {sizes[k]:.2g}"
    if k == smallest:
        return Verdict(name, "correct", f"✓ {name} = {k}: {said}, the smallest of "
                       f"{', '.join(f'{s:.2g}' for s in sizes)}. Correct!")
    why = (f"the largest: the error starts at f and shrinks on its way back"
           if k == int(np.argmax(sizes)) else
           f"{sizes[k] / sizes[smallest]:.3g} times column {smallest}'s {sizes[smallest]:.2g}")
    return Verdict(name, "mistake", f"✗ {name} = {k}: {said}, {why}. Every sigmoid layer the "
                   "error goes back through multiplies it by a slope of at most 1/4, so the "
                   "layer behind the most of them gets the least.")


#: What a learning rate far too large might do to the loss, by key: the answers offered.
LOSS_OUTCOMES = {
    "faster": "the loss falls faster than at learning rate 1",
    "slower": "the loss still falls, only more slowly",
    "bounces": "the loss jumps up and down and never settles",
    "stuck": "the loss jumps up within a few epochs and stays up",
}
#: The idea behind each answer, named when it is the wrong one.
OUTCOME_IDEAS = {
    "faster": "the hope that a bigger step is just a bigger stride downhill",
    "slower": "the guess that a bigger step still goes downhill, only less directly",
    "bounces": "notebook 02's zig-zag, where a step a little too large jumps over the bar",
    "stuck": "the loss freezing high, as when the output's sigmoid is pushed flat",
}
#: The runs compared: notebook 09's moons with the wider tanh network, 1000 epochs each.
LARGE_RATE, SMALL_RATE, RATE_EPOCHS = 100.0, 1.0, 1000


@lru_cache(maxsize=None)
def moons_losses(learning_rate, epochs=RATE_EPOCHS):
    """The mean loss per epoch of lab_network("wider 2-8-8-1", "tanh") on moons(200, seed=0)."""
    X, Y = moons(200, seed=0)
    network = lab_network("wider 2-8-8-1", "tanh")
    return tuple(train_with(network, X, Y, learning_rate, epochs).losses)


def loss_outcome(losses, reference):
    """Which LOSS_OUTCOMES key describes `losses` next to the `reference` run."""
    losses, late = np.asarray(losses), np.asarray(losses[len(losses) // 2:])
    if np.ptp(late) > 0.1 * late.max():
        return "bounces"
    if losses[10:].min() >= losses[0]:
        return "stuck"
    return "faster" if losses[-1] <= reference[-1] else "slower"


def _story(losses):
    return (f"starts at {losses[0]:.3g}, is {losses[10]:.3g} at epoch 10 and "
            f"{losses[-1]:.3g} at epoch {len(losses)}")


def check_large_learning_rate(outcome):
    """What does learning rate 100 do to the loss of the moons? One key of LOSS_OUTCOMES,
    checked against the two runs (learning rate 1 and 100)."""
    name = "large_learning_rate"
    if outcome is Ellipsis:
        return not_attempted(name)
    if not isinstance(outcome, str) or outcome not in LOSS_OUTCOMES:
        return invalid(name, f"expected one of {', '.join(map(repr, LOSS_OUTCOMES))}, got "
                             f"{shown(outcome)}.")
    small, large = moons_losses(SMALL_RATE), moons_losses(LARGE_RATE)
    truth = loss_outcome(large, small)
    seen = (f"at learning rate {LARGE_RATE:g} the loss {_story(large)}; at learning rate "
            f"{SMALL_RATE:g} it {_story(small)}")
    if outcome == truth:
        return Verdict(name, "correct", f"✓ {name} = {outcome!r}: {seen}. Correct!")
    return Verdict(name, "mistake", f"✗ {name} = {outcome!r} ({LOSS_OUTCOMES[outcome]}) is "
                   f"{OUTCOME_IDEAS[outcome]}. But {seen}: {LOSS_OUTCOMES[truth]}.")
