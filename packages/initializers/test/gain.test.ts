import { describe, expect, it } from 'vitest';
import { InitializerError, calculateGain } from '../src/index.js';

describe('calculateGain', () => {
  it("returns PyTorch's calculate_gain values", () => {
    // Printed by Python: math.sqrt(2), 5/3, math.sqrt(2 / (1 + 0.01**2)), math.sqrt(2 / (1 + 0.2**2)).
    expect(calculateGain('linear')).toBe(1);
    expect(calculateGain('conv')).toBe(1);
    expect(calculateGain('sigmoid')).toBe(1);
    expect(calculateGain('tanh')).toBe(1.6666666666666667);
    expect(calculateGain('relu')).toBe(Math.SQRT2);
    expect(calculateGain('leaky_relu')).toBe(1.4141428569978354);
    expect(calculateGain('leaky_relu', 0.2)).toBe(1.3867504905630728);
    expect(calculateGain('leaky_relu', 0)).toBe(Math.SQRT2);
    expect(calculateGain('selu')).toBe(0.75);
  });

  it('rejects unknown nonlinearities, listing the valid ones', () => {
    expect(() => calculateGain('swish' as never)).toThrow(InitializerError);
    expect(() => calculateGain('swish' as never)).toThrow(
      /unknown nonlinearity 'swish' \(valid: linear, conv, sigmoid, tanh, relu, leaky_relu, selu\)/,
    );
  });

  it('rejects a parameter for nonlinearities that take none, and a non-finite slope', () => {
    expect(() => calculateGain('relu', 0.1)).toThrow(/'relu' takes no parameter, got 0\.1/);
    expect(() => calculateGain('leaky_relu', Number.NaN)).toThrow(/negative slope must be a finite number, got NaN/);
  });
});
