/**
 * A plugin: importing this module registers `fixedVarianceUniform` with initlab,
 * so `initlab run seed-he --plugin <this file> --initializers he,fixedVarianceUniform` compares it.
 *
 * The point it makes: a constant variance ignores the layer's fan-in, so it only suits one width.
 * With variance 2/784 it is He's first layer exactly, and too small for every narrower layer after it.
 */
import { defineInitializer, fillUniform, registerInitializer } from '@initlab/initializers';

export const fixedVarianceUniform = defineInitializer({
  name: 'fixedVarianceUniform',
  description: 'uniform on ±√(3·variance): the same variance in every layer, whatever its fan-in',
  params: {
    variance: { type: 'number', default: 2 / 784, min: 0, exclusiveMin: true, description: 'variance of every weight' },
  },
  init({ rng }, { variance }, out) {
    const limit = Math.sqrt(3 * variance);
    fillUniform(out, -limit, limit, rng);
  },
});

registerInitializer(fixedVarianceUniform, { replace: true });
