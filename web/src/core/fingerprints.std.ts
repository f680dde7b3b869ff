// Safety numbers (docs/protocol.md C11; crypto/fingerprints.py), as Signal's numeric fingerprint with SHA-512.
//   h_0 = u16 0 || IdentityPublic (64) || account_id (32 ASCII);  h_i = SHA-512(h_{i-1} || IdentityPublic), i ≤ 5200
import { ascii, compareBytes, concat, u16, type Bytes } from './encoding.std.js';
import type { IdentityPublic } from './keys.std.js';
import { ctEqual, sha512 } from './sodium.std.js';

const ITERATIONS = 5200;

function iteratedHash(identity: IdentityPublic): Bytes {
  const key = identity.toBytes();
  let digest = concat(u16(0), key, ascii(identity.accountId));
  for (let i = 0; i < ITERATIONS; i++) digest = sha512(concat(digest, key));
  return digest;
}

function digits(h: Bytes): string {
  let out = '';
  for (let i = 0; i < 30; i += 5) {
    let v = 0;
    for (let j = 0; j < 5; j++) v = v * 256 + h[i + j]!; // u40 < 2^53: exact in a JS number
    out += String(v % 100000).padStart(5, '0');
  }
  return out;
}

/** 60 digits, the same whichever side computes it. */
export function safetyNumber(a: IdentityPublic, b: IdentityPublic): string {
  return [digits(iteratedHash(a)), digits(iteratedHash(b))].sort().join('');
}

export function formatSafetyNumber(n: string): string {
  return n.match(/.{1,5}/g)?.join(' ') ?? '';
}

/** u8 1 || min(h_A[:32], h_B[:32]) || max(...) (65 bytes), for a QR code. */
export function scannableFingerprint(a: IdentityPublic, b: IdentityPublic): Bytes {
  const fa = iteratedHash(a).slice(0, 32);
  const fb = iteratedHash(b).slice(0, 32);
  const [lo, hi] = compareBytes(fa, fb) <= 0 ? [fa, fb] : [fb, fa];
  return concat(Uint8Array.of(1), lo, hi);
}

export function fingerprintsMatch(ours: Bytes, scanned: Bytes): boolean {
  return ctEqual(ours, scanned);
}
