// Rebuilds the engine's tables (DetectData) from the compact file the build ships (PackedDetectData), decoding the
// forms of moderation/export_pack.py: row for row and in the same order as the Python pipeline holds them, since
// order decides ties. The vectors (tests/vectors/moderation) check the result end to end.
import type { DetectData, PackedDetectData, PackedTable } from './data.std.js';
import { foldRomanised } from './detector.std.js';

const PREFIX_BASE = 0x30;

/** Front-coded texts back to full texts (export_pack.front_code). */
export function frontDecode(packed: string, n: number): string[] {
  const out: string[] = [];
  if (n === 0) return out;
  let previous = '';
  for (const line of packed.split('\n')) {
    previous = previous.slice(0, line.charCodeAt(0) - PREFIX_BASE) + line.slice(1);
    out.push(previous);
  }
  if (out.length !== n) throw new Error(`detection data: ${out.length} texts where ${n} were exported`);
  return out;
}

function expandRuns<Rest extends unknown[]>(runs: [number, ...Rest][], n: number): Rest[] {
  const out: Rest[] = [];
  for (const [count, ...rest] of runs) for (let i = 0; i < count; i++) out.push(rest as unknown as Rest);
  if (out.length !== n) throw new Error(`detection data: ${out.length} rows where ${n} were exported`);
  return out;
}

/** A packed phrase table back to rows of [text, key, ...rest] (export_pack.table). */
export function unpackTable<Rest extends unknown[]>(t: PackedTable<Rest>): [string, string, ...Rest][] {
  const texts = frontDecode(t.text, t.n);
  const keys = new Map(t.key);
  return expandRuns(t.rest, t.n).map((rest, i) => [texts[i]!, keys.get(i) ?? texts[i]!, ...rest]);
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function base64Bytes(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let j = 0;
  for (const ch of clean) {
    const v = B64.indexOf(ch);
    if (v < 0) throw new Error('detection data: bad base64 in the model weights');
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[j++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

/** The model's packed rows back to bucket -> weights (export_pack.weights). */
export function unpackWeights(w: PackedDetectData['model']['weights']): Record<string, number[]> {
  const bytes = base64Bytes(w.data);
  let at = 0;
  const next = (): number => {
    let z = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[at++];
      if (b === undefined) throw new Error('detection data: the model weights end early');
      z += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) break;
      shift += 7;
    }
    return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
  };
  const out: Record<string, number[]> = {};
  let bucket = 0;
  for (let r = 0; r < w.rows; r++) {
    bucket += next();
    const row: number[] = [];
    for (let i = 0; i < w.width; i++) row.push(next());
    out[String(bucket)] = row;
  }
  if (at !== bytes.length) throw new Error('detection data: the model weights run on');
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

function unpackRomanised(r: PackedDetectData['romanised']): DetectData['romanised'] {
  const texts = frontDecode(r.items.text, r.items.n);
  const entries = new Map<string, DetectData['romanised']['entries'][number][1]>();
  expandRuns(r.items.rest, r.items.n).forEach(([category, tier, kind, combo], i) => {
    const text = texts[i]!;
    // romanised.py _fold_phrase: the key the Python automaton holds this item under.
    const key = text.split(/\s+/).filter(Boolean).map((t) => foldRomanised(t, r.rules)).join('');
    let items = entries.get(key);
    if (items === undefined) entries.set(key, (items = []));
    items.push([text, category, tier, kind, combo]);
  });
  const { items: _items, ...rest } = r;
  return { ...rest, entries: [...entries] };
}

export function unpack(data: PackedDetectData): DetectData {
  if (data.format !== 2) throw new Error(`detection data format ${data.format}; this engine reads format 2`);
  const lx = data.lexicon;
  return {
    ...data,
    fold: unpackFold(data.fold),
    lexicon: {
      ...lx,
      terms: unpackTable(lx.terms),
      anchors: unpackTable(lx.anchors),
      contexts: unpackTable(lx.contexts),
      cues: unpackTable(lx.cues),
      allow: unpackTable(lx.allow),
    },
    romanised: unpackRomanised(data.romanised),
    model: { ...data.model, weights: unpackWeights(data.model.weights) },
  };
}
