import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { BenchFailure } from './errors.js';

/** The peak resident memory `initlab run seed` should stay under. */
export const RSS_TARGET_MB = 300;
const GNU_TIME = '/usr/bin/time';
const POLL_MS = 20;

/** Peak resident memory of one `initlab run` as a child process. */
export interface MemoryResult {
  command: string;
  peakRssMB: number;
  /** `time -v` (the kernel's maxrss of the process) or `VmHWM` (polled from /proc). */
  method: 'time -v' | 'VmHWM';
  targetMB: number;
  withinTarget: boolean;
}

/** The built `initlab` entry point of the workspace's @initlab/cli, whose memory the suite measures. */
function binPath(): string {
  const manifest = createRequire(import.meta.url).resolve('@initlab/cli/package.json');
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin: { initlab: string } };
  return join(dirname(manifest), bin.initlab);
}

/** GNU time, which reports the peak with -v (BSD's time has no -v). */
function hasGnuTime(): boolean {
  return existsSync(GNU_TIME) && spawnSync(GNU_TIME, ['-v', 'true'], { stdio: 'ignore' }).status === 0;
}

function runChild(command: string, args: string[], onSpawn?: (pid: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    child.on('error', reject);
    if (child.pid !== undefined) onSpawn?.(child.pid);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else
        reject(
          new BenchFailure(
            `'${args.join(' ')}' exited with ${code}: ${stderr.trim().split('\n').slice(-3).join(' / ')}`,
          ),
        );
    });
  });
}

function readVmHwmKb(pid: number): number | null {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/**
 * Peak RSS of `initlab run seed --iterations N` (report written to a temporary directory, removed after). Worker
 * threads share the process, so its high-water mark counts them. Null where neither GNU time nor /proc exists.
 */
export async function measurePeakRss(
  iterations: number | undefined,
  data: string | undefined,
): Promise<MemoryResult | null> {
  const out = mkdtempSync(join(tmpdir(), 'initlab-bench-'));
  const options = [
    ...(iterations === undefined ? [] : ['--iterations', String(iterations)]),
    ...(data === undefined ? [] : ['--data', data]),
  ];
  const runArgs = ['run', 'seed', ...options, '--out', join(out, 'report')];
  const command = ['initlab run seed', ...options, '--out <temporary directory>'].join(' ');
  try {
    let peakKb: number | null = null;
    let method: MemoryResult['method'];
    if (hasGnuTime()) {
      method = 'time -v';
      const report = join(out, 'time.txt');
      await runChild(GNU_TIME, ['-v', '-o', report, process.execPath, binPath(), ...runArgs]);
      const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(readFileSync(report, 'utf8'));
      peakKb = match ? Number(match[1]) : null;
    } else if (existsSync('/proc/self/status')) {
      method = 'VmHWM';
      let timer: NodeJS.Timeout | undefined;
      await runChild(process.execPath, [binPath(), ...runArgs], (pid) => {
        timer = setInterval(() => {
          peakKb = Math.max(peakKb ?? 0, readVmHwmKb(pid) ?? 0);
        }, POLL_MS);
      }).finally(() => clearInterval(timer));
    } else {
      return null;
    }
    if (peakKb === null) return null;
    const peakRssMB = peakKb / 1024;
    return { command, peakRssMB, method, targetMB: RSS_TARGET_MB, withinTarget: peakRssMB <= RSS_TARGET_MB };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
