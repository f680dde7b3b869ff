// node:assert/strict stand-in for the browser bundle: the handful of assertions the tests use, strict semantics.
export class AssertionError extends Error {
  override name = 'AssertionError';
}

function fmt(v: unknown): string {
  try {
    return JSON.stringify(v)?.slice(0, 300) ?? String(v);
  } catch {
    return String(v);
  }
}

function deepEq(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (a instanceof Uint8Array && b instanceof Uint8Array) return a.length === b.length && a.every((x, i) => x === b[i]);
  if (a instanceof Map && b instanceof Map) return deepEq([...a.entries()], [...b.entries()]);
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => deepEq((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function ok(value: unknown, message?: string): asserts value {
  if (!value) throw new AssertionError(message ?? `expected a truthy value, got ${fmt(value)}`);
}

function equal(actual: unknown, expected: unknown, message?: string): void {
  if (!Object.is(actual, expected)) throw new AssertionError(message ?? `${fmt(actual)} !== ${fmt(expected)}`);
}

function notEqual(actual: unknown, expected: unknown, message?: string): void {
  if (Object.is(actual, expected)) throw new AssertionError(message ?? `both are ${fmt(actual)}`);
}

function deepEqual(actual: unknown, expected: unknown, message?: string): void {
  if (!deepEq(actual, expected)) throw new AssertionError(message ?? `${fmt(actual)} does not deep-equal ${fmt(expected)}`);
}

function match(actual: string, pattern: RegExp, message?: string): void {
  if (!pattern.test(actual)) throw new AssertionError(message ?? `${fmt(actual)} does not match ${String(pattern)}`);
}

type ErrorClass = new (...args: never[]) => Error;
type Validate = (e: unknown) => boolean;

// As node:assert: a class is an instanceof check; any other function (no prototype, or not an Error class) validates
// the error itself and must return true.
function matches(e: unknown, expected?: ErrorClass | RegExp | Validate): boolean {
  if (expected === undefined) return true;
  if (expected instanceof RegExp) return expected.test(String(e instanceof Error ? e.message : e));
  if (expected.prototype !== undefined && e instanceof (expected as ErrorClass)) return true;
  if (Error.isPrototypeOf(expected) || expected === Error) return false;
  return (expected as Validate)(e) === true;
}

function throws(fn: () => unknown, expected?: ErrorClass | RegExp | Validate, message?: string): void {
  try {
    fn();
  } catch (e) {
    if (!matches(e, expected)) throw new AssertionError(message ?? `threw the wrong error: ${String(e)}`);
    return;
  }
  throw new AssertionError(message ?? 'expected the function to throw');
}

async function rejects(fn: Promise<unknown> | (() => Promise<unknown>), expected?: ErrorClass | RegExp | Validate, message?: string): Promise<void> {
  try {
    await (typeof fn === 'function' ? fn() : fn);
  } catch (e) {
    if (!matches(e, expected)) throw new AssertionError(message ?? `rejected with the wrong error: ${String(e)}`);
    return;
  }
  throw new AssertionError(message ?? 'expected a rejection');
}

const assert = Object.assign(ok, { ok, equal, notEqual, deepEqual, strictEqual: equal, deepStrictEqual: deepEqual, throws, rejects, match, AssertionError });
export default assert;
