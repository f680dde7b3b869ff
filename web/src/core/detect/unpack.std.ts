// Rebuilds the engine's tables (DetectData) from the compact file the build ships (PackedDetectData), decoding the
// forms of moderation/export_pack.py: row for row and in the same order as the Python pipeline holds them, since
// order decides ties. The vectors (tests/vectors/moderation) check the result end to end.
import type { DetectData, PackedDetectData, PackedTable } from './data.std.js';
import { foldRomanised } from './detector.std.js';
import { Normalizer } from './normalize.std.js';

const PREFIX_BASE = 0x30;

/** Front-coded texts back to full texts (export_pack.front_code). */
export function frontDecode(packed: string): string[] {
  const out: string[] = [];
  if (packed === '') return out;
  let previous = '';
  for (const line of packed.split('\n')) {
    previous = previous.slice(0, line.charCodeAt(0) - PREFIX_BASE) + line.slice(1);
    out.push(previous);
  }
  return out;
}

function expandRuns<Rest extends unknown[]>(runs: [number, ...Rest][], n: number): Rest[] {
  const out: Rest[] = [];
  for (const [count, ...rest] of runs) for (let i = 0; i < count; i++) out.push(rest as unknown as Rest);
  if (out.length !== n) throw new Error(`detection data: ${out.length} rows where ${n} were exported`);
  return out;
}

// Python's str.split() whitespace (JavaScript's \s differs: it lacks \x1c-\x1f and \x85, and adds \ufeff).
const PY_SPACE = /[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
const pySplit = (text: string): string[] => text.split(PY_SPACE).filter(Boolean);

const VOWELS = 'aeiou';

/** inflect.py inflections: the word and its inflected forms; the irregular ones come with the data. */
export function inflections(word: string, irregular: Record<string, string[]>): string[] {
  if (Object.hasOwn(irregular, word)) return [word, ...irregular[word]!];
  const last = word.slice(-1);
  if (last === 'e') return [word, word + 's', word + 'd', word.slice(0, -1) + 'ing'];
  if (last === 'y' && word.length > 2 && !VOWELS.includes(word.at(-2)!)) {
    return [word, word.slice(0, -1) + 'ies', word.slice(0, -1) + 'ied', word + 'ing'];
  }
  if (['s', 'sh', 'ch', 'x', 'z'].some((end) => word.endsWith(end))) return [word, word + 'es', word + 'ed', word + 'ing'];
  // One-syllable consonant-vowel-consonant words double the last letter: stop -> stopped.
  if (word.length >= 3 && !(VOWELS + 'wxy').includes(last) && VOWELS.includes(word.at(-2)!)
    && !VOWELS.includes(word.at(-3)!) && [...word].filter((ch) => VOWELS.includes(ch)).length === 1) {
    return [word, word + 's', word + last + 'ed', word + last + 'ing'];
  }
  return [word, word + 's', word + 'ed', word + 'ing'];
}

function inflectPhrase(phrase: string, irregular: Record<string, string[]>): string[] {
  if (!phrase.includes('~')) return [phrase];
  let out = [''];
  for (const token of phrase.split(' ')) {
    const forms = token.endsWith('~') && token.length > 1 ? inflections(token.slice(0, -1), irregular) : [token];
    out = out.flatMap((prefix) => forms.map((form) => (prefix ? `${prefix} ${form}` : form)));
  }
  return out;
}

const BRACES = /\{([^{}]*)\}/;
const BRACE_GROUPS = /\{([^{}]*)\}/g;
// Anything Python's " ".join(text.split()) would change: other whitespace, a double space, an outer space.
const UNTIDY = /[\t\n\v\f\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]|  |^ | $/;
const tidy = (text: string): string => (UNTIDY.test(text) ? pySplit(text).join(' ') : text);

/** lexicon.py expand: "{a|b} c {d|}" into every combination, single-spaced; "word~" into its inflections. */
export function expand(phrase: string, irregular: Record<string, string[]>): string[] {
  // The groups hold no braces, so substituting the first group, then the next, as lexicon.expand recurses, is the
  // product of the groups' options in order, the first outermost: built here in one pass.
  const parts: string[][] = [];
  let last = 0;
  for (const m of phrase.matchAll(BRACE_GROUPS)) {
    parts.push([phrase.slice(last, m.index)], m[1]!.split('|'));
    last = m.index + m[0].length;
  }
  parts.push([phrase.slice(last)]);
  if (parts.some((options) => options.length === 1 && /[{}]/.test(options[0]!))) return expandNested(phrase, irregular);
  let out = [''];
  for (const options of parts) {
    out = options.length === 1 ? out.map((p) => p + options[0]!) : out.flatMap((p) => options.map((o) => p + o));
  }
  return out.flatMap((p) => inflectPhrase(tidy(p), irregular));
}

/** lexicon.expand as written, for a brace left over once the innermost groups are read (nested groups). */
function expandNested(phrase: string, irregular: Record<string, string[]>): string[] {
  const match = BRACES.exec(phrase);
  if (match === null) {
    if (phrase.includes('{') || phrase.includes('}')) throw new Error(`detection data: unbalanced braces in ${JSON.stringify(phrase)}`);
    return inflectPhrase(tidy(phrase), irregular);
  }
  const head = phrase.slice(0, match.index);
  const tail = phrase.slice(match.index + match[0].length);
  return match[1]!.split('|').flatMap((option) => expandNested(head + option + tail, irregular));
}

/** A packed phrase table back to rows of [text, key, ...rest] (export_pack.table): each source phrase expands to
 * the texts of its rows, which share its rest; each key is the text normalised (lexicon.py key_of). */
export function unpackTable<Rest extends unknown[]>(t: PackedTable<Rest>, irregular: Record<string, string[]>,
  key: (text: string) => string): [string, string, ...Rest][] {
  const sources = frontDecode(t.src);
  const rests = expandRuns(t.rest, sources.length);
  const rows: [string, string, ...Rest][] = [];
  sources.forEach((source, i) => {
    for (const text of expand(source, irregular)) rows.push([text, key(text), ...rests[i]!]);
  });
  if (rows.length !== t.n) throw new Error(`detection data: ${rows.length} phrases where ${t.n} were exported`);
  return rows;
}

const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** export_pack.digits back to numbers: base-64 digits, least significant first, 32 and up carrying; zigzag. */
export function undigits(text: string): number[] {
  const out: number[] = [];
  let z = 0;
  let scale = 1;
  for (let i = 0; i < text.length; i++) {
    const d = DIGITS.indexOf(text[i]!);
    if (d < 0) throw new Error('detection data: a bad digit in the model weights');
    z += (d & 31) * scale;
    if (d < 32) {
      out.push(z % 2 === 0 ? z / 2 : -(z + 1) / 2);
      z = 0;
      scale = 1;
    } else {
      scale *= 32;
    }
  }
  if (scale !== 1) throw new Error('detection data: the model weights end inside a number');
  return out;
}

/** The model's packed rows back to bucket -> weights (export_pack.weights): the buckets from their gaps, then each
 * head's column, its non-zero weights each after the count of zero rows it skips. */
export function unpackWeights(w: PackedDetectData['model']['weights']): Record<string, number[]> {
  const gaps = undigits(w.gaps);
  if (gaps.length !== w.rows || w.columns.length !== w.width) throw new Error('detection data: the model weights do not fit their rows');
  const rows = gaps.map(() => new Array<number>(w.width).fill(0));
  w.columns.forEach(([skips, values], head) => {
    const s = undigits(skips);
    const v = undigits(values);
    if (s.length !== v.length) throw new Error('detection data: a model column with more skips than weights');
    let row = -1;
    s.forEach((skip, i) => {
      row += skip + 1;
      const target = rows[row];
      if (target === undefined) throw new Error('detection data: a model column runs past its rows');
      target[head] = v[i]!;
    });
  });
  const out: Record<string, number[]> = {};
  let bucket = 0;
  gaps.forEach((gap, row) => {
    bucket += gap;
    out[String(bucket)] = rows[row]!;
  });
  return out;
}

/** The fold ranges back to code point -> replacement (export_pack.fold_ranges). */
export function unpackFold(ranges: PackedDetectData['fold']): Record<string, string> {
  const out: Record<string, string> = {};
  let end = 0;
  for (const [gap, length, value, step] of ranges) {
    const start = end + gap;
    const base = value.codePointAt(0) ?? 0;
    for (let i = 0; i < length; i++) out[String(start + i)] = step === 1 ? String.fromCodePoint(base + i) : value;
    end = start + length;
  }
  return out;
}

function unpackRomanised(r: PackedDetectData['romanised'], irregular: Record<string, string[]>): DetectData['romanised'] {
  const sources = frontDecode(r.items.src);
  const entries = new Map<string, DetectData['romanised']['entries'][number][1]>();
  // Memoised as in romanised.py: the brace expansions repeat the same few hundred tokens a hundred thousand times.
  const folded = new Map<string, string>();
  const fold = (token: string): string => {
    let f = folded.get(token);
    if (f === undefined) folded.set(token, (f = foldRomanised(token, r.rules)));
    return f;
  };
  // romanised.py romanised_data (2026.12.17): a key's item is entered once per (category, tier, kind, combo), the
  // first variant's text, since a later variant saying the same at the same span is dropped as adding nothing.
  const seen = new Set<string>();
  expandRuns(r.items.rest, sources.length).forEach(([category, tier, kind, combo], i) => {
    for (const text of expand(sources[i]!, irregular)) {
      // romanised.py romanised_data: each variant under its fold_phrase key; a variant that folds to nothing is dropped.
      const key = pySplit(text).map(fold).join('');
      if (!key) continue;
      const entry = `${key}\u0000${category}\u0000${tier}\u0000${kind}\u0000${combo}`;
      if (seen.has(entry)) continue;
      seen.add(entry);
      let items = entries.get(key);
      if (items === undefined) entries.set(key, (items = []));
      items.push([text, category, tier, kind, combo]);
    }
  });
  const { items: _items, ...rest } = r;
  return { ...rest, entries: [...entries] };
}

export function unpack(data: PackedDetectData): DetectData {
  if (data.format !== 4) throw new Error(`detection data format ${data.format}; this engine reads format 4`);
  const lx = data.lexicon;
  const irr = data.irregular;
  const { irregular: _irregular, ...rest } = data;
  const fold = unpackFold(data.fold);
  // lexicon.py key_of: the automaton key of a phrase is the phrase normalised by the same pipeline as messages.
  const normalizer = new Normalizer({ ...data, fold });
  const key = (text: string): string => {
    const k = normalizer.phrase(text);
    if (!k) throw new Error(`detection data: phrase ${JSON.stringify(text)} is empty once normalised`);
    return k;
  };
  return {
    ...rest,
    fold,
    lexicon: {
      ...lx,
      terms: unpackTable(lx.terms, irr, key),
      anchors: unpackTable(lx.anchors, irr, key),
      contexts: unpackTable(lx.contexts, irr, key),
      cues: unpackTable(lx.cues, irr, key),
      allow: unpackTable(lx.allow, irr, key),
    },
    romanised: unpackRomanised(data.romanised, irr),
    model: { ...data.model, weights: unpackWeights(data.model.weights) },
  };
}
