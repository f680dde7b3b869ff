// Fixed big-endian encodings shared by every serialised object (docs/protocol.md C1, crypto/encoding.py).
// u8/u16/u32/u64 are unsigned big-endian; lp(x) = u32(len(x)) || x. Integers are JS numbers: every u64 the
// protocol uses (times in ms, epochs, Argon2 limits) stays below 2^53, and a larger one is refused on read.
import { InvalidKeyError, fail, opaque } from './errors.std.js';

export type Bytes = Uint8Array;

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

function checkInt(value: number, max: number): void {
  if (!Number.isInteger(value) || value < 0 || value > max) throw new InvalidKeyError('integer out of range');
}

export function u8(value: number): Bytes {
  checkInt(value, 0xff);
  return Uint8Array.of(value);
}

export function u16(value: number): Bytes {
  checkInt(value, 0xffff);
  return Uint8Array.of(value >>> 8, value & 0xff);
}

export function u32(value: number): Bytes {
  checkInt(value, 0xffffffff);
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value);
  return out;
}

export function u64(value: number): Bytes {
  checkInt(value, MAX_SAFE);
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(value));
  return out;
}

export function concat(...parts: readonly Bytes[]): Bytes {
  let size = 0;
  for (const p of parts) size += p.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function lp(value: Bytes): Bytes {
  return concat(u32(value.length), value);
}

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true });

export function utf8(text: string): Bytes {
  return encoder.encode(text);
}

export function fromUtf8(data: Bytes): string {
  try {
    return strictDecoder.decode(data);
  } catch {
    throw new InvalidKeyError('invalid UTF-8 in encoding');
  }
}

export function ascii(text: string): Bytes {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0x7f) throw new InvalidKeyError('not ASCII');
  }
  return encoder.encode(text);
}

export function toHex(data: Bytes): string {
  let out = '';
  for (const b of data) out += b.toString(16).padStart(2, '0');
  return out;
}

export function fromHex(text: string): Bytes {
  if (text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) throw new InvalidKeyError('not hex');
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_STRICT = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Standard base64 with padding (RFC 4648 §4), as every binary field on the wire (protocol §conventions). */
export function toBase64(data: Bytes): string {
  let out = '';
  for (let i = 0; i < data.length; i += 3) {
    const a = data[i]!;
    const b = i + 1 < data.length ? data[i + 1]! : 0;
    const c = i + 2 < data.length ? data[i + 2]! : 0;
    const n = (a << 16) | (b << 8) | c;
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]!;
    out += i + 1 < data.length ? B64[(n >> 6) & 63]! : '=';
    out += i + 2 < data.length ? B64[n & 63]! : '=';
  }
  return out;
}

/** Strict decoding: no whitespace, no missing padding, no URL alphabet, no non-zero trailing bits. */
export function fromBase64(text: string): Bytes {
  if (!B64_STRICT.test(text)) throw new InvalidKeyError('not strict base64');
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let at = 0;
  for (let i = 0; i < text.length; i += 4) {
    const v = [0, 1, 2, 3].map((k) => (text[i + k] === '=' ? 0 : B64.indexOf(text[i + k]!)));
    const n = (v[0]! << 18) | (v[1]! << 12) | (v[2]! << 6) | v[3]!;
    const bytes = [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
    for (const b of bytes) if (at < out.length) out[at++] = b;
  }
  if (toBase64(out) !== text) throw new InvalidKeyError('not canonical base64');
  return out;
}

export function bytesEqual(a: Bytes, b: Bytes): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** Lexicographic byte order (Python's bytes comparison). */
export function compareBytes(a: Bytes, b: Bytes): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

export class Reader {
  private pos = 0;
  constructor(private readonly data: Bytes) {}

  take(size: number): Bytes {
    if (size < 0 || this.pos + size > this.data.length) throw new InvalidKeyError('truncated encoding');
    const out = this.data.slice(this.pos, this.pos + size);
    this.pos += size;
    return out;
  }

  u8(): number {
    return this.take(1)[0]!;
  }

  u16(): number {
    const b = this.take(2);
    return (b[0]! << 8) | b[1]!;
  }

  u32(): number {
    return new DataView(this.take(4).buffer).getUint32(0);
  }

  u64(): number {
    const v = new DataView(this.take(8).buffer).getBigUint64(0);
    if (v > BigInt(MAX_SAFE)) throw new InvalidKeyError('u64 beyond 2^53 is not supported');
    return Number(v);
  }

  lp(): Bytes {
    return this.take(this.u32());
  }

  text(): string {
    return fromUtf8(this.lp());
  }

  rest(): Bytes {
    return this.take(this.data.length - this.pos);
  }

  remaining(): number {
    return this.data.length - this.pos;
  }

  done(): void {
    if (this.pos !== this.data.length) throw new InvalidKeyError('trailing bytes in encoding');
  }
}

/** Attacker-supplied bytes that open with a version byte: a wrong version, or an InvalidKeyError anywhere in `read`
 * (too short, bytes left over, a bad key), is the opaque error (crypto/encoding.py `read_untrusted`). */
export function readUntrusted<T>(data: Bytes, version: number, read: (r: Reader) => T): T {
  return opaque(() => {
    const r = new Reader(data);
    if (r.u8() !== version) fail();
    return read(r);
  });
}
