// Registration proof of work (docs/protocol.md §1.1; crypto/pow.py):
//   digest = BLAKE2b-256("haven-pow-v1\0" || challenge || payload || u64 counter), >= bits leading zero bits.
// Synchronous and pure: the browser runs `solvePow` in a Web Worker (web/src/core/powWorker.std.ts).
import { ascii, concat, u64, type Bytes } from './encoding.std.js';
import { blake2b } from './sodium.std.js';

const POW_DOMAIN = ascii('haven-pow-v1\x00');
export const MAX_BITS = 32;

export function leadingZeroBits(digest: Bytes): number {
  let n = 0;
  for (const b of digest) {
    if (b === 0) {
      n += 8;
      continue;
    }
    return n + Math.clz32(b) - 24;
  }
  return n;
}

export function powDigest(challenge: Bytes, payload: Bytes, counter: number): Bytes {
  return blake2b(concat(POW_DOMAIN, challenge, payload, u64(counter)));
}

export function verifyPow(challenge: Bytes, payload: Bytes, counter: number, bits: number): boolean {
  return leadingZeroBits(powDigest(challenge, payload, counter)) >= bits;
}

/** The first counter that meets `bits` (the same answer the Python client finds). */
export function solvePow(challenge: Bytes, payload: Bytes, bits: number): number {
  if (!Number.isInteger(bits) || bits < 0 || bits > MAX_BITS) throw new RangeError('proof-of-work difficulty out of range');
  const buffer = concat(POW_DOMAIN, challenge, payload, new Uint8Array(8));
  const tail = new DataView(buffer.buffer, buffer.length - 8, 8);
  for (let counter = 0; ; counter++) {
    tail.setUint32(0, Math.floor(counter / 0x100000000));
    tail.setUint32(4, counter >>> 0);
    if (leadingZeroBits(blake2b(buffer)) >= bits) return counter;
  }
}
