// What a client puts in a conversation message's opaque ciphertext (docs/protocol.md C15; client/payloads.py).
//   GROUP    = 0x01 || GroupMessage
//   PAIRWISE = 0x02 || u8 count (1..16) || count × (recipient (16 raw) || u32 len || u8 type || message)
import { Reader, concat, fromHex, toHex, u32, u8, type Bytes } from './encoding.std.js';
import { CryptoError } from './errors.std.js';
import { RatchetMessage } from './ratchet.std.js';
import { GroupMessage } from './senderKeys.std.js';
import { InitialMessage } from './session.std.js';

export const KIND_GROUP = 1;
export const KIND_PAIRWISE = 2;
const TYPE_INITIAL = 1;
const TYPE_RATCHET = 2;
const MAX_ENTRIES = 16;

export class PayloadError extends Error {
  override name = 'PayloadError';
}

const ACCOUNT_RE = /^[0-9a-f]{32}$/;

function accountBytes(account: string): Bytes {
  if (!ACCOUNT_RE.test(account)) throw new PayloadError('account id must be 32 lowercase hex characters');
  return fromHex(account);
}

export class PairwiseEntry {
  constructor(
    readonly recipient: string,
    readonly initial: boolean,
    readonly data: Bytes,
  ) {
    accountBytes(recipient);
  }
  message(): InitialMessage | RatchetMessage {
    return this.initial ? InitialMessage.fromBytes(this.data) : RatchetMessage.fromBytes(this.data);
  }
  encode(): Bytes {
    const inner = concat(u8(this.initial ? TYPE_INITIAL : TYPE_RATCHET), this.data);
    return concat(accountBytes(this.recipient), u32(inner.length), inner);
  }
}

export class GroupPayload {
  readonly kind = KIND_GROUP;
  constructor(readonly message: GroupMessage) {}
  encode(): Bytes {
    return concat(u8(KIND_GROUP), this.message.toBytes());
  }
}

export class PairwisePayload {
  readonly kind = KIND_PAIRWISE;
  constructor(readonly entries: PairwiseEntry[]) {
    if (entries.length < 1 || entries.length > MAX_ENTRIES) throw new PayloadError('a pairwise payload has 1..16 entries');
    if (new Set(entries.map((e) => e.recipient)).size !== entries.length) throw new PayloadError('duplicate recipient in pairwise payload');
  }
  entryFor(account: string): PairwiseEntry | undefined {
    return this.entries.find((e) => e.recipient === account);
  }
  encode(): Bytes {
    return concat(u8(KIND_PAIRWISE), u8(this.entries.length), ...this.entries.map((e) => e.encode()));
  }
}

export function decodePayload(data: Bytes): GroupPayload | PairwisePayload {
  try {
    const r = new Reader(data);
    const kind = r.u8();
    if (kind === KIND_GROUP) return new GroupPayload(GroupMessage.fromBytes(r.rest()));
    if (kind === KIND_PAIRWISE) {
      const count = r.u8();
      if (count < 1 || count > MAX_ENTRIES) throw new PayloadError('a pairwise payload has 1..16 entries');
      const entries: PairwiseEntry[] = [];
      for (let i = 0; i < count; i++) {
        const recipient = toHex(r.take(16));
        const inner = new Reader(r.take(r.u32()));
        const type = inner.u8();
        if (type !== TYPE_INITIAL && type !== TYPE_RATCHET) throw new PayloadError('unknown pairwise message type');
        const entry = new PairwiseEntry(recipient, type === TYPE_INITIAL, inner.rest());
        entry.message(); // well-formed now, so a bad entry is refused here and not later
        entries.push(entry);
      }
      r.done();
      return new PairwisePayload(entries);
    }
  } catch (e) {
    if (e instanceof CryptoError) throw new PayloadError('malformed payload');
    throw e;
  }
  throw new PayloadError('unknown payload kind');
}
