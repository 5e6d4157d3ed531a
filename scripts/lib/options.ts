/**
 * Command-line options of the eval and bench commands: Node's `util.parseArgs` for the
 * syntax (unknown options are refused), plus the number and choice checks it lacks, so
 * every mistake is reported as one clear line before anything is built or launched.
 */
import { parseArgs } from 'node:util';

/** A mistake on the command line; the command prints it with its usage and exits with 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Options as util.parseArgs declares them. */
export type OptionTypes = Record<string, { type: 'string' | 'boolean' }>;

/** Raw values: strings for string options, booleans for flags. */
export type RawValues = Record<string, string | boolean | undefined>;

/** Parses `argv` against `options`; throws UsageError on unknown options or stray words. */
export function parseOptions(argv: readonly string[], options: OptionTypes): RawValues {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values;
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

/** A string option's value, or undefined when absent. */
export function stringOption(values: RawValues, name: string): string | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} needs a value`);
  return v;
}

/** An integer option of at least `min`, or undefined when absent. */
export function intOption(values: RawValues, name: string, min = 1): number | undefined {
  const text = stringOption(values, name);
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) {
    throw new UsageError(`--${name} must be an integer >= ${min}, got "${text}"`);
  }
  return n;
}

/** A choice among `choices`, or undefined when absent. */
export function choiceOption<T extends string>(
  values: RawValues,
  name: string,
  choices: readonly T[],
): T | undefined {
  const text = stringOption(values, name);
  if (text === undefined) return undefined;
  if (!(choices as readonly string[]).includes(text)) {
    throw new UsageError(`--${name} must be one of ${choices.join(', ')}; got "${text}"`);
  }
  return text as T;
}

/** A comma-separated list of choices, or undefined when absent. */
export function listOption<T extends string>(
  values: RawValues,
  name: string,
  choices: readonly T[],
): T[] | undefined {
  const text = stringOption(values, name);
  if (text === undefined) return undefined;
  const items = text.split(',').map((s) => s.trim());
  const bad = items.filter((s) => !(choices as readonly string[]).includes(s));
  if (bad.length > 0 || items.length === 0) {
    throw new UsageError(`--${name} takes a comma-separated list of ${choices.join(', ')}`);
  }
  return items as T[];
}
