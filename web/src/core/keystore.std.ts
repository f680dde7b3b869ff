// The passphrase-encrypted keystore (docs/protocol.md C10; crypto/keystore.py), byte-compatible with the SDK's file.
//   file     = "HVKS" || u8 1 || u64 opslimit || u64 memlimit || salt (16) || nonce (24) || ciphertext
//   key      = Argon2id(NFC(passphrase) UTF-8, salt, opslimit, memlimit, 32)
//   contents = u32 count || count × (lp(name) || lp(value))  (names sorted by their UTF-8 bytes)
import { Reader, ascii, bytesEqual, compareBytes, concat, lp, u32, u64, u8, utf8, type Bytes } from './encoding.std.js';
import { InvalidKeyError, fail, opaque } from './errors.std.js';
import { ARGON2ID, aeadDecrypt, aeadEncrypt, argon2id, wipe } from './sodium.std.js';
import { resolve, type Rng } from './rng.std.js';

const MAGIC = ascii('HVKS');
const VERSION = 1;
const SALT_BYTES = 16;

function passphraseBytes(p: string | Bytes): Bytes {
  return typeof p === 'string' ? utf8(p.normalize('NFC')) : p;
}

function limitsOk(ops: number, mem: number): boolean {
  return ops >= ARGON2ID.OPSLIMIT_MIN && ops <= ARGON2ID.OPSLIMIT_SENSITIVE
    && mem >= ARGON2ID.MEMLIMIT_MIN && mem <= ARGON2ID.MEMLIMIT_SENSITIVE;
}

/** A passphrase stretched once per unlock; every save draws a fresh nonce, so reusing the key is safe. */
export class KeystoreKey {
  private key: Bytes | null;
  constructor(key: Bytes, readonly salt: Bytes, readonly opslimit: number, readonly memlimit: number) {
    if (key.length !== 32 || salt.length !== SALT_BYTES) throw new InvalidKeyError('keystore key 32 bytes, salt 16');
    this.key = key;
  }

  static derive(passphrase: string | Bytes, opslimit: number, memlimit: number, salt?: Bytes, rng?: Rng): KeystoreKey {
    if (!limitsOk(opslimit, memlimit)) throw new InvalidKeyError('Argon2id limits out of range');
    const s = salt ?? resolve(rng)(SALT_BYTES);
    return new KeystoreKey(argon2id(32, passphraseBytes(passphrase), s, opslimit, memlimit), s, opslimit, memlimit);
  }

  /** @internal */
  _bytes(): Bytes {
    if (!this.key) throw new InvalidKeyError('keystore key was wiped (locked)');
    return this.key;
  }

  /** Lock: drop the key from memory. */
  wipe(): void {
    if (this.key) wipe(this.key);
    this.key = null;
  }
}

export function encodeEntries(entries: ReadonlyMap<string, Bytes>): Bytes {
  const names = [...entries.keys()].map((n) => [n, utf8(n)] as const).sort((a, b) => compareBytes(a[1], b[1]));
  return concat(u32(names.length), ...names.flatMap(([n, raw]) => [lp(raw), lp(entries.get(n)!)]));
}

export function sealWith(entries: ReadonlyMap<string, Bytes>, key: KeystoreKey, rng?: Rng): Bytes {
  const nonce = resolve(rng)(24);
  const head = concat(MAGIC, u8(VERSION), u64(key.opslimit), u64(key.memlimit), key.salt, nonce);
  return concat(head, aeadEncrypt(key._bytes(), nonce, encodeEntries(entries), head));
}

/** Draws: salt (16), nonce (24) (C13). */
export function seal(entries: ReadonlyMap<string, Bytes>, passphrase: string | Bytes, opslimit: number = ARGON2ID.OPSLIMIT_MODERATE,
  memlimit: number = ARGON2ID.MEMLIMIT_MODERATE, rng?: Rng): Bytes {
  const draw = resolve(rng);
  const key = KeystoreKey.derive(passphrase, opslimit, memlimit, draw(SALT_BYTES));
  try {
    return sealWith(entries, key, draw);
  } finally {
    key.wipe();
  }
}

/** The header's limits, read before deriving (so a caller can show "unlocking…" with an estimate). */
export function readLimits(data: Bytes): { opslimit: number; memlimit: number } {
  return opaque(() => {
    const r = new Reader(data);
    if (!bytesEqual(r.take(4), MAGIC) || r.u8() !== VERSION) fail();
    return { opslimit: r.u64(), memlimit: r.u64() };
  });
}

/** One opaque error for a wrong passphrase, a tampered file or a malformed one. */
export function openWithKey(data: Bytes, passphrase: string | Bytes): [Map<string, Bytes>, KeystoreKey] {
  return opaque(() => {
    const r = new Reader(data);
    if (!bytesEqual(r.take(4), MAGIC) || r.u8() !== VERSION) fail();
    const opslimit = r.u64();
    const memlimit = r.u64();
    // Limits come from the file: bound them, or a tampered file could demand unbounded memory.
    if (!limitsOk(opslimit, memlimit)) fail();
    const salt = r.take(SALT_BYTES);
    const nonce = r.take(24);
    const headerLen = data.length - r.remaining();
    const key = KeystoreKey.derive(passphrase, opslimit, memlimit, salt);
    return [decodeContents(aeadDecrypt(key._bytes(), nonce, data.slice(headerLen), data.slice(0, headerLen))), key];
  });
}

/** Re-open with an already derived key (no Argon2id). */
export function openWith(data: Bytes, key: KeystoreKey): Map<string, Bytes> {
  return opaque(() => {
    const r = new Reader(data);
    if (!bytesEqual(r.take(4), MAGIC) || r.u8() !== VERSION) fail();
    r.take(16);
    const salt = r.take(SALT_BYTES);
    if (!bytesEqual(salt, key.salt)) fail();
    const nonce = r.take(24);
    const headerLen = data.length - r.remaining();
    return decodeContents(aeadDecrypt(key._bytes(), nonce, data.slice(headerLen), data.slice(0, headerLen)));
  });
}

export function open(data: Bytes, passphrase: string | Bytes): Map<string, Bytes> {
  const [entries, key] = openWithKey(data, passphrase);
  key.wipe();
  return entries;
}

function decodeContents(contents: Bytes): Map<string, Bytes> {
  const c = new Reader(contents);
  const out = new Map<string, Bytes>();
  for (let n = c.u32(); n > 0; n--) {
    const name = c.text();
    out.set(name, c.lp());
  }
  c.done();
  return out;
}
