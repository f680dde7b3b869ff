// Message franking (docs/protocol.md C9; crypto/franking.py). Kept small on purpose: the franking version is
// about to change (the relay tag will bind the sender and seq), and this is the one module to update.
//   commitment = BLAKE2b-32(lp("haven-franking-commit-v1") || lp(mid) || lp(sender) || lp(conv) || lp(body), key = fk)
//   tag        = HMAC(secret, lp("haven-franking-relay-v1") || lp(commitment) || lp(ct_hash) || lp(conv) || u64 time)
import { Reader, ascii, concat, lp, u64, u8, utf8, type Bytes } from './encoding.std.js';
import { InvalidKeyError, fail } from './errors.std.js';
import { blake2b, ctEqual, hmacSha256 } from './sodium.std.js';

const COMMIT_DOMAIN = ascii('haven-franking-commit-v1');
const RELAY_DOMAIN = ascii('haven-franking-relay-v1');
const REPORT_VERSION = 1;

export function commit(frankingKey: Bytes, messageId: Bytes, sender: string, conversation: string, body: Bytes): Bytes {
  if (frankingKey.length !== 32) throw new InvalidKeyError('franking key must be 32 bytes');
  return blake2b(concat(lp(COMMIT_DOMAIN), lp(messageId), lp(utf8(sender)), lp(utf8(conversation)), lp(body)), 32, frankingKey);
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

/** Server side (tests and vectors only: a client never holds the server secret). */
export function relayTag(secret: Bytes, commitment: Bytes, ciphertext: Bytes, conversation: string, serverTime: number): Bytes {
  if (secret.length < 32) throw new InvalidKeyError('server secret must be at least 32 bytes');
  return hmacSha256(secret, concat(lp(RELAY_DOMAIN), lp(commitment), lp(ciphertextHash(ciphertext)),
    lp(utf8(conversation)), u64(serverTime)));
}

export class FrankingReport {
  constructor(
    readonly messageId: Bytes,
    readonly sender: string,
    readonly conversation: string,
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
  }

  static build(a: { messageId: Bytes; sender: string; conversation: string; plaintext: Bytes; frankingKey: Bytes;
    commitment: Bytes; ciphertext: Bytes; serverTime: number; tag: Bytes }): FrankingReport {
    return new FrankingReport(a.messageId, a.sender, a.conversation, a.plaintext, a.frankingKey, a.commitment,
      ciphertextHash(a.ciphertext), a.serverTime, a.tag);
  }

  checkCommitment(): void {
    openCommitment(this.frankingKey, this.commitment, this.messageId, this.sender, this.conversation, this.plaintext);
  }

  toBytes(): Bytes {
    return concat(u8(REPORT_VERSION), lp(this.messageId), lp(utf8(this.sender)), lp(utf8(this.conversation)),
      lp(this.plaintext), this.frankingKey, this.commitment, this.ciphertextHash, u64(this.serverTime), this.tag);
  }

  static fromBytes(data: Bytes): FrankingReport {
    const r = new Reader(data);
    if (r.u8() !== REPORT_VERSION) throw new InvalidKeyError('unknown report version');
    const out = new FrankingReport(r.lp(), r.text(), r.text(), r.lp(), r.take(32), r.take(32), r.take(32), r.u64(), r.take(32));
    r.done();
    return out;
  }
}
