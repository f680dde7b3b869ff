// `node scripts/load-bench.mjs [--runs N] [--locale my] [--json] [--verbose]` (from web/; `npm run bench:load`): issue
// 13's budget for the member app's first load, measured the way a phone on a bad connection meets it. It starts the
// real relay (`.venv/bin/python -m server`, temporary data folder) serving web/dist/app (built by
// `node scripts/build.mjs` if absent), opens it in Debian's Chromium at 360×640 under DevTools' "Slow 3G" network
// profile and a 4× CPU slowdown, and prints the median of N cold loads (a fresh browser context: empty HTTP cache, no
// storage, service workers blocked) and of N warm loads (another fresh context loaded once, so that its service worker
// installs, then loaded again under that worker). About 40 s a run; docs/web.md (Speed) has the figures.
//
// Figures, per load:
//   bytes      on the wire, compressed, per CDP resource type: the sum of Network.loadingFinished encodedDataLength
//              (headers included) for the page's own requests, once every one of them has finished (libsodium's
//              WebAssembly and the font are still arriving when the first screen is usable). What the service worker fetches itself (its install
//              after the first visit, the page network-first on a warm load) is not on the page's target; it is
//              counted apart from Playwright's request sizes (body as received plus headers).
//   DCL, load  PerformanceNavigationTiming domContentLoadedEventStart / loadEventStart (ms from navigation start).
//   FCP        the paint timeline's first-contentful-paint.
//   TTI        Haven's definition, stricter than "something painted" and simpler than Lighthouse's: the first moment
//              T at or after the first screen's button (welcome's `Create`, or `Unlock`) is in the page, enabled,
//              and the page has marked itself ready (start.dom.ts sets <html data-ready>), such that the main thread
//              runs no long task (> 50 ms, Long Tasks API, under the CPU slowdown) in [T, T + 50 ms]. A long task
//              still running at the button moment pushes T to its end.
// Every request (page, worker, service worker) must go to the relay's origin; the script fails if one does not.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const repo = join(web, '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const runs = Number(arg('--runs', '3'));
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a whole number ≥ 1');
const asJson = process.argv.includes('--json');
const verbose = process.argv.includes('--verbose');
const locale = arg('--locale', 'en-US'); // `my` for a browser that asks for Burmese first

// Chrome DevTools' "Slow 3G" preset exactly as DevTools sends it over CDP (front_end/core/sdk/NetworkManager.ts):
// 400 ms RTT becomes a request latency of 400 × 5 = 2,000 ms (DevTools' request-level stand-in for packet-level
// round trips), and 500 kbit/s × 0.8 = 400 kbit/s = 50,000 bytes/s each way.
const SLOW_3G = { offline: false, latency: 2000, downloadThroughput: 50_000, uploadThroughput: 50_000 };
const CPU_SLOWDOWN = 4; // DevTools' "4× slowdown", its mid-range phone
const QUIET_MS = 50;
const LONG_TASK_MS = 50;

// --- The relay -----------------------------------------------------------------------------------------------------
const appDir = join(web, 'dist/app');
if (!existsSync(join(appDir, 'build-manifest.json'))) execFileSync(process.execPath, [join(web, 'scripts/build.mjs')], { stdio: 'inherit' });

const freePort = () => new Promise((resolve, reject) => {
  const s = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
    const { port } = s.address();
    s.close(() => resolve(port));
  });
});

async function startRelay(dataDir) {
  const port = await freePort();
  const python = process.env.HAVEN_PYTHON ?? join(repo, '.venv/bin/python');
  const env = {
    ...process.env,
    HAVEN_HOST: '127.0.0.1',
    HAVEN_PORT: String(port),
    HAVEN_DATABASE_URL: `sqlite+aiosqlite:///${join(dataDir, 'haven.db')}`,
    HAVEN_SERVER_SECRET: randomBytes(32).toString('hex'),
    HAVEN_SERVER_ID: 'haven-load-bench',
    HAVEN_WEB_DIR: appDir,
    HAVEN_LOG_LEVEL: 'WARNING',
  };
  // The schema first, as `make serve` does (make migrate).
  execFileSync(python, ['-m', 'alembic', 'upgrade', 'head'], { cwd: repo, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const child = spawn(python, ['-m', 'server'], { cwd: repo, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => { log = (log + d).slice(-4000); });
  const origin = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
    if (child.exitCode !== null) throw new Error(`the relay exited early:\n${log}`);
    try {
      if ((await fetch(`${origin}/ready`)).ok) return { child, origin };
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGTERM');
  throw new Error(`the relay did not become ready:\n${log}`);
}

// --- One load --------------------------------------------------------------------------------------------------------
// Runs in the page before any of its own scripts (CDP, so the page's CSP does not apply): records long tasks and the
// moment the first screen's button is usable.
function probe() {
  const lb = { longTasks: [], buttonAt: null };
  Object.defineProperty(window, '__loadBench', { value: lb });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) lb.longTasks.push([e.startTime, e.startTime + e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  const check = () => {
    if (lb.buttonAt !== null || document.documentElement?.dataset.ready !== 'true') return;
    const button = document.querySelector('[data-test=start], [data-test=unlock]');
    if (button && !button.disabled) lb.buttonAt = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
}

function interactiveAt(buttonAt, longTasks) {
  let t = buttonAt;
  for (const [start, end] of [...longTasks].sort((a, b) => a[0] - b[0])) {
    if (end <= t) continue;
    if (start >= t + QUIET_MS) break;
    t = end;
  }
  return t;
}

async function load(context, origin, kind) {
  const page = await context.newPage();
  await page.addInitScript(probe);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  const requests = new Map();
  cdp.on('Network.requestWillBeSent', (e) => {
    requests.set(e.requestId, { url: e.request.url, type: e.type ?? 'Other', bytes: 0, done: false, fromSw: false, cached: false });
  });
  cdp.on('Network.responseReceived', (e) => {
    const r = requests.get(e.requestId);
    if (r) Object.assign(r, { type: e.type ?? r.type, fromSw: Boolean(e.response.fromServiceWorker), cached: Boolean(e.response.fromDiskCache) });
  });
  cdp.on('Network.requestServedFromCache', (e) => { const r = requests.get(e.requestId); if (r) r.cached = true; });
  cdp.on('Network.loadingFinished', (e) => { const r = requests.get(e.requestId); if (r) Object.assign(r, { bytes: e.encodedDataLength, done: true }); });
  cdp.on('Network.loadingFailed', (e) => { const r = requests.get(e.requestId); if (r) Object.assign(r, { done: true, failed: e.errorText }); });

  await page.goto(`${origin}/`, { waitUntil: 'load', timeout: 180_000 });
  await page.waitForFunction(() => window.__loadBench.buttonAt !== null, null, { timeout: 60_000, polling: 100 });
  // Wait until the quiet window has certainly passed (a long task is reported only after it ends), then compute.
  let figures;
  for (;;) {
    figures = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      return { now: performance.now(), dcl: nav.domContentLoadedEventStart, load: nav.loadEventStart, fcp: fcp?.startTime ?? NaN,
        buttonAt: window.__loadBench.buttonAt, longTasks: window.__loadBench.longTasks };
    });
    const tti = interactiveAt(Math.max(figures.buttonAt, figures.fcp || 0), figures.longTasks);
    if (figures.now > tti + QUIET_MS + 500) {
      figures.tti = tti;
      break;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  // Bytes are counted once every request has finished: libsodium's WebAssembly and the font are still arriving when
  // the first screen is already usable (the WebAssembly is needed only once Create or Unlock is pressed).
  for (const deadline = Date.now() + 120_000; [...requests.values()].some((r) => !r.done);) {
    if (Date.now() > deadline) throw new Error(`${kind}: requests still pending after 120 s: ${[...requests.values()].filter((r) => !r.done).map((r) => r.url).join(', ')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const lastByte = await page.evaluate(() => Math.max(0, ...performance.getEntriesByType('resource').map((e) => e.responseEnd)));
  const byType = {};
  let requestCount = 0;
  const urls = new Set();
  for (const r of requests.values()) {
    if (r.url.startsWith('data:')) continue;
    requestCount += 1;
    urls.add(r.url);
    byType[r.type] = (byType[r.type] ?? 0) + r.bytes;
  }
  const total = Object.values(byType).reduce((a, b) => a + b, 0);
  const fromSw = [...requests.values()].filter((r) => r.fromSw).length;
  if (verbose) {
    for (const r of requests.values()) console.error(`${kind} ${r.type} ${r.bytes} ${r.fromSw ? 'sw ' : ''}${r.cached ? 'cache ' : ''}${r.failed ?? ''} ${r.url.slice(0, 90)}`);
  }
  return { page, kind, byType, total, requests: requestCount, files: urls.size, swBytes: 0, fromSw, dcl: figures.dcl, load: figures.load, fcp: figures.fcp, lastByte,
    tti: figures.tti, buttonAt: figures.buttonAt, longTasks: figures.longTasks.length };
}

// --- Runs ------------------------------------------------------------------------------------------------------------
const dataDir = mkdtempSync(join(tmpdir(), 'haven-load-bench-'));
const relay = await startRelay(dataDir).catch((e) => {
  rmSync(dataDir, { recursive: true, force: true });
  throw e;
});
const offOrigin = new Set();
const cold = [];
const warm = [];
const swInstall = [];
let agent = '';
let browser;
try {
  browser = await chromium.launch({ executablePath: process.env.HAVEN_CHROMIUM ?? '/usr/bin/chromium', headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'] });
  // Network throttling over CDP is per target: the page's does not reach its service worker, which fetches on its
  // own. The browser-level session finds the worker's target so the warm load's worker is throttled too.
  const browserCdp = await browser.newBrowserCDPSession();
  const throttleServiceWorkers = async () => {
    const { targetInfos } = await browserCdp.send('Target.getTargets');
    let n = 0;
    for (const t of targetInfos.filter((x) => x.type === 'service_worker' && x.url.startsWith(`${relay.origin}/`))) {
      const { sessionId } = await browserCdp.send('Target.attachToTarget', { targetId: t.targetId, flatten: false });
      const send = (id, method, params) => browserCdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
      await send(1, 'Network.enable', {});
      await send(2, 'Network.emulateNetworkConditions', SLOW_3G);
      n += 1;
    }
    if (n === 0) throw new Error('no service worker to throttle before the warm load');
  };
  const watch = (context, onSwBytes) => {
    context.on('request', (r) => { if (!r.url().startsWith(`${relay.origin}/`) && !r.url().startsWith('data:')) offOrigin.add(r.url()); });
    context.on('requestfinished', async (r) => {
      if (!r.serviceWorker()) return;
      const s = await r.sizes().catch(() => null);
      if (verbose) console.error(`sw ${JSON.stringify(s)} ${r.url()}`);
      if (s) onSwBytes(Math.max(0, s.responseBodySize) + s.responseHeadersSize);
    });
  };
  const device = { viewport: { width: 360, height: 640 }, deviceScaleFactor: 2, hasTouch: true, locale };
  for (let i = 0; i < runs; i += 1) {
    // Cold: a new context is a new profile (empty HTTP cache, no storage), and service workers are blocked, because a
    // worker installing mid-load fetches the shell itself, unthrottled, and fills the HTTP cache the page then reads.
    const coldContext = await browser.newContext({ ...device, serviceWorkers: 'block' });
    watch(coldContext, () => undefined);
    const first = await load(coldContext, relay.origin, 'cold');
    agent ||= await first.page.evaluate(() => navigator.userAgent.match(/HeadlessChrome\/[\d.]+/)?.[0] ?? navigator.userAgent);
    cold.push(first);
    await coldContext.close();
    // Warm: a first visit installs the service worker (its install traffic counted apart), then a second load.
    const warmContext = await browser.newContext(device);
    let swBytes = 0;
    watch(warmContext, (b) => { swBytes += b; });
    const priming = await load(warmContext, relay.origin, 'priming');
    await priming.page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await new Promise((r) => setTimeout(r, 1000));
    swInstall.push(swBytes);
    await priming.page.close();
    await throttleServiceWorkers();
    swBytes = 0;
    const second = await load(warmContext, relay.origin, 'warm');
    second.swBytes = swBytes; // what the worker itself fetched for this load (the page, network first)
    warm.push(second);
    await warmContext.close();
  }
} finally {
  await browser?.close();
  relay.child.kill('SIGTERM');
  await new Promise((r) => (relay.child.exitCode !== null ? r() : relay.child.once('exit', r)));
  rmSync(dataDir, { recursive: true, force: true });
}

// --- The table -------------------------------------------------------------------------------------------------------
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const types = [...new Set([...cold, ...warm].flatMap((l) => Object.keys(l.byType)))].sort();
const rows = [
  ...types.map((t) => [`bytes: ${t}`, (l) => l.byType[t] ?? 0, 'KiB']),
  ['bytes: total on the page', (l) => l.total, 'KiB'],
  ['bytes: fetched by the service worker', (l) => l.swBytes, 'KiB'],
  ['requests (CDP request events)', (l) => l.requests, ''],
  ['distinct files', (l) => l.files, ''],
  ['requests answered by the service worker', (l) => l.fromSw, ''],
  ['DOMContentLoaded', (l) => l.dcl, 's'],
  ['load', (l) => l.load, 's'],
  ['first contentful paint', (l) => l.fcp, 's'],
  ['button enabled', (l) => l.buttonAt, 's'],
  ['time to interactive', (l) => l.tti, 's'],
  ['last byte received (responseEnd)', (l) => l.lastByte, 's'],
  ['long tasks (> 50 ms)', (l) => l.longTasks, ''],
];
const fmt = (v, unit) => (unit === 'KiB' ? (v / 1024).toFixed(1) : unit === 's' ? (v / 1000).toFixed(2) : String(v));
// JSON keeps raw values: bytes and milliseconds.
const rawUnit = (unit) => ({ KiB: 'bytes', s: 'ms' })[unit] ?? unit;
const result = {
  runs, agent, network: SLOW_3G, cpuSlowdown: CPU_SLOWDOWN, viewport: '360x640',
  cold: Object.fromEntries(rows.map(([name, get, unit]) => [name, { unit: rawUnit(unit), median: median(cold.map(get)) }])),
  warm: Object.fromEntries(rows.map(([name, get, unit]) => [name, { unit: rawUnit(unit), median: median(warm.map(get)) }])),
  serviceWorkerInstallBytes: median(swInstall),
  offOrigin: [...offOrigin],
};
if (asJson) console.log(JSON.stringify(result, null, 1));
else {
  const pad = (s, n) => String(s).padEnd(n);
  console.log(`${agent}, 360×640, network ${SLOW_3G.latency} ms latency, ${SLOW_3G.downloadThroughput * 8 / 1000} kbit/s down and up ` +
    `(DevTools "Slow 3G"), CPU ${CPU_SLOWDOWN}× slower; median of ${runs} run${runs > 1 ? 's' : ''}`);
  console.log(`${pad('figure', 42)} | ${pad('cold', 8)} | ${pad('warm (SW)', 9)} | unit`);
  for (const [name, , unit] of rows) {
    console.log(`${pad(name, 42)} | ${pad(fmt(result.cold[name].median, unit), 8)} | ${pad(fmt(result.warm[name].median, unit), 9)} | ${unit}`);
  }
  console.log(`${pad('service worker install, after the cold load', 42)} | ${pad(fmt(result.serviceWorkerInstallBytes, 'KiB'), 8)} | ${pad('-', 9)} | KiB`);
  const firstLoad = result.cold['bytes: total on the page'].median;
  console.log(`cold first load: ${(firstLoad / 1000).toFixed(1)} kB (${(firstLoad / 1024).toFixed(1)} KiB) of issue 13's 350 kB budget`);
  console.log(offOrigin.size ? `requests to another origin: ${[...offOrigin].join(', ')}` : 'every request went to the relay\'s origin');
}
if (offOrigin.size) process.exitCode = 1;
