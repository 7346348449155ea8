import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createRng } from '@initlab/tensor';
import { describe, expect, it, vi } from 'vitest';
import {
  InitializerError,
  defineInitializer,
  denseContext,
  getInitializer,
  listInitializers,
  registerInitializer,
} from '../src/index.js';

const BUILTINS = [
  'normal',
  'xavier',
  'he',
  'glorotNormal',
  'glorotUniform',
  'kaimingNormal',
  'kaimingUniform',
  'lecunNormal',
  'lecunUniform',
  'varianceScaling',
  'uniform',
  'truncatedNormal',
  'orthogonal',
  'identity',
  'zeros',
  'ones',
  'constant',
];

/** Runs `action` and returns the InitializerError it throws. */
function caught(action: () => unknown): InitializerError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(InitializerError);
    return error as InitializerError;
  }
  throw new Error('expected an InitializerError, but nothing was thrown');
}

describe('custom initializers', () => {
  // The README's example.
  const sparseSign = defineInitializer({
    name: 'sparseSign',
    description: '±scale with probability density, 0 elsewhere',
    params: {
      density: {
        type: 'number',
        default: 0.1,
        min: 0,
        max: 1,
        exclusiveMin: true,
        description: 'fraction of non-zero weights',
      },
      scale: {
        type: 'number',
        default: 1,
        min: 0,
        exclusiveMin: true,
        description: 'magnitude of the non-zero weights',
      },
    },
    init({ rng }, { density, scale }, out) {
      for (let i = 0; i < out.length; i++) {
        const u = rng.nextDouble();
        out[i] = u < density / 2 ? -scale : u < density ? scale : 0;
      }
    },
  });
  registerInitializer(sparseSign);

  it('are found by name, by { name, ...params } and by label syntax, with defaults filled', () => {
    expect(getInitializer('sparseSign').params).toEqual({ density: 0.1, scale: 1 });
    const byObject = getInitializer({ name: 'sparseSign', density: 0.5 });
    expect(byObject.params).toEqual({ density: 0.5, scale: 1 });
    expect(byObject.label).toBe('sparseSign(density=0.5)');
    expect(byObject.definition).toBe(sparseSign);
    expect(getInitializer('sparseSign(density=0.5)').params).toEqual(byObject.params);
    expect(listInitializers().map((d) => d.name)).toEqual([...BUILTINS, 'sparseSign']);
  });

  it('fill matrices like the built-ins, and statistically as designed', () => {
    const weights = getInitializer('sparseSign(density=0.5, scale=2)').init(denseContext(400, 250, createRng(3)));
    const nonZero = weights.filter((w) => w !== 0);
    expect(nonZero.every((w) => w === 2 || w === -2)).toBe(true);
    // A binomial count: within 5 standard deviations √(n·p·(1−p)) of n·p.
    expect(Math.abs(nonZero.length - 50_000)).toBeLessThan(5 * Math.sqrt(100_000 * 0.25));
  });

  it('refuse a second registration of a name unless replace is set', () => {
    const error = caught(() => registerInitializer(sparseSign));
    expect(error.message).toBe(
      "initializer 'sparseSign' is already registered; choose another name or pass { replace: true }",
    );
    expect(caught(() => registerInitializer({ ...xavierClone(), name: 'he' })).initializer).toBe('he');
    const replacement = defineInitializer({ ...sparseSign, description: 'replaced' });
    registerInitializer(replacement, { replace: true });
    expect(getInitializer('sparseSign').definition.description).toBe('replaced');
  });

  it('must write finite values into a buffer of the right size', () => {
    registerInitializer(
      defineInitializer({
        name: 'broken',
        description: 'writes NaN',
        params: {},
        init: (_c, _p, out) => out.fill(Number.NaN),
      }),
    );
    expect(caught(() => getInitializer('broken').init(denseContext(2, 2, createRng(0)))).message).toBe(
      "initializer 'broken' produced NaN at index 0; an initializer must write finite values",
    );
    const he = getInitializer('he');
    const out = new Float32Array(6);
    expect(he.init(denseContext(2, 3, createRng(0)), out)).toBe(out);
    expect(caught(() => he.init(denseContext(3, 3, createRng(0)), out)).message).toBe(
      "initializer 'he': out holds 6 values but shape [3, 3] needs 9",
    );
    expect(caught(() => he.init({ shape: [2, 0], fanIn: 2, fanOut: 0, rng: createRng(0) })).message).toMatch(
      /shape must be \[rows, cols\] of positive integers, got \[2,0\]/,
    );
    expect(caught(() => he.init({ shape: [2, 3], fanIn: 2, fanOut: 3, rng: {} as never })).message).toMatch(
      /createRng/,
    );
  });

  function xavierClone() {
    const { name, description, params, init } = getInitializer('xavier').definition;
    return { name, description, params, init };
  }
});

describe('defineInitializer rejects malformed definitions', () => {
  const base = { name: 'ok', description: 'fine', params: {}, init: () => {} };
  it.each([
    [{ ...base, name: '2fast' }, /name must start with a letter/],
    [{ ...base, name: 'has space' }, /name must start with a letter/],
    [{ ...base, description: 'two\nlines' }, /description must be one non-empty line/],
    [{ ...base, init: undefined }, /init must be a function/],
    [
      { ...base, params: { std: { type: 'number', default: 0, min: 0, exclusiveMin: true, description: 'σ' } } },
      /default of parameter 'std' is out of its own range.*must be a number > 0, got 0/,
    ],
    [
      { ...base, params: { k: { type: 'enum', options: ['a', 'b'], default: 'c', description: 'k' } } },
      /must be one of 'a', 'b', got 'c'/,
    ],
    [
      { ...base, params: { k: { type: 'enum', options: [], default: 'c', description: 'k' } } },
      /options must be a non-empty list/,
    ],
    [
      { ...base, params: { k: { type: 'number', default: 1, min: 2, max: 0, description: 'k' } } },
      /min 2 is greater than max 0/,
    ],
    [
      { ...base, params: { k: { type: 'boolean', default: true, description: 'k' } } },
      /type must be 'number' or 'enum', got 'boolean'/,
    ],
    [
      { ...base, params: { name: { type: 'number', default: 1, description: 'clashes with the spec key' } } },
      /identifier other than 'name'/,
    ],
    [{ ...base, params: { k: { type: 'number', default: 1 } } }, /parameter 'k' needs a description/],
    [{ ...base, params: { k: 5 } }, /parameter 'k' needs a schema object, got 5/],
    [
      { ...base, params: { k: { type: 'number', default: 0, min: Number.NaN, description: 'k' } } },
      /parameter 'k': min must be a finite number, got NaN/,
    ],
    [
      { ...base, params: { k: { type: 'enum', options: ['a', 'a'], default: 'a', description: 'k' } } },
      /parameter 'k': options repeat a value/,
    ],
  ])('%#: %j', (definition, message) => {
    expect(caught(() => defineInitializer(definition as never)).message).toMatch(message);
  });
});

describe('getInitializer', () => {
  it('suggests the closest names for an unknown initializer', () => {
    const error = caught(() => getInitializer('xaviar'));
    expect(error.message).toBe(
      "unknown initializer 'xaviar' — did you mean 'xavier'? (see `initlab list initializers`)",
    );
    expect(error.suggestions).toEqual(['xavier']);
    expect(caught(() => getInitializer('glorot_uniform')).message).toMatch(/did you mean 'glorotUniform'\?/);
    expect(caught(() => getInitializer('kaiming')).message).toMatch(
      /did you mean 'kaimingNormal' or 'kaimingUniform'\?/,
    );
    expect(caught(() => getInitializer('He')).suggestions).toEqual(['he']);
    expect(caught(() => getInitializer('qwertyuiop')).message).toBe(
      "unknown initializer 'qwertyuiop' (see `initlab list initializers`)",
    );
  });

  it.each([
    [{ name: 'normal', std: 0 }, 'std', 0, "initializer 'normal': parameter 'std' must be a number > 0, got 0"],
    [{ name: 'normal', std: -1 }, 'std', -1, "initializer 'normal': parameter 'std' must be a number > 0, got -1"],
    [
      { name: 'normal', std: Number.NaN },
      'std',
      Number.NaN,
      "initializer 'normal': parameter 'std' must be a number > 0, got NaN",
    ],
    [
      { name: 'normal', mean: Infinity },
      'mean',
      Infinity,
      "initializer 'normal': parameter 'mean' must be a finite number, got Infinity",
    ],
    [
      { name: 'normal', std: 'wide' },
      'std',
      'wide',
      "initializer 'normal': parameter 'std' must be a number > 0, got 'wide'",
    ],
    [
      { name: 'varianceScaling', mode: 'fan_avg' },
      'mode',
      'fan_avg',
      "initializer 'varianceScaling': parameter 'mode' must be one of 'fanIn', 'fanOut', 'fanAvg', got 'fan_avg' — did you mean 'fanAvg'?",
    ],
    [
      { name: 'varianceScaling', distribution: 'gaussian' },
      'distribution',
      'gaussian',
      "initializer 'varianceScaling': parameter 'distribution' must be one of 'normal', 'truncatedNormal', 'uniform', got 'gaussian'",
    ],
    [
      { name: 'kaimingNormal', nonlinearity: 'gelu' },
      'nonlinearity',
      'gelu',
      "initializer 'kaimingNormal': parameter 'nonlinearity' must be one of 'linear', 'conv', 'sigmoid', 'tanh', 'relu', 'leaky_relu', 'selu', got 'gelu' — did you mean 'relu'?",
    ],
    [
      { name: 'kaimingUniform', nonlinearity: 'tanh', a: 0.1 },
      'a',
      0.1,
      "initializer 'kaimingUniform': parameter 'a' only applies to nonlinearity 'leaky_relu' (got a = 0.1 with 'tanh'); use a = 0",
    ],
    [
      { name: 'normal', sd: 0.1 },
      'sd',
      0.1,
      "initializer 'normal': unknown parameter 'sd' — did you mean 'std'? (its parameters are std, mean)",
    ],
    [{ name: 'he', gain: 2 }, 'gain', 2, "initializer 'he': unknown parameter 'gain' ('he' takes no parameters)"],
    [
      { name: 'uniform', low: 1, high: 1 },
      'high',
      1,
      "initializer 'uniform': parameter 'high' must be greater than low = 1, got 1",
    ],
    [
      { name: 'orthogonal', gain: -1 },
      'gain',
      -1,
      "initializer 'orthogonal': parameter 'gain' must be a number > 0, got -1",
    ],
  ])('rejects %j', (spec, parameter, value, message) => {
    const error = caught(() => getInitializer(spec as never));
    expect(error.message).toBe(message);
    expect(error.initializer).toBe(spec.name);
    expect(error.parameter).toBe(parameter);
    expect(error.value).toEqual(value);
  });

  it('fills defaults and labels with the parameters given or changed', () => {
    expect(getInitializer('kaimingNormal').params).toEqual({ mode: 'fanIn', nonlinearity: 'leaky_relu', a: 0 });
    expect(getInitializer('normal').params).toEqual({ std: 0.01, mean: 0 });
    expect(getInitializer('normal').label).toBe('normal');
    expect(getInitializer({ name: 'normal', std: 0.01 }).label).toBe('normal(std=0.01)');
    expect(getInitializer({ name: 'normal', mean: 1, std: 1 }).label).toBe('normal(std=1, mean=1)');
    expect(getInitializer('he').label).toBe('he');
    expect(getInitializer({ name: 'varianceScaling', mode: 'fanAvg' }).label).toBe('varianceScaling(mode=fanAvg)');
  });

  it('reads numbers typed as strings, and label syntax with spaces', () => {
    expect(getInitializer({ name: 'normal', std: '1e-3' }).params.std).toBe(0.001);
    expect(getInitializer(' normal ( std = 0.1 , mean=-2 ) ').params).toEqual({ std: 0.1, mean: -2 });
    expect(getInitializer('normal()').params).toEqual({ std: 0.01, mean: 0 });
    expect(caught(() => getInitializer('normal(std)')).message).toBe(
      "cannot read initializer spec 'normal(std)': 'std' is not 'param=value'",
    );
    expect(caught(() => getInitializer('normal(std=0.1')).message).toMatch(
      /expected 'name' or 'name\(param=value, \.\.\.\)'/,
    );
    expect(caught(() => getInitializer({ std: 1 } as never)).message).toMatch(/needs a string 'name'/);
  });

  it("round-trips every built-in's label with non-default parameters", () => {
    for (const definition of listInitializers()) {
      const changed: Record<string, number | string> = {};
      for (const [key, spec] of Object.entries(definition.params)) {
        changed[key] = spec.type === 'enum' ? spec.options[spec.options.length - 1] : spec.default + 0.5;
      }
      if (definition.name === 'kaimingNormal' || definition.name === 'kaimingUniform')
        changed.nonlinearity = 'leaky_relu';
      const resolved = getInitializer({ name: definition.name, ...changed });
      expect(getInitializer(resolved.label).params).toEqual(resolved.params);
    }
  });
});

describe('one registry per process', () => {
  it('is shared by two separately loaded module instances', async () => {
    vi.resetModules();
    const first = await import('../src/index.js');
    vi.resetModules();
    const second = await import('../src/index.js');
    expect(second.registerInitializer).not.toBe(first.registerInitializer);
    first.registerInitializer(
      first.defineInitializer({
        name: 'fromFirstCopy',
        description: 'x',
        params: {},
        init: (_c, _p, out) => out.fill(3),
      }),
    );
    expect(second.getInitializer('fromFirstCopy').init(denseContext(1, 2, createRng(0)))).toEqual(
      new Float32Array([3, 3]),
    );
    expect(getInitializer('fromFirstCopy').name).toBe('fromFirstCopy');
    const error = caught(() => second.getInitializer('nope'));
    expect(error).toBeInstanceOf(first.InitializerError);
    expect(error).not.toBeInstanceOf(RangeError);
  });

  const cjsBuild = new URL('../dist/index.cjs', import.meta.url);
  it.skipIf(!existsSync(cjsBuild))('is shared by the ESM source and the CJS build (run the build first)', () => {
    const cjs = createRequire(import.meta.url)(cjsBuild.pathname) as typeof import('../src/index.js');
    registerInitializer(
      defineInitializer({ name: 'fromEsm', description: 'x', params: {}, init: (_c, _p, out) => out.fill(1) }),
    );
    expect(cjs.getInitializer('fromEsm').label).toBe('fromEsm');
    cjs.registerInitializer(
      cjs.defineInitializer({ name: 'fromCjs', description: 'x', params: {}, init: (_c, _p, out) => out.fill(2) }),
    );
    expect(getInitializer('fromCjs').init(denseContext(1, 1, createRng(0)))[0]).toBe(2);
    expect(cjs.listInitializers().map((d) => d.name)).toEqual(listInitializers().map((d) => d.name));
    expect(caught(() => cjs.getInitializer('xaviar'))).toBeInstanceOf(cjs.InitializerError);
  });

  it.skipIf(!existsSync(cjsBuild))('picks up a plugin module that imports the package by name', async () => {
    await import(new URL('./fixtures/plugin.mjs', import.meta.url).href);
    expect(getInitializer('pluginHalf').init(denseContext(1, 3, createRng(0)))).toEqual(
      new Float32Array([0.5, 0.5, 0.5]),
    );
  });
});
