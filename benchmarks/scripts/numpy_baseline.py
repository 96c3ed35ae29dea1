#!/usr/bin/env python3
"""Times the backprop lab's algorithm in numpy (and PyTorch, when installed) on the four cases of
BackpropBenchmark, for the comparison in BENCHMARKS.md. Run by hand, never by the build:

    python3 benchmarks/scripts/numpy_baseline.py > numpy.txt

The code follows the lab's structure: a forward pass that keeps (A_prev, W, b) and Z per layer,
binary cross-entropy with clipped predictions, then layer by layer dZ = dA * g'(Z),
dW = dZ A_prev^T / m, db = row sums of dZ / m and dA_prev = W^T dZ, with gradients in a dict.
Each case reports the median of many timed calls, after a warm-up.
"""
import statistics
import sys
import time

import numpy as np

CASES = [
    ("TINY", [2, 3, 1], ["relu", "sigmoid"], 4),
    ("SMALL", [2, 16, 16, 1], ["relu", "relu", "sigmoid"], 64),
    ("MEDIUM", [784, 128, 64, 10], ["relu", "relu", "sigmoid"], 128),
    ("WIDE", [1024, 1024, 1024, 1], ["tanh", "tanh", "sigmoid"], 256),
]


def g(name, z):
    if name == "relu":
        return np.maximum(0, z)
    if name == "tanh":
        return np.tanh(z)
    return 1 / (1 + np.exp(-np.clip(z, -500, 500)))


def g_prime(name, z):
    if name == "relu":
        return (z > 0).astype(float)
    if name == "tanh":
        return 1 - np.tanh(z) ** 2
    s = g("sigmoid", z)
    return s * (1 - s)


def step(params, acts, x, y):
    """One forward + cost + backward call, as the lab writes it."""
    caches, a = [], x
    for l, act in enumerate(acts, start=1):
        w, b = params[f"W{l}"], params[f"b{l}"]
        z = np.dot(w, a) + b
        caches.append(((a, w, b), z))
        a = g(act, z)
    m = y.shape[1]
    p = np.clip(a, 1e-15, 1 - 1e-15)
    cost = -1 / m * np.sum(y * np.log(p) + (1 - y) * np.log(1 - p))
    grads, da = {}, -(y / p) + (1 - y) / (1 - p)
    for l in reversed(range(len(acts))):
        (a_prev, w, _), z = caches[l]
        dz = da * g_prime(acts[l], z)
        grads[f"dW{l + 1}"] = 1 / m * np.dot(dz, a_prev.T)
        grads[f"db{l + 1}"] = 1 / m * np.sum(dz, axis=1, keepdims=True)
        da = np.dot(w.T, dz)
    return cost, grads


def time_calls(fn, budget=2.0):
    for _ in range(3):
        fn()
    times, start = [], time.perf_counter()
    while time.perf_counter() - start < budget or len(times) < 5:
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1e6


def main():
    rng = np.random.RandomState(0)
    print(f"numpy {np.__version__}")
    torch = None
    try:
        import torch  # noqa: F401
    except ImportError:
        print("PyTorch not installed: skipped")
    for name, dims, acts, m in CASES:
        params = {}
        for l in range(1, len(dims)):
            params[f"W{l}"] = rng.randn(dims[l], dims[l - 1]) * np.sqrt(2.0 / dims[l - 1])
            params[f"b{l}"] = np.zeros((dims[l], 1))
        x = rng.randn(dims[0], m)
        y = rng.randint(0, 2, (dims[-1], m)).astype(float)
        us = time_calls(lambda: step(params, acts, x, y))
        line = f"{name}\tnumpy\t{us:.2f}"
        if torch is not None:
            tp = {k: torch.tensor(v, requires_grad=True) for k, v in params.items()}
            tx, ty = torch.tensor(x), torch.tensor(y)

            def torch_step():
                a = tx
                for l, act in enumerate(acts, start=1):
                    z = tp[f"W{l}"] @ a + tp[f"b{l}"]
                    a = torch.relu(z) if act == "relu" else torch.tanh(z) if act == "tanh" else torch.sigmoid(z)
                loss = torch.nn.functional.binary_cross_entropy(a, ty)
                for t in tp.values():
                    t.grad = None
                loss.backward()

            line += f"\ttorch\t{time_calls(torch_step):.2f}"
        print(line)
        sys.stdout.flush()


if __name__ == "__main__":
    main()
