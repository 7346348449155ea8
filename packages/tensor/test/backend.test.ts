import { afterAll, describe, expect, it } from 'vitest';
import { BackendError, backendName, getBackend, Matrix, matmul, setBackend, useBackend } from '../src/index.js';

afterAll(async () => {
  await setBackend('cpu');
});

describe('setBackend', () => {
  it('starts on cpu', () => {
    expect(backendName()).toBe('cpu');
  });

  it("'auto' stays on cpu without a hardware GPU (Node has none here)", async () => {
    expect(await setBackend('auto')).toBe('cpu');
    expect(getBackend().name).toBe('cpu');
  });

  it('forcing a gpu.js mode that cannot run names the ones that can', async () => {
    const attempt = setBackend('gpujs', { gpujsMode: 'webgl2' });
    await expect(attempt).rejects.toThrow(BackendError);
    await expect(setBackend('gpujs', { gpujsMode: 'headlessgl' })).rejects.toThrow(
      /gpujs mode 'headlessgl' cannot run here .*available: cpu, gpujs:webasm/,
    );
    expect(backendName()).toBe('cpu');
  });

  it('rejects an unknown choice with the valid ones', async () => {
    await expect(setBackend('gpu' as never)).rejects.toThrow(
      "unknown backend 'gpu'; choose one of 'auto', 'cpu', 'gpujs'",
    );
  });

  it('rejects a negative auto threshold', async () => {
    await expect(setBackend('auto', { minGpuFlops: -1 })).rejects.toThrow(/minGpuFlops .* got -1/);
  });

  it('useBackend routes matmul through a custom backend', () => {
    const calls: number[][] = [];
    useBackend({
      name: 'recording',
      matmul: (_a, _b, out, m, k, n) => {
        calls.push([m, k, n]);
        out.fill(1);
      },
    });
    const out = matmul(Matrix.zeros(2, 3), Matrix.zeros(3, 4));
    expect(calls).toEqual([[2, 3, 4]]);
    expect(Array.from(out.data)).toEqual(new Array(8).fill(1));
  });
});
