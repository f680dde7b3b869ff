// One bundler (esbuild) for everything the tests and the browser need:
//   dist/test/node/<name>.test.mjs   each test file for `node --test` (Node resolves node:test itself)
//   dist/test/browser/tests.js       every browser-capable test file in one IIFE, node:test/node:assert swapped for
//                                    test/_browser shims, run by scripts/browser-test.mjs in Chromium
//   dist/haven-core.js               the core library as an ES module for pages and workers
//   dist/pow-worker.js               the proof-of-work Web Worker
import { build } from 'esbuild';
import { readdirSync, mkdirSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const testDir = join(root, 'test');
const allTests = readdirSync(testDir).filter((f) => f.endsWith('.test.ts'));
// *.node.test.ts need Node and stay out of the browser; *.dom.test.ts need a browser (IndexedDB, Worker) and
// stay out of node --test; every other test file runs in both.
const nodeTests = allTests.filter((f) => !f.endsWith('.dom.test.ts'));
const browserTests = allTests.filter((f) => !f.endsWith('.node.test.ts'));

// Crisis detection (src/core/detect): its data is generated from moderation/ on every build — one source of truth,
// never edited in web/ and never stale — by `python -m moderation.export` (the repository's .venv, or
// HAVEN_PYTHON, or python3 on PATH).
const repo = join(root, '..');
const detectData = join(root, 'dist/detect-data.json');
const venvPython = join(repo, '.venv/bin/python');
const python = process.env.HAVEN_PYTHON ?? (existsSync(venvPython) ? venvPython : 'python3');
execFileSync(python, ['-m', 'moderation.export', detectData], { cwd: repo, stdio: 'inherit' });
// Google's myanmar-tools publishes its detector as TypeScript source whose model is a placeholder its own build
// fills in; this plugin does the same (the model's bytes as base64) so the bundle carries Google's detector as is.
const mmTools = join(root, 'node_modules/myanmar-tools');
const detectPlugin = {
  name: 'haven-detect',
  setup(b) {
    b.onResolve({ filter: /^virtual:haven-detect-data$/ }, () => ({ path: detectData }));
    b.onResolve({ filter: /^myanmar-tools$/ }, () => ({ path: join(mmTools, 'src/zawgyi_detector.ts') }));
    b.onLoad({ filter: /zawgyi_detector\.ts$/ }, (args) => {
      const model = readFileSync(join(mmTools, 'resources/zawgyiUnicodeModel.dat')).toString('base64');
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('<BASE64_DATA_PLACEHOLDER>')) throw new Error('myanmar-tools: model placeholder not found');
      // Its gulp build also runs a preprocessor: keep the `@if !NODEJS` variant (atob, which Node 20 has too)
      // and drop the `@if NODEJS` blocks, as its browser build does.
      const contents = source.replace(/\/\/ @if NODEJS\n[\s\S]*?\/\/ @endif/g, '')
        .replace('<BASE64_DATA_PLACEHOLDER>', model);
      return { contents, loader: 'ts' };
    });
  },
};

const common = { bundle: true, sourcemap: 'inline', logLevel: 'warning', target: 'es2022', plugins: [detectPlugin] };
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
