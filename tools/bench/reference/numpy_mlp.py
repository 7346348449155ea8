#!/usr/bin/env python3
"""NumPy reference for the bench: the book network of weight_init_compare.py on MNIST.

784-100-100-100-100-10 (Deep Learning from Scratch, ch. 6): Affine + activation hidden layers, an Affine output,
softmax with cross-entropy, plain SGD, a minibatch drawn with replacement every iteration. Backward skips the
gradient of the input (nothing uses it). The bench times it beside initlab's training of the same network.

Usage:
  python3 numpy_mlp.py DATA_DIR [--activation relu|sigmoid] [--init std0.01|xavier|he]
                       [--dtype float32|float64] [--iters 2000] [--batch 128] [--lr 0.01] [--seed 0]
DATA_DIR holds the four MNIST IDX files. Prints one JSON line at the end: the timings (train_s: the steps only;
eval_s: one test-set evaluation), the loss, the test accuracy and the OpenBLAS core that ran.

It draws from NumPy's PCG64 (`default_rng`), so its curves match initlab's statistically, not draw for draw.
"""
import argparse
import json
import os
import time

import numpy as np

from openblas import openblas_core

HIDDEN = [100, 100, 100, 100]


def read_idx(path, expected_magic, header_len):
    with open(path, "rb") as f:
        buf = f.read()
    magic = int.from_bytes(buf[0:4], "big")
    if magic != expected_magic:
        raise ValueError(f"{path}: bad magic {magic:#x}")
    dims = [int.from_bytes(buf[4 + 4 * i: 8 + 4 * i], "big") for i in range((header_len - 4) // 4)]
    return np.frombuffer(buf, dtype=np.uint8, offset=header_len).reshape(dims)


def load_mnist(data_dir):
    splits = {}
    for split, prefix in (("train", "train"), ("test", "t10k")):
        images = read_idx(os.path.join(data_dir, f"{prefix}-images-idx3-ubyte"), 0x00000803, 16)
        labels = read_idx(os.path.join(data_dir, f"{prefix}-labels-idx1-ubyte"), 0x00000801, 8)
        splits[split] = (images.reshape(images.shape[0], -1), labels.astype(np.int64))
    return splits


class MLP:
    def __init__(self, sizes, activation, init, dtype, rng):
        self.activation = activation
        self.W, self.b = [], []
        for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
            std = {"std0.01": 0.01, "xavier": np.sqrt(1.0 / fan_in), "he": np.sqrt(2.0 / fan_in)}[init]
            self.W.append((std * rng.standard_normal((fan_in, fan_out))).astype(dtype))
            self.b.append(np.zeros(fan_out, dtype=dtype))

    def activate(self, z):
        if self.activation == "relu":
            return np.maximum(z, 0, out=z)
        np.negative(z, out=z)
        np.exp(z, out=z)
        z += 1
        return np.reciprocal(z, out=z)

    def forward(self, x):
        """The logits, and each layer's input for backward."""
        inputs = [x]
        h = x
        for i in range(len(self.W)):
            z = h @ self.W[i]
            z += self.b[i]
            if i == len(self.W) - 1:
                return z, inputs
            h = self.activate(z)
            inputs.append(h)

    @staticmethod
    def softmax_cross_entropy(logits, t):
        y = logits - logits.max(axis=1, keepdims=True)
        np.exp(y, out=y)
        y /= y.sum(axis=1, keepdims=True)
        loss = -np.log(y[np.arange(logits.shape[0]), t] + 1e-7).mean()
        return y, float(loss)

    def step(self, x, t, lr):
        """One SGD step; returns the loss of the forward pass it took the gradient of."""
        logits, inputs = self.forward(x)
        dout, loss = self.softmax_cross_entropy(logits, t)
        dout[np.arange(x.shape[0]), t] -= 1
        dout /= x.shape[0]
        for i in range(len(self.W) - 1, -1, -1):
            h = inputs[i]
            dW = h.T @ dout
            db = dout.sum(axis=0)
            if i > 0:
                # Through the old W, before the update below; then through the activation that made h.
                dout = dout @ self.W[i].T
                dout *= (h > 0) if self.activation == "relu" else h * (1 - h)
            dW *= lr
            self.W[i] -= dW
            self.b[i] -= lr * db
        return loss

    def accuracy(self, x, t, chunk=10000):
        correct = 0
        for start in range(0, x.shape[0], chunk):
            logits, _ = self.forward(x[start:start + chunk])
            correct += int((logits.argmax(axis=1) == t[start:start + chunk]).sum())
        return correct / x.shape[0]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir")
    parser.add_argument("--activation", choices=["relu", "sigmoid"], default="relu")
    parser.add_argument("--init", choices=["std0.01", "xavier", "he"], default="he")
    parser.add_argument("--dtype", choices=["float32", "float64"], default="float32")
    parser.add_argument("--iters", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--lr", type=float, default=0.01)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    dtype = np.dtype(args.dtype)
    data = load_mnist(args.data_dir)
    x_train = data["train"][0].astype(dtype) / dtype.type(255.0)
    t_train = data["train"][1]
    x_test = data["test"][0].astype(dtype) / dtype.type(255.0)
    t_test = data["test"][1]

    rng = np.random.default_rng(args.seed)
    net = MLP([x_train.shape[1], *HIDDEN, 10], args.activation, args.init, dtype, rng)
    lr = dtype.type(args.lr)

    losses = np.empty(args.iters)
    start = time.perf_counter()
    for it in range(args.iters):
        batch = rng.integers(0, x_train.shape[0], size=args.batch)
        losses[it] = net.step(x_train[batch], t_train[batch], lr)
    train_s = time.perf_counter() - start

    start = time.perf_counter()
    accuracy = net.accuracy(x_test, t_test)
    eval_s = time.perf_counter() - start

    print(json.dumps({
        "numpy": np.__version__,
        "openblas_core": openblas_core()["openblasCore"],
        "openblas_num_threads": os.environ.get("OPENBLAS_NUM_THREADS"),
        "activation": args.activation,
        "init": args.init,
        "dtype": args.dtype,
        "iters": args.iters,
        "batch": args.batch,
        "lr": args.lr,
        "seed": args.seed,
        "train_s": round(train_s, 4),
        "iters_per_s": round(args.iters / train_s, 2),
        "samples_per_s": round(args.iters * args.batch / train_s, 1),
        "final_loss_mean_last100": float(losses[max(0, args.iters - 100):].mean()),
        "test_acc": accuracy,
        "eval_s": round(eval_s, 4),
    }))


if __name__ == "__main__":
    main()
