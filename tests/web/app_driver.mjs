// Drives the member app (web/src/ui) in real Chromium (Debian's /usr/bin/chromium through playwright-core, which
// downloads no browser) for tests/web/test_web_app.py: one JSON command per line on stdin, one JSON answer per line
// on stdout, so the Python test keeps the scenario and the Python SDK participants in one place.
// Every request the page makes and every console message are recorded for the test to check (origin only, no CSP
// violation). Shared mode (tests/web/test_web_scenario.py): `open` puts each named person in a context of one Chromium;
// a command carrying `ctx` acts on that person, and one carrying `tag` runs beside the others, answered with its tag.
import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web');
// playwright-core lives in web/node_modules; resolve it from there.
const { chromium } = createRequire(join(web, 'package.json'))('playwright-core');
const executablePath = process.env.HAVEN_CHROMIUM ?? '/usr/bin/chromium';

// One person's browser: a persistent context of its own Chromium (`start`), or, in shared mode, a context of one
// Chromium that several people share (`open`). Ops act on the person the command names (`ctx`), else on the one.
const newPerson = () => ({ context: null, page: null, profile: null, requests: [], consoleMessages: [] });
const solo = newPerson();
const people = new Map();
const scope = new AsyncLocalStorage();
const me = () => scope.getStore() ?? solo;
let shared = null;
const chromiumArgs = (locale) => ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', `--lang=${locale}`];

function watch(person) {
  person.context.on('request', (r) => person.requests.push(r.url()));
  person.page.on('websocket', (ws) => person.requests.push(ws.url()));
  person.page.on('console', (m) => person.consoleMessages.push(`${m.type()}: ${m.text()}`));
  person.page.on('pageerror', (e) => person.consoleMessages.push(`pageerror: ${e}`));
}

const ops = {
  // A phone (360x640, touch) unless told otherwise; staff screens start at a laptop's 1280x800 (no touch).
  async start({ locale = 'en-US', width = 360, height = 640, mobile = width < 768 }) {
    const person = me();
    person.profile = mkdtempSync(join(tmpdir(), 'haven-app-'));
    person.context = await chromium.launchPersistentContext(person.profile, {
      executablePath,
      headless: true,
      locale,
      viewport: { width, height },
      deviceScaleFactor: 1,
      isMobile: mobile,
      hasTouch: mobile,
      args: chromiumArgs(locale),
    });
    person.page = person.context.pages()[0] ?? (await person.context.newPage());
    watch(person);
    return {};
  },
  /** Shared mode: person `ctx` in a browser context of its own (storage, service worker, cache and history apart)
   * of the one Chromium that every `open` shares, launched by the first. Seven Chromium processes are too heavy
   * for a 2-core CI machine; seven contexts in one are not. Later commands naming `ctx` act on this person. */
  async open({ ctx, locale = 'en-US', width = 360, height = 640, mobile = width < 768 }) {
    shared ??= await chromium.launch({ executablePath, headless: true, args: chromiumArgs(locale) });
    const person = newPerson();
    person.context = await shared.newContext({
      locale, viewport: { width, height }, deviceScaleFactor: 1, isMobile: mobile, hasTouch: mobile,
    });
    person.page = await person.context.newPage();
    watch(person);
    people.set(ctx, person);
    return {};
  },
  /** Playwright's clock: time flows as usual until the test jumps it forward (the idle lock, without waiting). */
  async clock() {
    await me().page.clock.install();
    return {};
  },
  async fastForward({ duration }) {
    await me().page.clock.fastForward(duration);
    return {};
  },
  /** A laptop-sized window for the staff screens (desktop first), or back to a phone. */
  async viewport({ width, height }) {
    await me().page.setViewportSize({ width, height });
    return {};
  },
  async goto({ url }) {
    const response = await me().page.goto(url);
    await me().page.waitForFunction(() => document.documentElement.dataset.ready === 'true' || document.title !== '', null, { timeout: 30_000 });
    return { status: response?.status() ?? 0, headers: response ? await response.allHeaders() : {} };
  },
  async reload() {
    await me().page.reload();
    return {};
  },
  async click({ selector }) {
    await me().page.locator(selector).first().click({ timeout: 30_000 });
    return {};
  },
  async fill({ selector, value }) {
    await me().page.locator(selector).first().fill(value, { timeout: 30_000 });
    return {};
  },
  /** Picks the option of a <select> whose text contains `text` (a colleague by name); returns its value. */
  async select({ selector, text }) {
    const select = me().page.locator(selector).first();
    const value = await select.locator('option', { hasText: text }).first().getAttribute('value', { timeout: 30_000 });
    await select.selectOption(value ?? '', { timeout: 30_000 });
    return { value };
  },
  /** Where an element is on the page (x, y, width, height): columns side by side, say. */
  async box({ selector }) {
    return { box: await me().page.locator(selector).first().boundingBox({ timeout: 30_000 }) };
  },
  /** Waits until no element matches `selector` (a column that went away). */
  async gone({ selector, ms = 60_000 }) {
    await me().page.locator(selector).first().waitFor({ state: 'detached', timeout: ms });
    return {};
  },
  /** A new viewport size for the page (a narrow window on a laptop, say). */
  async viewport({ width, height }) {
    await me().page.setViewportSize({ width, height });
    return {};
  },
  async press({ selector, key }) {
    await me().page.locator(selector).first().press(key, { timeout: 30_000 });
    return {};
  },
  async wait({ selector, ms = 60_000, text = null }) {
    const locator = text === null ? me().page.locator(selector).first() : me().page.locator(selector, { hasText: text }).first();
    await locator.waitFor({ state: "visible", timeout: ms });
    return { text: await locator.textContent() };
  },
  async screen({ name, ms = 60_000 }) {
    await me().page.waitForFunction((n) => document.getElementById('app')?.dataset.screen === n, name, { timeout: ms });
    return {};
  },
  async texts({ selector }) {
    return { texts: await me().page.locator(selector).allTextContents() };
  },
  async screenshot({ path }) {
    await me().page.evaluate(() => document.fonts.ready);
    await me().page.screenshot({ path, fullPage: false });
    return {};
  },
  /** One element's pixels as the page shows them (tests/web/test_web_member.py decodes a QR code from it). */
  async elementShot({ selector, path }) {
    await me().page.locator(selector).first().screenshot({ path, timeout: 30_000 });
    return {};
  },
  async evaluate({ expression }) {
    return { value: await me().page.evaluate(expression) };
  },
  /** Everything the origin keeps where a searcher could look: IndexedDB (every database, store and record), Cache
   * Storage, localStorage and sessionStorage. Every record is returned as base64 (non-bytes as their JSON), so the test can search them. */
  async storage() {
    const value = await me().page.evaluate(async () => {
      const out = { indexedDB: {}, caches: [], localStorage: Object.keys(localStorage), sessionStorage: Object.keys(sessionStorage) };
      for (const info of await indexedDB.databases()) {
        const db = await new Promise((resolve, reject) => {
          const r = indexedDB.open(info.name);
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
        const stores = {};
        for (const name of db.objectStoreNames) {
          const values = await new Promise((resolve, reject) => {
            const r = db.transaction(name, 'readonly').objectStore(name).getAll();
            r.onsuccess = () => resolve(r.result);
            r.onerror = () => reject(r.error);
          });
          stores[name] = values.map((v) => {
            const bytes = v instanceof Uint8Array ? v : v instanceof ArrayBuffer ? new Uint8Array(v) : new TextEncoder().encode(JSON.stringify(v));
            let text = '';
            for (const b of bytes) text += String.fromCharCode(b);
            return btoa(text);
          });
        }
        db.close();
        out.indexedDB[info.name] = stores;
      }
      if ('caches' in self) out.caches = await caches.keys();
      out.cached = [];
      for (const name of out.caches) for (const r of await (await caches.open(name)).keys()) out.cached.push(r.url);
      out.serviceWorkers = (await navigator.serviceWorker.getRegistrations()).length;
      return out;
    });
    return { value };
  },
  /** axe-core's accessibility check of the current screen (injected over the DevTools protocol, which the page's
   * CSP does not govern; the app itself never loads it). Returns the serious and critical violations. */
  async axe() {
    if (!(await me().page.evaluate(() => 'axe' in window))) {
      await me().page.evaluate(readFileSync(join(web, 'node_modules/axe-core/axe.min.js'), 'utf8'));
    }
    const violations = await me().page.evaluate(async () => {
      const r = await window.axe.run(document, { resultTypes: ['violations'] });
      return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
    });
    return { violations };
  },
  async report() {
    return { requests: me().requests, console: me().consoleMessages };
  },
  async close() {
    const person = me();
    if (person.context) await person.context.close();
    if (person.profile) rmSync(person.profile, { recursive: true, force: true });
    person.context = null;
    return {};
  },
  /** Shared mode: every person's context closed, then the one Chromium. */
  async quit() {
    for (const person of people.values()) if (person.context) await person.context.close();
    people.clear();
    if (shared) await shared.close();
    shared = null;
    return {};
  },
};

const lines = createInterface({ input: process.stdin });
const answer = (tag, reply) => process.stdout.write(`${JSON.stringify(tag === undefined ? reply : { tag, ...reply })}\n`);

async function run(op, args) {
  try {
    return { ok: true, ...(await ops[op](args)) };
  } catch (e) {
    return { ok: false, error: String(e?.stack ?? e).slice(0, 4000) };
  }
}

for await (const line of lines) {
  if (!line.trim()) continue;
  const { op, ctx, tag, ...args } = JSON.parse(line);
  // A command naming a person acts on that person's page; one carrying a tag runs beside the others (people in
  // shared mode wait on their own screens at the same time) and its answer carries the tag back.
  const person = ctx === undefined || op === 'open' ? undefined : people.get(ctx);
  const work = async () => {
    if (ctx !== undefined && op !== 'open' && person === undefined) return { ok: false, error: `no person ${ctx} (open it first)` };
    if (person === undefined) return run(op, op === 'open' ? { ctx, ...args } : args);
    return scope.run(person, () => run(op, args));
  };
  if (tag !== undefined) {
    void work().then((reply) => answer(tag, reply));
    continue;
  }
  answer(undefined, await work());
  if (op === 'close' && ctx === undefined) break;
  if (op === 'quit') break;
}
process.exit(0);
