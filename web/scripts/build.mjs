// One bundler (esbuild) for everything the tests and the browser need:
//   dist/test/node/<name>.test.mjs   each test file for `node --test` (Node resolves node:test itself)
//   dist/test/browser/tests.js       every browser-capable test file in one IIFE, node:test/node:assert swapped for
//                                    test/_browser shims, run by scripts/browser-test.mjs in Chromium
//   dist/haven-core.js               the core library as an ES module for pages and workers
//   dist/pow-worker.js               the proof-of-work Web Worker
//   dist/app/                        the member app the relay serves at / (hashed names, build-manifest.json)
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { readdirSync, mkdirSync, writeFileSync, readFileSync, rmSync, statSync } from 'node:fs';
import { detectPlugin, exportDetectData } from './detect-plugin.mjs';
import { crisisTextPlugin } from './crisis-plugin.mjs';
import { exportSchemaData, schemaPlugin } from './schema-data.mjs';
import { dirname, join, relative, sep } from 'node:path';
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
// What the server sends is validated against docs/schema/ (src/core/schema.std.ts); its data is generated from there
// on every build (scripts/schema-data.mjs).
exportSchemaData(root);
const schemaPluginInstance = schemaPlugin(root);

const common = { bundle: true, sourcemap: 'inline', logLevel: 'warning', target: 'es2022', plugins: [detectPluginInstance, schemaPluginInstance] };
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

// --- The member app (web/src/ui) that the relay serves at / (server/webapp.py) -------------------------------------
// Every file but index.html and the manifest is named by its content hash, so the relay can let browsers cache it for
// a year; the manifest lists the SHA-256 of every file and the build's own hash (SHA-256 of the manifest's file list)
// is printed, so anyone can compare what a relay serves with what this source builds.
const appDir = join(root, 'dist/app');
rmSync(appDir, { recursive: true, force: true });
const appCommon = { ...browserCommon, sourcemap: false, minify: true, legalComments: 'linked', metafile: true,
  outdir: join(appDir, 'assets'), entryNames: '[name]-[hash]', assetNames: '[name]-[hash]' };

// myanmar-tools 1.2.0 on npm ships its TypeScript sources with placeholders its own gulp build fills (the model as
// base64, the conversion rules); fill them the same way here, browser branch only, as two virtual modules.
const mmt = join(root, 'node_modules/myanmar-tools');
const myanmarTools = {
  name: 'myanmar-tools',
  setup(b) {
    b.onResolve({ filter: /^haven:zawgyi-(detector|converter)$/ }, (a) => ({ path: a.path, namespace: 'myanmar-tools' }));
    b.onLoad({ filter: /.*/, namespace: 'myanmar-tools' }, (a) => {
      // Replacers are functions: the rules hold `$1`, which a replacement string would expand.
      const rule = (name) => readFileSync(join(mmt, 'resources', `${name}.js`), 'utf8');
      let src;
      if (a.path.endsWith('detector')) {
        src = readFileSync(join(mmt, 'src/zawgyi_detector.ts'), 'utf8')
          .replace('<BASE64_DATA_PLACEHOLDER>', readFileSync(join(mmt, 'resources/zawgyiUnicodeModel.dat')).toString('base64'))
          .replace(/\/\/ @if NODEJS[\s\S]*?\/\/ @endif/g, '');
      } else {
        src = readFileSync(join(mmt, 'src/zawgyi_converter.ts'), 'utf8')
          .replace('declare function getAllRulesZ2U(): TranslitRule[][]; // PLACEHOLDER', () => rule('Z2U'))
          .replace('declare function getAllRulesU2Z(): TranslitRule[][]; // PLACEHOLDER', () => rule('U2Z'))
          .replace('declare function getAllRulesZNorm(): TranslitRule[][]; // PLACEHOLDER', () => rule('ZNorm'));
      }
      if (src.includes('PLACEHOLDER"') || src.includes('); // PLACEHOLDER')) throw new Error(`myanmar-tools: a placeholder was not filled in ${a.path}`);
      return { contents: src, loader: 'ts', resolveDir: mmt };
    });
  },
};

const outputName = (result, entry) => {
  const found = Object.entries(result.metafile.outputs).find(([, o]) => o.entryPoint?.endsWith(entry));
  if (!found) throw new Error(`no output for ${entry}`);
  return relative(appDir, join(root, found[0])).split(sep).join('/');
};
const worker = await build({ ...appCommon, format: 'iife', entryPoints: { 'pow-worker': join(root, 'src/ui/powWorker.dom.ts') } });
// Crisis detection for the member app runs in its own worker, fetched after unlock: its data (the compact export of
// moderation/export_pack.py) stays out of the first load, and scanning a draft never blocks typing. Its Burmese
// phrases stay UTF-8 (a worker script is always decoded as UTF-8): esbuild's default \uXXXX escapes were six bytes
// for each three-byte letter.
const detectWorker = await build({ ...appCommon, format: 'iife', charset: 'utf8',
  entryPoints: { 'detect-worker': join(root, 'src/ui/member/detectWorker.dom.ts') }, plugins: [detectPluginInstance] });
const app = await build({
  ...appCommon,
  format: 'esm',
  entryPoints: { app: join(root, 'src/ui/main.dom.ts') },
  // Staff screens are imported dynamically (ui/app/lazy.dom.ts): their own chunks, loaded on first use.
  splitting: true,
  chunkNames: 'chunk-[hash]',
  loader: { '.woff2': 'file', '.svg': 'file' },
  define: { __HAVEN_POW_WORKER__: JSON.stringify(outputName(worker, 'src/ui/powWorker.dom.ts')),
    __HAVEN_DETECT_WORKER__: JSON.stringify(outputName(detectWorker, 'src/ui/member/detectWorker.dom.ts')) },
  plugins: [myanmarTools, schemaPluginInstance, crisisTextPlugin(root)],
});
const appJs = outputName(app, 'src/ui/main.dom.ts');
// What the page loads at once: the entry and what it imports statically. Every other chunk is only imported
// dynamically (the staff screens): left out of the service worker's shell and of the first-load figure, so a member's
// phone never fetches it.
const relOut = (p) => relative(appDir, join(root, p)).split(sep).join('/');
const eager = new Set();
const walkImports = (p) => {
  if (eager.has(p)) return;
  eager.add(p);
  for (const i of app.metafile.outputs[p]?.imports ?? []) if (i.kind === 'import-statement' && !i.external) walkImports(i.path);
};
walkImports(Object.keys(app.metafile.outputs).find((p) => relOut(p) === appJs));
const lazyChunks = new Set(Object.keys(app.metafile.outputs).filter((p) => p.endsWith('.js') && !eager.has(p)).map(relOut));
const appCss = Object.keys(app.metafile.outputs).map((p) => relative(appDir, join(root, p)).split(sep).join('/'))
  .find((p) => p.endsWith('.css'));
const icon = Object.keys(app.metafile.outputs).map((p) => relative(appDir, join(root, p)).split(sep).join('/'))
  .find((p) => /\/icon-[^/]+\.svg$/.test(p));
// The installed app's name and icon are as neutral as the page title: a phone's home screen shows "Notes". Hashed
// under assets/ like every other file (the relay serves nothing else there); its URLs are relative to assets/.
const webManifest = `${JSON.stringify({ name: 'Notes', short_name: 'Notes', start_url: '../', scope: '../', display: 'standalone',
  background_color: '#ffffff', theme_color: '#ffffff', icons: [{ src: icon.split('/').pop(), sizes: 'any', type: 'image/svg+xml' }] }, null, 1)}\n`;
const webManifestName = `assets/manifest-${createHash('sha256').update(webManifest).digest('hex').slice(0, 8).toUpperCase()}.webmanifest`;
writeFileSync(join(appDir, webManifestName), webManifest);
// A copy hosted apart from the relay (docs/web.md) names its relay at build time: HAVEN_WEB_RELAY=https://relay.example.
// Without it the app talks to the origin it was loaded from.
const relay = process.env.HAVEN_WEB_RELAY ?? '';
if (relay && !/^https?:\/\/[A-Za-z0-9.-]+(:\d+)?$/.test(relay)) throw new Error('HAVEN_WEB_RELAY must be an origin, e.g. https://relay.example');
const relayMeta = relay ? `\n<meta name="haven-relay" content="${relay}">` : '';
// No inline script or style: the CSP (server/webapp.py) forbids both. The title is neutral and never changes.
writeFileSync(join(appDir, 'index.html'), `<!doctype html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<title>Notes</title>${relayMeta}
<link rel="icon" href="${icon}" type="image/svg+xml">
<link rel="manifest" href="${webManifestName}">
<link rel="stylesheet" href="${appCss}">
<script type="module" src="${appJs}"></script>
</head>
<body><main id="app" aria-live="polite"></main></body>
</html>
`);

// The service worker at a fixed name (a browser finds it by URL), with the shell it caches written in.
const shell = ['./', ...Object.keys(app.metafile.outputs).concat(Object.keys(worker.metafile.outputs), Object.keys(detectWorker.metafile.outputs))
  .map((p) => relative(appDir, join(root, p)).split(sep).join('/')).filter((p) => !p.endsWith('.LEGAL.txt') && !lazyChunks.has(p))];
const shellHash = createHash('sha256').update(JSON.stringify(shell)).digest('hex');
await build({ ...appCommon, outdir: undefined, outfile: join(appDir, 'sw.js'), entryNames: undefined, format: 'iife',
  entryPoints: [join(root, 'src/ui/sw.dom.ts')], define: { __HAVEN_SHELL__: JSON.stringify(shell), __HAVEN_BUILD__: JSON.stringify(shellHash) } });

const files = {};
const walk = (dir) => {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else files[relative(appDir, path).split(sep).join('/')] = createHash('sha256').update(readFileSync(path)).digest('hex');
  }
};
walk(appDir);
const buildHash = createHash('sha256').update(JSON.stringify(files)).digest('hex');
writeFileSync(join(appDir, 'build-manifest.json'), `${JSON.stringify({ build: buildHash, files }, null, 1)}\n`);
console.log(`web app build ${buildHash} (${Object.keys(files).length} files, web/dist/app/build-manifest.json)`);
// The first load (issue 13's budget: 350 KB compressed in all) as the relay serves it: gzip for text, woff2 as is.
const served = (name) => (name.endsWith('.woff2') ? statSync(join(appDir, name)).size : gzipSync(readFileSync(join(appDir, name)), { level: 9 }).length);
const workerName = outputName(worker, 'src/ui/powWorker.dom.ts');
const detectName = outputName(detectWorker, 'src/ui/member/detectWorker.dom.ts');
const firstLoad = Object.keys(files).filter((n) => n !== workerName && n !== detectName && !n.endsWith('.LEGAL.txt') && !lazyChunks.has(n)).reduce((sum, n) => sum + served(n), 0);
const staff = [...lazyChunks].reduce((sum, n) => sum + served(n), 0);
console.log(`web app first load ${(firstLoad / 1024).toFixed(0)} KiB compressed; the proof-of-work worker adds ${(served(workerName) / 1024).toFixed(0)} KiB when an identity is created; the staff screens ${(staff / 1024).toFixed(0)} KiB on first use`);
console.log(`the crisis-detection worker adds ${(served(detectName) / 1024).toFixed(0)} KiB after unlock`);
