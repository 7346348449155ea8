import type { RunDone, Progress as RunProgress } from '@initlab/trainer';
import { MultiBar, Presets, type SingleBar } from 'cli-progress';

/** Shows training progress on stderr. */
export interface ProgressDisplay {
  update(progress: RunProgress): void;
  /** A run (a grid's cell) finished, was found in the output folder, or was stopped. */
  done(report: RunDone): void;
  /** Prints a line without tearing the bars. */
  log(line: string): void;
  stop(): void;
}

/** Plain-text lines are printed each time a run passes another tenth of its iterations. */
const PLAIN_STEPS = 10;

function formatLoss(loss: number): string {
  return Number.isFinite(loss) ? loss.toFixed(4) : '—';
}

function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const whole = Math.round(seconds);
  return whole >= 60 ? `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, '0')}s` : `${whole}s`;
}

function runKey(progress: RunProgress): string {
  return `${progress.experiment}\u0000${progress.runIndex}\u0000${progress.seed}`;
}

function runName(progress: RunProgress): string {
  return `${progress.experiment} ${progress.label} seed ${progress.seed}`;
}

/**
 * Lines that count finished runs: `[12/54] sigmaW2=1.5, depth=20 seed 0: done · ETA 3m20s`, the ETA from the rate
 * of the runs computed so far. Runs found in the output folder (`--resume`) are counted in one line.
 */
function doneLines(write: (line: string) => void): Pick<ProgressDisplay, 'done' | 'stop'> {
  const started = performance.now();
  let computed = 0;
  let stored = 0;
  let total = 0;
  const flushStored = () => {
    if (stored > 0) write(`[${stored}/${total}] ${stored} already in the output folder: not run again`);
    stored = 0;
  };
  return {
    done(report) {
      total = report.total;
      if (report.stored) {
        stored++;
        return;
      }
      flushStored();
      const name = `${report.label} seed ${report.seed}`;
      if (report.status === 'interrupted') {
        write(`[${report.done}/${report.total}] ${name}: interrupted`);
        return;
      }
      computed++;
      const perRun = (performance.now() - started) / 1000 / computed;
      const left = report.total - report.done;
      write(
        `[${report.done}/${report.total}] ${name}: ${report.status}${left > 0 ? ` · ETA ${formatSeconds(perRun * left)}` : ''}`,
      );
    },
    stop: flushStored,
  };
}

/** For grids: a line per finished cell (cells done, ETA), nothing per iteration — a grid has too many runs for bars. */
export function createCellProgress(stream: NodeJS.WriteStream = process.stderr): ProgressDisplay {
  const lines = doneLines((line) => stream.write(`${line}\n`));
  return {
    update() {},
    done: lines.done,
    log: (line) => stream.write(`${line}\n`),
    stop: lines.stop,
  };
}

/** A bar per run (cli-progress MultiBar), created when the run first reports. */
function barDisplay(stream: NodeJS.WriteStream): ProgressDisplay {
  const multibar = new MultiBar(
    {
      stream,
      format: ' {name} |{bar}| {value}/{total} it  loss {loss}  ETA {eta_formatted}',
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
      etaBuffer: 50,
      barsize: 24,
      autopadding: true,
    },
    Presets.shades_classic,
  );
  const bars = new Map<string, SingleBar>();
  const lines = doneLines((line) => multibar.log(`${line}\n`));
  let width = 0;
  return {
    update(progress) {
      const key = runKey(progress);
      const name = runName(progress);
      width = Math.max(width, name.length);
      const payload = { name: name.padEnd(width), loss: formatLoss(progress.loss) };
      const bar = bars.get(key);
      if (bar) bar.update(progress.iteration, payload);
      else bars.set(key, multibar.create(progress.iterations, progress.iteration, payload));
    },
    done: (report) => lines.done(report),
    log(line) {
      multibar.log(`${line}\n`);
    },
    stop() {
      lines.stop();
      multibar.stop();
    },
  };
}

/** Periodic lines for logs and pipes: a line per run at every tenth of its iterations, with an ETA. */
function lineDisplay(stream: NodeJS.WriteStream): ProgressDisplay {
  const runs = new Map<string, { firstTime: number; firstIteration: number; step: number }>();
  const lines = doneLines((line) => stream.write(`${line}\n`));
  return {
    done: lines.done,
    update(progress) {
      const key = runKey(progress);
      let run = runs.get(key);
      if (!run) {
        run = { firstTime: performance.now(), firstIteration: progress.iteration, step: -1 };
        runs.set(key, run);
      }
      const step = Math.floor((progress.iteration / Math.max(progress.iterations, 1)) * PLAIN_STEPS);
      if (step === run.step) return;
      run.step = step;
      // The rate is measured from the run's first report, so time spent before it (setup) does not skew it.
      const seconds = (performance.now() - run.firstTime) / 1000;
      const done = progress.iteration - run.firstIteration;
      const remaining = done > 0 ? (seconds / done) * (progress.iterations - progress.iteration) : NaN;
      const eta =
        progress.iteration >= progress.iterations ? 'done' : done > 0 ? `ETA ${formatSeconds(remaining)}` : 'started';
      stream.write(
        `${runName(progress)}: ${progress.iteration}/${progress.iterations} it, loss ${formatLoss(progress.loss)}, ${eta}\n`,
      );
    },
    log(line) {
      stream.write(`${line}\n`);
    },
    stop: lines.stop,
  };
}

/** Bars on a terminal, periodic lines otherwise (CI logs, files, pipes). */
export function createProgress(stream: NodeJS.WriteStream = process.stderr): ProgressDisplay {
  return stream.isTTY ? barDisplay(stream) : lineDisplay(stream);
}
