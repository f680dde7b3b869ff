// Identity and prekeys (docs/protocol.md C3, C4; crypto/keys.py). An identity is TWO keypairs: Ed25519 for
// signatures and X25519 for agreement. Private keys are 32-byte Uint8Arrays (the Ed25519 seed, the X25519 scalar).
import { Reader, ascii, concat, toHex, u32, type Bytes } from './encoding.std.js';
import { InvalidKeyError, fail } from './errors.std.js';
import { blake2b, ctEqual, ed25519PublicFromSeed, ed25519Sign, ed25519Verify, x25519Base } from './sodium.std.js';
import { resolve, type Rng } from './rng.std.js';

export const KEY_BYTES = 32;
export const SIGNATURE_BYTES = 64;
const CURVE25519_TYPE = 0x05; // X3DH §2.2 Encode(PK) = 0x05 || u-coordinate
const SPK_SIGNATURE_DOMAIN = ascii('haven-spk-v1\x00');
const ACCOUNT_DOMAIN = ascii('haven-account-v1');

export function checkSize(data: Bytes, size: number, what: string): Bytes {
  if (!(data instanceof Uint8Array) || data.length !== size) throw new InvalidKeyError(`${what} must be ${size} bytes`);
  return data;
}

function checkId(id: number): number {
  if (!Number.isInteger(id) || id < 0 || id > 0xffffffff) throw new InvalidKeyError('key id must fit in 32 bits');
  return id;
}

/** X3DH §2.2 Encode(PK) for an X25519 key: 0x05 || pk (33 bytes). */
export function encodeX25519(pub: Bytes): Bytes {
  return concat(Uint8Array.of(CURVE25519_TYPE), pub);
}

/** Verify an Ed25519 signature; the opaque error on failure. */
export function verifyEd25519(pub: Bytes, message: Bytes, signature: Bytes): void {
  if (!ed25519Verify(pub, message, signature)) fail();
}

export class IdentityPublic {
  static readonly SIZE = 64;
  constructor(
    readonly signing: Bytes,
    readonly agreement: Bytes,
  ) {
    checkSize(signing, KEY_BYTES, 'Ed25519 public key');
    checkSize(agreement, KEY_BYTES, 'X25519 public key');
  }

  static fromBytes(data: Bytes): IdentityPublic {
    checkSize(data, IdentityPublic.SIZE, 'IdentityPublic');
    return new IdentityPublic(data.slice(0, 32), data.slice(32));
  }

  toBytes(): Bytes {
    return concat(this.signing, this.agreement);
  }

  /** Encode(IK) for the X3DH associated data: 0x05 || x25519 || ed25519 (65 bytes). */
  encode(): Bytes {
    return concat(encodeX25519(this.agreement), this.signing);
  }

  /** hex(BLAKE2b-16("haven-account-v1" || ed25519_pub || x25519_pub)), as the server computes it. */
  get accountId(): string {
    return toHex(blake2b(concat(ACCOUNT_DOMAIN, this.toBytes()), 16));
  }

  equals(other: IdentityPublic): boolean {
    return ctEqual(this.toBytes(), other.toBytes());
  }
}

export class IdentityKeyPair {
  constructor(
    readonly signing: Bytes,
    readonly agreement: Bytes,
  ) {
    checkSize(signing, KEY_BYTES, 'Ed25519 seed');
    checkSize(agreement, KEY_BYTES, 'X25519 private key');
  }

  /** Draws: Ed25519 seed (32), then X25519 private (32) (C13). */
  static generate(rng?: Rng): IdentityKeyPair {
    const draw = resolve(rng);
    return new IdentityKeyPair(draw(KEY_BYTES), draw(KEY_BYTES));
  }

  /** Deterministic, for tests and vectors (C3). */
  static fromSeed(seed: Bytes): IdentityKeyPair {
    checkSize(seed, KEY_BYTES, 'seed');
    return new IdentityKeyPair(
      blake2b(ascii('haven-identity-ed25519'), 32, seed),
      blake2b(ascii('haven-identity-x25519'), 32, seed),
    );
  }

  static fromBytes(data: Bytes): IdentityKeyPair {
    checkSize(data, 64, 'IdentityKeyPair');
    return new IdentityKeyPair(data.slice(0, 32), data.slice(32));
  }

  toBytes(): Bytes {
    return concat(this.signing, this.agreement);
  }

  public(): IdentityPublic {
    return new IdentityPublic(ed25519PublicFromSeed(this.signing), x25519Base(this.agreement));
  }

  get accountId(): string {
    return this.public().accountId;
  }

  sign(message: Bytes): Bytes {
    return ed25519Sign(this.signing, message);
  }
}

/** What the identity signs for a signed prekey: "haven-spk-v1\0" || u32(id) || Encode(SPK). */
export function spkSignedMessage(keyId: number, pub: Bytes): Bytes {
  return concat(SPK_SIGNATURE_DOMAIN, u32(keyId), encodeX25519(pub));
}

/** u32 id || key (32) || signature (64): the layout of a signed prekey, public or private. */
function readSignedPreKey(data: Bytes): [number, Bytes, Bytes] {
  const r = new Reader(data);
  const out: [number, Bytes, Bytes] = [r.u32(), r.take(KEY_BYTES), r.take(SIGNATURE_BYTES)];
  r.done();
  return out;
}

export class SignedPreKeyPublic {
  static readonly SIZE = 4 + KEY_BYTES + SIGNATURE_BYTES;
  constructor(
    readonly keyId: number,
    readonly publicKey: Bytes,
    readonly signature: Bytes,
  ) {
    checkId(keyId);
    checkSize(publicKey, KEY_BYTES, 'signed prekey');
    checkSize(signature, SIGNATURE_BYTES, 'signature');
  }

  /** X3DH §3.3: verify Sig(IK_B, Encode(SPK_B)); opaque error on failure. */
  verify(identity: IdentityPublic): void {
    verifyEd25519(identity.signing, spkSignedMessage(this.keyId, this.publicKey), this.signature);
  }

  toBytes(): Bytes {
    return concat(u32(this.keyId), this.publicKey, this.signature);
  }

  static fromBytes(data: Bytes): SignedPreKeyPublic {
    return new SignedPreKeyPublic(...readSignedPreKey(data));
  }
}

export class SignedPreKey {
  constructor(
    readonly keyId: number,
    readonly privateKey: Bytes,
    readonly signature: Bytes,
  ) {
    checkId(keyId);
    checkSize(privateKey, KEY_BYTES, 'signed prekey');
    checkSize(signature, SIGNATURE_BYTES, 'signature');
  }

  static fromSeed(identity: IdentityKeyPair, keyId: number, seed: Bytes): SignedPreKey {
    const signature = identity.sign(spkSignedMessage(checkId(keyId), x25519Base(seed)));
    return new SignedPreKey(keyId, seed, signature);
  }

  static generate(identity: IdentityKeyPair, keyId: number, rng?: Rng): SignedPreKey {
    return SignedPreKey.fromSeed(identity, keyId, resolve(rng)(KEY_BYTES));
  }

  public(): SignedPreKeyPublic {
    return new SignedPreKeyPublic(this.keyId, x25519Base(this.privateKey), this.signature);
  }

  toBytes(): Bytes {
    return concat(u32(this.keyId), this.privateKey, this.signature);
  }

  static fromBytes(data: Bytes): SignedPreKey {
    return new SignedPreKey(...readSignedPreKey(data));
  }
}

export class OneTimePreKeyPublic {
  static readonly SIZE = 4 + KEY_BYTES;
  constructor(
    readonly keyId: number,
    readonly publicKey: Bytes,
  ) {
    checkId(keyId);
    checkSize(publicKey, KEY_BYTES, 'one-time prekey');
  }

  toBytes(): Bytes {
    return concat(u32(this.keyId), this.publicKey);
  }

  static fromBytes(data: Bytes): OneTimePreKeyPublic {
    const r = new Reader(checkSize(data, OneTimePreKeyPublic.SIZE, 'OneTimePreKeyPublic'));
    return new OneTimePreKeyPublic(r.u32(), r.take(KEY_BYTES));
  }
}

export class OneTimePreKey {
  constructor(
    readonly keyId: number,
    readonly privateKey: Bytes,
  ) {
    checkId(keyId);
    checkSize(privateKey, KEY_BYTES, 'one-time prekey');
  }

  static generate(keyId: number, rng?: Rng): OneTimePreKey {
    return new OneTimePreKey(keyId, resolve(rng)(KEY_BYTES));
  }

  public(): OneTimePreKeyPublic {
    return new OneTimePreKeyPublic(this.keyId, x25519Base(this.privateKey));
  }

  toBytes(): Bytes {
    return concat(u32(this.keyId), this.privateKey);
  }

  static fromBytes(data: Bytes): OneTimePreKey {
    const r = new Reader(checkSize(data, 36, 'OneTimePreKey'));
    return new OneTimePreKey(r.u32(), r.take(KEY_BYTES));
  }
}
