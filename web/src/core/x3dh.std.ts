// X3DH (docs/protocol.md C5; crypto/x3dh.py; X3DH revision 1, 2016-11-04) with separate Ed25519/X25519 identity keys.
//   SK = HKDF(F || DH1 || DH2 || DH3 [|| DH4], salt = 32 zero bytes, info = "Haven X3DH v1", 32);  F = 32 × 0xFF
//   AD = Encode(IK_A) || Encode(IK_B)
import { Reader, ascii, concat, u32, u8, type Bytes } from './encoding.std.js';
import { DecryptionError, InvalidKeyError, fail } from './errors.std.js';
import {
  IdentityPublic,
  KEY_BYTES,
  OneTimePreKeyPublic,
  SignedPreKeyPublic,
  type IdentityKeyPair,
  type OneTimePreKey,
  type SignedPreKey,
} from './keys.std.js';
import { hkdfSha256, x25519, x25519Base } from './sodium.std.js';
import { resolve, type Rng } from './rng.std.js';

const X3DH_INFO = ascii('Haven X3DH v1');
const X3DH_SALT = new Uint8Array(32);
const X3DH_F = new Uint8Array(32).fill(0xff);
const BUNDLE_VERSION = 1;
const HEADER_VERSION = 1;

export function associatedData(initiator: IdentityPublic, responder: IdentityPublic): Bytes {
  return concat(initiator.encode(), responder.encode());
}

function kdf(dh: Bytes[]): Bytes {
  return hkdfSha256(concat(X3DH_F, ...dh), X3DH_SALT, X3DH_INFO, 32);
}

/** u8 1 || IdentityPublic (64) || SignedPreKeyPublic (100) || opt(OneTimePreKeyPublic (36)). */
export class PreKeyBundle {
  constructor(
    readonly identity: IdentityPublic,
    readonly signedPrekey: SignedPreKeyPublic,
    readonly oneTimePrekey: OneTimePreKeyPublic | null = null,
  ) {}

  verify(): void {
    this.signedPrekey.verify(this.identity);
  }

  toBytes(): Bytes {
    const head = concat(u8(BUNDLE_VERSION), this.identity.toBytes(), this.signedPrekey.toBytes());
    return this.oneTimePrekey ? concat(head, u8(1), this.oneTimePrekey.toBytes()) : concat(head, u8(0));
  }

  static fromBytes(data: Bytes): PreKeyBundle {
    const r = new Reader(data);
    if (r.u8() !== BUNDLE_VERSION) throw new InvalidKeyError('unknown bundle version');
    const identity = IdentityPublic.fromBytes(r.take(IdentityPublic.SIZE));
    const spk = SignedPreKeyPublic.fromBytes(r.take(SignedPreKeyPublic.SIZE));
    const flag = r.u8();
    if (flag !== 0 && flag !== 1) throw new InvalidKeyError('bad one-time prekey flag');
    const opk = flag === 1 ? OneTimePreKeyPublic.fromBytes(r.take(OneTimePreKeyPublic.SIZE)) : null;
    r.done();
    return new PreKeyBundle(identity, spk, opk);
  }
}

/** u8 1 || IK_A (64) || EK_A (32) || u32 spk_id || u8 has_opk || [u32 opk_id]. */
export class X3DHHeader {
  constructor(
    readonly identity: IdentityPublic,
    readonly ephemeral: Bytes,
    readonly signedPrekeyId: number,
    readonly oneTimePrekeyId: number | null,
  ) {}

  toBytes(): Bytes {
    const head = concat(u8(HEADER_VERSION), this.identity.toBytes(), this.ephemeral, u32(this.signedPrekeyId));
    return this.oneTimePrekeyId === null ? concat(head, u8(0)) : concat(head, u8(1), u32(this.oneTimePrekeyId));
  }

  static read(r: Reader): X3DHHeader {
    if (r.u8() !== HEADER_VERSION) throw new InvalidKeyError('unknown X3DH header version');
    const identity = IdentityPublic.fromBytes(r.take(IdentityPublic.SIZE));
    const ephemeral = r.take(KEY_BYTES);
    const spkId = r.u32();
    const flag = r.u8();
    if (flag !== 0 && flag !== 1) throw new InvalidKeyError('bad one-time prekey flag');
    return new X3DHHeader(identity, ephemeral, spkId, flag === 1 ? r.u32() : null);
  }

  static fromBytes(data: Bytes): X3DHHeader {
    const r = new Reader(data);
    const out = X3DHHeader.read(r);
    r.done();
    return out;
  }
}

export interface X3DHResult {
  sharedSecret: Bytes;
  associatedData: Bytes;
  header: X3DHHeader;
}

/** Alice (X3DH §3.3): verify the bundle, draw EK, compute SK. */
export function initiate(identity: IdentityKeyPair, bundle: PreKeyBundle, rng?: Rng): X3DHResult {
  bundle.verify();
  const ek = resolve(rng)(KEY_BYTES);
  const spk = bundle.signedPrekey.publicKey;
  const dh = [x25519(identity.agreement, spk), x25519(ek, bundle.identity.agreement), x25519(ek, spk)];
  let opkId: number | null = null;
  if (bundle.oneTimePrekey) {
    dh.push(x25519(ek, bundle.oneTimePrekey.publicKey));
    opkId = bundle.oneTimePrekey.keyId;
  }
  const header = new X3DHHeader(identity.public(), x25519Base(ek), bundle.signedPrekey.keyId, opkId);
  return { sharedSecret: kdf(dh), associatedData: associatedData(identity.public(), bundle.identity), header };
}

/** Bob's unused one-time prekeys; `remove` is called only after the first message authenticated (X3DH §3.4). */
export interface OneTimePreKeyStore {
  get(keyId: number): OneTimePreKey | undefined;
  remove(keyId: number): void;
}

export class MemoryOneTimePreKeyStore implements OneTimePreKeyStore {
  readonly keys = new Map<number, OneTimePreKey>();
  constructor(keys: OneTimePreKey[] = []) {
    for (const k of keys) this.keys.set(k.keyId, k);
  }
  get(keyId: number): OneTimePreKey | undefined {
    return this.keys.get(keyId);
  }
  remove(keyId: number): void {
    this.keys.delete(keyId);
  }
}

/** Bob (X3DH §3.4). An unknown signed or one-time prekey id is the opaque error. */
export function respond(
  identity: IdentityKeyPair,
  signedPrekey: SignedPreKey,
  header: X3DHHeader,
  oneTimePrekeys: OneTimePreKeyStore,
): X3DHResult {
  if (header.signedPrekeyId !== signedPrekey.keyId) fail();
  const spk = signedPrekey.privateKey;
  const ek = header.ephemeral;
  const dh = [x25519(spk, header.identity.agreement), x25519(identity.agreement, ek), x25519(spk, ek)];
  if (header.oneTimePrekeyId !== null) {
    const opk = oneTimePrekeys.get(header.oneTimePrekeyId);
    if (!opk) throw new DecryptionError();
    dh.push(x25519(opk.privateKey, ek));
  }
  return { sharedSecret: kdf(dh), associatedData: associatedData(header.identity, identity.public()), header };
}
