// A QR code encoder (ISO/IEC 18004, model 2) small enough to carry in the member app instead of a dependency:
// numeric and byte modes, error correction level M, versions 1–10 (a 60-digit safety number needs version 2).
// Written after Project Nayuki's QR Code generator (MIT), whose structure it follows step by step: data bits, the
// Reed–Solomon blocks interleaved, the function patterns, the zigzag placement, and the mask with the lowest penalty.
// tests/web/test_web_member.py decodes the code the app draws (zxing-cpp) and compares it with the digits.

export type QrMatrix = boolean[][];

/** Error correction level M: per version 1..10, the EC codewords per block and the number of blocks. */
const ECC_PER_BLOCK = [10, 16, 26, 18, 24, 16, 18, 22, 22, 26];
const BLOCKS = [1, 1, 1, 2, 2, 4, 4, 4, 5, 5];
const MAX_VERSION = 10;
// The 2-bit code of level M in the format information.
const FORMAT_M = 0;

export class QrTooLong extends Error {
  override name = 'QrTooLong';
}

function rawDataModules(ver: number): number {
  let result = (16 * ver + 128) * ver + 64;
  if (ver >= 2) {
    const align = Math.floor(ver / 7) + 2;
    result -= (25 * align - 10) * align - 55;
    if (ver >= 7) result -= 36;
  }
  return result;
}

function dataCodewords(ver: number): number {
  return Math.floor(rawDataModules(ver) / 8) - ECC_PER_BLOCK[ver - 1]! * BLOCKS[ver - 1]!;
}

class Bits {
  readonly bits: number[] = [];
  push(value: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) this.bits.push((value >>> i) & 1);
  }
}

/** Mode indicator, character count and data for `text`: numeric when it is all digits, bytes (UTF-8) otherwise. */
function segment(text: string, ver: number): Bits {
  const out = new Bits();
  if (/^[0-9]*$/.test(text)) {
    out.push(0b0001, 4);
    out.push(text.length, ver <= 9 ? 10 : 12);
    for (let i = 0; i < text.length; i += 3) {
      const group = text.slice(i, i + 3);
      out.push(Number(group), group.length * 3 + 1);
    }
  } else {
    const bytes = new TextEncoder().encode(text);
    out.push(0b0100, 4);
    out.push(bytes.length, ver <= 9 ? 8 : 16);
    for (const b of bytes) out.push(b, 8);
  }
  return out;
}

// --- Reed–Solomon over GF(2^8) with the polynomial 0x11D ------------------------------------------------------
function gfMul(x: number, y: number): number {
  let z = 0;
  for (let i = 7; i >= 0; i--) {
    z = (z << 1) ^ ((z >>> 7) * 0x11d);
    z ^= ((y >>> i) & 1) * x;
  }
  return z & 0xff;
}

function rsDivisor(degree: number): number[] {
  const result = new Array<number>(degree).fill(0);
  result[degree - 1] = 1;
  let root = 1;
  for (let i = 0; i < degree; i++) {
    for (let j = 0; j < degree; j++) {
      result[j] = gfMul(result[j]!, root);
      if (j + 1 < degree) result[j]! ^= result[j + 1]!;
    }
    root = gfMul(root, 0x02);
  }
  return result;
}

function rsRemainder(data: number[], divisor: number[]): number[] {
  const result = new Array<number>(divisor.length).fill(0);
  for (const b of data) {
    const factor = b ^ result.shift()!;
    result.push(0);
    divisor.forEach((d, i) => { result[i]! ^= gfMul(d, factor); });
  }
  return result;
}

/** The data codewords split into blocks, each with its EC codewords, interleaved as the symbol carries them. */
function withEcc(data: number[], ver: number): number[] {
  const blocks = BLOCKS[ver - 1]!;
  const eccLen = ECC_PER_BLOCK[ver - 1]!;
  const raw = Math.floor(rawDataModules(ver) / 8);
  const shortBlocks = blocks - (raw % blocks);
  const shortLen = Math.floor(raw / blocks);
  const divisor = rsDivisor(eccLen);
  const all: number[][] = [];
  for (let i = 0, k = 0; i < blocks; i++) {
    const dat = data.slice(k, k + shortLen - eccLen + (i < shortBlocks ? 0 : 1));
    k += dat.length;
    const block = [...dat, ...rsRemainder(dat, divisor)];
    if (i < shortBlocks) block.splice(dat.length, 0, 0); // a placeholder, skipped below, so every block is as long
    all.push(block);
  }
  const out: number[] = [];
  for (let i = 0; i < all[0]!.length; i++) {
    all.forEach((block, j) => {
      if (i !== shortLen - eccLen || j >= shortBlocks) out.push(block[i]!);
    });
  }
  return out;
}

// --- the symbol ----------------------------------------------------------------------------------------------
class QrSymbol {
  readonly size: number;
  readonly dark: boolean[][];
  readonly fixed: boolean[][];

  constructor(readonly ver: number) {
    this.size = ver * 4 + 17;
    this.dark = Array.from({ length: this.size }, () => new Array<boolean>(this.size).fill(false));
    this.fixed = Array.from({ length: this.size }, () => new Array<boolean>(this.size).fill(false));
  }

  set(x: number, y: number, dark: boolean): void {
    this.dark[y]![x] = dark;
    this.fixed[y]![x] = true;
  }

  drawFunctionPatterns(): void {
    for (let i = 0; i < this.size; i++) {
      this.set(6, i, i % 2 === 0);
      this.set(i, 6, i % 2 === 0);
    }
    this.finder(3, 3);
    this.finder(this.size - 4, 3);
    this.finder(3, this.size - 4);
    const pos = this.alignmentPositions();
    const last = pos.length - 1;
    pos.forEach((a, i) => pos.forEach((b, j) => {
      if (!((i === 0 && j === 0) || (i === 0 && j === last) || (i === last && j === 0))) this.alignment(a, b);
    }));
    this.drawFormat(0); // reserves the modules; drawn again with the chosen mask
    this.drawVersion();
  }

  private finder(x: number, y: number): void {
    for (let dy = -4; dy <= 4; dy++) {
      for (let dx = -4; dx <= 4; dx++) {
        const dist = Math.max(Math.abs(dx), Math.abs(dy));
        const xx = x + dx;
        const yy = y + dy;
        if (xx >= 0 && xx < this.size && yy >= 0 && yy < this.size) this.set(xx, yy, dist !== 2 && dist !== 4);
      }
    }
  }

  private alignment(x: number, y: number): void {
    for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) this.set(x + dx, y + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
  }

  private alignmentPositions(): number[] {
    if (this.ver === 1) return [];
    const count = Math.floor(this.ver / 7) + 2;
    const step = Math.ceil((this.ver * 4 + 4) / (count * 2 - 2)) * 2;
    const result = [6];
    for (let pos = this.size - 7; result.length < count; pos -= step) result.splice(1, 0, pos);
    return result;
  }

  drawFormat(mask: number): void {
    const data = (FORMAT_M << 3) | mask;
    let rem = data;
    for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
    const bits = ((data << 10) | rem) ^ 0x5412;
    const bit = (i: number): boolean => ((bits >>> i) & 1) !== 0;
    for (let i = 0; i <= 5; i++) this.set(8, i, bit(i));
    this.set(8, 7, bit(6));
    this.set(8, 8, bit(7));
    this.set(7, 8, bit(8));
    for (let i = 9; i < 15; i++) this.set(14 - i, 8, bit(i));
    for (let i = 0; i < 8; i++) this.set(this.size - 1 - i, 8, bit(i));
    for (let i = 8; i < 15; i++) this.set(8, this.size - 15 + i, bit(i));
    this.set(8, this.size - 8, true);
  }

  private drawVersion(): void {
    if (this.ver < 7) return;
    let rem = this.ver;
    for (let i = 0; i < 12; i++) rem = (rem << 1) ^ ((rem >>> 11) * 0x1f25);
    const bits = (this.ver << 12) | rem;
    for (let i = 0; i < 18; i++) {
      const dark = ((bits >>> i) & 1) !== 0;
      const a = this.size - 11 + (i % 3);
      const b = Math.floor(i / 3);
      this.set(a, b, dark);
      this.set(b, a, dark);
    }
  }

  /** The codewords in the two-column zigzag, bottom right first, skipping the function modules. */
  drawCodewords(data: number[]): void {
    let i = 0;
    for (let right = this.size - 1; right >= 1; right -= 2) {
      if (right === 6) right = 5;
      for (let vert = 0; vert < this.size; vert++) {
        for (let j = 0; j < 2; j++) {
          const x = right - j;
          const upward = ((right + 1) & 2) === 0;
          const y = upward ? this.size - 1 - vert : vert;
          if (!this.fixed[y]![x] && i < data.length * 8) {
            this.dark[y]![x] = ((data[i >>> 3]! >>> (7 - (i & 7))) & 1) !== 0;
            i++;
          }
        }
      }
    }
  }

  applyMask(mask: number): void {
    for (let y = 0; y < this.size; y++) {
      for (let x = 0; x < this.size; x++) {
        if (!this.fixed[y]![x] && MASKS[mask]!(x, y)) this.dark[y]![x] = !this.dark[y]![x];
      }
    }
  }

  /** The standard's penalty (runs, 2×2 blocks, finder-like patterns, dark balance): lower scans better. */
  penalty(): number {
    let score = 0;
    const lines: boolean[][] = [...this.dark, ...this.dark.map((_, x) => this.dark.map((row) => row[x]!))];
    const finderLike = [true, false, true, true, true, false, true];
    for (const line of lines) {
      let run = 1;
      for (let i = 1; i <= line.length; i++) {
        if (i < line.length && line[i] === line[i - 1]) run++;
        else {
          if (run >= 5) score += 3 + (run - 5);
          run = 1;
        }
      }
      for (let i = 0; i + 7 <= line.length; i++) {
        if (!finderLike.every((d, k) => line[i + k] === d)) continue;
        const lightBefore = i >= 4 && line.slice(i - 4, i).every((d) => !d);
        const lightAfter = i + 11 <= line.length && line.slice(i + 7, i + 11).every((d) => !d);
        if (lightBefore || lightAfter) score += 40;
      }
    }
    let darkCount = 0;
    for (let y = 0; y < this.size; y++) {
      for (let x = 0; x < this.size; x++) {
        const d = this.dark[y]![x]!;
        if (d) darkCount++;
        if (x + 1 < this.size && y + 1 < this.size && d === this.dark[y]![x + 1] && d === this.dark[y + 1]![x] && d === this.dark[y + 1]![x + 1]) score += 3;
      }
    }
    const total = this.size * this.size;
    score += (Math.ceil(Math.abs(darkCount * 20 - total * 10) / total) - 1) * 10;
    return score;
  }
}

const MASKS: Array<(x: number, y: number) => boolean> = [
  (x, y) => (x + y) % 2 === 0,
  (_, y) => y % 2 === 0,
  (x) => x % 3 === 0,
  (x, y) => (x + y) % 3 === 0,
  (x, y) => (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0,
  (x, y) => ((x * y) % 2) + ((x * y) % 3) === 0,
  (x, y) => (((x * y) % 2) + ((x * y) % 3)) % 2 === 0,
  (x, y) => (((x + y) % 2) + ((x * y) % 3)) % 2 === 0,
];

/** The smallest symbol (level M) that holds `text`, as rows of modules (true = dark), without the quiet zone. */
export function encodeQr(text: string): QrMatrix {
  for (let ver = 1; ver <= MAX_VERSION; ver++) {
    const capacity = dataCodewords(ver) * 8;
    const bits = segment(text, ver);
    if (bits.bits.length > capacity) continue;
    bits.push(0, Math.min(4, capacity - bits.bits.length));
    bits.push(0, (8 - (bits.bits.length % 8)) % 8);
    const data: number[] = [];
    for (let i = 0; i < bits.bits.length; i += 8) data.push(bits.bits.slice(i, i + 8).reduce((a, b) => (a << 1) | b, 0));
    for (let pad = 0xec; data.length < capacity / 8; pad ^= 0xec ^ 0x11) data.push(pad);
    const codewords = withEcc(data, ver);
    let best: QrSymbol | null = null;
    let bestScore = Infinity;
    for (let mask = 0; mask < 8; mask++) {
      const s = new QrSymbol(ver);
      s.drawFunctionPatterns();
      s.drawCodewords(codewords);
      s.applyMask(mask);
      s.drawFormat(mask);
      const score = s.penalty();
      if (score < bestScore) {
        best = s;
        bestScore = score;
      }
    }
    return best!.dark;
  }
  throw new QrTooLong(`at most version ${MAX_VERSION}`);
}
