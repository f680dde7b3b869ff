// `node scripts/bench.mjs [--quick]`: the core's speed in Node and in Chromium side by side (about a minute;
// --quick for a smoke run). Builds the bench bundles itself.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { detectPlugin } from './detect-plugin.mjs';
import { schemaPlugin } from './schema-data.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const quick = process.argv.includes('--quick');
const out = join(root, 'dist/bench');
mkdirSync(out, { recursive: true });
await build({ entryPoints: [join(root, 'bench/node-entry.ts')], bundle: true, platform: 'node', format: 'esm', outfile: join(out, 'node.mjs'), plugins: [detectPlugin(root), schemaPlugin(root)],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" }, logLevel: 'warning' });
await build({ entryPoints: [join(root, 'bench/browser-entry.ts')], bundle: true, platform: 'browser', format: 'iife', outfile: join(out, 'bench.js'), plugins: [detectPlugin(root), schemaPlugin(root)],
  external: ['crypto', 'fs', 'path'], logLevel: 'warning' });
writeFileSync(join(out, 'index.html'), '<!doctype html><meta charset="utf-8"><script src="bench.js"></script>\n');

const nodeFigures = JSON.parse(execFileSync(process.execPath, [join(out, 'node.mjs'), ...(quick ? ['--quick'] : [])], { encoding: 'utf8' }));

const server = createServer((req, res) => {
  const file = req.url === '/bench.js' ? 'bench.js' : 'index.html';
  res.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'text/html' }).end(readFileSync(join(out, file)));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const profile = mkdtempSync(join(tmpdir(), 'haven-bench-'));
let browserFigures = [];
let agent = '';
try {
  const context = await chromium.launchPersistentContext(profile, { executablePath: process.env.HAVEN_CHROMIUM ?? '/usr/bin/chromium', headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'] });
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  agent = await page.evaluate(() => navigator.userAgent.match(/HeadlessChrome\/[\d.]+/)?.[0] ?? navigator.userAgent);
  browserFigures = await page.evaluate((q) => globalThis.runHavenBench(q), quick);
  await context.close();
} finally {
  server.close();
  rmSync(profile, { recursive: true, force: true });
}

const pad = (s, n) => String(s).padEnd(n);
console.log(`Node ${process.version} and ${agent}${quick ? ' (quick)' : ''}`);
console.log(`${pad('figure', 48)} | ${pad('Node', 10)} | ${pad('Chromium', 10)} | unit  | note`);
for (const f of nodeFigures) {
  const b = browserFigures.find((x) => x.name === f.name);
  const fmt = (v) => (v === undefined ? '-' : v < 10 ? v.toFixed(3) : v.toFixed(0));
  console.log(`${pad(f.name, 48)} | ${pad(fmt(f.value), 10)} | ${pad(fmt(b?.value), 10)} | ${pad(f.unit, 5)} | ${f.note}`);
}
