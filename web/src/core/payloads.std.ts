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

// --- the frame budget by recipient count (docs/protocol.md C8; client/payloads.py max_body_bytes) ---------------
/** The `send` frame without the ciphertext's characters, as relay.std.ts writes it (compact JSON: 180); C8's bound
 * is O = 189, taken here so the table is protocol.md's whatever the encoder. */
export const SEND_FRAME_OVERHEAD = 189;
/** u8 kind || GroupMessage: 18 + len(group_id) 16 + AEAD tag 16 + signature 64, around the padded envelope. */
export const GROUP_PAYLOAD_OVERHEAD = 1 + 18 + 16 + 16 + 64;
/** Per entry: recipient (16) || u32 len || u8 type || the larger message, an InitialMessage naming a one-time prekey:
 * u8 version || X3DH header (106) || RatchetMessage (u8 version || header 40 || AEAD tag 16). */
export const PAIRWISE_ENTRY_OVERHEAD = 16 + 4 + 1 + (1 + 106 + 1 + 40 + 16);
export const PAIRWISE_PAYLOAD_OVERHEAD = 2;
export const DEFAULT_MAX_FRAME_BYTES = 64 * 1024;
const ENVELOPE_BUCKETS = [256, 1024, 4096, 16384, 32768];
const ENVELOPE_HEADER = 54;

/** The frame's length for a payload of `payloadBytes` (base64 of it plus the overhead). */
export function sendFrameBytes(payloadBytes: number): number {
  return SEND_FRAME_OVERHEAD + 4 * Math.ceil(payloadBytes / 3);
}

/**
 * The largest envelope body (UTF-8 text) one `send` frame can carry, 0 if none fits (C8). Every pairwise entry is
 * counted as an InitialMessage, because a client cannot know before encrypting which sessions are still unconfirmed.
 * With the default 64 KiB frame: 32,713 bytes for a group or one recipient, 16,329 for two, 4,041 for three to
 * eleven, 969 for twelve to sixteen.
 */
export function maxBodyBytes(recipients: number, opts: { group?: boolean; maxFrameBytes?: number } = {}): number {
  const group = opts.group ?? false;
  const maxFrame = opts.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
  if (!group && !(Number.isInteger(recipients) && recipients >= 1 && recipients <= MAX_ENTRIES)) {
    throw new PayloadError('a pairwise payload has 1..16 entries');
  }
  for (const bucket of [...ENVELOPE_BUCKETS].reverse()) {
    const payload = group ? GROUP_PAYLOAD_OVERHEAD + bucket : PAIRWISE_PAYLOAD_OVERHEAD + recipients * (PAIRWISE_ENTRY_OVERHEAD + bucket);
    if (sendFrameBytes(payload) <= maxFrame) return bucket - 1 - ENVELOPE_HEADER;
  }
  return 0;
}
