// Sender-key groups (docs/protocol.md C7; crypto/sender_keys.py).
//   header = u8 1 || u8 len(gid) || gid || u64 epoch || u32 sender_key_id || u32 iteration
//   c      = AEAD(HKDF(MK, zero salt, "Haven SenderKey MK v1", 56), plaintext, ad = header)
//   wire   = header || c || Ed25519(signing key, header || c)
// A new epoch on every membership change, after max_messages own messages or max_age_seconds.
import { Reader, ascii, bytesEqual, concat, fromUtf8, lp, readUntrusted, u32, u64, u8, utf8, type Bytes } from './encoding.std.js';
import { CryptoError, DecryptionError, InvalidKeyError, fail, opaque } from './errors.std.js';
import { KEY_BYTES, SIGNATURE_BYTES, verifyEd25519 } from './keys.std.js';
import { kdfCk } from './ratchet.std.js';
import { AEAD_TAG_BYTES, aeadDecrypt, aeadEncrypt, ed25519PublicFromSeed, ed25519Sign, hkdfSha256 } from './sodium.std.js';
import { resolve, type Rng } from './rng.std.js';

const MK_INFO = ascii('Haven SenderKey MK v1');
const VERSION = 1;
export const MAX_SKIP = 1000;
export const MAX_STORED_SKIPPED = 2000;
export const DEFAULT_MAX_MESSAGES = 1000;
export const DEFAULT_MAX_AGE_SECONDS = 7 * 86400;

function checkGroupId(gid: Bytes): Bytes {
  if (gid.length < 1 || gid.length > 64) throw new InvalidKeyError('group id must be 1..64 bytes');
  return gid;
}

function keyNonce(mk: Bytes): [Bytes, Bytes] {
  const out = hkdfSha256(mk, new Uint8Array(32), MK_INFO, 56);
  return [out.slice(0, 32), out.slice(32)];
}

/** u8 version || u8 len(groupId) || groupId || u64 epoch || u32 senderKeyId || u32 iteration: the opening a
 * distribution and a group message share (crypto/sender_keys.py `_chain_position`). */
function chainPosition(groupId: Bytes, epoch: number, senderKeyId: number, iteration: number): Bytes {
  return concat(u8(VERSION), u8(groupId.length), groupId, u64(epoch), u32(senderKeyId), u32(iteration));
}

export interface EpochPolicy {
  maxMessages: number;
  maxAgeSeconds: number;
}

export class SenderKeyDistribution {
  constructor(
    readonly groupId: Bytes,
    readonly epoch: number,
    readonly senderKeyId: number,
    readonly iteration: number,
    readonly chainKey: Bytes,
    readonly signingPublic: Bytes,
  ) {
    checkGroupId(groupId);
    if (chainKey.length !== KEY_BYTES || signingPublic.length !== KEY_BYTES) throw new InvalidKeyError('bad key size');
  }
  toBytes(): Bytes {
    return concat(chainPosition(this.groupId, this.epoch, this.senderKeyId, this.iteration), this.chainKey, this.signingPublic);
  }
  static fromBytes(data: Bytes): SenderKeyDistribution {
    const r = new Reader(data);
    if (r.u8() !== VERSION) throw new InvalidKeyError('unknown distribution version');
    const gid = r.take(r.u8());
    const out = new SenderKeyDistribution(gid, r.u64(), r.u32(), r.u32(), r.take(KEY_BYTES), r.take(KEY_BYTES));
    r.done();
    return out;
  }
}

export class GroupMessage {
  constructor(
    readonly groupId: Bytes,
    readonly epoch: number,
    readonly senderKeyId: number,
    readonly iteration: number,
    readonly ciphertext: Bytes,
    readonly signature: Bytes,
  ) {
    checkGroupId(groupId);
  }
  header(): Bytes {
    return chainPosition(this.groupId, this.epoch, this.senderKeyId, this.iteration);
  }
  signedPart(): Bytes {
    return concat(this.header(), this.ciphertext);
  }
  toBytes(): Bytes {
    return concat(this.signedPart(), this.signature);
  }
  static fromBytes(data: Bytes): GroupMessage {
    return readUntrusted(data, VERSION, (r) => {
      const gid = r.take(r.u8());
      const epoch = r.u64();
      const keyId = r.u32();
      const iteration = r.u32();
      const body = r.rest();
      if (body.length < AEAD_TAG_BYTES + SIGNATURE_BYTES) fail();
      return new GroupMessage(gid, epoch, keyId, iteration, body.slice(0, -SIGNATURE_BYTES), body.slice(-SIGNATURE_BYTES));
    });
  }
}

interface SendingChain {
  epoch: number;
  keyId: number;
  chainKey: Bytes;
  iteration: number;
  signingSeed: Bytes;
  startedAt: number;
}

interface ReceivingChain {
  sender: string;
  epoch: number;
  keyId: number;
  chainKey: Bytes;
  iteration: number;
  signingPublic: Bytes;
  skipped: Map<number, Bytes>;
}

function slot(epoch: number, keyId: number): string {
  return `${epoch}:${keyId}`;
}

function messageKey(chain: ReceivingChain, iteration: number): Bytes {
  if (iteration < chain.iteration) {
    const mk = chain.skipped.get(iteration); // a duplicate finds nothing here
    if (!mk) fail();
    chain.skipped.delete(iteration);
    return mk;
  }
  if (iteration - chain.iteration > MAX_SKIP) fail();
  while (chain.iteration < iteration) {
    const [ck, mk] = kdfCk(chain.chainKey);
    chain.chainKey = ck;
    chain.skipped.set(chain.iteration, mk);
    chain.iteration += 1;
    while (chain.skipped.size > MAX_STORED_SKIPPED) chain.skipped.delete(chain.skipped.keys().next().value!);
  }
  const [ck, mk] = kdfCk(chain.chainKey);
  chain.chainKey = ck;
  chain.iteration += 1;
  return mk;
}

export class GroupSession {
  epoch = 0;
  membershipChanged = false;
  private own: SendingChain | null = null;
  private receiving = new Map<string, ReceivingChain>();
  private readonly rng: Rng;
  readonly groupId: Bytes;

  constructor(
    groupId: Bytes,
    readonly policy: EpochPolicy = { maxMessages: DEFAULT_MAX_MESSAGES, maxAgeSeconds: DEFAULT_MAX_AGE_SECONDS },
    rng?: Rng,
  ) {
    this.groupId = checkGroupId(groupId);
    this.rng = resolve(rng);
  }

  noteMembershipChange(): void {
    this.membershipChanged = true;
  }

  removeMember(sender: string): void {
    for (const [k, c] of this.receiving) if (c.sender === sender) this.receiving.delete(k);
    this.membershipChanged = true;
  }

  needsNewEpoch(now: number): boolean {
    const own = this.own;
    return own === null || this.membershipChanged || own.iteration >= this.policy.maxMessages
      || now - own.startedAt >= this.policy.maxAgeSeconds;
  }

  /** Draws: u32 sender_key_id (4), chain key (32), signing seed (32) (C13). */
  rotate(now: number, epoch?: number): SenderKeyDistribution {
    const newEpoch = epoch ?? this.epoch + 1;
    if (this.own !== null && newEpoch <= this.epoch) throw new CryptoError('epochs only increase');
    const keyId = new DataView(this.rng(4).buffer).getUint32(0);
    const chainKey = this.rng(KEY_BYTES);
    const signingSeed = this.rng(KEY_BYTES);
    this.own = { epoch: newEpoch, keyId, chainKey, iteration: 0, signingSeed, startedAt: now };
    this.epoch = newEpoch;
    this.membershipChanged = false;
    return this.distribution();
  }

  distribution(): SenderKeyDistribution {
    const own = this.own;
    if (!own) throw new CryptoError('no sending chain yet; call rotate');
    return new SenderKeyDistribution(this.groupId, own.epoch, own.keyId, own.iteration, own.chainKey,
      ed25519PublicFromSeed(own.signingSeed));
  }

  encrypt(plaintext: Bytes, now: number): GroupMessage {
    const own = this.own;
    if (!own || this.needsNewEpoch(now)) throw new CryptoError('a new epoch is required before sending');
    const [ck, mk] = kdfCk(own.chainKey);
    own.chainKey = ck;
    const iteration = own.iteration;
    own.iteration += 1;
    const unsigned = new GroupMessage(this.groupId, own.epoch, own.keyId, iteration, new Uint8Array(0), new Uint8Array(0));
    const [key, nonce] = keyNonce(mk);
    const ciphertext = aeadEncrypt(key, nonce, plaintext, unsigned.header());
    const body = new GroupMessage(this.groupId, own.epoch, own.keyId, iteration, ciphertext, new Uint8Array(0));
    return new GroupMessage(this.groupId, own.epoch, own.keyId, iteration, ciphertext,
      ed25519Sign(own.signingSeed, body.signedPart()));
  }

  /** Install a chain received over an authenticated pairwise session; a known chain is never replaced. */
  addDistribution(sender: string, d: SenderKeyDistribution): void {
    if (!bytesEqual(d.groupId, this.groupId)) throw new CryptoError('distribution for another group');
    const key = slot(d.epoch, d.senderKeyId);
    const existing = this.receiving.get(key);
    if (existing) {
      if (existing.sender !== sender) throw new CryptoError('sender key id collision');
      return;
    }
    // Keep the sender's previous epoch for messages still in flight; drop anything older.
    for (const [k, c] of this.receiving) if (c.sender === sender && c.epoch + 1 < d.epoch) this.receiving.delete(k);
    this.receiving.set(key, {
      sender, epoch: d.epoch, keyId: d.senderKeyId, chainKey: d.chainKey, iteration: d.iteration,
      signingPublic: d.signingPublic, skipped: new Map(),
    });
  }

  hasChainFor(message: GroupMessage): boolean {
    return this.receiving.has(slot(message.epoch, message.senderKeyId));
  }

  /** [sender, plaintext]; the opaque error, with the state untouched, on any failure. */
  decrypt(message: GroupMessage | Bytes): [string, Bytes] {
    const msg = message instanceof GroupMessage ? message : GroupMessage.fromBytes(message);
    if (!bytesEqual(msg.groupId, this.groupId)) fail();
    const key = slot(msg.epoch, msg.senderKeyId);
    const chain = this.receiving.get(key);
    if (!chain) throw new DecryptionError();
    verifyEd25519(chain.signingPublic, msg.signedPart(), msg.signature);
    const trial: ReceivingChain = { ...chain, skipped: new Map(chain.skipped) };
    const [k, nonce] = keyNonce(messageKey(trial, msg.iteration));
    const plaintext = aeadDecrypt(k, nonce, msg.ciphertext, msg.header());
    this.receiving.set(key, trial);
    return [chain.sender, plaintext];
  }

  toBytes(): Bytes {
    const parts: Bytes[] = [u8(VERSION), u8(this.groupId.length), this.groupId, u64(this.epoch),
      u8(this.membershipChanged ? 1 : 0), u32(this.policy.maxMessages), u64(this.policy.maxAgeSeconds)];
    const own = this.own;
    if (!own) parts.push(u8(0));
    else parts.push(u8(1), u64(own.epoch), u32(own.keyId), own.chainKey, u32(own.iteration), own.signingSeed,
      u64(own.startedAt));
    parts.push(u32(this.receiving.size));
    for (const c of this.receiving.values()) {
      parts.push(lp(utf8(c.sender)), u64(c.epoch), u32(c.keyId), c.chainKey, u32(c.iteration), c.signingPublic,
        u32(c.skipped.size));
      for (const [i, mk] of c.skipped) parts.push(u32(i), mk);
    }
    return concat(...parts);
  }

  static fromBytes(data: Bytes, rng?: Rng): GroupSession {
    const r = new Reader(data);
    if (r.u8() !== VERSION) throw new InvalidKeyError('unknown group state version');
    const gid = r.take(r.u8());
    const epoch = r.u64();
    const changed = r.u8() === 1;
    const session = new GroupSession(gid, { maxMessages: r.u32(), maxAgeSeconds: r.u64() }, rng);
    session.epoch = epoch;
    session.membershipChanged = changed;
    if (r.u8() === 1) {
      session.own = { epoch: r.u64(), keyId: r.u32(), chainKey: r.take(32), iteration: r.u32(), signingSeed: r.take(32),
        startedAt: r.u64() };
    }
    for (let n = r.u32(); n > 0; n--) {
      const sender = fromUtf8(r.lp());
      const chain: ReceivingChain = { sender, epoch: r.u64(), keyId: r.u32(), chainKey: r.take(32), iteration: r.u32(),
        signingPublic: r.take(32), skipped: new Map() };
      for (let m = r.u32(); m > 0; m--) {
        const i = r.u32();
        chain.skipped.set(i, r.take(32));
      }
      session.receiving.set(slot(chain.epoch, chain.keyId), chain);
    }
    r.done();
    return session;
  }
}
