import { z } from 'zod';
import { show } from './errors.js';

/*
 * The schema a plugin author writes for each parameter, checked by `defineInitializer`. The ParamSpec type is
 * derived from it; each message completes "parameter 'x'" in the error it becomes (`needs …` or `: …`).
 */

const description = z
  .string({ error: 'needs a description' })
  .refine((text) => text.trim() !== '', { error: 'needs a description' });

const finiteBound = (bound: 'min' | 'max') =>
  z.number({ error: (issue) => `${bound} must be a finite number, got ${show(issue.input)}` }).optional();

const numberSpec = z
  .object({
    type: z.literal('number'),
    default: z.number({ error: (issue) => `default must be a number, got ${show(issue.input)}` }),
    min: finiteBound('min'),
    max: finiteBound('max'),
    /** When true the value must be strictly greater than `min`. */
    exclusiveMin: z.boolean().optional(),
    /** When true the value must be strictly less than `max`. */
    exclusiveMax: z.boolean().optional(),
    description,
  })
  .refine(({ min, max }) => min === undefined || max === undefined || min <= max, {
    error: (issue) => {
      const { min, max } = issue.input as { min: number; max: number };
      return `min ${min} is greater than max ${max}`;
    },
  });

const enumSpec = z.object({
  type: z.literal('enum'),
  options: z
    .array(z.string().min(1, { error: 'options must be a non-empty list of non-empty strings' }), {
      error: 'options must be a non-empty list of non-empty strings',
    })
    .min(1, { error: 'options must be a non-empty list of non-empty strings' })
    .refine((options) => new Set(options).size === options.length, { error: 'options repeat a value' })
    .readonly(),
  default: z.string(),
  description,
});

/** Schema of one initializer parameter: its type, default, valid range and a one-line description. */
export const paramSpecSchema = z.discriminatedUnion('type', [numberSpec, enumSpec], {
  error: (issue) =>
    typeof issue.input === 'object' && issue.input !== null
      ? `type must be 'number' or 'enum', got ${show((issue.input as { type?: unknown }).type)}`
      : `needs a schema object, got ${show(issue.input)}`,
});

/** Schema of one initializer parameter: its type, default, valid range and a one-line description. */
export type ParamSpec = z.infer<typeof paramSpecSchema>;

/** The first problem of a parameter's schema, as words that follow "parameter 'x'", or undefined. */
export function paramSpecProblem(spec: unknown): string | undefined {
  const parsed = paramSpecSchema.safeParse(spec);
  if (parsed.success) return undefined;
  const { message } = parsed.error.issues[0];
  return message.startsWith('needs ') ? ` ${message}` : `: ${message}`;
}
