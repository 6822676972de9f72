"""Benchmark of course_lib's core against hand-written code (issue 2's targets).

Prints a table. Targets:
- traced forward+backward of one sample on the seed network <= 25 x straight-line Python;
- vectorised training step on the 4 XOR samples <= 1.5 x a hand-written numpy step;
- explain() of any weight of a network with 50 hidden layers: well under 0.1 s.

Run: python benchmarks/bench_core.py
"""
import math
import statistics
import timeit

import numpy as np

from course_lib import (SEED_SAMPLE, SEED_WEIGHTS, backward, forward, make_network, seed_network,
                        train, xor)
from course_lib.matrices import weight_matrices

XOR_X, XOR_Y = xor()


def straight_line(I1, I2, correct, w):
    """The seed network's forward and backward pass, one line per value, like the article."""
    sA = I1 * w["w_I1_A"] + I2 * w["w_I2_A"]
    A = 1.0 / (1.0 + math.exp(-sA))
    sB = I1 * w["w_I1_B"] + I2 * w["w_I2_B"]
    B = 1.0 / (1.0 + math.exp(-sB))
    sC = A * w["w_A_C"] + B * w["w_B_C"]
    C = 1.0 / (1.0 + math.exp(-sC))
    sD = A * w["w_A_D"] + B * w["w_B_D"]
    D = 1.0 / (1.0 + math.exp(-sD))
    sF = C * w["w_C_f"] + D * w["w_D_f"]
    f = 1.0 / (1.0 + math.exp(-sF))
    L = (correct - f) ** 2
    dL_wrt_f = 2 * (f - correct)
    dL_wrt_sF = dL_wrt_f * f * (1 - f)
    dL_wrt_C = dL_wrt_sF * w["w_C_f"]
    dL_wrt_D = dL_wrt_sF * w["w_D_f"]
    dL_wrt_sC = dL_wrt_C * C * (1 - C)
    dL_wrt_sD = dL_wrt_D * D * (1 - D)
    dL_wrt_A = dL_wrt_sC * w["w_A_C"] + dL_wrt_sD * w["w_A_D"]
    dL_wrt_B = dL_wrt_sC * w["w_B_C"] + dL_wrt_sD * w["w_B_D"]
    dL_wrt_sA = dL_wrt_A * A * (1 - A)
    dL_wrt_sB = dL_wrt_B * B * (1 - B)
    return L, {
        "w_C_f": dL_wrt_sF * C, "w_D_f": dL_wrt_sF * D,
        "w_A_C": dL_wrt_sC * A, "w_B_C": dL_wrt_sC * B,
        "w_A_D": dL_wrt_sD * A, "w_B_D": dL_wrt_sD * B,
        "w_I1_A": dL_wrt_sA * I1, "w_I2_A": dL_wrt_sA * I2,
        "w_I1_B": dL_wrt_sB * I1, "w_I2_B": dL_wrt_sB * I2,
    }


def numpy_steps(W1, W2, W3, X, Y, lr, steps):
    """Hand-written full-batch gradient descent on the 2-2-2-1 sigmoid network."""
    n = X.shape[0]
    for _ in range(steps):
        A1 = 1.0 / (1.0 + np.exp(-(X @ W1)))
        A2 = 1.0 / (1.0 + np.exp(-(A1 @ W2)))
        A3 = 1.0 / (1.0 + np.exp(-(A2 @ W3)))
        d3 = 2.0 * (A3 - Y) * A3 * (1 - A3)
        d2 = (d3 @ W3.T) * A2 * (1 - A2)
        d1 = (d2 @ W2.T) * A1 * (1 - A1)
        W3 -= lr * (A2.T @ d3 / n)
        W2 -= lr * (A1.T @ d2 / n)
        W1 -= lr * (X.T @ d1 / n)
    return W1, W2, W3


def median_time(fn, number, repeat=15):
    return statistics.median(timeit.repeat(fn, number=number, repeat=repeat)) / number


def main():
    net = seed_network()
    I1, I2, correct = SEED_SAMPLE["I1"], SEED_SAMPLE["I2"], SEED_SAMPLE["correct"]

    # Same numbers first: a benchmark of two different computations would mean nothing.
    L, grads = straight_line(I1, I2, correct, SEED_WEIGHTS)
    traced = backward(forward(net, [I1, I2]), correct)
    assert math.isclose(L, traced.loss, rel_tol=1e-12)
    assert all(math.isclose(g, traced.weights[w], rel_tol=1e-12) for w, g in grads.items())

    t_plain = median_time(lambda: straight_line(I1, I2, correct, SEED_WEIGHTS), 2000)
    t_traced = median_time(lambda: backward(forward(net, [I1, I2]), correct), 500)

    steps, lr = 200, 0.5
    start = [m.copy() for m in weight_matrices(net)]
    hand = numpy_steps(*[m.copy() for m in start], XOR_X, XOR_Y, lr, steps)
    ours = weight_matrices(train(net, XOR_X, XOR_Y, lr, steps).network)
    assert all(np.allclose(a, b, rtol=1e-12, atol=1e-15) for a, b in zip(hand, ours))
    t_hand = median_time(lambda: numpy_steps(*[m.copy() for m in start], XOR_X, XOR_Y, lr, steps),
                         1) / steps
    t_train = median_time(lambda: train(net, XOR_X, XOR_Y, lr, steps), 1) / steps

    rows = [
        ("one sample, forward+backward (seed net)", "straight-line Python", t_plain, t_traced, 25),
        ("training step, XOR x4 (seed net)", "hand-written numpy", t_hand, t_train, 1.5),
    ]
    print(f"{'what':42} {'reference':22} {'ref µs':>8} {'ours µs':>8} {'ratio':>6} {'target':>7}")
    for what, ref, t_ref, t_ours, target in rows:
        ratio = t_ours / t_ref
        flag = "ok" if ratio <= target else "MISSED"
        print(f"{what:42} {ref:22} {t_ref * 1e6:8.2f} {t_ours * 1e6:8.2f} {ratio:6.2f} "
              f"{'<= ' + str(target):>7} {flag}")
    explain_deep()


def explain_deep(hidden_layers=50, width=3):
    """Seconds to explain the first and a middle weight of a deep network (paths: width**50)."""
    deep = make_network((2,) + (width,) * hidden_layers + (1,), "tanh", seed=1)
    grads = backward(forward(deep, [0.3, -0.2]), 0.5)
    first, middle = deep.parameter_names[0], deep.parameter_names[len(deep.parameter_names) // 2]
    for weight in (first, middle):
        seconds = median_time(lambda: grads.explain(weight), 5, repeat=5)
        print(f"explain({weight}) on 2-{width}x{hidden_layers}-1 ({grads.chain(weight).path_count:.3g}"
              f" paths): {seconds * 1e3:.2f} ms (target well under 100 ms)")


if __name__ == "__main__":
    main()
