// Message franking v2 (docs/protocol.md C9; crypto/franking.py):
//   commitment = BLAKE2b-32(key = fk, lp("haven-franking-commit-v1") || lp(mid) || lp(sender) || lp(conv) || lp(body))
//   ct_hash    = BLAKE2b-32(the exact ciphertext the server relayed)
//   tag (v2)   = HMAC-SHA256(secret, lp("haven-franking-relay-v2") || lp(commitment) || lp(ct_hash) || lp(sender) ||
//                lp(conv) || u64 seq || u64 server_time)
// The sender a commitment names is the sender's own claim; only the relay's tag, computed over the account the relay
// authenticated and the seq it assigned, confirms it — and only the server can recompute the tag (C16 verify).
import { Reader, ascii, concat, lp, u64, u8, utf8, type Bytes } from './encoding.std.js';
import { InvalidKeyError, fail } from './errors.std.js';
import { blake2b, ctEqual, hmacSha256 } from './sodium.std.js';

export const COMMIT_DOMAIN = 'haven-franking-commit-v1';
export const RELAY_DOMAIN = 'haven-franking-relay-v2';
export const REPORT_VERSION = 2;
const U64_LIMIT = 2 ** 64;

function checkU64(...values: number[]): void {
  for (const v of values) {
    if (!Number.isSafeInteger(v) || v < 0 || v >= U64_LIMIT) throw new InvalidKeyError('seq or server time out of range');
  }
}

/** The bytes the commitment's BLAKE2b runs over (vectors record them as `commit_input`). */
export function commitInput(messageId: Bytes, sender: string, conversation: string, body: Bytes): Bytes {
  return concat(lp(ascii(COMMIT_DOMAIN)), lp(messageId), lp(utf8(sender)), lp(utf8(conversation)), lp(body));
}

export function commit(frankingKey: Bytes, messageId: Bytes, sender: string, conversation: string, body: Bytes): Bytes {
  if (frankingKey.length !== 32) throw new InvalidKeyError('franking key must be 32 bytes');
  return blake2b(commitInput(messageId, sender, conversation, body), 32, frankingKey);
}

/** Recipient's check after decrypting: on the opaque error the message is dropped, never shown. */
export function openCommitment(frankingKey: Bytes, commitment: Bytes, messageId: Bytes, sender: string,
  conversation: string, body: Bytes): void {
  if (frankingKey.length !== 32) fail();
  if (!ctEqual(commit(frankingKey, messageId, sender, conversation, body), commitment)) fail();
}

export function ciphertextHash(ciphertext: Bytes): Bytes {
  return blake2b(ciphertext);
}

export interface RelayContext {
  /** The account the relay authenticated on the sending connection — never a value the sender supplies. */
  sender: string;
  conversation: string;
  seq: number;
  serverTime: number;
}

/** The bytes the relay's HMAC runs over (vectors record them as `tag_input`). */
export function tagInput(commitment: Bytes, ctHash: Bytes, c: RelayContext): Bytes {
  checkU64(c.seq, c.serverTime);
  return concat(lp(ascii(RELAY_DOMAIN)), lp(commitment), lp(ctHash), lp(utf8(c.sender)), lp(utf8(c.conversation)),
    u64(c.seq), u64(c.serverTime));
}

/** Server side (tests and vectors only: a client never holds the server secret). */
export function relayTagForHash(secret: Bytes, commitment: Bytes, ctHash: Bytes, c: RelayContext): Bytes {
  if (secret.length < 32) throw new InvalidKeyError('server secret must be at least 32 bytes');
  return hmacSha256(secret, tagInput(commitment, ctHash, c));
}

export function relayTag(secret: Bytes, commitment: Bytes, ciphertext: Bytes, c: RelayContext): Bytes {
  return relayTagForHash(secret, commitment, ciphertextHash(ciphertext), c);
}

/**
 * What a reporting recipient submits, sealed to the moderators inside an alert packet. Version 2:
 *   u8 2 || lp(mid) || lp(sender) || lp(conv) || u64 seq || lp(plaintext) || fk(32) || commitment(32) ||
 *   ct_hash(32) || u64 server_time || tag(32)
 * `sender`, `conversation`, `seq` and `serverTime` are the reporter's claims until the server recomputed the tag.
 * Version 1 (no seq, a tag that cannot name the sender) is refused.
 */
export class FrankingReport {
  constructor(
    readonly messageId: Bytes,
    readonly sender: string,
    readonly conversation: string,
    readonly seq: number,
    readonly plaintext: Bytes,
    readonly frankingKey: Bytes,
    readonly commitment: Bytes,
    readonly ciphertextHash: Bytes,
    readonly serverTime: number,
    readonly tag: Bytes,
  ) {
    for (const v of [frankingKey, commitment, ciphertextHash, tag]) {
      if (v.length !== 32) throw new InvalidKeyError('wrong field size in franking report');
    }
    checkU64(seq, serverTime);
  }

  /** Recipient side, from the deliver frame (sender, conversation, seq, time) and what it decrypted. */
  static build(a: { messageId: Bytes; sender: string; conversation: string; seq: number; plaintext: Bytes;
    frankingKey: Bytes; commitment: Bytes; ciphertext: Bytes; serverTime: number; tag: Bytes }): FrankingReport {
    return new FrankingReport(a.messageId, a.sender, a.conversation, a.seq, a.plaintext, a.frankingKey, a.commitment,
      ciphertextHash(a.ciphertext), a.serverTime, a.tag);
  }

  /** The plaintext is what the commitment binds. Says nothing about who sent it: anyone can commit over any id. */
  checkCommitment(): void {
    openCommitment(this.frankingKey, this.commitment, this.messageId, this.sender, this.conversation, this.plaintext);
  }

  /** Server side (tests and vectors): the tag this report's claims need. */
  expectedTag(secret: Bytes): Bytes {
    return relayTagForHash(secret, this.commitment, this.ciphertextHash,
      { sender: this.sender, conversation: this.conversation, seq: this.seq, serverTime: this.serverTime });
  }

  toBytes(): Bytes {
    return concat(u8(REPORT_VERSION), lp(this.messageId), lp(utf8(this.sender)), lp(utf8(this.conversation)),
      u64(this.seq), lp(this.plaintext), this.frankingKey, this.commitment, this.ciphertextHash, u64(this.serverTime),
      this.tag);
  }

  static fromBytes(data: Bytes): FrankingReport {
    const r = new Reader(data);
    if (r.u8() !== REPORT_VERSION) throw new InvalidKeyError('unknown report version');
    const out = new FrankingReport(r.lp(), r.text(), r.text(), r.u64(), r.lp(), r.take(32), r.take(32), r.take(32),
      r.u64(), r.take(32));
    r.done();
    return out;
  }
}

/** The whole check in one place (vectors and tests only: in production the server recomputes the tag). */
export function verifyReport(secret: Bytes, report: FrankingReport): void {
  report.checkCommitment();
  if (!ctEqual(report.expectedTag(secret), report.tag)) fail();
}
