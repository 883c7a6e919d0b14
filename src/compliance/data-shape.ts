/**
 * Small shape checks for the compliance data files (decision tree, label groups, requirement catalogue).
 * Every failure names the file and the place in it, so a broken or newer file is rejected with a message
 * a maintainer can act on instead of surfacing later as a wrong classification.
 */

export class ComplianceDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ComplianceDataError';
  }
}

/** Where a value sits: the file, then a path such as `questions[3].answers[1]`. */
export class Place {
  constructor(readonly source: string, readonly path: string = '') {}

  at(key: string | number): Place {
    if (typeof key === 'number') return new Place(this.source, `${this.path}[${key}]`);
    return new Place(this.source, this.path ? `${this.path}.${key}` : key);
  }

  fail(message: string): never {
    throw new ComplianceDataError(`${this.source}${this.path ? ` at ${this.path}` : ''}: ${message}`);
  }
}

export type Shaped = Record<string, unknown>;

/** An object with only the given keys (a misspelt key is an error, not silently ignored). */
export function object(value: unknown, place: Place, allowed: readonly string[]): Shaped {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) place.fail('expected an object');
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) place.fail(`unknown key "${key}" (allowed: ${allowed.join(', ')})`);
  }
  return value as Shaped;
}

/** An object whose keys are data (any key allowed). */
export function record(value: unknown, place: Place): Shaped {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) place.fail('expected an object');
  return value as Shaped;
}

export function string(value: unknown, place: Place): string {
  if (typeof value !== 'string') place.fail(`expected a string, found ${describe(value)}`);
  return value;
}

export function optionalString(value: unknown, place: Place): string | undefined {
  return value === undefined ? undefined : string(value, place);
}

export function array(value: unknown, place: Place, min = 0, max = Infinity): unknown[] {
  if (!Array.isArray(value)) place.fail(`expected a list, found ${describe(value)}`);
  if (value.length < min) place.fail(`expected at least ${min} item(s), found ${value.length}`);
  if (value.length > max) place.fail(`expected at most ${max} item(s), found ${value.length}`);
  return value;
}

export function strings(value: unknown, place: Place, min = 0): string[] {
  return array(value, place, min).map((item, i) => string(item, place.at(i)));
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}
