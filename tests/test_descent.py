"""Gradient descent (update, train) and the checks without the chain rule (nudge, gradient_check).

Expected values come from the hand computation in seed_by_hand, from a forward pass
written out here with the article's formulas, and from identities (one training epoch is
one update with the mean gradient; the mean gradient is the mean of the per-sample ones).
"""
import math

import numpy as np
import pytest

from course_lib import (SEED_WEIGHTS, Network, backward, backward_batch, forward,
                        forward_batch, gradient_check, loss_of, make_network, nudge,
                        relative_error, seed_network, train, update)

from seed_by_hand import HAND, I1, I2, L, correct  # hand-computed seed values

OR_X = [[0, 0], [0, 1], [1, 0], [1, 1]]
OR_Y = [0, 1, 1, 1]


def sigmoid(s):
    return 1.0 / (1.0 + math.exp(-s))


def hand_forward(w, i1, i2, b=None):
    """f of the 2-2-2-1 sigmoid network, the article's formulas one by one."""
    b = b or {}
    A = sigmoid(i1 * w["w_I1_A"] + i2 * w["w_I2_A"] + b.get("b_A", 0.0))
    B = sigmoid(i1 * w["w_I1_B"] + i2 * w["w_I2_B"] + b.get("b_B", 0.0))
    C = sigmoid(A * w["w_A_C"] + B * w["w_B_C"] + b.get("b_C", 0.0))
    D = sigmoid(A * w["w_A_D"] + B * w["w_B_D"] + b.get("b_D", 0.0))
    return sigmoid(C * w["w_C_f"] + D * w["w_D_f"] + b.get("b_f", 0.0))


def hand_loss(w, i1=I1, i2=I2, c=correct, b=None):
    return (c - hand_forward(w, i1, i2, b)) ** 2


def test_hand_forward_is_the_seed_hand_computation():
    assert hand_forward(SEED_WEIGHTS, I1, I2) == pytest.approx(HAND["f"], rel=1e-12)


# --- update ------------------------------------------------------------------------------
def test_update_moves_every_weight_downhill_by_learning_rate_times_gradient():
    net = seed_network()
    grads = backward(forward(net, [I1, I2]), correct)
    stepped = update(net, grads, 0.5)
    # e.g. w_C_f: 1.1 - 0.5 * (-0.121214442738) = 1.160607221369
    assert stepped.weights["w_C_f"] == pytest.approx(1.160607221369, rel=1e-12)
    for name, w in SEED_WEIGHTS.items():
        assert stepped.weights[name] == pytest.approx(w - 0.5 * HAND[f"dL_wrt_{name}"],
                                                      rel=1e-12, abs=1e-15)
    assert net.weights == SEED_WEIGHTS                       # the old network is untouched
    assert isinstance(stepped, Network) and stepped.layers == net.layers
    # One small step downhill lowers this sample's loss (by about lr * |gradient|^2).
    assert hand_loss(stepped.weights) < L


def test_update_with_batch_gradients_uses_their_mean():
    net = make_network((2, 2, 2, 1), biases=True, weights=SEED_WEIGHTS)
    batch = backward_batch(forward_batch(net, OR_X), OR_Y)
    per_sample = [backward(forward(net, x), y).weights for x, y in zip(OR_X, OR_Y)]
    stepped = update(net, batch, 0.25)
    for name, w in net.weights.items():
        mean = math.fsum(g[name] for g in per_sample) / 4
        assert stepped.weights[name] == pytest.approx(w - 0.25 * mean, rel=1e-12, abs=1e-15)
    assert any(stepped.weights[f"b_{n}"] != 0.0 for n in "ABCDf")   # biases move too


# --- train ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def or_net():
    """The seed network with biases (starting at 0), to learn OR."""
    return make_network((2, 2, 2, 1), biases=True, weights=SEED_WEIGHTS)


def test_training_lowers_the_loss_on_a_small_problem_with_biases(or_net):
    result = train(or_net, OR_X, OR_Y, learning_rate=2.0, epochs=500)
    assert isinstance(result.losses, np.ndarray) and result.losses.shape == (500,)
    # losses[0] is the mean loss before any step: the hand forward on the four samples.
    first = math.fsum(hand_loss(SEED_WEIGHTS, *x, c=y) for x, y in zip(OR_X, OR_Y)) / 4
    assert result.losses[0] == pytest.approx(first, rel=1e-12)          # 0.2387...
    assert result.losses[-1] < 0.01 * result.losses[0]
    assert (np.diff(result.losses) <= 0).all()          # full-batch steps, each one downhill
    trained = result.network.weights
    assert all(trained[f"b_{n}"] != 0.0 for n in "ABCDf")
    after = math.fsum(hand_loss(trained, *x, c=y, b=trained) for x, y in zip(OR_X, OR_Y)) / 4
    assert after < result.losses[-1]                   # the last step helped too
    assert or_net.weights["b_A"] == 0.0                # training returns a new network


def test_one_epoch_is_one_update_with_the_mean_gradient(or_net):
    one = train(or_net, OR_X, OR_Y, learning_rate=0.7, epochs=1)
    per_sample = [backward(forward(or_net, x), y).weights for x, y in zip(OR_X, OR_Y)]
    for name, w in or_net.weights.items():
        mean = math.fsum(g[name] for g in per_sample) / 4
        assert one.network.weights[name] == pytest.approx(w - 0.7 * mean, rel=1e-12, abs=1e-15)


def test_callback_sees_each_epoch_and_stops_training_by_returning_false(or_net):
    seen = []

    def stop_after_five(epoch, losses):
        seen.append((epoch, len(losses), losses[-1]))
        return epoch < 5                                # False at epoch 5

    stopped = train(or_net, OR_X, OR_Y, 1.0, epochs=100, callback=stop_after_five)
    assert [epoch for epoch, _, _ in seen] == [1, 2, 3, 4, 5]
    assert [n for _, n, _ in seen] == [1, 2, 3, 4, 5]   # losses so far, one per epoch
    assert len(stopped.losses) == 5
    five = train(or_net, OR_X, OR_Y, 1.0, epochs=5)
    assert stopped.network.weights == five.network.weights     # stopped after 5 full steps
    assert list(stopped.losses) == list(five.losses)


def test_callback_every_n_epochs_and_none_does_not_stop(or_net):
    calls = []
    result = train(or_net, OR_X, OR_Y, 1.0, epochs=10, every=3,
                   callback=lambda epoch, losses: calls.append(epoch))   # returns None
    assert calls == [3, 6, 9]
    assert len(result.losses) == 10


def test_gradient_sizes_are_recorded_per_epoch_and_layer(or_net):
    result = train(or_net, OR_X, OR_Y, 1.0, epochs=7, record_gradient_sizes=True)
    sizes = result.gradient_sizes
    assert sizes.shape == (7, 3)                         # 7 epochs x 3 layers of weights
    # Epoch 1: the mean |dL/dw| of each layer's weights, from the per-sample gradients.
    per_sample = [backward(forward(or_net, x), y).weights for x, y in zip(OR_X, OR_Y)]
    mean = {name: math.fsum(g[name] for g in per_sample) / 4 for name in per_sample[0]}
    layers = [["w_I1_A", "w_I2_A", "w_I1_B", "w_I2_B"],
              ["w_A_C", "w_B_C", "w_A_D", "w_B_D"],
              ["w_C_f", "w_D_f"]]
    expected = [math.fsum(abs(mean[w]) for w in layer) / len(layer) for layer in layers]
    assert list(sizes[0]) == pytest.approx(expected, rel=1e-12)
    assert (sizes > 0).all()
    assert train(or_net, OR_X, OR_Y, 1.0, epochs=3).gradient_sizes is None
    early = train(or_net, OR_X, OR_Y, 1.0, epochs=9, record_gradient_sizes=True,
                  callback=lambda epoch, losses: epoch < 4)
    assert early.gradient_sizes.shape == (4, 3)


def test_zero_epochs_leaves_the_network_as_it_was(or_net):
    result = train(or_net, OR_X, OR_Y, 1.0, epochs=0)
    assert result.losses.shape == (0,)
    assert result.network.weights == or_net.weights


# --- nudge, loss_of, gradient_check -----------------------------------------------------------
def test_loss_of_is_the_hand_loss():
    assert loss_of(seed_network(), [I1, I2], correct) == pytest.approx(L, rel=1e-12)


@pytest.mark.parametrize("weight", ["w_C_f", "w_A_C", "w_I1_A", "w_I2_B"])
def test_nudge_is_the_centred_difference_of_the_hand_loss(weight):
    h = 1e-6
    result = nudge(seed_network(), [I1, I2], correct, weight, h=h)
    assert result.weight == weight and result.h == h
    plus = hand_loss({**SEED_WEIGHTS, weight: SEED_WEIGHTS[weight] + h})
    minus = hand_loss({**SEED_WEIGHTS, weight: SEED_WEIGHTS[weight] - h})
    assert result.loss_plus == pytest.approx(plus, rel=1e-12)
    assert result.loss_minus == pytest.approx(minus, rel=1e-12)
    assert result.slope == pytest.approx((plus - minus) / (2 * h), rel=1e-6)
    # ... and it agrees with the chain rule's gradient (rounding ~ eps*L/h ~ 1e-11).
    assert result.slope == pytest.approx(HAND[f"dL_wrt_{weight}"], rel=1e-7)


def test_nudge_a_bias():
    net = make_network((2, 2, 2, 1), biases=True, weights=SEED_WEIGHTS)
    slope = nudge(net, [I1, I2], correct, "b_C").slope
    assert slope == pytest.approx(HAND["dL_wrt_sC"], rel=1e-7)    # dsC_wrt_b_C = 1


def test_relative_error_by_hand():
    assert relative_error(1.0, 1.1) == pytest.approx(0.1 / 1.1, rel=1e-12)
    assert relative_error(-2.0, -2.0) == 0.0
    assert relative_error(0.0, 1e-17) == pytest.approx(1e-17 / 1e-8)   # the floor
    assert relative_error(0.0, 0.0) == 0.0


def test_gradient_check_passes_the_chain_rule():
    check = gradient_check(seed_network(), [I1, I2], correct)
    assert set(check.rows) == set(SEED_WEIGHTS)
    for name, (analytic, numeric, error) in check.rows.items():
        assert analytic == pytest.approx(HAND[f"dL_wrt_{name}"], rel=1e-12)
        assert numeric == pytest.approx(HAND[f"dL_wrt_{name}"], rel=1e-7)
        assert error < 1e-7
    assert check.passed()
    assert check.max_relative_error < 1e-7
    text = str(check)
    assert "chain rule" in text and "nudge" in text
    assert all(name in text for name in SEED_WEIGHTS)


def test_gradient_check_flags_a_wrong_gradient():
    # The article's caution: dividing A's two incoming errors by 2 instead of summing them.
    wrong = {name: HAND[f"dL_wrt_{name}"] for name in SEED_WEIGHTS}
    halved = HAND["dL_wrt_A"] / 2 * HAND["dA_wrt_sA"]
    wrong["w_I1_A"], wrong["w_I2_A"] = halved * I1, halved * I2
    check = gradient_check(seed_network(), [I1, I2], correct, gradients=wrong)
    assert not check.passed()
    assert check.rows["w_I1_A"][0] == wrong["w_I1_A"]       # the given value is reported
    assert check.rows["w_I1_A"][2] == pytest.approx(0.5, rel=1e-5)   # |g/2 - g| / |g|
    assert check.rows["w_I2_A"][2] == pytest.approx(0.5, rel=1e-5)
    assert {n for n, row in check.rows.items() if row[2] > 1e-6} == {"w_I1_A", "w_I2_A"}
    # A flipped sign is flagged as well: relative error 2.
    flipped = {**{n: HAND[f"dL_wrt_{n}"] for n in SEED_WEIGHTS}, "w_C_f": -HAND["dL_wrt_w_C_f"]}
    check = gradient_check(seed_network(), [I1, I2], correct, gradients=flipped)
    assert check.rows["w_C_f"][2] == pytest.approx(2.0, rel=1e-6)
    assert not check.passed()
