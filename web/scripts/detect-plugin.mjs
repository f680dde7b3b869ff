// The esbuild plugin for crisis detection (src/core/detect), shared by scripts/build.mjs and scripts/bench.mjs.
//  - `virtual:haven-detect-data` is dist/detect-data.json, generated from moderation/ by `python -m moderation.export`
//    once per build (the repository's .venv, or HAVEN_PYTHON, or python3 on PATH): one source of truth, never
//    edited in web/ and never stale.
//  - `myanmar-tools`: Google's package publishes its detector as TypeScript source whose model is a placeholder that
//    its own gulp build fills in and whose `@if NODEJS` blocks its preprocessor drops for browsers; this does the
//    same, so the bundle carries Google's detector and model unchanged.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

let exported = null;

export function exportDetectData(root) {
  if (exported) return exported;
  const repo = join(root, '..');
  const out = join(root, 'dist/detect-data.json');
  const venvPython = join(repo, '.venv/bin/python');
  const python = process.env.HAVEN_PYTHON ?? (existsSync(venvPython) ? venvPython : 'python3');
  const json = execFileSync(python, ['-m', 'moderation.export'], { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 256 * 1024 * 1024 });
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(out, json);
  exported = out;
  return out;
}

/**
 * Google's detector source as its browser build has it (`@if NODEJS` blocks dropped). `modelInFile`: the model is
 * left out (no base64 in the bundle) and the code must hand its bytes to `setZawgyiModel` before the first
 * `new ZawgyiDetector()` — the member app fetches it as one file of the build that the page and the detection worker
 * share (scripts/build.mjs). Otherwise the model is filled in as base64, as Google's own build does, for Node and
 * the test bundles. `setZawgyiModel` exists either way (where the model is filled in it replaces it).
 */
export function zawgyiDetectorSource(root, { modelInFile = false } = {}) {
  const mmTools = join(root, 'node_modules/myanmar-tools');
  const source = readFileSync(join(mmTools, 'src/zawgyi_detector.ts'), 'utf8');
  if (!source.includes('"<BASE64_DATA_PLACEHOLDER>"')) throw new Error('myanmar-tools: model placeholder not found');
  const model = modelInFile ? '' : readFileSync(join(mmTools, 'resources/zawgyiUnicodeModel.dat')).toString('base64');
  const browser = source.replace(/\/\/ @if NODEJS\n[\s\S]*?\/\/ @endif/g, '').replace('<BASE64_DATA_PLACEHOLDER>', () => model);
  return `${browser}
// Added by Haven (scripts/detect-plugin.mjs): the model's bytes from a file of the build.
let havenModel: ArrayBuffer | null = null;
export function setZawgyiModel(model: ArrayBuffer): void {
  havenModel = model;
}
${modelInFile ? "getArrayBuffer = () => { if (!havenModel) throw new Error('myanmar-tools: the Zawgyi model is not loaded yet'); return havenModel; };"
    : 'const embedded = getArrayBuffer;\ngetArrayBuffer = () => havenModel ?? embedded();'}
`;
}

/** The model's bytes, for the build to write as a file when `modelInFile` is used. */
export function zawgyiModelBytes(root) {
  return readFileSync(join(root, 'node_modules/myanmar-tools/resources/zawgyiUnicodeModel.dat'));
}

export function detectPlugin(root, { zawgyiModelInFile = false } = {}) {
  const mmTools = join(root, 'node_modules/myanmar-tools');
  return {
    name: 'haven-detect',
    setup(b) {
      b.onResolve({ filter: /^virtual:haven-detect-data$/ }, () => ({ path: exportDetectData(root) }));
      b.onResolve({ filter: /^myanmar-tools$/ }, () => ({ path: join(mmTools, 'src/zawgyi_detector.ts') }));
      b.onLoad({ filter: /myanmar-tools[\\/]src[\\/]zawgyi_detector\.ts$/ }, () =>
        ({ contents: zawgyiDetectorSource(root, { modelInFile: zawgyiModelInFile }), loader: 'ts' }));
    },
  };
}
