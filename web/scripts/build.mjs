// One bundler (esbuild) for everything the tests and the browser need:
//   dist/test/node/<name>.test.mjs   each test file for `node --test` (Node resolves node:test itself)
//   dist/test/browser/tests.js       every browser-capable test file in one IIFE, node:test/node:assert swapped for
//                                    test/_browser shims, run by scripts/browser-test.mjs in Chromium
//   dist/haven-core.js               the core library as an ES module for pages and workers
//   dist/pow-worker.js               the proof-of-work Web Worker
import { build } from 'esbuild';
import { readdirSync, mkdirSync, writeFileSync } from 'node:fs';
import { detectPlugin, exportDetectData } from './detect-plugin.mjs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const testDir = join(root, 'test');
const allTests = readdirSync(testDir).filter((f) => f.endsWith('.test.ts'));
// *.node.test.ts need Node and stay out of the browser; *.dom.test.ts need a browser (IndexedDB, Worker) and
// stay out of node --test; every other test file runs in both.
const nodeTests = allTests.filter((f) => !f.endsWith('.dom.test.ts'));
const browserTests = allTests.filter((f) => !f.endsWith('.node.test.ts'));

// Crisis detection (src/core/detect): its data is generated from moderation/ on every build (scripts/detect-plugin.mjs).
exportDetectData(root);
const detectPluginInstance = detectPlugin(root);

const common = { bundle: true, sourcemap: 'inline', logLevel: 'warning', target: 'es2022', plugins: [detectPluginInstance] };
// libsodium.js probes for Node's `crypto` only when it runs under Node; the browser build never reaches that branch.
const browserCommon = { ...common, platform: 'browser', external: ['crypto', 'fs', 'path'] };

await build({
  ...common,
  platform: 'node',
  format: 'esm',
  entryPoints: nodeTests.map((f) => join(testDir, f)),
  outdir: join(root, 'dist/test/node'),
  outExtension: { '.js': '.mjs' },
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});

mkdirSync(join(root, 'dist/test/browser'), { recursive: true });
const entry = join(root, 'dist/test/browser/_entry.ts');
writeFileSync(entry, [
  ...browserTests.map((f) => `import '../../../test/${f}';`),
  "import { runAll } from '../../../test/_browser/test.ts';",
  '(globalThis as unknown as { runHavenTests: typeof runAll }).runHavenTests = runAll;',
].join('\n'));
await build({
  ...browserCommon,
  format: 'iife',
  entryPoints: [entry],
  outfile: join(root, 'dist/test/browser/tests.js'),
  alias: { 'node:test': join(testDir, '_browser/test.ts'), 'node:assert/strict': join(testDir, '_browser/assert.ts') },
});
writeFileSync(join(root, 'dist/test/browser/index.html'),
  '<!doctype html><meta charset="utf-8"><title>Haven core tests</title><script src="tests.js"></script>\n');

await build({ ...browserCommon, format: 'esm', entryPoints: [join(root, 'src/core/index.std.ts')], outfile: join(root, 'dist/haven-core.js') });
await build({ ...browserCommon, format: 'iife', entryPoints: [join(root, 'src/dom/powWorker.dom.ts')], outfile: join(root, 'dist/pow-worker.js') });

// The interop driver pytest starts beside the Python SDK (tests/web/test_web_interop.py).
await build({
  ...common,
  platform: 'node',
  format: 'esm',
  entryPoints: [join(testDir, 'interop/driver.node.ts')],
  outfile: join(root, 'dist/interop-driver.mjs'),
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});

// The crisis-detection driver pytest runs beside the Python engine (tests/web/test_web_detection.py).
await build({
  ...common,
  platform: 'node',
  format: 'esm',
  entryPoints: [join(testDir, 'detection-driver.node.ts')],
  outfile: join(root, 'dist/detect-driver.mjs'),
});
