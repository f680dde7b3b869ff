// Drives the member app (web/src/ui) in real Chromium (Debian's /usr/bin/chromium through playwright-core, which
// downloads no browser) for tests/web/test_web_app.py: one JSON command per line on stdin, one JSON answer per line
// on stdout, so the Python test keeps the scenario and the Python SDK participants in one place.
// Every request the page makes and every console message are recorded for the test to check (origin only, no CSP
// violation).
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

let context = null;
let page = null;
let profile = null;
const requests = [];
const consoleMessages = [];

const ops = {
  // A phone (360x640, touch) unless told otherwise; staff screens start at a laptop's 1280x800 (no touch).
  async start({ locale = 'en-US', width = 360, height = 640, mobile = width < 768 }) {
    profile = mkdtempSync(join(tmpdir(), 'haven-app-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      locale,
      viewport: { width, height },
      deviceScaleFactor: 1,
      isMobile: mobile,
      hasTouch: mobile,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync', `--lang=${locale}`],
    });
    page = context.pages()[0] ?? (await context.newPage());
    context.on('request', (r) => requests.push(r.url()));
    page.on('websocket', (ws) => requests.push(ws.url()));
    page.on('console', (m) => consoleMessages.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => consoleMessages.push(`pageerror: ${e}`));
    return {};
  },
  /** Playwright's clock: time flows as usual until the test jumps it forward (the idle lock, without waiting). */
  async clock() {
    await page.clock.install();
    return {};
  },
  async fastForward({ duration }) {
    await page.clock.fastForward(duration);
    return {};
  },
  /** A laptop-sized window for the staff screens (desktop first), or back to a phone. */
  async viewport({ width, height }) {
    await page.setViewportSize({ width, height });
    return {};
  },
  async goto({ url }) {
    const response = await page.goto(url);
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true' || document.title !== '', null, { timeout: 30_000 });
    return { status: response?.status() ?? 0, headers: response ? await response.allHeaders() : {} };
  },
  async reload() {
    await page.reload();
    return {};
  },
  async click({ selector }) {
    await page.locator(selector).first().click({ timeout: 30_000 });
    return {};
  },
  async fill({ selector, value }) {
    await page.locator(selector).first().fill(value, { timeout: 30_000 });
    return {};
  },
  /** Picks the option of a <select> whose text contains `text` (a colleague by name); returns its value. */
  async select({ selector, text }) {
    const select = page.locator(selector).first();
    const value = await select.locator('option', { hasText: text }).first().getAttribute('value', { timeout: 30_000 });
    await select.selectOption(value ?? '', { timeout: 30_000 });
    return { value };
  },
  /** Where an element is on the page (x, y, width, height): columns side by side, say. */
  async box({ selector }) {
    return { box: await page.locator(selector).first().boundingBox({ timeout: 30_000 }) };
  },
  /** Waits until no element matches `selector` (a column that went away). */
  async gone({ selector, ms = 60_000 }) {
    await page.locator(selector).first().waitFor({ state: 'detached', timeout: ms });
    return {};
  },
  /** A new viewport size for the page (a narrow window on a laptop, say). */
  async viewport({ width, height }) {
    await page.setViewportSize({ width, height });
    return {};
  },
  async press({ selector, key }) {
    await page.locator(selector).first().press(key, { timeout: 30_000 });
    return {};
  },
  async wait({ selector, ms = 60_000, text = null }) {
    const locator = text === null ? page.locator(selector).first() : page.locator(selector, { hasText: text }).first();
    await locator.waitFor({ state: "visible", timeout: ms });
    return { text: await locator.textContent() };
  },
  async screen({ name, ms = 60_000 }) {
    await page.waitForFunction((n) => document.getElementById('app')?.dataset.screen === n, name, { timeout: ms });
    return {};
  },
  async texts({ selector }) {
    return { texts: await page.locator(selector).allTextContents() };
  },
  async screenshot({ path }) {
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path, fullPage: false });
    return {};
  },
  /** One element's pixels as the page shows them (tests/web/test_web_member.py decodes a QR code from it). */
  async elementShot({ selector, path }) {
    await page.locator(selector).first().screenshot({ path, timeout: 30_000 });
    return {};
  },
  async evaluate({ expression }) {
    return { value: await page.evaluate(expression) };
  },
  /** Everything the origin keeps where a searcher could look: IndexedDB (every database, store and record), Cache
   * Storage, localStorage and sessionStorage. Every record is returned as base64 (non-bytes as their JSON), so the test can search them. */
  async storage() {
    const value = await page.evaluate(async () => {
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
    if (!(await page.evaluate(() => 'axe' in window))) {
      await page.evaluate(readFileSync(join(web, 'node_modules/axe-core/axe.min.js'), 'utf8'));
    }
    const violations = await page.evaluate(async () => {
      const r = await window.axe.run(document, { resultTypes: ['violations'] });
      return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
    });
    return { violations };
  },
  async report() {
    return { requests, console: consoleMessages };
  },
  async close() {
    if (context) await context.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    context = null;
    return {};
  },
};

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  const { op, ...args } = JSON.parse(line);
  try {
    const answer = await ops[op](args);
    process.stdout.write(`${JSON.stringify({ ok: true, ...answer })}\n`);
  } catch (e) {
    process.stdout.write(`${JSON.stringify({ ok: false, error: String(e?.stack ?? e).slice(0, 4000) })}\n`);
  }
  if (op === 'close') break;
}
process.exit(0);
