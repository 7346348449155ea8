import { describe, expect, it } from 'vitest';
import { Adam, createOptimizer, listOptimizers, type Nesterov, OptimizerError, RMSprop } from '../src/index.js';

describe('createOptimizer', () => {
  it('suggests the closest names for an unknown optimizer', () => {
    expect(() => createOptimizer('adma')).toThrow(OptimizerError);
    expect(() => createOptimizer('adma')).toThrow(/unknown optimizer 'adma' — did you mean 'adam'/);
    expect(() => createOptimizer('toString')).toThrow(/unknown optimizer 'toString'/);
  });

  it('names the optimizer, the setting and the valid range for a bad value', () => {
    expect(() => createOptimizer({ name: 'adam', beta2: 1 })).toThrow(
      /adam: beta2 must be a number in \[0, 1\), got 1/,
    );
    expect(() => createOptimizer({ name: 'sgd', lr: 0 })).toThrow(/sgd: lr must be a number in \(0, ∞\), got 0/);
    expect(() => createOptimizer({ name: 'momentum', lr: 'fast' })).toThrow(/momentum: lr .* got "fast"/);
    expect(() => new RMSprop({ weightDecay: -1 })).toThrow(/rmsprop: weightDecay must be a number in \[0, ∞\)/);
  });

  it('suggests the closest setting for an unknown one', () => {
    expect(() => createOptimizer({ name: 'rmsprop', decay: 0.9 })).toThrow(/did you mean 'decayRate'/);
  });

  it('reads numeric strings and fills in the book defaults', () => {
    const adam = createOptimizer({ name: 'adam', lr: '0.01' }) as Adam;
    expect(adam).toBeInstanceOf(Adam);
    expect(adam.settings).toEqual({ lr: 0.01, beta1: 0.9, beta2: 0.999, weightDecay: 0 });
    expect((createOptimizer('nesterov') as Nesterov).settings).toEqual({ lr: 0.01, momentum: 0.9, weightDecay: 0 });
  });

  it('rejects a gradient whose length differs from the value', () => {
    const param = { name: 'W1', value: new Float32Array(3), grad: new Float32Array(2) };
    expect(() => createOptimizer('sgd').update([param])).toThrow(/sgd: parameter 'W1' has 3 values but 2 gradients/);
  });
});

describe('listOptimizers', () => {
  it('lists the six rules with the book defaults', () => {
    const list = listOptimizers();
    expect(list.map((entry) => entry.name)).toEqual(['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam']);
    const defaults = Object.fromEntries(
      list.map((entry) => [
        entry.name,
        Object.fromEntries(Object.entries(entry.params).map(([k, p]) => [k, p.default])),
      ]),
    );
    expect(defaults).toEqual({
      sgd: { lr: 0.01, weightDecay: 0 },
      momentum: { lr: 0.01, momentum: 0.9, weightDecay: 0 },
      nesterov: { lr: 0.01, momentum: 0.9, weightDecay: 0 },
      adagrad: { lr: 0.01, weightDecay: 0 },
      rmsprop: { lr: 0.01, decayRate: 0.99, weightDecay: 0 },
      adam: { lr: 0.001, beta1: 0.9, beta2: 0.999, weightDecay: 0 },
    });
    expect(list[5].params.beta1.range).toBe('[0, 1)');
  });
});
