// Crisis-detection speed (issue 12 item 7): the engine of src/core/detect over the 2,770 messages of
// tests/vectors/moderation (chat messages in English, Burmese in Unicode and Zawgyi, romanised Burmese, evasions),
// the whole scan including normalisation, the lexicon, context and the model. Beside it, the one-off build.
import en from '../../tests/vectors/moderation/en.json';
import evasion from '../../tests/vectors/moderation/evasion.json';
import my from '../../tests/vectors/moderation/my.json';
import myZawgyi from '../../tests/vectors/moderation/my_zawgyi.json';
import romanised from '../../tests/vectors/moderation/romanised.json';
import { Detector, bundledDetector } from '../src/core/detect/index.std.js';
import type { Figure } from './bench.js';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export function detectionFigures(quick: boolean): Figure[] {
  const t0 = performance.now();
  const detector: Detector = bundledDetector();
  const buildMs = performance.now() - t0;
  const messages = [en, my, myZawgyi, romanised, evasion].flatMap((f) => f.vectors.map((v) => v.input));
  const rates: number[] = [];
  for (const m of messages) detector.scan(m); // warm up: JIT and the per-word memos, as a running client has them
  for (let b = 0; b < (quick ? 1 : 5); b++) {
    const t = performance.now();
    for (const m of messages) detector.scan(m);
    rates.push(messages.length / ((performance.now() - t) / 1000));
  }
  const flagged = messages.filter((m) => detector.scan(m).tier > 0).length;
  return [
    { name: 'detection, messages/s', unit: 'msg/s', value: median(rates),
      note: `${messages.length} vector messages (${flagged} flagged), full scan incl. model` },
    { name: 'detection, building the detector', unit: 'ms', value: buildMs, note: 'once per page or worker' },
  ];
}
