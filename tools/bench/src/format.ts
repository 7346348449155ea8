import Table from 'cli-table3';
import type { BenchResult } from './index.js';
import type { NumpyComparison, ThroughputResult } from './training.js';

const TABLE_STYLE = { head: [], border: [], compact: true };

function table(head: string[]): Table.Table {
  // Row names, and the training table's network descriptions, read left to right; figures line up on the right.
  const colAligns = head.map((_, i) => (i === 0 || (i === 1 && head[0] === 'training') ? 'left' : 'right'));
  return new Table({ head, style: TABLE_STYLE, colAligns });
}

const rate = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
/** initlab's speed as a multiple of NumPy's: above 1 is faster. */
const times = (ratio: number) => `${ratio.toFixed(2)}×`;

const threadsText = (threads: number) => `${threads} thread${threads === 1 ? '' : 's'}`;
const layoutText = ({ workers, threads }: { workers: number; threads: number }) =>
  `${workers} worker${workers === 1 ? '' : 's'} × ${threadsText(threads)}`;

function planText(result: BenchResult): string {
  const { plan, machine } = result;
  const presets =
    plan.presets.length === 0
      ? 'presets skipped (--skip-presets)'
      : `presets ${plan.presets.join(', ')} with ${plan.presetLayouts.map(layoutText).join(', ')}, ` +
        (plan.presetIterations === null
          ? 'at their own length (--full)'
          : `every run at ${plan.presetIterations} iterations (--full: their own length)`);
  return [
    `initlab ${machine.initlab} bench — ${machine.date}`,
    `machine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, ${machine.platform}, ` +
      `load average ${machine.loadAverage.join(' ')} (a busy machine slows every figure)`,
    `ran: matmul best of ${result.kernels.runs}; training ${plan.iterations} timed iterations per network after ${plan.warmupIterations} warm-up, ` +
      `backend ${plan.backend}; ${presets}; peak RSS of \`${result.memory?.command ?? 'initlab run seed'}\``,
    numpyText(result),
  ].join('\n');
}

function numpyText({ numpy }: BenchResult): string {
  if (!('version' in numpy)) return numpy.note;
  const removed = Object.entries(numpy.openblasEnvRemoved).map(([name, value]) => `${name}=${value}`);
  return [
    `NumPy ${numpy.version}, OpenBLAS core ${numpy.openblasCore ?? 'unknown (not OpenBLAS?)'}, OPENBLAS_NUM_THREADS=1`,
    ...(removed.length > 0 ? [`, without this machine's pinned ${removed.join(' ')}`] : []),
    ...(numpy.note ? [`; ${numpy.note}`] : []),
  ].join('');
}

function kernelText(result: BenchResult): string {
  const { kernels } = result;
  const measured = kernels.results.filter((entry) => entry.gflops !== null);
  const numpy = kernels.numpy?.gflops;
  const body = table(['matmul GFLOP/s', ...measured.map((entry) => entry.backend), ...(numpy ? ['NumPy'] : [])]);
  kernels.shapes.forEach((shape, i) => {
    const cells = measured.map((entry) => {
      const value = entry.gflops![i];
      return numpy ? `${rate(value, 2)} (${times(value / numpy[i])})` : rate(value, 2);
    });
    body.push([shape.label, ...cells, ...(numpy ? [rate(numpy[i], 2)] : [])]);
  });
  const notes = kernels.results.filter((entry) => entry.note).map((entry) => `${entry.backend}: ${entry.note}`);
  const mnist = kernels.shapes.some((shape) => shape.mnist)
    ? [
        `X an MNIST batch: ${(100 * kernels.mnistDensity).toFixed(1)} % of its values are nonzero; the cpu kernels multiply only those ` +
          '(the same sums, bit for bit), NumPy all; GFLOP/s count 2mkn per product either way',
      ]
    : [];
  return [
    body.toString(),
    ...(numpy ? ['(×: speed as a multiple of NumPy float32 on one OpenBLAS thread)'] : []),
    ...mnist,
    ...notes,
  ].join('\n');
}

function numpyCells(own: ThroughputResult, numpy: NumpyComparison | null): string[] {
  if (numpy === null || 'note' in numpy) return ['—', '—'];
  return [rate(numpy.samplesPerSecond), times(own.samplesPerSecond / numpy.samplesPerSecond)];
}

/** The book network on one thread first: NumPy runs on one OpenBLAS thread, so that is the like-for-like ratio. */
function bookRuns(result: BenchResult): ThroughputResult[] {
  return result.trainingOneThread ? [result.trainingOneThread, result.training] : [result.training];
}

function headline(result: BenchResult): string | null {
  const parts = bookRuns(result).flatMap((own) => {
    if (own.numpy === null || 'note' in own.numpy) return [];
    const median = own.roundRatios ? ` (median of rounds ${times(own.roundRatios.median)})` : '';
    return [`initlab ${threadsText(own.threads)} ${times(own.samplesPerSecond / own.numpy.samplesPerSecond)}${median}`];
  });
  return parts.length === 0 ? null : `book network vs NumPy on 1 thread: ${parts.join('; ')}`;
}

function trainingText(result: BenchResult): string {
  const body = table(['training', 'network', 'iterations/s', 'samples/s', 'NumPy samples/s', 'vs NumPy']);
  const rows: [string, ThroughputResult][] = [
    ...bookRuns(result).map((own) => [`book, ${threadsText(own.threads)}`, own] as [string, ThroughputResult]),
    [`seed, ${threadsText(result.seedNetwork.threads)}`, result.seedNetwork],
  ];
  for (const [name, own] of rows) {
    body.push([
      name,
      own.network,
      rate(own.iterationsPerSecond, 1),
      rate(own.samplesPerSecond),
      ...numpyCells(own, own.numpy),
    ]);
  }
  const lines = [
    ...[headline(result)].filter((line) => line !== null),
    body.toString(),
    `backend ${result.training.backend}; evaluation only before and after the timed steps; ` +
      `book: best of ${result.plan.trainingRounds} rounds, initlab and NumPy alternating; seed: one run`,
  ];
  for (const own of [result.training, result.seedNetwork]) {
    if (own.threads < 2) continue;
    const which = own === result.training ? 'book' : 'seed';
    lines.push(
      `${which}, ${own.threads} threads: each step's batch in two halves, the second on a helper thread (${own.helperSteps} of ${own.iterations} timed steps)`,
    );
  }
  for (const own of bookRuns(result)) {
    if (!own.roundRatios) continue;
    const { ratios, median } = own.roundRatios;
    lines.push(
      `book, ${threadsText(own.threads)}: vs NumPy round by round ${ratios.map((ratio) => times(ratio)).join(', ')}; median ${times(median)}`,
    );
  }
  for (const [name, own] of [
    ['book', result.training],
    ['seed', result.seedNetwork],
  ] as const) {
    if (own.numpy && 'note' in own.numpy) lines.push(`${name}: ${own.numpy.note}`);
    else if (own.numpy) lines.push(`${name}: ${own.numpy.command}`);
  }
  return lines.join('\n');
}

function presetText(result: BenchResult): string {
  if (result.presets === null) return 'presets: skipped (--skip-presets)';
  const layouts = result.plan.presetLayouts;
  const body = table([
    'preset wall time',
    'runs × iterations',
    ...layouts.map(layoutText),
    'NumPy, in sequence',
    'vs NumPy (same order)',
  ]);
  const notes: string[] = [];
  for (const preset of result.presets) {
    const numpy = preset.numpy && 'seconds' in preset.numpy ? preset.numpy : null;
    if (preset.numpy && 'note' in preset.numpy) notes.push(`${preset.name}: ${preset.numpy.note}`);
    body.push([
      preset.name,
      `${preset.runs} × ${preset.iterationsPerRun}${preset.fullLength ? '' : ' (shortened)'}`,
      ...preset.timings.map((timing) => `${timing.seconds.toFixed(1)} s`),
      numpy ? `${numpy.seconds.toFixed(1)} s` : '—',
      numpy ? preset.timings.map((timing) => times(numpy.seconds / timing.seconds)).join(' / ') : '—',
    ]);
  }
  return [
    body.toString(),
    'initlab: the whole runExperiment as `initlab run` does it (evaluations every epoch included, MNIST already loaded); ' +
      "NumPy: the reference's training plus final test evaluation per run, summed",
    ...notes,
  ].join('\n');
}

function memoryText(result: BenchResult): string {
  const { memory } = result;
  if (memory === null) return 'memory: not measured (neither GNU time nor /proc is available)';
  const verdict = memory.withinTarget ? 'within' : 'OVER';
  const peak = `${memory.peakRssMB.toFixed(0)} MB resident (${memory.method})`;
  return `memory: \`${memory.command}\` peaked at ${peak}, ${verdict} the ${memory.targetMB} MB target`;
}

/** The suite's figures as tables for a terminal. */
export function benchText(result: BenchResult): string {
  return (
    [planText(result), kernelText(result), trainingText(result), presetText(result), memoryText(result)].join('\n\n') +
    '\n'
  );
}
