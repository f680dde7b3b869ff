// The detection data `python -m moderation.export` writes (web/scripts/build.mjs runs it on every build into dist/,
// so it is never edited by hand and never stale): PackedDetectData is the file as shipped, in the compact forms of
// moderation/export_pack.py; DetectData is what the engine reads, rebuilt from it by unpack.std.ts.

/** A phrase table as shipped: its source phrases before expansion (front-coded: one prefix-length character, the
 * rest, newline-joined) and the remaining fields of each source phrase as runs of [count, ...fields]; the engine
 * expands the phrases and normalises each to its key. */
export interface PackedTable<Rest extends unknown[]> {
  n: number;
  src: string;
  rest: [count: number, ...Rest][];
}

export interface PackedDetectData extends Omit<DetectData, 'fold' | 'lexicon' | 'romanised' | 'model'> {
  /** inflect.py IRREGULAR: the irregular forms of "word~" (its regular rules are code in unpack.std.ts). */
  irregular: Record<string, string[]>;
  /** [gap from the previous range's end, length, replacement, step]: step 1 shifts a one-character replacement. */
  fold: [gap: number, length: number, out: string, step: 0 | 1][];
  lexicon: Omit<DetectData['lexicon'], 'terms' | 'anchors' | 'contexts' | 'cues' | 'allow'> & {
    terms: PackedTable<[category: string, tier: number, language: string]>;
    anchors: PackedTable<[combo: number, role: number]>;
    contexts: PackedTable<[kind: string, raiseTo: number, minTier: number, categories: string[], language: string]>;
    cues: PackedTable<[kind: string, position: string, language: string]>;
    allow: PackedTable<[language: string, silencesModel: number]>;
  };
  romanised: Omit<DetectData['romanised'], 'entries'> & {
    /** The table's source phrases in romanised_data's order, front-coded, and their fields as runs: each expands
     * to variants filed under their romanised fold. */
    items: { src: string; rest: [count: number, category: string, tier: number, kind: string, combo: number][] };
  };
  model: Omit<DetectData['model'], 'weights'> & {
    /** The buckets as gaps from the previous one, then one column per head: the zero rows skipped before each
     * non-zero weight, and those weights, in export_pack.digits. */
    weights: { rows: number; width: number; gaps: string; columns: [skips: string, values: string][] };
  };
}

export interface DetectData {
  format: number;
  fold: Record<string, string>;
  late: string;
  rules: {
    leet: { table: Record<string, string>; run: string; prefix: string; unit: string };
    spaced: { pattern: string };
    stretch: { pattern: string };
    double: { pattern: string; everyday: string[] };
    myanmar_space: { pattern: string };
    myanmar_canon: { pattern: string; map: Record<string, string>; gates: string[] };
    myanmar_particles: { particles: string[] };
    myanmar_order: { rules: [string, string][] };
  };
  /** unicode_chunk: zawgyi.py UNICODE_CHUNK_THRESHOLD (a chunk with U+103A read below it stays Unicode). */
  zawgyi: { threshold: number; unicode_chunk: number; signs: { chunk: string; message: string }; rules: [string, string][] };
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
    allow: [text: string, key: string, language: string, silencesModel: number][];
    versions: Record<string, string>;
  };
  romanised: {
    version: string;
    rules: [string, string][];
    markers: string[];
    english: string[];
    lookalikes: string[];
    emoji: [emoji: string, folded: string][];
    entries: [key: string, items: [text: string, category: string, tier: number, kind: string, combo: number][]][];
    combos: [name: string, category: string, tier: number, window: number, ordered: boolean][];
  };
  model: {
    version: string;
    heads: string[];
    buckets: number;
    bias: number[];
    thresholds: { any: number; high: number; doubt: number };
    weights: Record<string, number[]>;
  };
}
