"""Benchmark of training a wider network: course_lib.train vs hand-written numpy (vs PyTorch).

One command prints all of issue 5's figures: first the core table of bench_core.py, then:
- a full-batch training step of a 2-64-64-1 sigmoid network with biases on a batch of 256
  samples, course_lib.train <= 1.2 x a hand-written numpy step (same maths, same loss
  recorded every step, as train does);
- the same step in PyTorch (float64, autograd) when `import torch` works; skipped otherwise.

Both numpy versions are first checked to compute the same weights. Times are the CPU time
of this process (time.process_time), measured in turns (ours, theirs, ours, ...); the ratio
is the median of the paired ratios. Other programs on a busy machine then count neither in
the times nor in the ratio.
BLAS runs on one thread (set before numpy is imported) so the figures are about our code,
not about how many cores happen to be free.

Run: python benchmarks/bench_training.py
"""
import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import runpy  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

from course_lib import make_network, train  # noqa: E402
from course_lib.matrices import bias_vectors, weight_matrices  # noqa: E402

HERE = Path(__file__).resolve().parent
SIZES, BATCH, LEARNING_RATE, STEPS, REPEATS = (2, 64, 64, 1), 256, 0.5, 50, 21
TARGET = 1.2


def data(n=BATCH, seed=0):
    """n points in the plane; the answer is 1 where I1 and I2 have the same sign (XOR-like)."""
    X = np.random.default_rng(seed).normal(size=(n, 2))
    Y = (X[:, :1] * X[:, 1:] > 0).astype(float)
    return X, Y


def numpy_steps(matrices, biases, X, Y, learning_rate, steps):
    """Hand-written full-batch gradient descent, 2-64-64-1 sigmoid with biases, as a coder
    would write it; records the mean loss of every step like course_lib.train."""
    (W1, W2, W3), (b1, b2, b3) = matrices, biases
    n, losses = X.shape[0], []
    for _ in range(steps):
        A1 = 1.0 / (1.0 + np.exp(-(X @ W1 + b1)))
        A2 = 1.0 / (1.0 + np.exp(-(A1 @ W2 + b2)))
        f = 1.0 / (1.0 + np.exp(-(A2 @ W3 + b3)))
        error = f - Y
        losses.append(float(np.vdot(error, error)) / n)
        dL_wrt_sF = 2.0 * error * f * (1.0 - f)
        dL_wrt_S2 = (dL_wrt_sF @ W3.T) * A2 * (1.0 - A2)
        dL_wrt_S1 = (dL_wrt_S2 @ W2.T) * A1 * (1.0 - A1)
        W3 -= learning_rate * (A2.T @ dL_wrt_sF / n)
        b3 -= learning_rate * (dL_wrt_sF.sum(axis=0) / n)
        W2 -= learning_rate * (A1.T @ dL_wrt_S2 / n)
        b2 -= learning_rate * (dL_wrt_S2.sum(axis=0) / n)
        W1 -= learning_rate * (X.T @ dL_wrt_S1 / n)
        b1 -= learning_rate * (dL_wrt_S1.sum(axis=0) / n)
    return [W1, W2, W3], [b1, b2, b3], losses


def torch_steps(torch, matrices, biases, X, Y, learning_rate, steps):
    """The same steps in PyTorch: float64 tensors, autograd for the gradients."""
    Ws = [torch.tensor(m, dtype=torch.float64, requires_grad=True) for m in matrices]
    bs = [torch.tensor(b, dtype=torch.float64, requires_grad=True) for b in biases]
    Xt, Yt = torch.tensor(X), torch.tensor(Y)
    losses = []
    for _ in range(steps):
        A = Xt
        for W, b in zip(Ws, bs):
            A = torch.sigmoid(A @ W + b)
        loss = ((A - Yt) ** 2).sum() / Xt.shape[0]
        losses.append(float(loss))
        for p in Ws + bs:
            p.grad = None
        loss.backward()
        with torch.no_grad():
            for p in Ws + bs:
                p -= learning_rate * p.grad
    return [W.detach().numpy() for W in Ws], [b.detach().numpy() for b in bs], losses


def interleaved_times(functions, repeats=REPEATS):
    """CPU seconds of each call of each function, measured in turns: f, g, f, g, ..."""
    times = [[] for _ in functions]
    for _ in range(repeats):
        for fn, seen in zip(functions, times):
            start = time.process_time()
            fn()
            seen.append(time.process_time() - start)
    return times


def main():
    print("== course_lib core (benchmarks/bench_core.py) ==")
    runpy.run_path(str(HERE / "bench_core.py"), run_name="__main__")
    print()

    X, Y = data()
    net = make_network(SIZES, "sigmoid", biases=True, seed=0)

    def fresh():
        return [m.copy() for m in weight_matrices(net)], [b.copy() for b in bias_vectors(net)]

    # Same numbers first: a benchmark of two different computations would mean nothing.
    hand_W, hand_b, hand_losses = numpy_steps(*fresh(), X, Y, LEARNING_RATE, STEPS)
    ours = train(net, X, Y, LEARNING_RATE, STEPS)
    assert all(np.allclose(a, b, rtol=1e-12, atol=1e-14)
               for a, b in zip(hand_W + hand_b, weight_matrices(ours.network) + bias_vectors(ours.network)))
    assert np.allclose(hand_losses, ours.losses, rtol=1e-12)

    def run_ours():
        train(net, X, Y, LEARNING_RATE, STEPS)

    def run_hand():
        numpy_steps(*fresh(), X, Y, LEARNING_RATE, STEPS)

    ours_times, hand_times = interleaved_times([run_ours, run_hand])
    t_ours, t_hand = (statistics.median(t) / STEPS for t in (ours_times, hand_times))
    ratio = statistics.median(a / b for a, b in zip(ours_times, hand_times))
    rows = [("course_lib.train", t_ours, ratio, f"<= {TARGET}",
             "ok" if ratio <= TARGET else "MISSED"),
            ("hand-written numpy", t_hand, 1.0, "", "")]

    try:
        import torch
    except ImportError as error:
        torch_note = f"PyTorch: skipped ({error}); install torch to add its row."
    else:
        torch.set_num_threads(1)
        torch_W, torch_b, _ = torch_steps(torch, *fresh(), X, Y, LEARNING_RATE, STEPS)
        assert all(np.allclose(a, b, rtol=1e-9, atol=1e-12)
                   for a, b in zip(hand_W + hand_b, torch_W + torch_b))
        torch_times, hand_times = interleaved_times(
            [lambda: torch_steps(torch, *fresh(), X, Y, LEARNING_RATE, STEPS), run_hand])
        t_torch = statistics.median(torch_times) / STEPS
        ratio = statistics.median(a / b for a, b in zip(torch_times, hand_times))
        rows.append((f"PyTorch {torch.__version__} (CPU)", t_torch, ratio, "", ""))
        torch_note = "PyTorch: same weights as hand-written numpy to 1e-9."

    print(f"== training step, {'-'.join(map(str, SIZES))} sigmoid with biases, batch {BATCH}, "
          f"full batch, one BLAS thread ==")
    print(f"{'implementation':32} {'CPU µs/step':>11} {'x numpy':>8} {'target':>7}")
    for name, seconds, ratio, target, flag in rows:
        print(f"{name:32} {seconds * 1e6:11.1f} {ratio:8.2f} {target:>7} {flag}")
    print(f"Checked first: course_lib.train and hand-written numpy give the same weights, biases "
          f"and losses after {STEPS} steps (rtol 1e-12).")
    print(torch_note)


if __name__ == "__main__":
    main()
