// node:test stand-in for the browser bundle (scripts/build.mjs aliases `node:test` here): the same test files
// register with `test`/`before`, and scripts/browser-test.mjs calls `runAll()` inside Chromium.
type Fn = () => void | Promise<void>;
const tests: Array<{ name: string; fn: Fn }> = [];
const befores: Fn[] = [];

export function test(name: string, fn: Fn): void {
  tests.push({ name, fn });
}

export function before(fn: Fn): void {
  befores.push(fn);
}

export interface Result {
  name: string;
  ok: boolean;
  error?: string;
}

export async function runAll(): Promise<Result[]> {
  for (const b of befores) await b();
  const out: Result[] = [];
  for (const t of tests) {
    try {
      await t.fn();
      out.push({ name: t.name, ok: true });
    } catch (e) {
      out.push({ name: t.name, ok: false, error: e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e) });
    }
  }
  return out;
}
