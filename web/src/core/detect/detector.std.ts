// Crisis detection in TypeScript: a port of moderation/detector.py, matcher.py, morphology.py, script.py,
// context.py, romanised.py and model.py that runs the data `python -m moderation.export` writes. The data (lexicons
// after expansion and inflection, fold table, rules, romanised table, model weights) is never edited here; the
// logic that is code in Python (boundaries, pairing, context rules, romanised matching, model scoring) is ported
// line for line, so both engines give the same verdict (web/test/detection.test.ts checks every vector).
// Offsets in a verdict count code points of the original text, as Python's str does.
import { AhoCorasick } from './ahoCorasick.std.js';
import type { DetectData } from './data.std.js';
import { Normalizer, codePointBefore, hasMyanmar, isAscii, isMyanmar, type Normalized } from './normalize.std.js';

export const WINDOW = 4096;
export const OVERLAP = 256;
export const MAX_SCAN = 1 << 20;
export const MAX_MATCHES = 64;
const MAX_TIER = 4;
const CONTEXT_WINDOW = 80;
const CUE_WINDOW = 40;
const REASSURANCE_WINDOW = 80;
const LOOK = 300;
// context.py SELF_WINDOW: normalised characters between a first-person word and the hit it is the subject of.
const SELF_WINDOW = 12;
// Cue kinds that drop a hit (framing) or guard it from being dropped (self); they never lower by one.
const FRAMES = new Set(['fiction', 'event', 'self', 'mishap', 'intent']);
// detector.py _MODEL_SILENCING_FRAMES: cue kinds in whose presence the model stays silent, as it does for idioms
// (the lexicon drops a hit inside such a frame, and the model must not bring it back).
const MODEL_SILENCING_FRAMES = new Set(['fiction', 'event', 'mishap']);
// romanised.py _SELF_TOKENS: tokens between a first-person word and the hit it is the subject of ("nga ko ...").
const SELF_TOKENS = 3;

export interface Match {
  start: number;
  end: number;
  term: string;
  category: string;
  tier: number;
  baseTier: number;
  language: string;
  reasons: string[];
}

export interface Verdict {
  tier: number;
  categories: string[];
  matches: Match[];
  language: string;
  zawgyi: boolean;
  truncated: boolean;
  degraded: boolean;
}

// gapStart/gapEnd: for a combo's hit, the normalised span between its two parts, where a context word counts.
interface Term { kind: 'term'; text: string; key: string; category: string; tier: number; language: string; gapStart?: number; gapEnd?: number }
interface Combo { index: number; name: string; category: string; tier: number; window: number; language: string; ordered: boolean }
interface Anchor { kind: 'anchor'; text: string; key: string; combo: Combo; role: number }
interface ContextTerm { kind: 'context'; text: string; key: string; ctx: string; raiseTo: number; minTier: number; categories: Set<string> }
interface Cue { kind: 'cue'; text: string; key: string; cue: string; position: string }
/** silencesModel: an idiom ([allow] phrases); an ordinary word ([allow] words) cancels what it overlaps only. */
interface AllowPhrase { kind: 'allow'; text: string; key: string; silencesModel: boolean }
type Aux = ContextTerm | Cue | AllowPhrase;

interface Found<T> { start: number; end: number; item: T }
interface RomanisedTerm { text: string; category: string; tier: number; kind: string; combo: number }
interface RomanisedCombo { name: string; category: string; tier: number; window: number; ordered: boolean }

// ---- script.py ----------------------------------------------------------------------------------------------

const MARK_RANGES: [number, number][] = [
  [0x102b, 0x103e], [0x1056, 0x1059], [0x105e, 0x1060], [0x1062, 0x1064], [0x1067, 0x106d],
  [0x1071, 0x1074], [0x1082, 0x108d], [0x108f, 0x108f], [0x109a, 0x109d],
];
function isMark(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  return MARK_RANGES.some(([lo, hi]) => lo <= c && c <= hi);
}
function isConsonant(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '\u1000' && ch <= '\u1021';
}

export function syllableBoundary(text: string, i: number): boolean {
  const n = text.length;
  if (i <= 0 || i >= n) return true;
  const ch = text[i]!;
  const prev = text[i - 1]!;
  if (!isMyanmar(ch) || !isMyanmar(prev)) return !isMark(ch);
  if (isMark(ch) || prev === '\u1039') return false;
  if (isConsonant(ch)) {
    let j = i + 1;
    while (j < n && text[j] === '\u1037') j++;
    if (j < n && (text[j] === '\u103a' || text[j] === '\u1039')) return false;
  }
  return true;
}

const ALNUM = /^[\p{L}\p{N}]/u;
function wordBoundary(text: string, i: number): boolean {
  if (i <= 0 || i >= text.length) return true;
  // Python's str.isalnum on whole code points: an astral letter (CJK extension B) is a letter, not two halves.
  return !(ALNUM.test(codePointBefore(text, i)) && ALNUM.test(text.slice(i, i + 2)));
}

function countOf(re: RegExp, s: string): number {
  return (s.match(re) ?? []).length;
}

export function guessLanguage(text: string): string {
  const sample = [...text].slice(0, 2000).join('');
  if (isAscii(sample)) return sample.toLowerCase() !== sample.toUpperCase() ? 'en' : 'und';
  const hasMy = /[\u1000-\u109f]/u.test(sample);
  const hasLatin = sample.toUpperCase() !== sample.toLowerCase() && /[A-Za-z]/.test(sample);
  if (hasMy && !hasLatin) return 'my';
  const hasTh = /[\u0e00-\u0e7f]/u.test(sample);
  if (Number(hasMy) + Number(hasTh) + Number(hasLatin) > 1) {
    const counts: [string, number][] = [
      ['my', countOf(/[\u1000-\u109f]/gu, sample)],
      ['th', countOf(/[\u0e00-\u0e7f]/gu, sample)],
      ['en', countOf(/[A-Za-z\u00c0-\u024f]/gu, sample)],
    ];
    let best = counts[0]!;
    for (const c of counts) if (c[1] > best[1]) best = c;
    return best[0];
  }
  if (hasTh) return 'th';
  return hasLatin ? 'en' : 'und';
}

// ---- matcher.py ---------------------------------------------------------------------------------------------

interface Key<T> { myStart: boolean; myEnd: boolean; items: T[] }

class PhraseMatcher<T> {
  private readonly ac = new AhoCorasick<Key<T>>();
  constructor(entries: Iterable<[string, T]>) {
    const grouped = new Map<string, T[]>();
    for (const [key, item] of entries) {
      if (!key) continue;
      const list = grouped.get(key);
      if (list) list.push(item); else grouped.set(key, [item]);
    }
    for (const [key, items] of grouped) {
      this.ac.add(key, { myStart: isMyanmar(key[0]), myEnd: isMyanmar(key[key.length - 1]), items });
    }
    this.ac.build();
  }

  find(text: string, limit = 10_000): Found<T>[] {
    const out: Found<T>[] = [];
    this.ac.scan(text, (end, length, key) => {
      const start = end - length;
      const left = key.myStart ? syllableBoundary(text, start) : wordBoundary(text, start);
      if (!left) return false;
      if (!(key.myEnd ? syllableBoundary(text, end) : wordBoundary(text, end))) return false;
      for (const item of key.items) out.push({ start, end, item });
      return out.length >= limit;
    });
    return out;
  }
}

// ---- morphology.py ------------------------------------------------------------------------------------------

class Particles {
  private readonly re: RegExp;
  constructor(particles: string[]) {
    const sorted = [...particles].sort((a, b) => [...b].length - [...a].length);
    this.re = new RegExp(sorted.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gu');
  }

  strip(text: string): [string, number[]] {
    let out = '';
    const index: number[] = [];
    let pos = 0;
    this.re.lastIndex = 0;
    for (let m = this.re.exec(text); m !== null; m = this.re.exec(text)) {
      const a = m.index;
      const b = a + m[0].length;
      if (a < pos || !(syllableBoundary(text, a) && syllableBoundary(text, b))) continue;
      out += text.slice(pos, a);
      for (let i = pos; i < a; i++) index.push(i);
      pos = b;
    }
    if (pos === 0) return [text, Array.from({ length: text.length }, (_, i) => i)];
    out += text.slice(pos);
    for (let i = pos; i < text.length; i++) index.push(i);
    return [out, index];
  }
}

function syllables(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) if (isMyanmar(text[i]) && syllableBoundary(text, i)) count++;
  return count;
}

// ---- context.py ---------------------------------------------------------------------------------------------

const W = '[\\p{L}\\p{N}_]';
const B_START = `(?<!${W})`;
const B_END = `(?!${W})`;
const SENTENCE_BREAK = /[.!?\n\u104b]/u;
const REASSURABLE = new Set(['danger', 'violence', 'abuse']);
const TIME_CATEGORIES = new Set(['suicide', 'self_harm', 'violence', 'danger', 'abuse']);
// Python's \b is Unicode-aware and JavaScript's is not, so word boundaries are spelled out with lookarounds.
const CLAUSE_BREAK = new RegExp(
  `[.!?;:,\\n\\u104a\\u104b]|${B_START}(?:but|and|so|because|cause|though|although|however|then)${B_END}`, 'giu');
const D = '\\p{Nd}';
const TIME_RE = new RegExp(
  `${B_START}${D}{1,2}(?:[:.]${D}{2})?\\s*(?:am|pm|a\\.m\\.|p\\.m\\.|o'?clock|h)${B_END}` +
  `|${B_START}in\\s+(?:(?:${D}+|an?|a few|few|some|ten|five|twenty)\\s+)?(?:min(?:ute)?s?|hours?|hrs?)${B_END}` +
  `|${B_START}(?:at|by|before)\\s+(?:midnight|dawn|${D}{1,2}(?:[:.]${D}{2})?)${B_END}`, 'iu');
// Python's \b: a boundary also between a word character and a non-word one the other way round; the lookaround
// pairs above only express "not preceded/followed by a word character", which is the same where the phrase
// itself starts and ends with word characters (every alternative here does, except "a.m." handled by the end).
const QUOTES_OPEN = '"“„«「『';
const QUOTES_CLOSE = '"”»」』';

function searchIn(re: RegExp, s: string, pos: number, endpos: number): RegExpExecArray | null {
  const sub = s.slice(0, endpos);
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
  g.lastIndex = pos;
  return g.exec(sub);
}

function clause(original: string, oStart: number, oEnd: number): [number, number] {
  const lo = Math.max(0, oStart - LOOK);
  let clauseStart = lo;
  const sub = original.slice(0, oStart);
  CLAUSE_BREAK.lastIndex = lo;
  for (let m = CLAUSE_BREAK.exec(sub); m !== null; m = CLAUSE_BREAK.exec(sub)) clauseStart = m.index + m[0].length;
  const stop = Math.min(original.length, oEnd + LOOK);
  const after = searchIn(CLAUSE_BREAK, original, oEnd, stop);
  return [clauseStart, after ? after.index : stop];
}

function rfind(s: string, q: string): number {
  return s.lastIndexOf(q);
}

function quoted(original: string, oStart: number, oEnd: number): boolean {
  const before = original.slice(Math.max(0, oStart - LOOK), oStart);
  const after = original.slice(oEnd, oEnd + LOOK);
  const straight = before.split('"').length - 1;
  if (straight % 2 === 1 && after.includes('"')) return true;
  const lastOpen = Math.max(...[...QUOTES_OPEN].filter((q) => q !== '"').map((q) => rfind(before, q)));
  const lastClose = Math.max(...[...QUOTES_CLOSE].filter((q) => q !== '"').map((q) => rfind(before, q)));
  return lastOpen > lastClose && [...QUOTES_CLOSE].some((q) => q !== '"' && after.includes(q));
}

function span(norm: Normalized, start: number, end: number): [number, number] {
  return [norm.starts[start]!, norm.ends[end - 1]!];
}

function modifiers(original: string, norm: Normalized, start: number, end: number, cues: Found<Cue>[]): string[] {
  const [oStart, oEnd] = span(norm, start, end);
  const [clauseStart, clauseEnd] = clause(original, oStart, oEnd);
  const kinds: string[] = [];
  for (const cue of cues) {
    if (kinds.includes(cue.item.cue)) continue;
    let applies: boolean;
    if (cue.item.cue === 'reassurance') {
      if (cue.start < end) continue;
      const [cStart] = span(norm, cue.start, cue.end);
      applies = cStart - oEnd <= REASSURANCE_WINDOW && searchIn(SENTENCE_BREAK, original, oEnd, cStart) === null;
    } else if (cue.item.position === 'prefix') {
      applies = cue.end === start;
    } else if (cue.item.position === 'near') {
      // Inside the hit, or just before it: the hit's own subject or object.
      applies = (cue.start < end && start < cue.end) || (cue.end <= start && start - cue.end <= SELF_WINDOW);
    } else if (cue.item.position === 'sentence') {
      // Anywhere in the hit's sentence, before or after it.
      const [cStart, cEnd] = span(norm, cue.start, cue.end);
      const [lo, hi] = cEnd <= oStart ? [cEnd, oStart] : [oEnd, cStart];
      applies = Math.abs(cStart - oStart) <= LOOK && (hi <= lo || searchIn(SENTENCE_BREAK, original, lo, hi) === null);
    } else if (cue.item.position === 'before') {
      if (cue.end > start) continue;
      const [cStart, cEnd] = span(norm, cue.start, cue.end);
      applies = cStart >= clauseStart && oStart - cEnd <= CUE_WINDOW;
    } else {
      if (cue.start < end) continue;
      const [cStart, cEnd] = span(norm, cue.start, cue.end);
      applies = cEnd <= Math.max(clauseEnd, oEnd) && cStart - oEnd <= CUE_WINDOW;
    }
    if (applies) kinds.push(cue.item.cue);
  }
  if (quoted(original, oStart, oEnd)) kinds.push('quoted');
  return kinds;
}

function raisedTier(category: string, tier: number, start: number, end: number, contexts: Found<ContextTerm>[],
  clockTime: boolean, past: boolean, gapStart = -1, gapEnd = -1): [number, string[]] {
  const reasons: string[] = [];
  // A word inside the hit is part of it, not context, unless it lies between a combo's two parts.
  const near = contexts.filter((c) => c.item.categories.has(category) && c.start - end <= CONTEXT_WINDOW
    && start - c.end <= CONTEXT_WINDOW && (!(c.start >= start && c.end <= end) || (c.start >= gapStart && c.end <= gapEnd))
    && !(past && c.item.ctx === 'time'));
  near.sort((a, b) => a.item.raiseTo - b.item.raiseTo);
  for (const c of near) {
    if (tier >= c.item.minTier && c.item.raiseTo > tier) {
      tier = c.item.raiseTo;
      reasons.push(`${c.item.ctx}:${c.item.text}`);
    }
  }
  if (clockTime && !past && TIME_CATEGORIES.has(category) && tier >= 2 && tier < MAX_TIER) {
    tier = MAX_TIER;
    reasons.push('time:clock');
  }
  return [tier, reasons];
}

function assess(original: string, norm: Normalized, hit: Found<Term>, contexts: Found<ContextTerm>[],
  cues: Found<Cue>[], clockTime: boolean): [number, string[]] {
  const { category, tier: base } = hit.item;
  let kinds = modifiers(original, norm, hit.start, hit.end, cues);
  let frame: string | null = null;
  if (!kinds.includes('self')) {
    // Framing: a fiction or news frame drops a hit, a public event a danger hit.
    frame = kinds.includes('fiction') ? 'fiction' : kinds.includes('event') && category === 'danger' ? 'event' : null;
  }
  // An everyday accident or leisure in the sentence drops a self-harm hit and a place or means suicide hit (base 3);
  // `self` does not guard (context.py assess, 2026.12.4).
  // Finality or intent in the sentence ("... and never come back") keeps a mishap from dropping (2026.12.5).
  const mishap = kinds.includes('mishap') && !kinds.includes('intent');
  if (frame === null && mishap && (category === 'self_harm' || (category === 'suicide' && base === 3))) {
    return [0, ['dropped:mishap']];
  }
  kinds = kinds.filter((k) => !FRAMES.has(k));
  const past = kinds.includes('past');
  let [tier, reasons] = raisedTier(category, base, hit.start, hit.end, contexts, clockTime, past, hit.item.gapStart ?? -1,
    hit.item.gapEnd ?? -1);
  if (frame !== null) {
    // A frame lowers at most one tier from 4: a means with "now" next to "film" is still someone in danger.
    // Only a method hit (base tier 3 or more) that a time word raised to 4 is kept; a regime word a time word
    // raised, a plot line, or a hit raised only by a clock time (which schedules the fiction) is dropped as before.
    if (tier < MAX_TIER || base < 3 || !reasons.some((r) => r.startsWith('time:') && r !== 'time:clock')) {
      return [0, [`dropped:${frame}`]];
    }
    return [MAX_TIER - 1, [...reasons, `lowered:${frame}`]];
  }
  if (past) reasons.push('past');
  const reassured = kinds.includes('reassurance') && (REASSURABLE.has(category) || past) && (tier < MAX_TIER || base < MAX_TIER);
  if (tier < MAX_TIER || reassured) {
    let lowering = tier < MAX_TIER ? kinds.filter((k) => k !== 'past' && k !== 'reassurance') : [];
    if (category === 'danger') lowering = lowering.filter((k) => k !== 'reported');
    if (reassured) lowering.push('reassurance');
    if (lowering.length > 0) {
      tier -= 1;
      reasons.push(...lowering.map((k) => `lowered:${k}`));
    }
  }
  if (reassured && past) {
    // The past told as over is at most concern: past danger, violence or abuse said to be over is dropped,
    // a past suicide or self-harm hit followed by recovery stays 1 (context.py).
    if (REASSURABLE.has(category)) return [0, [...reasons, 'dropped:over']];
    if (tier > 1) {
      tier = 1;
      reasons.push('lowered:over');
    }
  }
  return [tier, reasons];
}

// ---- detector.py helpers ------------------------------------------------------------------------------------

function pairAnchors(anchors: Found<Anchor>[]): Found<Term>[] {
  const out: Found<Term>[] = [];
  const done = new Set<string>();
  for (const a of anchors) {
    if (a.item.role !== 0) continue;
    const combo = a.item.combo;
    for (const b of anchors) {
      if (b.item.combo !== combo || b.item.role !== 1 || (b.start < a.end && a.start < b.end)) continue;
      if (combo.ordered && b.start < a.end) continue;
      const gap = b.start >= a.end ? b.start - a.end : a.start - b.end;
      if (gap > combo.window) continue;
      const start = Math.min(a.start, b.start);
      const end = Math.max(a.end, b.end);
      const id = `${start},${end},${combo.index}`;
      if (done.has(id)) continue;
      done.add(id);
      const text = a.start < b.start ? `${a.item.text} … ${b.item.text}` : `${b.item.text} … ${a.item.text}`;
      const [gapStart, gapEnd] = a.start < b.start ? [a.end, b.start] : [b.end, a.start];
      out.push({ start, end, item: { kind: 'term', text, key: '', category: combo.category, tier: combo.tier, language: combo.language,
        gapStart, gapEnd } });
    }
  }
  return out;
}

function spoils(allow: Found<AllowPhrase>, start: number, end: number): boolean {
  if (!(allow.start < end && start < allow.end)) return false;
  const inside = start <= allow.start && allow.end <= end && allow.end - allow.start < end - start;
  return !inside;
}

function morphologicalExtension(longer: Found<Term>, shorter: Found<Term>): boolean {
  const l = longer.item.key;
  const s = shorter.item.key;
  if (!l || !s) return false;
  if (l.startsWith(s)) return !l.slice(s.length).includes(' ');
  if (l.endsWith(s)) return !l.slice(0, l.length - s.length).includes(' ');
  return false;
}

function mostSpecific(input: Found<Term>[]): Found<Term>[] {
  const hits = [...input].sort((x, y) => x.start - y.start || (y.end - y.start) - (x.end - x.start) || y.item.tier - x.item.tier);
  const kept: Found<Term>[] = [];
  const seen = new Set<string>();
  for (const h of hits) {
    if (seen.has(`${h.start},${h.end},${h.item.category}`)) continue;
    if (!h.item.key && hits.some((k) => k.item.key && h.start <= k.start && k.end <= h.end
      && k.item.category === h.item.category && k.item.tier >= h.item.tier)) continue;
    if (hits.some((k) => k.start <= h.start && h.end <= k.end && k.end - k.start > h.end - h.start
      && (k.item.tier >= h.item.tier || (k.item.category === h.item.category && morphologicalExtension(k, h)))
      && (k.item.key || !h.item.key))) continue;
    seen.add(`${h.start},${h.end},${h.item.category}`);
    kept.push(h);
  }
  return kept;
}

function termId(start: number, end: number, t: Term): string {
  return [start, end, t.text, t.key, t.category, t.tier, t.language].join('\u0000');
}

// ---- model.py -----------------------------------------------------------------------------------------------

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();
const UTF8 = new TextEncoder();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function modelFeatures(norm: string): string[] {
  const out: string[] = [];
  let prev = '';
  for (const word of norm.split(/\s+/u).filter(Boolean)) {
    if (isMyanmar(word[0])) {
      const padded = [...`^${word}$`];
      for (let i = 0; i + 3 <= padded.length; i++) out.push('c:' + padded.slice(i, i + 3).join(''));
      prev = '';
      continue;
    }
    out.push('w:' + word);
    if (prev) out.push('b:' + prev + ' ' + word);
    prev = word;
  }
  return out;
}

const HEADS = ['any', 'high', 'suicide', 'self_harm', 'danger', 'abuse', 'violence', 'distress'];

export interface ModelScore { scores: number[]; tier: number; category: string; reason: string }

class Model {
  private readonly weights = new Map<number, number[]>();
  private readonly memo = new Map<string, number>();
  constructor(private readonly data: DetectData['model']) {
    if (data.heads.join() !== HEADS.join()) throw new Error('model heads differ from the engine');
    for (const [k, v] of Object.entries(data.weights)) this.weights.set(Number(k), v);
  }

  /** model.py Model.doubts: the tier >= 1 head's score below which a lexicon tier 1 or 2 is doubted. */
  get doubt(): number {
    return this.data.thresholds.doubt;
  }

  score(norm: string): ModelScore {
    const seen = new Set<number>();
    const scores = [...this.data.bias];
    for (const feature of modelFeatures(norm)) {
      let b = this.memo.get(feature);
      if (b === undefined) {
        if (this.memo.size >= 1 << 16) this.memo.clear();
        b = crc32(UTF8.encode(feature)) % this.data.buckets;
        this.memo.set(feature, b);
      }
      if (seen.has(b)) continue;
      seen.add(b);
      const row = this.weights.get(b);
      if (row) for (let i = 0; i < scores.length; i++) scores[i]! += row[i]!;
    }
    let tier: number;
    // model.py: the high head raises to 3 only where the tier >= 1 head leans to a crisis too (2026.12.13).
    if (scores[1]! >= this.data.thresholds.high && scores[0]! >= 0) tier = 3;
    else if (scores[0]! >= this.data.thresholds.any) tier = 1;
    else return { scores, tier: 0, category: '', reason: '' };
    let best = 0;
    for (let i = 1; i < HEADS.length - 2; i++) if (scores[2 + i]! > scores[2 + best]!) best = i;
    const head = tier === 3 ? 'high' : 'any';
    return { scores, tier, category: HEADS[2 + best]!, reason: `model:${head}=${tier === 3 ? scores[1] : scores[0]}` };
  }
}

// ---- romanised.py -------------------------------------------------------------------------------------------

/** romanised.py _fold: the spelling skeleton of one token (lower-case, ordered replacements, doubles collapsed).
 * The token stands between the anchors ^ and $ while the rules run, so a rule may hold to its start or end. */
export function foldRomanised(token: string, rules: readonly (readonly [string, string])[]): string {
  let s = `^${token.toLowerCase()}$`;
  for (const [old, rep] of rules) if (s.includes(old)) s = s.replaceAll(old, rep);
  s = s.replaceAll('^', '').replaceAll('$', '');
  let out = '';
  for (const ch of s) if (!out.endsWith(ch)) out += ch;
  return out;
}

const VOWELS = new Set('aeiou');
const MEDIALS = new Set('ywhlr');
// romanised.py _SHARED_WORDS: English function words that are Burmese words too (the weak check only).
const SHARED_WORDS = new Set(['that']);
const ALPHA = /^[A-Za-z]+$/;

/** romanised.py syllables: a folded token cut at syllable starts, so words typed together meet phrases typed
 * apart (a cut before a consonant that a vowel follows, directly or after a medial, when a vowel precedes it or a
 * coda consonant that a vowel precedes). */
export function romanisedSyllables(folded: string): string[] {
  const n = folded.length;
  if (n < 3 || !ALPHA.test(folded)) return [folded];
  const cuts = [0];
  for (let p = 1; p < n; p++) {
    const c = folded[p]!;
    if (VOWELS.has(c)) continue;
    const onset = p + 1 < n && (VOWELS.has(folded[p + 1]!) || (MEDIALS.has(folded[p + 1]!) && p + 2 < n && VOWELS.has(folded[p + 2]!)));
    if (!onset) continue;
    if (VOWELS.has(folded[p - 1]!) || (p >= 2 && VOWELS.has(folded[p - 2]!) && !MEDIALS.has(c))) cuts.push(p);
  }
  cuts.push(n);
  const out: string[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) if (cuts[i + 1]! > cuts[i]!) out.push(folded.slice(cuts[i], cuts[i + 1]));
  return out;
}

class Romanised {
  private readonly rules: [string, string][];
  private readonly markers: Set<string>;
  private readonly english: Set<string>;
  // romanised.py RomanisedData.lookalikes: raw English words that fold onto a particle, not counted as mixed.
  private readonly lookalikes: Set<string>;
  // romanised.py RomanisedData.emoji / token_re: an emoji that stands for a word is a token, folded to that word.
  private readonly emoji: Map<string, string>;
  private readonly tokenRe: RegExp;
  private readonly ac = new AhoCorasick<RomanisedTerm[]>();
  private readonly memo = new Map<string, string>();
  private readonly combos: RomanisedCombo[];
  // romanised.py RomanisedData.skip: the folded particles (the `skip` cues) a second reading leaves out.
  private readonly skip = new Set<string>();

  constructor(data: DetectData['romanised']) {
    this.rules = data.rules;
    this.markers = new Set(data.markers);
    this.english = new Set(data.english);
    this.lookalikes = new Set(data.lookalikes);
    this.emoji = new Map(data.emoji);
    // The detector scans a code-point view in which an astral character (most emoji) reads U+FFFD; its original is
    // looked up by position. BMP emoji (⚰, ☠) stand as themselves.
    const bmp = data.emoji.map(([ch]) => ch).filter((ch) => ch.length === 1).map((ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
    this.tokenRe = new RegExp(`[A-Za-z0-9']+|[\\ufffd${bmp.join('')}]`, 'g');
    this.combos = data.combos.map(([name, category, tier, window, ordered]) => ({ name, category, tier, window, ordered }));
    for (const [key, items] of data.entries) {
      this.ac.add(key, items.map(([text, category, tier, kind, combo]) => ({ text, category, tier, kind, combo })));
      if (items.some((item) => item[3] === 'skip')) this.skip.add(key);
    }
    this.ac.build();
  }

  fold(token: string): string {
    let cached = this.memo.get(token);
    if (cached !== undefined) return cached;
    cached = foldRomanised(token, this.rules);
    if (this.memo.size >= 1 << 16) this.memo.clear();
    this.memo.set(token, cached);
    return cached;
  }

  scan(text: string, original: string = text): Match[] | null {
    if (!text || text.length > WINDOW) return null;
    let chars: string[] | null = null;
    let toks: { start: number; end: number; folded: string; raw: string }[] = [];
    for (const m of text.matchAll(this.tokenRe)) {
      const word = m[0];
      if (word.length === 1 && !/[A-Za-z0-9']/.test(word)) {
        // An emoji: a BMP one as itself, an astral one as U+FFFD in the view, looked up in the original. Only those
        // that stand for a word are tokens (😭 is not).
        const ch = word === '\ufffd' ? (chars ??= [...original])[m.index] : word;
        const folded = ch === undefined ? undefined : this.emoji.get(ch);
        if (ch !== undefined && folded !== undefined) toks.push({ start: m.index, end: m.index + 1, folded, raw: ch });
        continue;
      }
      toks.push({ start: m.index, end: m.index + word.length, folded: this.fold(word), raw: word.toLowerCase() });
    }
    if (toks.length < 2) return null;
    const markers = toks.filter((t) => this.markers.has(t.folded)).length;
    const english = toks.filter((t) => this.english.has(t.raw)).length;
    // romanised.py looks_romanised: two particles outnumbering English function words, or (weakly) no English
    // function word that is not also a particle and a particle among the syllables, which counts only if a
    // romanised phrase matches.
    const weak = !(markers >= 2 && markers > english);
    // romanised.py mixed: two particles or more among more English function words, read as in the weak case; a
    // phrase made only of English function words, or starting or ending inside a word, does not count.
    let mixed = false;
    if (weak) {
      const plain = toks.filter((t) => this.english.has(t.raw) && !this.markers.has(t.folded) && !SHARED_WORDS.has(t.raw)).length;
      if (plain !== 0 || !toks.some((t) => romanisedSyllables(t.folded).some((piece) => this.markers.has(piece)))) {
        if (toks.filter((t) => this.markers.has(t.folded) && !this.lookalikes.has(t.raw)).length < 2) return null;
        mixed = true;
      }
    }
    // romanised.py units: each token's syllables as tokens of their own, spanning the whole original token.
    toks = toks.flatMap((t) => romanisedSyllables(t.folded).map((piece) => ({ ...t, folded: piece })));
    let hits: [number, number, RomanisedTerm][] = [];
    const parts: [number, number, RomanisedTerm][] = [];
    const times: [number, number, RomanisedTerm][] = [];
    const negations = new Set<number>();
    const allows: [number, number][] = [];
    const frames: Record<string, number[]> = { fiction: [], event: [], self: [] };
    // romanised.py: two readings, every token and then without the `skip` particles; positions stay the tokens' own.
    const streams = [toks.map((_, i) => i)];
    if (this.skip.size > 0 && toks.some((t) => this.skip.has(t.folded))) {
      streams.push(toks.flatMap((t, i) => (this.skip.has(t.folded) ? [] : [i])));
    }
    for (const stream of streams) {
      const starts = new Map<number, number>();
      const ends = new Map<number, number>();
      let pos = 0;
      let flat = '';
      for (const i of stream) { starts.set(pos, i); flat += toks[i]!.folded; pos += toks[i]!.folded.length; ends.set(pos, i); }
      this.ac.scan(flat, (end, length, items) => {
        const begin = end - length;
        const first = starts.get(begin);
        const final = ends.get(end);
        if (first === undefined || final === undefined) return;
        for (const item of items) {
          if (item.kind === 'term') hits.push([first, final, item]);
          else if (item.kind === 'time') times.push([first, final, item]);
          else if (item.kind === 'first' || item.kind === 'second') parts.push([first, final, item]);
          else if (item.kind === 'allow') allows.push([first, final]);
          else if (item.kind === 'negation' && first === final) negations.add(first);
          else if (Object.hasOwn(frames, item.kind)) frames[item.kind]!.push(first);
        }
      });
    }
    // Combo hits (romanised.py _pair), deduplicated by span and combo as the Python dict keys are.
    const gaps = new Map<string, [number, number]>();
    const verbs = new Map<string, number>(); // a combo hit's second part (the verb) starts here (romanised.py)
    const comboTerms = new Map<number, RomanisedTerm>();
    for (const [a0, a1, a] of parts) {
      if (a.kind !== 'first') continue;
      const combo = this.combos[a.combo]!;
      for (const [b0, b1, b] of parts) {
        if (b.kind !== 'second' || b.combo !== a.combo || (b0 <= a1 && a0 <= b1)) continue;
        if (combo.ordered && b0 < a1) continue;
        const gap: [number, number] = b0 > a1 ? [a1 + 1, b0 - 1] : [b1 + 1, a0 - 1];
        if (gap[1] - gap[0] + 1 > combo.window) continue;
        let term = comboTerms.get(a.combo);
        if (term === undefined) {
          term = { text: combo.name, category: combo.category, tier: combo.tier, kind: 'term', combo: a.combo };
          comboTerms.set(a.combo, term);
        }
        const key = `${Math.min(a0, b0)},${Math.max(a1, b1)},${a.combo}`;
        if (gaps.has(key)) continue;
        gaps.set(key, gap);
        verbs.set(key, b0);
        hits.push([Math.min(a0, b0), Math.max(a1, b1), term]);
      }
    }
    const gapOf = (first: number, final: number, term: RomanisedTerm): [number, number] =>
      (term.kind === 'term' && term.combo >= 0 ? gaps.get(`${first},${final},${term.combo}`) : undefined) ?? [0, -1];
    hits = hits.filter((h) => !allows.some(([a, b]) => a <= h[1] && h[0] <= b));
    hits.sort((x, y) => x[0] - y[0] || (y[1] - y[0]) - (x[1] - x[0]) || y[2].tier - x[2].tier);
    const kept: [number, number, RomanisedTerm][] = [];
    for (const h of hits) {
      if (kept.some((k) => k[0] <= h[0] && h[1] <= k[1] && k[2].tier >= h[2].tier)) continue;
      kept.push(h);
    }
    const out: Match[] = [];
    for (const [first, final, term] of kept) {
      if (mixed && (toks.slice(first, final + 1).every((t) => this.english.has(t.raw))
        || (first > 0 && toks[first - 1]!.start === toks[first]!.start)
        || (final + 1 < toks.length && toks[final + 1]!.start === toks[final]!.start))) continue;
      // Framing, as in assess: a fiction or news frame drops a hit, a public event a danger hit, unless a
      // first-person word is in the hit or up to SELF_TOKENS tokens before it. Romanised chat rarely has sentence
      // punctuation, so the frame counts anywhere in the message.
      // A frame lowers a tier-4 hit by one instead of dropping it.
      const framed = (frames['fiction']!.length > 0 || (frames['event']!.length > 0 && term.category === 'danger'))
        && !frames['self']!.some((i) => first - SELF_TOKENS <= i && i <= final);
      let tier = term.tier;
      const reasons = ['romanised'];
      // The negation prefix stands before a combo's second part (the verb), not before its first (romanised.py).
      const verbAt = (term.kind === 'term' && term.combo >= 0 ? verbs.get(`${first},${final},${term.combo}`) : undefined) ?? first;
      if (negations.has(verbAt - 1) && tier < MAX_TIER) {
        tier -= 1;
        reasons.push('lowered:negation');
      } else if (tier >= 2 && TIME_CATEGORIES.has(term.category) && tier < MAX_TIER) {
        // A time word inside the hit is part of the phrase, unless it lies between a combo's parts; it counts
        // within 8 tokens of either end of the hit (romanised.py _TIME_REACH, 2026.12.8).
        const [g0, g1] = gapOf(first, final, term);
        const near = times.filter((t) => (!(t[0] >= first && t[1] <= final) || (t[0] >= g0 && t[1] <= g1))
          && Math.min(Math.abs(t[0] - first), Math.abs(t[0] - final)) <= 8);
        if (near.length > 0) {
          tier = MAX_TIER;
          reasons.push(`time:${near[0]![2].text}`);
        }
      }
      if (framed) {
        if (tier < MAX_TIER || term.tier < 3) continue;
        tier = MAX_TIER - 1;
        reasons.push(frames['fiction']!.length > 0 ? 'lowered:fiction' : 'lowered:event');
      }
      if (tier < 1) continue;
      out.push({ start: toks[first]!.start, end: toks[final]!.end, term: term.text, category: term.category, tier,
        baseTier: term.tier, language: 'my', reasons });
    }
    if (weak && out.length === 0) return null;
    return out;
  }
}

// ---- the detector -------------------------------------------------------------------------------------------

function emptyVerdict(language: string, zawgyi = false, truncated = false): Verdict {
  return { tier: 0, categories: [], matches: [], language, zawgyi, truncated, degraded: false };
}

function verdictOf(matches: Match[], language: string, zawgyi: boolean, truncated: boolean): Verdict {
  if (matches.length === 0) return emptyVerdict(language, zawgyi, truncated);
  return {
    tier: Math.max(...matches.map((m) => m.tier)),
    categories: [...new Set(matches.map((m) => m.category))].sort(),
    matches, language, zawgyi, truncated, degraded: false,
  };
}

/** A string whose UTF-16 units are the code points of `text` (astral ones stand in as one unit), so indexes into
 * it are the code point offsets the Python engine reports. */
function codePointView(text: string): string {
  // A letter or digit stands in as a BMP letter (U+A000), anything else as U+FFFD, so Python's Unicode \b reads
  // the view as it reads the original.
  return /[\ud800-\udfff]/.test(text)
    ? [...text].map((c) => (c.length > 1 ? (ALNUM.test(c) ? '\ua000' : '\ufffd') : c)).join('')
    : text;
}

/** The normalised text as codePointView reads a string, with its maps to the original cut to one entry per code
 * point: every window, gap and distance the lexicon measures (context, cue, combo and clause windows) is then
 * counted in code points, as the Python engine counts them. No key holds an astral character (emoji normalise to
 * words; an astral letter is never in a phrase), so nothing that matched in the text is lost in the view. */
function codePointNorm(norm: Normalized): Normalized {
  if (!/[\ud800-\udfff]/.test(norm.text)) return norm;
  const starts: number[] = [];
  const ends: number[] = [];
  let i = 0;
  for (const c of norm.text) {
    starts.push(norm.starts[i]!);
    ends.push(norm.ends[i + c.length - 1]!);
    i += c.length;
  }
  return { ...norm, text: codePointView(norm.text), starts, ends };
}

// The cue kinds and positions, and the romanised item kinds, this port has code for (lexicon.py CUE_KINDS and
// CUE_POSITIONS, romanised.py). Data with any other is refused when the detector is built: an unknown position
// would otherwise be read silently as "after", and an unknown romanised kind ignored, as the 2026.12.2 framing
// rules were until this port followed them.
const CUE_KINDS = new Set(['negation', 'reported', 'hypothetical', 'past', 'reassurance', 'fiction', 'event', 'self', 'mishap', 'intent']);
const CUE_POSITIONS = new Set(['before', 'after', 'prefix', 'sentence', 'near']);
const ROMANISED_KINDS = new Set(['term', 'time', 'negation', 'allow', 'fiction', 'event', 'self', 'first', 'second', 'skip']);

function checkKinds(data: DetectData): void {
  for (const [text, , kind, position, language] of data.lexicon.cues) {
    if (!CUE_KINDS.has(kind)) throw new Error(`detection data: cue kind ${JSON.stringify(kind)} (${language} ${JSON.stringify(text)}) has no code in this engine`);
    if (!CUE_POSITIONS.has(position)) throw new Error(`detection data: cue position ${JSON.stringify(position)} (${language} ${JSON.stringify(text)}) has no code in this engine`);
  }
  for (const [, items] of data.romanised.entries) {
    for (const [text, , , kind] of items) {
      if (!ROMANISED_KINDS.has(kind)) throw new Error(`detection data: romanised kind ${JSON.stringify(kind)} (${JSON.stringify(text)}) has no code in this engine`);
    }
  }
}

export class Detector {
  readonly normalizer: Normalizer;
  readonly versions: Record<string, string>;
  private readonly terms: PhraseMatcher<Term | Anchor>;
  private readonly stripped: PhraseMatcher<Term>;
  private readonly aux: PhraseMatcher<Aux>;
  private readonly particles: Particles;
  private readonly model: Model;
  private readonly romanised: Romanised;

  constructor(data: DetectData) {
    checkKinds(data);
    this.normalizer = new Normalizer(data);
    const lx = data.lexicon;
    this.versions = lx.versions;
    const combos: Combo[] = lx.combos.map(([name, category, tier, window, language, ordered], index) =>
      ({ index, name, category, tier, window, language, ordered }));
    const terms: [string, Term | Anchor][] = [];
    const aux: [string, Aux][] = [];
    const off = [0, 0, 0, 0, 0];
    const both = <T>(list: [string, T][], key: string, item: T): void => {
      list.push([key, item]);
      const single = this.normalizer.doublesVariant(key);
      if (single !== null) list.push([single, item]);
    };
    for (const counts of lx.counts) {
      for (const [text, key, category, tier, language] of lx.terms.slice(off[0], off[0]! + counts[0])) {
        both<Term | Anchor>(terms, key, { kind: 'term', text, key, category, tier, language });
      }
      for (const [text, key, combo, role] of lx.anchors.slice(off[1], off[1]! + counts[1])) {
        both<Term | Anchor>(terms, key, { kind: 'anchor', text, key, combo: combos[combo]!, role });
      }
      const items: Aux[] = [
        ...lx.contexts.slice(off[2], off[2]! + counts[2]).map(([text, key, ctx, raiseTo, minTier, categories]): Aux =>
          ({ kind: 'context', text, key, ctx, raiseTo, minTier, categories: new Set(categories) })),
        ...lx.cues.slice(off[3], off[3]! + counts[3]).map(([text, key, cue, position]): Aux => ({ kind: 'cue', text, key, cue, position })),
        ...lx.allow.slice(off[4], off[4]! + counts[4]).map(([text, key, , silences]): Aux => ({ kind: 'allow', text, key, silencesModel: silences === 1 })),
      ];
      for (const item of items) both(aux, item.key, item);
      counts.forEach((c, i) => { off[i]! += c; });
    }
    this.terms = new PhraseMatcher(terms);
    this.particles = new Particles(data.rules.myanmar_particles.particles);
    const stripped: [string, Term][] = [];
    for (const [key, entry] of terms) {
      if (entry.kind === 'term' && hasMyanmar(key)) {
        const [bare] = this.particles.strip(key);
        if (syllables(bare) >= 2) stripped.push([bare, entry]);
      }
    }
    this.stripped = new PhraseMatcher(stripped);
    this.aux = new PhraseMatcher(aux);
    this.model = new Model(data.model);
    this.romanised = new Romanised(data.romanised);
  }

  /** The normalised text and whether it was read (in part) as Zawgyi: the vectors' "normalised" and "zawgyi". */
  normalise(text: string): { text: string; zawgyi: boolean } {
    return this.normalizer.normalise(text);
  }

  modelScores(norm: string): number[] {
    return this.model.score(norm).scores;
  }

  /** Never throws; non-string input is empty. */
  scan(text: unknown): Verdict {
    if (typeof text !== 'string') return emptyVerdict('und');
    try {
      const view = codePointView(text);
      if (view.length <= WINDOW) {
        const dropped: string[] = [];
        const [matches, zawgyi, norm] = this.analyse(text, view, 0, dropped);
        const v = this.withRomanised(view, verdictOf(matches, guessLanguage(text), zawgyi, false), text);
        return this.withModel(view, v, norm.text, text, dropped.includes('dropped:over'));
      }
      return this.withModel(view, this.withRomanised(view, this.scanLong(text, view), text), null, text);
    } catch {
      return { ...emptyVerdict('und'), degraded: true };
    }
  }

  private scanLong(text: string, view: string): Verdict {
    const cps = [...text];
    const limit = Math.min(view.length, MAX_SCAN);
    const matches = new Map<string, Match>();
    let zawgyi = false;
    let start = 0;
    while (start < limit && matches.size < MAX_MATCHES) {
      const stop = Math.min(start + WINDOW, limit);
      const [found, z] = this.analyse(cps.slice(start, stop).join(''), view.slice(start, stop), start);
      zawgyi ||= z;
      for (const m of found) {
        const id = `${m.start},${m.end},${m.term}\u0000${m.category}`;
        if (!matches.has(id)) matches.set(id, m);
      }
      if (start + WINDOW >= limit) break;
      start += WINDOW - OVERLAP;
    }
    const ordered = [...matches.values()].sort((a, b) => a.start - b.start || a.end - b.end).slice(0, MAX_MATCHES);
    return verdictOf(ordered, guessLanguage(text), zawgyi, view.length > MAX_SCAN);
  }

  /** detector.py _analyse; the reasons of the hits context dropped are added to `dropped` when one is given. */
  private analyse(text: string, view: string, offset: number, dropped?: string[]): [Match[], boolean, Normalized] {
    const mapped = this.normalizer.mapped(text);
    // Matched and measured in code points (seed 26 of a fuzz found a time word 80 code points from a hit, 81 UTF-16
    // units across an astral letter); the model is given the normalised text itself (its features are strings).
    const norm = codePointNorm(mapped);
    const found = this.terms.find(norm.text, MAX_MATCHES * 4);
    const hits: Found<Term>[] = [];
    const anchors: Found<Anchor>[] = [];
    for (const f of found) {
      if (f.item.kind === 'term') hits.push({ start: f.start, end: f.end, item: f.item });
      else anchors.push({ start: f.start, end: f.end, item: f.item });
    }
    hits.push(...pairAnchors(anchors));
    if (hasMyanmar(norm.text)) {
      const [bare, index] = this.particles.strip(norm.text);
      const exact = new Set(hits.map((h) => termId(h.start, h.end, h.item)));
      for (const g of this.stripped.find(bare, MAX_MATCHES * 4)) {
        const start = index[g.start]!;
        const end = index[g.end - 1]! + 1;
        if (!exact.has(termId(start, end, g.item))) hits.push({ start, end, item: g.item });
      }
    }
    if (hits.length === 0) return [[], norm.zawgyi, mapped];
    let contexts: Found<ContextTerm>[] = [];
    let cues: Found<Cue>[] = [];
    const allows: Found<AllowPhrase>[] = [];
    for (const f of this.aux.find(norm.text, MAX_MATCHES * 8)) {
      if (f.item.kind === 'context') contexts.push({ start: f.start, end: f.end, item: f.item });
      else if (f.item.kind === 'cue') cues.push({ start: f.start, end: f.end, item: f.item });
      else allows.push({ start: f.start, end: f.end, item: f.item });
    }
    let kept = hits.filter((h) => !allows.some((a) => spoils(a, h.start, h.end)));
    // detector.py: and a combo's hit whose part an allow-listed phrase or word overlaps (2026.12.13).
    kept = kept.filter((h) => h.item.gapStart === undefined || h.item.gapStart < 0
      || !allows.some((a) => spoils(a, h.start, h.item.gapStart!) || spoils(a, h.item.gapEnd!, h.end)));
    contexts = contexts.filter((c) => !allows.some((a) => spoils(a, c.start, c.end)));
    // detector.py: and the cues inside them (the မ ending ကျွန်မ "I" is no negation prefix).
    cues = cues.filter((c) => !allows.some((a) => spoils(a, c.start, c.end)));
    kept = mostSpecific(kept);
    const clockTime = TIME_RE.test(view);
    const matches: Match[] = [];
    for (const h of kept) {
      const [tier, reasons] = assess(view, norm, h, contexts, cues, clockTime);
      if (tier < 1) {
        dropped?.push(...reasons);
        continue;
      }
      const [oStart, oEnd] = span(norm, h.start, h.end);
      matches.push({ start: oStart + offset, end: oEnd + offset, term: h.item.text, category: h.item.category, tier,
        baseTier: h.item.tier, language: h.item.language, reasons });
    }
    return [matches, norm.zawgyi, mapped];
  }

  private withRomanised(view: string, verdict: Verdict, original: string = view): Verdict {
    if (verdict.language !== 'en' || view.length > WINDOW) return verdict;
    const found = this.romanised.scan(view, original);
    if (found === null) return verdict;
    const matches = [...verdict.matches, ...found].sort((a, b) => a.start - b.start || a.end - b.end).slice(0, MAX_MATCHES);
    if (matches.length === 0) return emptyVerdict('my', verdict.zawgyi, verdict.truncated);
    return { ...verdictOf(matches, 'my', verdict.zawgyi, verdict.truncated), degraded: verdict.degraded };
  }

  /** `over`: whether the scan's analysis dropped a past told as over (null: analyse the text here, as for a long one). */
  private withModel(view: string, verdict: Verdict, norm: string | null, original = view, over: boolean | null = null): Verdict {
    // detector.py _with_model: a silent lexicon, or a tier 1-2 none of whose hits context lowered (2026.12.9), or one
    // the model may doubt (2026.12.16).
    if (verdict.tier > 2) return verdict;
    const doubtable = modelMayDoubt(view, verdict);
    const mayRaise = verdict.tier === 0 || modelMayRaise(verdict);
    if (!doubtable && !mayRaise) return verdict;
    const window = view.slice(0, WINDOW);
    // Python normalises text[:WINDOW]: the first WINDOW code points of the original (not of the view).
    const text = norm !== null && view.length <= WINDOW ? norm : this.normalizer.mapped([...original].slice(0, WINDOW).join('')).text;
    const result = this.model.score(text);
    if (doubtable && result.scores[0]! < this.model.doubt) return doubted(verdict, result.scores[0]!);
    if (!mayRaise) return verdict;
    if (result.tier <= verdict.tier) return verdict;
    // An idiom the lexicon's authors judged, or a fiction/news frame or public event (what drops a lexicon hit):
    // Python returns at the first of these it finds, so either kind anywhere silences the model.
    if (this.aux.find(text, MAX_MATCHES * 8).some((f) => (f.item.kind === 'allow' && f.item.silencesModel)
      || (f.item.kind === 'cue' && MODEL_SILENCING_FRAMES.has(f.item.cue)))) return verdict;
    // detector.py: a past the message says is over, which the lexicon dropped, stays dropped (2026.12.13).
    if (over === null) {
      const head = [...original].slice(0, WINDOW).join('');
      const dropped: string[] = [];
      this.analyse(head, codePointView(head), 0, dropped);
      over = dropped.includes('dropped:over');
    }
    if (over) return verdict;
    const match: Match = { start: 0, end: window.length, term: 'model', category: result.category, tier: result.tier,
      baseTier: result.tier, language: verdict.language, reasons: [result.reason] };
    return { ...verdictOf([...verdict.matches.slice(0, MAX_MATCHES - 1), match], verdict.language, verdict.zawgyi,
      verdict.truncated), degraded: verdict.degraded };
  }
}

// detector.py DOUBT_MAX_CHARS, _model_may_doubt and _doubted (2026.12.16): a chat-sized message whose lexicon tier 1 or
// 2 holds no hit of base tier 3 or 4 comes down to 0 where the model's tier >= 1 head scores it below its doubt
// threshold; the hits stay, at tier 0, with the score as their reason. `view` counts code points, as Python's len.
// It also needs DOUBT_MIN_CONTEXT characters outside the hits, spaces not counted (`view` holds one unit per code
// point, an astral one as a placeholder that is no space, so the count is Python's).
const DOUBT_MAX_CHARS = 200;
const DOUBT_MIN_CONTEXT = 15;
const NOT_CONTEXT = new Set([' ', '\t', '\n', '\r', '\u00a0', '\u200b']);

function modelMayDoubt(view: string, verdict: Verdict): boolean {
  if (!(verdict.tier > 0 && verdict.tier <= 2 && view.length <= DOUBT_MAX_CHARS && verdict.matches.every((m) => m.baseTier <= 2))) {
    return false;
  }
  const covered = new Uint8Array(view.length);
  for (const m of verdict.matches) covered.fill(1, m.start, m.end);
  let context = 0;
  for (let i = 0; i < view.length; i++) if (!covered[i] && !NOT_CONTEXT.has(view[i]!)) context++;
  return context >= DOUBT_MIN_CONTEXT;
}

function doubted(verdict: Verdict, score: number): Verdict {
  const reason = `doubted:model=${score}`;
  const matches = verdict.matches.map((m) => ({ ...m, tier: 0, reasons: [...m.reasons, reason] }));
  return { tier: 0, categories: [], matches, language: verdict.language, zawgyi: verdict.zawgyi,
    truncated: verdict.truncated, degraded: verdict.degraded };
}

// detector.py _model_may_raise: no hit was lowered by context (past, over, negated).
function modelMayRaise(verdict: Verdict): boolean {
  return verdict.matches.every((m) => m.tier >= m.baseTier && !m.reasons.some((r) => r.startsWith('lowered:') || r.startsWith('past')));
}
