// For tests/web/test_web_detection.py: scans each message of a JSON array file (argv[2]) with the TypeScript
// engine and prints (or, with `zawgyi`, the Zawgyi probability of each) the normalised text, Zawgyi decision and verdict as JSON, for comparison with Python's
// Detector.scan on messages beyond the committed vectors. Built by scripts/build.mjs into dist/detect-driver.mjs.
import { readFileSync } from 'node:fs';
import { bundledDetector } from '../src/core/detect/index.std.js';

const detector = bundledDetector();
const inputs = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as string[];
// `zawgyi` mode: Google's myanmar-tools probability for each text, beside Python's myanmartools.
const out = process.argv[3] === 'zawgyi' ? inputs.map((text) => detector.normalizer.zawgyiProbability(text)) : inputs.map((text) => {
  const norm = detector.normalise(text);
  const v = detector.scan(text);
  return {
    normalised: norm.text, zawgyi: norm.zawgyi, tier: v.tier, categories: v.categories, language: v.language,
    truncated: v.truncated, degraded: v.degraded,
    matches: v.matches.map((m) => [m.start, m.end, m.term, m.category, m.tier, m.baseTier, m.language, m.reasons]),
  };
});
process.stdout.write(JSON.stringify(out));
