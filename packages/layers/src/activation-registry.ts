import { closestNames, quotedList } from '@initlab/initializers';
import { LeakyRelu, Linear, Relu, Sigmoid, Tanh } from './activations.js';
import { LayerError } from './errors.js';
import type { Layer } from './types.js';

/** The activations a `MultiLayerNet` can use between its affine layers. */
export type ActivationName = 'sigmoid' | 'relu' | 'tanh' | 'leakyRelu' | 'linear';

const activations: Record<ActivationName, { description: string; create(id: string | number): Layer }> = {
  sigmoid: {
    description: '1/(1+e^−x): saturates at 0 and 1; pairs with Xavier (the book’s vanishing-gradient example)',
    create: (id) => new Sigmoid(id),
  },
  relu: { description: 'max(0, x): pairs with He initialization', create: (id) => new Relu(id) },
  tanh: { description: 'tanh(x): zero-centred sigmoid; pairs with Xavier', create: (id) => new Tanh(id) },
  leakyRelu: {
    description: 'x for x > 0, 0.01·x otherwise: ReLU that keeps a small gradient for negative inputs',
    create: (id) => new LeakyRelu(0.01, id),
  },
  linear: {
    description: 'x: no non-linearity, for deep linear nets (Saxe et al. 2013)',
    create: (id) => new Linear(id),
  },
};

/** Every activation name with a one-line description, for command lines and menus. */
export function listActivations(): { name: ActivationName; description: string }[] {
  return Object.entries(activations).map(([name, { description }]) => ({ name: name as ActivationName, description }));
}

/** A new activation layer by name (`Relu1` for `('relu', 1)`); unknown names throw with the closest ones. */
export function createActivation(name: string, id: string | number = ''): Layer {
  if (!Object.hasOwn(activations, name)) {
    const names = Object.keys(activations);
    const nearest = quotedList(closestNames(name, names, { limit: 2, reach: 'all' }));
    throw new LayerError(`unknown activation '${name}' — did you mean ${nearest}? (valid: ${names.join(', ')})`);
  }
  return activations[name as ActivationName].create(id);
}
