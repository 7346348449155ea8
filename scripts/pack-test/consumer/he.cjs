// The same as he.mjs through the CommonJS entry points.
const { createRng } = require('@initlab/tensor');
const { denseContext, getInitializer } = require('@initlab/initializers');

const weights = getInitializer('he').init(denseContext(784, 100, createRng(42)));
let sum = 0;
for (const w of weights) sum += w;
const mean = sum / weights.length;
let squares = 0;
for (const w of weights) squares += (w - mean) ** 2;
console.log(
  JSON.stringify({
    count: weights.length,
    mean,
    std: Math.sqrt(squares / weights.length),
    first: Array.from(weights.subarray(0, 4)),
  }),
);
