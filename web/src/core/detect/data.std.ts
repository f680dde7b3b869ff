// The shape of the detection data file that `python -m moderation.export` writes (web/scripts/build.mjs runs it on
// every build into dist/, so it is never edited by hand and never stale). Tuples keep the file small.

export interface DetectData {
  format: number;
  fold: Record<string, string>;
  late: string;
  rules: {
    leet: { table: Record<string, string>; run: string; prefix: string; unit: string };
    spaced: { pattern: string };
    stretch: { pattern: string };
    double: { pattern: string };
    myanmar_space: { pattern: string };
    myanmar_canon: { pattern: string; map: Record<string, string> };
    myanmar_particles: { particles: string[] };
    myanmar_order: { rules: [string, string][] };
  };
  zawgyi: { threshold: number; rules: [string, string][] };
  euphemisms: Record<string, string>;
  lexicon: {
    order: string[];
    /** Per lexicon: how many terms, anchors, contexts, cues and allow phrases (the lists below are concatenated). */
    counts: [number, number, number, number, number][];
    terms: [text: string, key: string, category: string, tier: number, language: string][];
    anchors: [text: string, key: string, combo: number, role: number][];
    combos: [name: string, category: string, tier: number, window: number, language: string, ordered: boolean][];
    contexts: [text: string, key: string, kind: string, raiseTo: number, minTier: number, categories: string[], language: string][];
    cues: [text: string, key: string, kind: string, position: string, language: string][];
    allow: [text: string, key: string, language: string][];
    versions: Record<string, string>;
  };
  romanised: {
    version: string;
    rules: [string, string][];
    markers: string[];
    english: string[];
    entries: [key: string, items: [text: string, category: string, tier: number, kind: string, combo: number][]][];
    combos: [name: string, category: string, tier: number, window: number, ordered: boolean][];
  };
  model: {
    version: string;
    heads: string[];
    buckets: number;
    bias: number[];
    thresholds: { any: number; high: number };
    weights: Record<string, number[]>;
  };
}
