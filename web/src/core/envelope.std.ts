// The envelope inside every encrypted payload and the padding that hides its length (docs/protocol.md C8).
//   envelope = u8 1 || u8 content_type || message_id (16) || franking_key (32) || u32 len(body) || body
//   padded   = sodium_pad(envelope, smallest bucket > len(envelope)),  BUCKETS = 256, 1024, 4096, 16384, 32768
import { Reader, concat, u32, u8, type Bytes } from './encoding.std.js';
import { CryptoError, InvalidKeyError, fail, opaque } from './errors.std.js';
import { sodiumPad, sodiumUnpad } from './sodium.std.js';
import { resolve, type Rng } from './rng.std.js';

export const BUCKETS = [256, 1024, 4096, 16384, 32768] as const;
export const HEADER_BYTES = 54;
export const MAX_BODY_BYTES = 32768 - 1 - HEADER_BYTES; // 32713
const VERSION = 1;

export enum ContentType {
  Text = 1,
  SenderKeyDistribution = 2,
  Alert = 3,
  Control = 4,
  SessionNote = 5,
}

export function bucketFor(length: number): number {
  for (const b of BUCKETS) if (length < b) return b;
  throw new CryptoError('message too large for the largest padding bucket');
}

export function pad(data: Bytes): Bytes {
  return sodiumPad(data, bucketFor(data.length));
}

export function unpad(padded: Bytes): Bytes {
  if (!(BUCKETS as readonly number[]).includes(padded.length)) fail();
  return sodiumUnpad(padded, padded.length);
}

export class Envelope {
  constructor(
    readonly contentType: number,
    readonly messageId: Bytes,
    readonly frankingKey: Bytes,
    readonly body: Bytes,
  ) {
    if (!Number.isInteger(contentType) || contentType < 0 || contentType > 255) throw new InvalidKeyError('content type is one byte');
    if (messageId.length !== 16 || frankingKey.length !== 32) throw new InvalidKeyError('message id 16, franking key 32');
    if (body.length > MAX_BODY_BYTES) throw new CryptoError(`body longer than ${MAX_BODY_BYTES} bytes`);
  }

  /** Draws: message id (16), franking key (32) (C13). */
  static create(contentType: number, body: Bytes, rng?: Rng): Envelope {
    const draw = resolve(rng);
    return new Envelope(contentType, draw(16), draw(32), body);
  }

  encode(): Bytes {
    return concat(u8(VERSION), u8(this.contentType), this.messageId, this.frankingKey, u32(this.body.length), this.body);
  }

  seal(): Bytes {
    return pad(this.encode());
  }

  /** A malformed payload is the opaque error (drop it). */
  static open(padded: Bytes): Envelope {
    return opaque(() => {
      const r = new Reader(unpad(padded));
      if (r.u8() !== VERSION) fail();
      const out = new Envelope(r.u8(), r.take(16), r.take(32), r.lp());
      r.done();
      return out;
    });
  }
}
