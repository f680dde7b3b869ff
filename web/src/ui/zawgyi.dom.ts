// Zawgyi typed on a phone whose keyboard still produces it, converted to Unicode before it is sent, so every reader
// (and the crisis detector) sees one encoding. Google's myanmar-tools: its Markov-model detector, then its converter
// (built into virtual modules by scripts/build.mjs). Text that is not Myanmar, or is Unicode, passes unchanged.
import { setZawgyiModel, ZawgyiDetector } from 'haven:zawgyi-detector';
import { ZawgyiConverter } from 'haven:zawgyi-converter';

// The threshold Google recommends for acting on a detection (myanmar-tools README: 0.95 is conservative).
const ZAWGYI_THRESHOLD = 0.95;

let detector: ZawgyiDetector | null = null;
let converter: ZawgyiConverter | null = null;
let model: Promise<void> | null = null;

/** Fetches the detector's model (a file of the build, shared with the detection worker) once. Awaited with
 * libsodium at create and unlock (ui/member/identity.dom.ts), so it is there before anything is typed; a failed
 * fetch fails that unlock, as a missing libsodium would, and the next try fetches again. */
export function loadZawgyiModel(): Promise<void> {
  model ??= (async () => {
    const answer = await fetch(new URL(__HAVEN_ZAWGYI_MODEL__, document.baseURI));
    if (!answer.ok) throw new Error(`Zawgyi model: HTTP ${answer.status}`);
    setZawgyiModel(await answer.arrayBuffer());
  })().catch((e: unknown) => {
    model = null;
    throw e;
  });
  return model;
}

export function zawgyiProbability(text: string): number {
  detector ??= new ZawgyiDetector();
  return detector.getZawgyiProbability(text);
}

export function toUnicode(text: string): string {
  if (!(zawgyiProbability(text) > ZAWGYI_THRESHOLD)) return text; // -Infinity (no Myanmar) or Unicode
  converter ??= new ZawgyiConverter();
  return converter.zawgyiToUnicode(text);
}
