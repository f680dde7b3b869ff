// For tests/web/test_web_detection.py: scans each message of a JSON array file (argv[2]) with the TypeScript
// engine and prints (or, with `zawgyi`, the Zawgyi probability of each) the normalised text, Zawgyi decision and verdict as JSON, for comparison with Python's
// Detector.scan on messages beyond the committed vectors. Built by scripts/build.mjs into dist/detect-driver.mjs.
// `rows` mode: the phrase tables and romanised entries the engine rebuilds from the compact export (unpack.std.ts),
// for comparison with the rows the Python pipeline holds.
import { readFileSync } from 'node:fs';
import data from 'virtual:haven-detect-data';
import { bundledDetector, unpack } from '../src/core/detect/index.std.js';

const rows = (): unknown => {
  const { lexicon: lx, romanised } = unpack(data);
  return { terms: lx.terms, anchors: lx.anchors, contexts: lx.contexts, cues: lx.cues, allow: lx.allow, romanised: romanised.entries };
};
const scans = (): unknown => {
  const detector = bundledDetector();
  const inputs = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as string[];
  // `zawgyi` mode: Google's myanmar-tools probability for each text, beside Python's myanmartools.
  return process.argv[3] === 'zawgyi' ? inputs.map((text) => detector.normalizer.zawgyiProbability(text)) : inputs.map((text) => {
    const norm = detector.normalise(text);
    const v = detector.scan(text);
    return {
      normalised: norm.text, zawgyi: norm.zawgyi, tier: v.tier, categories: v.categories, language: v.language,
      truncated: v.truncated, degraded: v.degraded,
      matches: v.matches.map((m) => [m.start, m.end, m.term, m.category, m.tier, m.baseTier, m.language, m.reasons]),
    };
  });
};
process.stdout.write(JSON.stringify(process.argv[2] === 'rows' ? rows() : scans()));
