// One bundler (esbuild) for everything the tests and the browser need:
//   dist/test/node/<name>.test.mjs   each test file for `node --test` (Node resolves node:test itself)
//   dist/test/browser/tests.js       every browser-capable test file in one IIFE, node:test/node:assert swapped for
//                                    test/_browser shims, run by scripts/browser-test.mjs in Chromium
//   dist/haven-core.js               the core library as an ES module for pages and workers
//   dist/pow-worker.js               the proof-of-work Web Worker
//   dist/app/                        the member app the relay serves at / (hashed names, build-manifest.json)
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { readdirSync, mkdirSync, writeFileSync, readFileSync, rmSync, statSync } from 'node:fs';
import { detectPlugin, exportDetectData, zawgyiDetectorSource, zawgyiModelBytes } from './detect-plugin.mjs';
import { crisisTextPlugin } from './crisis-plugin.mjs';
import { myanmarFontPlugin } from './font-plugin.mjs';
import { exportSchemaData, schemaPlugin } from './schema-data.mjs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// `--out DIR` builds the member app alone into DIR (a copy to host elsewhere, or a test's own build that must not
// overwrite web/dist/app while other tests serve it); without it everything below is built and the app goes to dist/app.
const outArg = process.argv.indexOf('--out');
if (outArg !== -1 && !process.argv[outArg + 1]) throw new Error('--out needs a folder');
const appOnly = outArg !== -1;
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

if (!appOnly) {
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
}

// --- The member app (web/src/ui) that the relay serves at / (server/webapp.py) -------------------------------------
// Every file but index.html and the manifest is named by its content hash, so the relay can let browsers cache it for
// a year; the manifest lists the SHA-256 of every file and the build's own hash (SHA-256 of the manifest's file list)
// is printed, so anyone can compare what a relay serves with what this source builds.
const appDir = appOnly ? resolve(process.argv[outArg + 1]) : join(root, 'dist/app');
// The folder is emptied first: refuse one that holds anything a build does not write, so a mistyped --out deletes nothing.
try {
  const stray = readdirSync(appDir).filter((n) => !/^(assets|index\.html(\.br)?|sw\.js(\.br)?|build-manifest\.json)$/.test(n));
  if (stray.length) throw new Error(`${appDir} holds files that are not a build's (${stray.join(', ')}): not emptying it`);
} catch (e) {
  if (e.code !== 'ENOENT') throw e;
}
rmSync(appDir, { recursive: true, force: true });
mkdirSync(join(appDir, 'assets'), { recursive: true });
const appCommon = { ...browserCommon, absWorkingDir: root, sourcemap: false, minify: true, legalComments: 'linked', metafile: true,
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
        src = zawgyiDetectorSource(root, { modelInFile: true }); // the model is a file of the build: see below
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

// libsodium.js carries its WebAssembly as a base64 string in its JavaScript (380 KB, 133 KB brotli); the same module
// as a binary file is 285 KB, 99 KB brotli, and the page and the proof-of-work worker then share one cached copy
// instead of each carrying its own. The app's bundles fetch it beside themselves (CSP: connect-src 'self', and the
// 'wasm-unsafe-eval' that compiling it needed already). The Node and test builds above keep the embedded copy; the
// bytes are the same, so the vectors hold for both.
const sodiumDir = join(root, 'node_modules/libsodium-sumo/dist/modules-sumo-esm');
const sodiumSource = readFileSync(join(sodiumDir, 'libsodium-sumo.mjs'), 'utf8');
// Emscripten's inline decoder applied to the string literal: `(A=>{for(var I,g,C=0,B=0,Q=<len>,E=...})("AGFzbQ...")`.
const sodiumInline = [...sodiumSource.matchAll(/\(\w=>\{for\(var [\w,=]+,\w=new Uint8Array\([^;]{0,80}\);[^"]{0,300}?;return \w\}\)\("(AGFzbQ[A-Za-z0-9+/]*={0,2})"\)/g)];
if (sodiumInline.length !== 1) throw new Error(`libsodium-sumo: expected one embedded WebAssembly module, found ${sodiumInline.length}`);
const sodiumWasm = Buffer.from(sodiumInline[0][1], 'base64');
const sodiumWasmName = `assets/libsodium-sumo-${createHash('sha256').update(sodiumWasm).digest('hex').slice(0, 8).toUpperCase()}.wasm`;
writeFileSync(join(appDir, sodiumWasmName), sodiumWasm);
// `base` is how the bundle knows its own URL: import.meta.url in an ES module chunk, the worker's location in an IIFE.
const sodiumWasmFile = (base) => ({
  name: 'libsodium-wasm-file',
  setup(b) {
    b.onLoad({ filter: /libsodium-sumo[\\/]dist[\\/]modules-sumo-esm[\\/]libsodium-sumo\.mjs$/ }, () => {
      const load = `await (async (r) => { if (!r.ok) throw new Error('libsodium WebAssembly: HTTP ' + r.status); `
        + `return new Uint8Array(await r.arrayBuffer()); })(await fetch(new URL(${JSON.stringify(sodiumWasmName.split('/').pop())}, ${base})))`;
      return { contents: sodiumSource.replace(sodiumInline[0][0], () => `(${load})`), loader: 'js' };
    });
  },
});

// Google's Zawgyi model (28 KB, floats that barely compress) as one binary file of the build, which the page (for
// converting what is typed) and the crisis-detection worker both fetch after unlock and share through the cache;
// embedded, it was base64 in each of the two bundles (20 KB brotli each).
const zawgyiModel = zawgyiModelBytes(root);
const zawgyiModelName = `assets/zawgyi-model-${createHash('sha256').update(zawgyiModel).digest('hex').slice(0, 8).toUpperCase()}.dat`;
writeFileSync(join(appDir, zawgyiModelName), zawgyiModel);

const outputName = (result, entry) => {
  const found = Object.entries(result.metafile.outputs).find(([, o]) => o.entryPoint?.endsWith(entry));
  if (!found) throw new Error(`no output for ${entry}`);
  return relative(appDir, join(root, found[0])).split(sep).join('/');
};
const worker = await build({ ...appCommon, format: 'iife', entryPoints: { 'pow-worker': join(root, 'src/ui/powWorker.dom.ts') },
  plugins: [...appCommon.plugins, sodiumWasmFile('self.location.href')] });
// Crisis detection for the member app runs in its own worker, fetched after unlock: its data (the compact export of
// moderation/export_pack.py) stays out of the first load, and scanning a draft never blocks typing. Its Burmese
// phrases stay UTF-8 (a worker script is always decoded as UTF-8): esbuild's default \uXXXX escapes were six bytes
// for each three-byte letter.
const detectWorker = await build({ ...appCommon, format: 'iife', charset: 'utf8',
  entryPoints: { 'detect-worker': join(root, 'src/ui/member/detectWorker.dom.ts') },
  define: { __HAVEN_ZAWGYI_MODEL__: JSON.stringify(zawgyiModelName) }, plugins: [detectPlugin(root, { zawgyiModelInFile: true })] });
const app = await build({
  ...appCommon,
  format: 'esm',
  entryPoints: { app: join(root, 'src/ui/main.dom.ts') },
  // Staff screens are imported dynamically (ui/app/lazy.dom.ts): their own chunks, loaded on first use.
  splitting: true,
  chunkNames: 'chunk-[hash]',
  loader: { '.woff2': 'file', '.svg': 'file' },
  define: { __HAVEN_POW_WORKER__: JSON.stringify(outputName(worker, 'src/ui/powWorker.dom.ts')),
    __HAVEN_DETECT_WORKER__: JSON.stringify(outputName(detectWorker, 'src/ui/member/detectWorker.dom.ts')),
    __HAVEN_ZAWGYI_MODEL__: JSON.stringify(zawgyiModelName) },
  plugins: [myanmarTools, schemaPluginInstance, crisisTextPlugin(root), sodiumWasmFile('import.meta.url'), myanmarFontPlugin()],
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
  .map((p) => relative(appDir, join(root, p)).split(sep).join('/')).filter((p) => !p.endsWith('.LEGAL.txt') && !lazyChunks.has(p)), sodiumWasmName, zawgyiModelName];
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
// Brotli copies made once here (node's zlib, quality 11: too slow to run per request, and Python's standard library
// has no brotli), written beside each file as NAME.br and served by the relay to a browser that accepts `br`
// (server/webapp.py; gzip, made at the relay's start, for the rest). `files` and the build hash stay those of the
// uncompressed files, which is what a browser ends up running; `brotli` lists the SHA-256 of each .br so the relay
// serves only the copies this build made.
const COMPRESSIBLE = /\.(js|css|html|json|svg|txt|webmanifest|wasm|dat)$/;
const brotli = {};
for (const name of Object.keys(files).filter((n) => COMPRESSIBLE.test(n))) {
  const body = readFileSync(join(appDir, name));
  const packed = brotliCompressSync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11,
    [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length } });
  if (packed.length >= body.length) continue;
  writeFileSync(join(appDir, `${name}.br`), packed);
  brotli[name] = createHash('sha256').update(packed).digest('hex');
}
writeFileSync(join(appDir, 'build-manifest.json'), `${JSON.stringify({ build: buildHash, files, brotli }, null, 1)}\n`);
console.log(`web app build ${buildHash} (${Object.keys(files).length} files, ${relative(process.cwd(), join(appDir, 'build-manifest.json'))})`);

// Issue 13's budget: a member's first load, 350 KB compressed in all (JS, CSS, font subset, detection data), as the
// relay serves it to a browser that accepts brotli (every current one; woff2 is sent as it is). Counted: every file
// of the shell (page, service worker, web manifest, icon, CSS, the app's eager chunks), the libsodium WebAssembly,
// the Myanmar font (Chromium fetches it only once Burmese is on screen, which the language switch always is; a
// Burmese member gets it in any case) and the crisis-detection worker with its data (fetched after unlock). Not
// counted: the proof-of-work worker (only while an identity is created; it shares the WebAssembly) and the staff
// chunks (a member's phone never fetches them).
const served = (name, enc) => {
  if (enc === 'br' && brotli[name]) return statSync(join(appDir, `${name}.br`)).size;
  const body = readFileSync(join(appDir, name));
  return enc === 'gzip' && COMPRESSIBLE.test(name) ? Math.min(body.length, gzipSync(body, { level: 9 }).length) : body.length;
};
const workerName = outputName(worker, 'src/ui/powWorker.dom.ts');
const member = Object.keys(files).filter((n) => n !== workerName && !n.endsWith('.LEGAL.txt') && !lazyChunks.has(n));
const sum = (names, enc) => names.reduce((total, n) => total + served(n, enc), 0);
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const firstLoad = sum(member, 'br');
const BUDGET = 350_000;
console.log(`member first load ${kib(firstLoad)} = ${(firstLoad / 1000).toFixed(1)} KB brotli (gzip: ${kib(sum(member, 'gzip'))}), `
  + `budget ${BUDGET / 1000} KB = ${kib(BUDGET)}: ${firstLoad <= BUDGET ? 'within' : 'OVER'}; counted: page, service worker, CSS, `
  + `app ${kib(sum(member.filter((n) => n.endsWith('.js') && n !== outputName(detectWorker, 'src/ui/member/detectWorker.dom.ts') && n !== 'sw.js'), 'br'))}, `
  + `libsodium wasm ${kib(served(sodiumWasmName, 'br'))}, Zawgyi model ${kib(served(zawgyiModelName, 'br'))}, crisis-detection worker ${kib(served(outputName(detectWorker, 'src/ui/member/detectWorker.dom.ts'), 'br'))}, `
  + `font ${kib(sum(member.filter((n) => n.endsWith('.woff2')), 'br'))}`);
console.log(`not counted: the proof-of-work worker ${kib(served(workerName, 'br'))} (while an identity is created), `
  + `the staff screens ${kib(sum([...lazyChunks], 'br'))} (on first use)`);
