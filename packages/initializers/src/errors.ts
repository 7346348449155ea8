/** Marks every InitializerError, so `instanceof` works across two loaded copies of this package. */
const BRAND = Symbol.for('initlab.initializers.InitializerError');

/** Details attached to an {@link InitializerError}. */
export interface InitializerErrorDetails {
  /** The initializer involved, when known. */
  initializer?: string;
  /** The parameter involved, when the error is about one. */
  parameter?: string;
  /** The offending value. */
  value?: unknown;
  /** Close registered names, for an unknown initializer. */
  suggestions?: readonly string[];
}

/**
 * Thrown for an unknown initializer, an invalid parameter, a malformed definition or context.
 * The message names the bad value and what would be valid; the same facts are on the fields.
 */
export class InitializerError extends Error {
  override name = 'InitializerError';
  readonly initializer?: string;
  readonly parameter?: string;
  readonly value?: unknown;
  readonly suggestions: readonly string[];

  constructor(message: string, details: InitializerErrorDetails = {}) {
    super(message);
    this.initializer = details.initializer;
    this.parameter = details.parameter;
    this.value = details.value;
    this.suggestions = details.suggestions ?? [];
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** A plugin may bring its own copy of this package; its errors are still InitializerErrors. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class the check runs on (a subclass keeps the default check).
    if (this !== InitializerError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}

/** Renders a value for an error message: strings quoted, everything else as JavaScript would print it. */
export function show(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}
