// The only primitives Haven uses (docs/protocol.md C2), each a thin wrapper over libsodium.js — the same C
// library PyNaCl binds, compiled to WebAssembly — mirroring crypto/primitives.py. The sumo build is used because
// it also carries HMAC-SHA256, SHA-512 and Argon2id, so every primitive is synchronous and identical in Node,
// a browser page and a Web Worker (WebCrypto's HMAC/HKDF are async-only, which would make the ratchet async).
// Call `await ready()` once before anything else in this library.
import sodium from 'libsodium-wrappers-sumo';
import { concat, type Bytes } from './encoding.std.js';
import { fail } from './errors.std.js';

export const AEAD_KEY_BYTES = 32;
export const AEAD_NONCE_BYTES = 24;
export const AEAD_TAG_BYTES = 16;
export const HASH_LEN = 32;

let loaded = false;

export async function ready(): Promise<void> {
  await sodium.ready;
  loaded = true;
}

function lib(): typeof sodium {
  if (!loaded) throw new Error('call ready() before using the Haven crypto core');
  return sodium;
}

export function hmacSha256(key: Bytes, message: Bytes): Bytes {
  const s = lib();
  // init/update/final accepts any key length (RFC 2104), unlike the one-shot call's fixed 32-byte key.
  const state = s.crypto_auth_hmacsha256_init(key);
  s.crypto_auth_hmacsha256_update(state, message);
  return s.crypto_auth_hmacsha256_final(state);
}

/** RFC 5869 HKDF-SHA256. An empty salt means HashLen zero bytes (§2.2). */
export function hkdfSha256(ikm: Bytes, salt: Bytes, info: Bytes, length: number): Bytes {
  if (!(length > 0 && length <= 255 * HASH_LEN)) throw new RangeError('HKDF output length out of range');
  const prk = hmacSha256(salt.length ? salt : new Uint8Array(HASH_LEN), ikm); // §2.2 extract
  const out = new Uint8Array(Math.ceil(length / HASH_LEN) * HASH_LEN);
  let block: Bytes = new Uint8Array(0);
  for (let counter = 1; (counter - 1) * HASH_LEN < length; counter++) {
    block = hmacSha256(prk, concat(block, info, Uint8Array.of(counter))); // §2.3 expand
    out.set(block, (counter - 1) * HASH_LEN);
  }
  return out.slice(0, length);
}

export function blake2b(data: Bytes, size = 32, key?: Bytes): Bytes {
  return lib().crypto_generichash(size, data, key && key.length ? key : null);
}

export function sha512(data: Bytes): Bytes {
  return lib().crypto_hash_sha512(data);
}

/** X25519. libsodium refuses a low-order peer key (all-zero output): that is an attack, so it fails opaquely. */
export function x25519(privateKey: Bytes, publicKey: Bytes): Bytes {
  try {
    return lib().crypto_scalarmult(privateKey, publicKey);
  } catch {
    return fail();
  }
}

export function x25519Base(privateKey: Bytes): Bytes {
  return lib().crypto_scalarmult_base(privateKey);
}

export function ed25519PublicFromSeed(seed: Bytes): Bytes {
  return lib().crypto_sign_seed_keypair(seed).publicKey;
}

export function ed25519Sign(seed: Bytes, message: Bytes): Bytes {
  const s = lib();
  const pair = s.crypto_sign_seed_keypair(seed);
  try {
    return s.crypto_sign_detached(message, pair.privateKey);
  } finally {
    s.memzero(pair.privateKey);
  }
}

export function ed25519Verify(publicKey: Bytes, message: Bytes, signature: Bytes): boolean {
  if (signature.length !== 64 || publicKey.length !== 32) return false;
  try {
    return lib().crypto_sign_verify_detached(signature, message, publicKey);
  } catch {
    return false;
  }
}

export function aeadEncrypt(key: Bytes, nonce: Bytes, plaintext: Bytes, ad: Bytes): Bytes {
  return lib().crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, ad, null, nonce, key);
}

export function aeadDecrypt(key: Bytes, nonce: Bytes, ciphertext: Bytes, ad: Bytes): Bytes {
  try {
    return lib().crypto_aead_xchacha20poly1305_ietf_decrypt(null, ciphertext, ad, nonce, key);
  } catch {
    return fail();
  }
}

/** ISO/IEC 7816-4 padding exactly as sodium_pad. */
export function sodiumPad(data: Bytes, blockSize: number): Bytes {
  return lib().pad(data, blockSize);
}

export function sodiumUnpad(data: Bytes, blockSize: number): Bytes {
  try {
    return lib().unpad(data, blockSize);
  } catch {
    return fail();
  }
}

export const ARGON2ID = {
  OPSLIMIT_MIN: 1,
  MEMLIMIT_MIN: 8192,
  OPSLIMIT_INTERACTIVE: 2,
  MEMLIMIT_INTERACTIVE: 67108864,
  OPSLIMIT_MODERATE: 3,
  MEMLIMIT_MODERATE: 268435456,
  OPSLIMIT_SENSITIVE: 4,
  MEMLIMIT_SENSITIVE: 1073741824,
} as const;

export function argon2id(length: number, passphrase: Bytes, salt: Bytes, opslimit: number, memlimit: number): Bytes {
  const s = lib();
  return s.crypto_pwhash(length, passphrase, salt, opslimit, memlimit, s.crypto_pwhash_ALG_ARGON2ID13);
}

export function randomBytes(size: number): Bytes {
  return lib().randombytes_buf(size);
}

/** Constant-time equality (sodium_memcmp); different lengths are simply unequal. */
export function ctEqual(a: Bytes, b: Bytes): boolean {
  if (a.length !== b.length) return false;
  if (a.length === 0) return true;
  return lib().memcmp(a, b);
}

export function wipe(data: Bytes): void {
  lib().memzero(data);
}
