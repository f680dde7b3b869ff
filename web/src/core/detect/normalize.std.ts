// Normalisation of messages with offsets, a port of moderation/normalize.py, moderation/steps.py (the offset-
// keeping "mapped" forms; the Python fast forms give the same text by construction) and moderation/zawgyi.py.
// Every table and regular expression comes from the exported data; only the control flow is code here.
// Offsets: `starts`/`ends` index the ORIGINAL text in code points, as Python's str does (the vectors count so).
import { ZawgyiDetector } from 'myanmar-tools';
import { AhoCorasick } from './ahoCorasick.std.js';
import type { DetectData } from './data.std.js';

export interface Normalized {
  text: string;
  starts: number[];
  ends: number[];
  zawgyi: boolean;
}

type Mapped = [string, number[], number[]];

export function isMyanmarUnit(c: number): boolean {
  return (c >= 0x1000 && c <= 0x109f) || (c >= 0xaa60 && c <= 0xaa7f) || (c >= 0xa9e0 && c <= 0xa9ff);
}

export function isMyanmar(ch: string | undefined): boolean {
  return ch !== undefined && ch.length > 0 && isMyanmarUnit(ch.charCodeAt(0));
}

const MYANMAR_RE = /[\u1000-\u109f\uaa60-\uaa7f\ua9e0-\ua9ff]/;

export function hasMyanmar(s: string): boolean {
  return MYANMAR_RE.test(s);
}

/** Python's str.isascii. */
export function isAscii(s: string): boolean {
  return /^[\x00-\x7f]*$/.test(s);
}

/** A Python regular expression of the shared subset, for JavaScript (flags: Unicode, global). */
export function pyRegex(pattern: string, flags = 'gu'): RegExp {
  return new RegExp(pattern, flags);
}

/** Expands a Python replacement template ("\\2\\1\\3x") against a match, unmatched groups as "". */
function templateExpander(template: string): (m: RegExpExecArray) => string {
  const pieces = template.split(/\\(\d)/);
  return (m) => {
    let out = pieces[0]!;
    for (let i = 1; i < pieces.length; i += 2) out += (m[Number(pieces[i])] ?? '') + pieces[i + 1]!;
    return out;
  };
}

/** RegexStep.mapped: each replacement character gets the whole span of the text it replaced. */
function regexMapped(re: RegExp, rep: (m: RegExpExecArray, s: string) => string, s: string, starts: number[], ends: number[]): Mapped {
  re.lastIndex = 0;
  let out = '';
  const ns: number[] = [];
  const ne: number[] = [];
  let pos = 0;
  let changed = false;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    const a = m.index;
    const b = a + m[0].length;
    if (a === b) { re.lastIndex++; continue; }
    changed = true;
    out += s.slice(pos, a);
    for (let i = pos; i < a; i++) { ns.push(starts[i]!); ne.push(ends[i]!); }
    const r = rep(m, s);
    out += r;
    for (let i = 0; i < r.length; i++) { ns.push(starts[a]!); ne.push(ends[b - 1]!); }
    pos = b;
  }
  if (!changed) return [s, starts, ends];
  out += s.slice(pos);
  for (let i = pos; i < s.length; i++) { ns.push(starts[i]!); ne.push(ends[i]!); }
  return [out, ns, ne];
}

function spaceMapped(s: string, starts: number[], ends: number[]): Mapped {
  if (!s.includes('  ') && !s.startsWith(' ') && !s.endsWith(' ')) return [s, starts, ends];
  let out = '';
  const ns: number[] = [];
  const ne: number[] = [];
  const re = /\S+/gu;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    const a = m.index;
    const b = a + m[0].length;
    if (out) { out += ' '; ns.push(starts[a - 1]!); ne.push(ends[a - 1]!); }
    out += m[0];
    for (let i = a; i < b; i++) { ns.push(starts[i]!); ne.push(ends[i]!); }
  }
  return [out, ns, ne];
}


export class Normalizer {
  private readonly fold: Map<number, string>;
  private readonly late: Set<string>;
  private readonly leetTable: Record<string, string>;
  private readonly leetRun: RegExp;
  private readonly leetPrefix: RegExp;
  private readonly unit: RegExp;
  private readonly spaced: RegExp;
  private readonly stretch: RegExp;
  readonly double: RegExp;
  private readonly everydaySingles: Set<string>;
  private readonly myanmarSpace: RegExp;
  private readonly canon: RegExp;
  private readonly canonMap: Record<string, string>;
  private readonly order: [RegExp, (m: RegExpExecArray) => string][];
  private readonly zawgyiRules: [RegExp, (m: RegExpExecArray) => string][];
  private readonly zawgyiThreshold: number;
  private readonly unicodeChunkThreshold: number;
  private readonly unicodeChunks = new Map<string, boolean>();
  /** zawgyi_rules.toml [signs]: strong signs of Zawgyi in a message and in one chunk. */
  private readonly zawgyiSigns: RegExp;
  private readonly chunkZawgyi: RegExp;
  private readonly euphemisms: Record<string, string>;
  private readonly euphemismKeys = new AhoCorasick<string>();
  private detector: ZawgyiDetector | null = null;

  constructor(data: Pick<DetectData, 'fold' | 'late' | 'rules' | 'zawgyi' | 'euphemisms'>) {
    this.fold = new Map(Object.entries(data.fold).map(([k, v]) => [Number(k), v]));
    this.late = new Set(data.late);
    const r = data.rules;
    this.leetTable = r.leet.table;
    this.leetRun = pyRegex(r.leet.run);
    this.leetPrefix = pyRegex(r.leet.prefix, 'yu');
    this.unit = pyRegex(r.leet.unit, 'yu');
    this.spaced = pyRegex(r.spaced.pattern);
    this.stretch = pyRegex(r.stretch.pattern);
    this.double = pyRegex(r.double.pattern);
    this.everydaySingles = new Set(r.double.everyday);
    this.myanmarSpace = pyRegex(r.myanmar_space.pattern);
    this.canon = pyRegex(r.myanmar_canon.pattern);
    this.canonMap = r.myanmar_canon.map;
    this.order = r.myanmar_order.rules.map(([a, b]) => [pyRegex(a), templateExpander(b)]);
    this.zawgyiRules = data.zawgyi.rules.map(([a, b]) => [pyRegex(a), templateExpander(b)]);
    this.zawgyiThreshold = data.zawgyi.threshold;
    this.unicodeChunkThreshold = data.zawgyi.unicode_chunk;
    this.zawgyiSigns = pyRegex(data.zawgyi.signs.message, 'u');
    this.chunkZawgyi = pyRegex(data.zawgyi.signs.chunk, 'u');
    this.euphemisms = data.euphemisms;
    for (const key of Object.keys(data.euphemisms)) this.euphemismKeys.add(key, key);
    this.euphemismKeys.build();
  }

  /** The collapse_doubles variant of a phrase ("killl" in a message becomes "kil"). */
  collapseDoubles(s: string): string {
    return s.replace(this.double, '$1');
  }

  /** normalize.py doubles_variant: the extra key for stretched messages, or null where there is none or it is an
   * everyday word of its own ("soon" -> "son"). */
  doublesVariant(key: string): string | null {
    const single = this.collapseDoubles(key);
    return single === key || this.everydaySingles.has(single) ? null : single;
  }

  zawgyiProbability(text: string): number {
    this.detector ??= new ZawgyiDetector();
    return this.detector.getZawgyiProbability(text);
  }

  private isZawgyiStat(text: string): boolean {
    return this.zawgyiProbability(text) > this.zawgyiThreshold;
  }

  looksZawgyi(text: string): boolean {
    const z = this.zawgyiSigns.test(text);
    const u = text.includes('\u103e') || text.includes('\u1004\u103a\u1039');
    if (z !== u) return z;
    // zawgyi.py looks_zawgyi: without strong signs every U+1039 is a stack Pali spelling allows ("ကမ္ဘာ"), which
    // Unicode writes and Zawgyi's asat can look like ("လက္ခံ"): the statistical model decides (2026.12.13).
    if (!z && !text.includes('\u1039')) return false;
    return this.isZawgyiStat(text);
  }

  chunkIsZawgyi(chunk: string, dflt: boolean): boolean {
    if (chunk.includes('\u103e') || chunk.includes('\u1004\u103a\u1039')) return false;
    if (this.chunkZawgyi.test(chunk)) return true;
    if (chunk.startsWith('\u1031') || chunk.startsWith('\u103c')) return this.isZawgyiStat(chunk);
    if (dflt && chunk.includes('\u103a')) {
      // zawgyi.py chunk_is_zawgyi: in a message judged Zawgyi, a chunk with Unicode's asat that its
      // own statistics read as clearly Unicode keeps its encoding (memoised, bounded like Python's).
      let unicode = this.unicodeChunks.get(chunk);
      if (unicode === undefined) {
        if (this.unicodeChunks.size >= 8192) this.unicodeChunks.clear();
        unicode = this.zawgyiProbability(chunk) < this.unicodeChunkThreshold;
        this.unicodeChunks.set(chunk, unicode);
      }
      return !unicode;
    }
    return dflt;
  }

  /** zawgyi.py typed_in_zawgyi_order: Unicode typed in Zawgyi order (E or medial RA before a consonant, no
   * Zawgyi-only sign, and the message put in Unicode order reads as clearly Unicode) is not converted at all. */
  typedInZawgyiOrder(text: string): boolean {
    if ((!text.includes('\u1031') && !text.includes('\u103c')) || this.chunkZawgyi.test(text)) return false;
    let reordered = text;
    for (const [re, rep] of this.order) {
      const spans = Array.from({ length: reordered.length }, (_, i) => i);
      [reordered] = regexMapped(re, rep, reordered, spans, spans);
    }
    return reordered !== text && this.zawgyiProbability(reordered) < this.unicodeChunkThreshold;
  }

  messageIsZawgyi(text: string): boolean {
    if (!this.looksZawgyi(text)) return false;
    const chunks = text.match(/\S+/gu) ?? [];
    const leading = chunks.filter((c) => (c.startsWith('\u1031') || c.startsWith('\u103c')) && !this.chunkZawgyi.test(c));
    if (leading.length === 0 || leading.some((c) => this.chunkIsZawgyi(c, true))) return true;
    const rest = chunks.filter((c) => !leading.includes(c)).join(' ');
    return /[\u1000-\u109f]/u.test(rest) && this.looksZawgyi(rest);
  }

  private zawgyiMapped(s: string, starts: number[], ends: number[]): [string, number[], number[], boolean] {
    const dflt = this.messageIsZawgyi(s);
    const chunks = [...s.matchAll(/\S+/gu)];
    if (!chunks.some((m) => this.chunkIsZawgyi(m[0], dflt))) return [s, starts, ends, false];
    let out = '';
    const ns: number[] = [];
    const ne: number[] = [];
    let pos = 0;
    for (const m of chunks) {
      const a = m.index;
      const b = a + m[0].length;
      out += s.slice(pos, a);
      for (let i = pos; i < a; i++) { ns.push(starts[i]!); ne.push(ends[i]!); }
      let chunk = m[0];
      let cs = starts.slice(a, b);
      let ce = ends.slice(a, b);
      if (this.chunkIsZawgyi(chunk, dflt)) {
        for (const [re, rep] of this.zawgyiRules) [chunk, cs, ce] = regexMapped(re, rep, chunk, cs, ce);
      }
      out += chunk;
      ns.push(...cs);
      ne.push(...ce);
      pos = b;
    }
    out += s.slice(pos);
    for (let i = pos; i < s.length; i++) { ns.push(starts[i]!); ne.push(ends[i]!); }
    return [out, ns, ne, true];
  }

  private leet(m: RegExpExecArray, text: string): string {
    const run = m[0];
    const start = m.index;
    const end = start + run.length;
    const translate = (x: string): string => [...x].map((c) => this.leetTable[c] ?? c).join('');
    if (/^\d+$/.test(run)) {
      // Python reads whole characters: an astral letter or digit next to the number is one character here too.
      let lo = start;
      let hi = end;
      let digits = run.length;
      for (let c = codePointBefore(text, lo); c !== '' && /\p{Nd}/u.test(c); c = codePointBefore(text, lo)) { lo -= c.length; digits++; }
      for (let c = codePointAfter(text, hi); c !== '' && /\p{Nd}/u.test(c); c = codePointAfter(text, hi)) { hi += c.length; digits++; }
      this.unit.lastIndex = hi;
      if ((lo === 0 || !/\p{L}/u.test(codePointBefore(text, lo))) && (digits > 1 || this.unit.test(text))) return run;
    }
    if (end < text.length && text[end]! >= 'a' && text[end]! <= 'z') return translate(run);
    if (start > 0 && text[start - 1]! >= 'a' && text[start - 1]! <= 'z') {
      this.leetPrefix.lastIndex = 0;
      const p = this.leetPrefix.exec(run);
      const n = p ? p[0].length : 0;
      return translate(run.slice(0, n)) + run.slice(n);
    }
    return run;
  }

  private euphemismMapped(s: string, starts: number[], ends: number[]): Mapped {
    const isWord = (ch: string | undefined): boolean => ch !== undefined && ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'));
    let found: [number, number, string][] = [];
    this.euphemismKeys.scan(s, (end, length, key) => {
      const start = end - length;
      if ((start === 0 || !isWord(s[start - 1])) && (end === s.length || !isWord(s[end]))) found.push([start, end, key]);
    });
    if (found.length === 0) return [s, starts, ends];
    if (found.length > 1) {
      found.sort((x, y) => x[0] - y[0] || (y[1] - y[0]) - (x[1] - x[0]));
      const chosen: [number, number, string][] = [];
      for (const f of found) if (chosen.length === 0 || f[0] >= chosen[chosen.length - 1]![1]) chosen.push(f);
      found = chosen;
    }
    let out = '';
    const ns: number[] = [];
    const ne: number[] = [];
    let pos = 0;
    for (const [a, b, key] of found) {
      out += s.slice(pos, a);
      for (let i = pos; i < a; i++) { ns.push(starts[i]!); ne.push(ends[i]!); }
      const rep = this.euphemisms[key]!;
      out += rep;
      for (let i = 0; i < rep.length; i++) { ns.push(starts[a]!); ne.push(ends[b - 1]!); }
      pos = b;
    }
    out += s.slice(pos);
    for (let i = pos; i < s.length; i++) { ns.push(starts[i]!); ne.push(ends[i]!); }
    return [out, ns, ne];
  }

  /** Normalizer.mapped: the normalised text, each character's span in the original (code points), and whether
   * any chunk was read as Zawgyi and converted. */
  mapped(text: string, detectZawgyi = true): Normalized {
    // 1. fold, per code point of the original.
    let s = '';
    let starts: number[] = [];
    let ends: number[] = [];
    let index = 0;
    for (const ch of text) {
      const rep = this.fold.get(ch.codePointAt(0)!) ?? ch;
      s += rep;
      for (let i = 0; i < rep.length; i++) { starts.push(index); ends.push(index + 1); }
      index++;
    }
    const myanmar = hasMyanmar(s);
    let converted = false;
    if (myanmar) {
      if (detectZawgyi && !this.typedInZawgyiOrder(s)) [s, starts, ends, converted] = this.zawgyiMapped(s, starts, ends);
      [s, starts, ends] = regexMapped(this.canon, (m) => this.canonMap[m[0]]!, s, starts, ends);
      for (const [re, rep] of this.order) [s, starts, ends] = regexMapped(re, rep, s, starts, ends);
    }
    // Python's `s.upper() != s`: a cased letter is present, so the Latin evasion steps may apply.
    const latin = s.toUpperCase() !== s;
    if (latin) {
      [s, starts, ends] = regexMapped(this.leetRun, (m, t) => this.leet(m, t), s, starts, ends);
      [s, starts, ends] = regexMapped(this.spaced, (m) => m[0].replaceAll(m[1]!, ''), s, starts, ends);
      [s, starts, ends] = regexMapped(this.stretch, (m) => m[1]!, s, starts, ends);
    }
    // tidy: the late punctuation (evasion separators) to spaces, then whitespace collapsed.
    let t = '';
    for (let i = 0; i < s.length; i++) t += this.late.has(s[i]!) ? ' ' : s[i];
    s = t;
    [s, starts, ends] = spaceMapped(s, starts, ends);
    if (myanmar) [s, starts, ends] = regexMapped(this.myanmarSpace, () => '', s, starts, ends);
    if (latin) [s, starts, ends] = this.euphemismMapped(s, starts, ends);
    return { text: s, starts, ends, zawgyi: converted };
  }

  /** normalize.py Normalizer.phrase: a lexicon phrase normalised like a message, but never read as Zawgyi (its
   * key in the automaton). */
  phrase(text: string): string {
    return this.mapped(text, false).text.trim();
  }

  /** A message normalised: the vectors' "normalised" and "zawgyi". */
  normalise(text: string): { text: string; zawgyi: boolean } {
    const n = this.mapped(text);
    return { text: n.text, zawgyi: n.zawgyi };
  }
}

/** The code point that ends at UTF-16 index i (a whole surrogate pair where there is one), or '' at the start. */
export function codePointBefore(text: string, i: number): string {
  if (i <= 0) return '';
  const low = text.charCodeAt(i - 1);
  if (low >= 0xdc00 && low <= 0xdfff && i >= 2) {
    const high = text.charCodeAt(i - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.slice(i - 2, i);
  }
  return text[i - 1]!;
}

/** The code point that starts at UTF-16 index i, or '' at the end. */
function codePointAfter(text: string, i: number): string {
  return i < text.length ? String.fromCodePoint(text.codePointAt(i)!) : '';
}
