// Crisis detection for the browser client: `bundledDetector()` runs the moderation data exported from moderation/
// at build time (web/scripts/build.mjs runs `python -m moderation.export`). Kept out of src/core/index.std.ts so
// the protocol bundle does not carry the lexicons and weights; import it where detection is wanted.
import data from 'virtual:haven-detect-data';
import { Detector } from './detector.std.js';
import { unpack } from './unpack.std.js';

export * from './detector.std.js';
export type { DetectData, PackedDetectData } from './data.std.js';
export { unpack } from './unpack.std.js';

let shared: Detector | null = null;

/** A detector over the bundled data; built once (a few hundred ms), then shared. */
export function bundledDetector(): Detector {
  shared ??= new Detector(unpack(data));
  return shared;
}
