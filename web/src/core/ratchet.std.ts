// The Double Ratchet, §3 "header in the clear" (docs/protocol.md C6; crypto/ratchet.py; revision 1, 2016-11-20).
//   KDF_RK  HKDF(ikm = dh, salt = rk, "Haven Ratchet RK v1", 64) -> RK' || CK
//   KDF_CK  MK = HMAC(CK, 0x01), CK' = HMAC(CK, 0x02)
//   ENCRYPT HKDF(mk, zero salt, "Haven Ratchet MK v1", 56) -> key || nonce; XChaCha20-Poly1305(.., CONCAT(AD, header))
// Decryption works on a copy and commits only after the AEAD check (§3.5), so a forged, replayed or
// out-of-bounds message leaves the state unchanged.
import { Reader, ascii, concat, lp, toHex, u32, u8, type Bytes } from './encoding.std.js';
import { CryptoError, InvalidKeyError, fail } from './errors.std.js';
import { KEY_BYTES } from './keys.std.js';
import { AEAD_TAG_BYTES, aeadDecrypt, aeadEncrypt, hkdfSha256, hmacSha256, x25519, x25519Base } from './sodium.std.js';
import { resolve, type Rng } from './rng.std.js';

export const MAX_SKIP = 1000;
export const MAX_STORED_SKIPPED = 2000;
const RK_INFO = ascii('Haven Ratchet RK v1');
const MK_INFO = ascii('Haven Ratchet MK v1');
const MESSAGE_VERSION = 1;
const STATE_VERSION = 1;
const HEADER_BYTES = 40;
const MAX_COUNTER = 0xffffffff;

export function kdfRk(rk: Bytes, dhOut: Bytes): [Bytes, Bytes] {
  const out = hkdfSha256(dhOut, rk, RK_INFO, 64);
  return [out.slice(0, 32), out.slice(32)];
}

/** Returns [next chain key, message key]. */
export function kdfCk(ck: Bytes): [Bytes, Bytes] {
  return [hmacSha256(ck, Uint8Array.of(2)), hmacSha256(ck, Uint8Array.of(1))];
}

export function messageKeyMaterial(mk: Bytes): [Bytes, Bytes] {
  const out = hkdfSha256(mk, new Uint8Array(32), MK_INFO, 56);
  return [out.slice(0, 32), out.slice(32)];
}

export class Header {
  constructor(
    readonly dh: Bytes,
    readonly pn: number,
    readonly n: number,
  ) {
    if (pn < 0 || pn > MAX_COUNTER || n < 0 || n > MAX_COUNTER) throw new InvalidKeyError('counter out of range');
  }
  toBytes(): Bytes {
    return concat(this.dh, u32(this.pn), u32(this.n));
  }
  static fromBytes(data: Bytes): Header {
    const r = new Reader(data);
    const out = new Header(r.take(32), r.u32(), r.u32());
    r.done();
    return out;
  }
}

/** u8 1 || header (40) || AEAD ciphertext. */
export class RatchetMessage {
  constructor(
    readonly header: Header,
    readonly ciphertext: Bytes,
  ) {}
  toBytes(): Bytes {
    return concat(u8(MESSAGE_VERSION), this.header.toBytes(), this.ciphertext);
  }
  /** Attacker-controlled bytes: any malformation is the opaque error. */
  static fromBytes(data: Bytes): RatchetMessage {
    if (data.length < 1 + HEADER_BYTES + AEAD_TAG_BYTES || data[0] !== MESSAGE_VERSION) fail();
    return new RatchetMessage(Header.fromBytes(data.slice(1, 1 + HEADER_BYTES)), data.slice(1 + HEADER_BYTES));
  }
}

function concatAd(ad: Bytes, header: Header): Bytes {
  return concat(u32(ad.length), ad, u8(MESSAGE_VERSION), header.toBytes());
}

function skippedKey(dh: Bytes, n: number): string {
  return `${toHex(dh)}:${n}`;
}

interface Fields {
  dhs: Bytes;
  dhr: Bytes | null;
  rk: Bytes;
  cks: Bytes | null;
  ckr: Bytes | null;
  ns: number;
  nr: number;
  pn: number;
  ad: Bytes;
  // "dh hex:n" -> [dh, n, mk], in insertion order for eviction (a Map keeps it, like Python's dict).
  skipped: Map<string, [Bytes, number, Bytes]>;
}

export class RatchetState {
  private f: Fields;
  private readonly rng: Rng;

  constructor(fields: Fields, rng?: Rng) {
    this.f = fields;
    this.rng = resolve(rng);
  }

  get dhr(): Bytes | null {
    return this.f.dhr;
  }
  get cks(): Bytes | null {
    return this.f.cks;
  }
  hasSkipped(dh: Bytes, n: number): boolean {
    return this.f.skipped.has(skippedKey(dh, n));
  }

  /** RatchetInitAlice: Bob's signed prekey is his first ratchet public key. Draws DHs (32). */
  static initInitiator(sk: Bytes, ad: Bytes, remote: Bytes, rng?: Rng): RatchetState {
    const dhs = resolve(rng)(KEY_BYTES);
    const [rk, cks] = kdfRk(sk, x25519(dhs, remote));
    return new RatchetState({ dhs, dhr: remote, rk, cks, ckr: null, ns: 0, nr: 0, pn: 0, ad, skipped: new Map() }, rng);
  }

  /** RatchetInitBob: his signed prekey pair is his first ratchet keypair. */
  static initResponder(sk: Bytes, ad: Bytes, ownPrivate: Bytes, rng?: Rng): RatchetState {
    return new RatchetState(
      { dhs: ownPrivate, dhr: null, rk: sk, cks: null, ckr: null, ns: 0, nr: 0, pn: 0, ad, skipped: new Map() },
      rng,
    );
  }

  encrypt(plaintext: Bytes): RatchetMessage {
    const f = this.f;
    if (f.cks === null) throw new CryptoError('cannot send before the first message from the initiator arrived');
    if (f.ns >= MAX_COUNTER) throw new CryptoError('sending chain exhausted');
    const [cks, mk] = kdfCk(f.cks);
    f.cks = cks;
    const header = new Header(x25519Base(f.dhs), f.pn, f.ns);
    f.ns += 1;
    const [key, nonce] = messageKeyMaterial(mk);
    return new RatchetMessage(header, aeadEncrypt(key, nonce, plaintext, concatAd(f.ad, header)));
  }

  /** Copy, try, commit: the opaque error and an unchanged state on any failure. */
  decrypt(message: RatchetMessage | Bytes): Bytes {
    const msg = message instanceof RatchetMessage ? message : RatchetMessage.fromBytes(message);
    const trial: Fields = { ...this.f, skipped: new Map(this.f.skipped) };
    const plaintext = this.decryptOn(trial, msg.header, msg.ciphertext);
    this.f = trial;
    return plaintext;
  }

  private decryptOn(f: Fields, header: Header, ciphertext: Bytes): Bytes {
    const key = skippedKey(header.dh, header.n);
    const found = f.skipped.get(key); // TrySkippedMessageKeys
    if (found) {
      f.skipped.delete(key);
      return open(f, found[2], header, ciphertext);
    }
    if (f.dhr === null || toHex(header.dh) !== toHex(f.dhr)) {
      skip(f, header.pn);
      this.dhRatchet(f, header);
    }
    skip(f, header.n);
    if (f.ckr === null) fail();
    const [ckr, mk] = kdfCk(f.ckr);
    f.ckr = ckr;
    f.nr += 1;
    return open(f, mk, header, ciphertext);
  }

  private dhRatchet(f: Fields, header: Header): void {
    f.pn = f.ns;
    f.ns = 0;
    f.nr = 0;
    f.dhr = header.dh;
    [f.rk, f.ckr] = kdfRk(f.rk, x25519(f.dhs, f.dhr));
    f.dhs = this.rng(KEY_BYTES);
    [f.rk, f.cks] = kdfRk(f.rk, x25519(f.dhs, f.dhr));
  }

  toBytes(): Bytes {
    const f = this.f;
    const opt = (v: Bytes | null): Bytes => (v === null ? u8(0) : concat(u8(1), v));
    const parts = [u8(STATE_VERSION), f.dhs, opt(f.dhr), f.rk, opt(f.cks), opt(f.ckr), u32(f.ns), u32(f.nr), u32(f.pn)];
    parts.push(lp(f.ad), u32(f.skipped.size));
    for (const [dh, n, mk] of f.skipped.values()) parts.push(dh, u32(n), mk);
    return concat(...parts);
  }

  static fromBytes(data: Bytes, rng?: Rng): RatchetState {
    const r = new Reader(data);
    if (r.u8() !== STATE_VERSION) throw new InvalidKeyError('unknown ratchet state version');
    const opt = (): Bytes | null => {
      const flag = r.u8();
      if (flag !== 0 && flag !== 1) throw new InvalidKeyError('bad optional flag');
      return flag ? r.take(KEY_BYTES) : null;
    };
    const dhs = r.take(KEY_BYTES);
    const dhr = opt();
    const rk = r.take(KEY_BYTES);
    const cks = opt();
    const ckr = opt();
    const ns = r.u32();
    const nr = r.u32();
    const pn = r.u32();
    const ad = r.lp();
    const skipped = new Map<string, [Bytes, number, Bytes]>();
    for (let i = r.u32(); i > 0; i--) {
      const dh = r.take(KEY_BYTES);
      const n = r.u32();
      skipped.set(skippedKey(dh, n), [dh, n, r.take(KEY_BYTES)]);
    }
    r.done();
    return new RatchetState({ dhs, dhr, rk, cks, ckr, ns, nr, pn, ad, skipped }, rng);
  }
}

function open(f: Fields, mk: Bytes, header: Header, ciphertext: Bytes): Bytes {
  const [key, nonce] = messageKeyMaterial(mk);
  return aeadDecrypt(key, nonce, ciphertext, concatAd(f.ad, header));
}

/** SkipMessageKeys plus the global cap: the oldest stored key is evicted beyond MAX_STORED_SKIPPED. */
function skip(f: Fields, until: number): void {
  if (f.nr + MAX_SKIP < until) fail();
  if (f.ckr === null || f.dhr === null) return;
  while (f.nr < until) {
    const [ckr, mk] = kdfCk(f.ckr);
    f.ckr = ckr;
    f.skipped.set(skippedKey(f.dhr, f.nr), [f.dhr, f.nr, mk]);
    f.nr += 1;
    while (f.skipped.size > MAX_STORED_SKIPPED) f.skipped.delete(f.skipped.keys().next().value!);
  }
}
