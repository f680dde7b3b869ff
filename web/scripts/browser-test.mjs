// Runs the browser test bundle (dist/test/browser, made by scripts/build.mjs) in real Chromium through
// playwright-core, against Debian's /usr/bin/chromium (Playwright's own browser download cannot happen here).
// Serves the bundle from a loopback static server, so the page has a real http origin (IndexedDB, Workers).
// Prints one line per test in TAP-like form; exits 1 if any test failed, 2 if the browser could not run.
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const served = join(root, 'dist');
const executablePath = process.env.HAVEN_CHROMIUM ?? '/usr/bin/chromium';
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8' };

if (!existsSync(executablePath)) {
  console.error(`chromium not found at ${executablePath}: apt-get install chromium (or set HAVEN_CHROMIUM)`);
  process.exit(2);
}

const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
  const file = join(served, path.endsWith('/') ? `${path}index.html` : path);
  if (!file.startsWith(served) || !existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  const ext = file.slice(file.lastIndexOf('.'));
  res.writeHead(200, { 'content-type': TYPES[ext] ?? 'application/octet-stream' }).end(readFileSync(file));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = server.address().port;

const profile = mkdtempSync(join(tmpdir(), 'haven-chromium-'));
let failed = 0;
let browser;
try {
  // A new empty user-data dir per run (Playwright passes it as --user-data-dir).
  browser = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`http://127.0.0.1:${port}/test/browser/index.html`);
  await page.waitForFunction(() => typeof globalThis.runHavenTests === 'function', null, { timeout: 60_000 });
  const userAgent = await page.evaluate(() => navigator.userAgent);
  console.log(`# ${userAgent}`);
  const results = await page.evaluate(() => globalThis.runHavenTests());
  results.forEach((r, i) => {
    console.log(`${r.ok ? 'ok' : 'not ok'} ${i + 1} - ${r.name}`);
    if (!r.ok) {
      failed += 1;
      console.log(r.error.split('\n').map((l) => `  # ${l}`).join('\n'));
    }
  });
  for (const e of errors) console.log(`# page error: ${e}`);
  console.log(`# browser tests ${results.length}, pass ${results.length - failed}, fail ${failed}`);
  if (results.length === 0 || errors.length) failed += 1;
} finally {
  await browser?.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
