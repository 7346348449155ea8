import { InitializerError, show } from './errors.js';

/** The nonlinearities `calculateGain` knows, as in PyTorch's `torch.nn.init.calculate_gain`. */
export const NONLINEARITIES = ['linear', 'conv', 'sigmoid', 'tanh', 'relu', 'leaky_relu', 'selu'] as const;

/** One of {@link NONLINEARITIES}. */
export type Nonlinearity = (typeof NONLINEARITIES)[number];

/** PyTorch's default negative slope when `calculateGain('leaky_relu')` gets no parameter. */
const DEFAULT_LEAKY_SLOPE = 0.01;

function checkNonlinearity(nonlinearity: string, param: number | undefined): void {
  if (!(NONLINEARITIES as readonly string[]).includes(nonlinearity)) {
    throw new InitializerError(
      `calculateGain: unknown nonlinearity ${show(nonlinearity)} (valid: ${NONLINEARITIES.join(', ')})`,
      { parameter: 'nonlinearity', value: nonlinearity },
    );
  }
  if (param === undefined) return;
  if (nonlinearity !== 'leaky_relu') {
    throw new InitializerError(
      `calculateGain: '${nonlinearity}' takes no parameter, got ${show(param)} (only 'leaky_relu' takes a negative slope)`,
      { parameter: 'param', value: param },
    );
  }
  if (typeof param !== 'number' || !Number.isFinite(param)) {
    throw new InitializerError(
      `calculateGain: the leaky_relu negative slope must be a finite number, got ${show(param)}`,
      {
        parameter: 'param',
        value: param,
      },
    );
  }
}

/**
 * The square of {@link calculateGain}, computed without a square root so that `kaimingNormal` with ReLU
 * uses exactly `2 / fanIn` and reproduces `he` bit for bit.
 */
export function gainSquared(nonlinearity: Nonlinearity, param?: number): number {
  checkNonlinearity(nonlinearity, param);
  switch (nonlinearity) {
    case 'tanh':
      return (5 / 3) * (5 / 3);
    case 'relu':
      return 2;
    case 'leaky_relu': {
      const slope = param ?? DEFAULT_LEAKY_SLOPE;
      return 2 / (1 + slope * slope);
    }
    case 'selu':
      return (3 / 4) * (3 / 4);
    default:
      return 1;
  }
}

/**
 * The gain that keeps activations' variance stable through a nonlinearity, as PyTorch's `calculate_gain`:
 * linear, conv, sigmoid 1; tanh 5/3; relu √2; leaky_relu √(2 / (1 + slope²)) with slope `param`
 * (default 0.01); selu 3/4. Only `leaky_relu` accepts `param`.
 */
export function calculateGain(nonlinearity: Nonlinearity, param?: number): number {
  checkNonlinearity(nonlinearity, param);
  switch (nonlinearity) {
    case 'tanh':
      return 5 / 3;
    case 'selu':
      return 3 / 4;
    default:
      return Math.sqrt(gainSquared(nonlinearity, param));
  }
}
