// Seal to many (docs/protocol.md C14; crypto/sealed.py): alerts to every moderator, session notes to a counselor.
// `seal` writes version 2 ("sealed sender", after Signal's: the sender and signature travel inside the encryption,
// so the wire names nobody); `openSealed` reads both versions (alerts stored before version 2 still open).
//
// Version 2:
//   header    = u8 2 || lp(domain) || eph_pub (32) || u16 count || count × R_i
//   wrap_key  = HKDF(shared_i, salt = eph_pub || R_i, info = "haven-sealed-v2" || lp(domain), 32)
//   entries   = count × (nonce_i || XChaCha20-Poly1305(wrap_key_i, nonce_i, content_key, AD = header))
//   signature = Ed25519(sender, "haven-sealed-sig-v2\0" || header || entries || nonce || sender IdentityPublic || plaintext)
//   body      = XChaCha20-Poly1305(content_key, nonce, sender IdentityPublic || signature || plaintext, AD = header || entries)
//   wire      = header || entries || nonce || body
// Version 1 (read only; sender in the clear):
//   header    = u8 1 || lp(domain) || sender IdentityPublic (64) || eph_pub (32) || u16 count || count × R_i
//   wrap_key  = HKDF(shared_i, salt = eph_pub || R_i, info = "haven-sealed-v1" || lp(domain), 32)
//   wire      = header || count × (nonce_i || wrapped_i) || nonce || body || Ed25519("haven-sealed-sig-v1\0" || signed)
// Draws (both): eph_priv (32), content_key (32), nonce_i per recipient (24 each), body nonce (24).
import { Reader, ascii, concat, lp, readUntrusted, u16, u8, utf8, type Bytes } from './encoding.std.js';
import { InvalidKeyError, fail, opaque } from './errors.std.js';
import { IdentityPublic, KEY_BYTES, SIGNATURE_BYTES, verifyEd25519, type IdentityKeyPair } from './keys.std.js';
import { AEAD_TAG_BYTES, aeadDecrypt, aeadEncrypt, ctEqual, hkdfSha256, x25519, x25519Base } from './sodium.std.js';
import { resolve, type Rng } from './rng.std.js';

const VERSION = 1;
const WRAP_INFO = ascii('haven-sealed-v1');
const SIGNATURE_DOMAIN = ascii('haven-sealed-sig-v1\x00');
const VERSION_2 = 2;
const WRAP_INFO_V2 = ascii('haven-sealed-v2');
const SIGNATURE_DOMAIN_V2 = ascii('haven-sealed-sig-v2\x00');
const IDENTITY_BYTES = 64;
// Sender IdentityPublic (64) and signature (64) ahead of the plaintext inside a version-2 body.
const INNER_OVERHEAD = IDENTITY_BYTES + SIGNATURE_BYTES;
export const MAX_RECIPIENTS = 64;
export const MAX_PLAINTEXT = 64 * 1024;
export const DOMAIN_ALERT = 'alert';
export const DOMAIN_SESSION_NOTE = 'session-note';
const WRAPPED = KEY_BYTES + AEAD_TAG_BYTES;

function domainBytes(domain: string): Bytes {
  const raw = utf8(domain);
  if (raw.length < 1 || raw.length > 64) throw new InvalidKeyError('domain must be 1..64 bytes of UTF-8');
  return raw;
}

/** The version is in the HKDF info so one shared secret never yields the same wrap key in both formats. */
export function wrapKey(shared: Bytes, ephemeral: Bytes, recipient: Bytes, domain: string, version = VERSION): Bytes {
  const info = version === VERSION_2 ? WRAP_INFO_V2 : WRAP_INFO;
  return hkdfSha256(shared, concat(ephemeral, recipient), concat(info, lp(domainBytes(domain))), 32);
}

function header(domain: string, sender: IdentityPublic, eph: Bytes, recipients: Bytes[]): Bytes {
  return concat(u8(VERSION), lp(domainBytes(domain)), sender.toBytes(), eph, u16(recipients.length), ...recipients);
}

function headerV2(domain: string, eph: Bytes, recipients: Bytes[]): Bytes {
  return concat(u8(VERSION_2), lp(domainBytes(domain)), eph, u16(recipients.length), ...recipients);
}

function distinct(keys: Bytes[]): boolean {
  return new Set(keys.map((k) => k.join(','))).size === keys.length;
}

function checkShape(domain: string, recipients: Bytes[], entries: Array<[Bytes, Bytes]>, nonce: Bytes): void {
  domainBytes(domain);
  if (recipients.length < 1 || recipients.length > MAX_RECIPIENTS || entries.length !== recipients.length) {
    throw new InvalidKeyError('1..64 recipients, one entry each');
  }
  if (!distinct(recipients)) throw new InvalidKeyError('duplicate recipient');
  if (nonce.length !== 24) throw new InvalidKeyError('bad nonce');
}

/** A version-1 message (sender in the clear): read for stored alerts and notes; sealed only by `sealV1`. */
export class SealedMessage {
  constructor(
    readonly domain: string,
    readonly sender: IdentityPublic,
    readonly ephemeral: Bytes,
    readonly recipients: Bytes[],
    readonly entries: Array<[Bytes, Bytes]>,
    readonly nonce: Bytes,
    readonly body: Bytes,
    readonly signature: Bytes,
  ) {
    checkShape(domain, recipients, entries, nonce);
    if (signature.length !== SIGNATURE_BYTES) throw new InvalidKeyError('bad signature');
    if (body.length < AEAD_TAG_BYTES || body.length > MAX_PLAINTEXT + AEAD_TAG_BYTES) throw new InvalidKeyError('bad body size');
  }

  header(): Bytes {
    return header(this.domain, this.sender, this.ephemeral, this.recipients);
  }

  signedPart(): Bytes {
    return concat(this.header(), ...this.entries.flat(), this.nonce, this.body);
  }

  toBytes(): Bytes {
    return concat(this.signedPart(), this.signature);
  }

  static fromBytes(data: Bytes): SealedMessage {
    return readUntrusted(data, VERSION, (r) => {
      const domain = r.text();
      const sender = IdentityPublic.fromBytes(r.take(IDENTITY_BYTES));
      const eph = r.take(KEY_BYTES);
      const [recipients, entries] = readRecipients(r);
      const nonce = r.take(24);
      const rest = r.rest();
      if (rest.length < SIGNATURE_BYTES) fail();
      return new SealedMessage(domain, sender, eph, recipients, entries, nonce, rest.slice(0, -SIGNATURE_BYTES),
        rest.slice(-SIGNATURE_BYTES));
    });
  }
}

/** A version-2 message: only what anyone may see; the sender and signature are inside `body`. */
export class SealedMessageV2 {
  constructor(
    readonly domain: string,
    readonly ephemeral: Bytes,
    readonly recipients: Bytes[],
    readonly entries: Array<[Bytes, Bytes]>,
    readonly nonce: Bytes,
    readonly body: Bytes,
  ) {
    checkShape(domain, recipients, entries, nonce);
    if (body.length < INNER_OVERHEAD + AEAD_TAG_BYTES || body.length > MAX_PLAINTEXT + INNER_OVERHEAD + AEAD_TAG_BYTES) {
      throw new InvalidKeyError('bad body size');
    }
  }

  header(): Bytes {
    return headerV2(this.domain, this.ephemeral, this.recipients);
  }

  entriesPart(): Bytes {
    return concat(...this.entries.flat());
  }

  toBytes(): Bytes {
    return concat(this.header(), this.entriesPart(), this.nonce, this.body);
  }

  static fromBytes(data: Bytes): SealedMessageV2 {
    return readUntrusted(data, VERSION_2, (r) => {
      const domain = r.text();
      const eph = r.take(KEY_BYTES);
      const [recipients, entries] = readRecipients(r);
      const nonce = r.take(24);
      return new SealedMessageV2(domain, eph, recipients, entries, nonce, r.rest());
    });
  }
}

function readRecipients(r: Reader): [Bytes[], Array<[Bytes, Bytes]>] {
  const count = Math.min(r.u16(), MAX_RECIPIENTS + 1);
  const recipients: Bytes[] = [];
  for (let i = 0; i < count; i++) recipients.push(r.take(KEY_BYTES));
  const entries: Array<[Bytes, Bytes]> = recipients.map(() => [r.take(24), r.take(WRAPPED)]);
  return [recipients, entries];
}

/** Either version's public structure, by its version byte; anything else is the opaque DecryptionError. */
export function parseSealed(data: Bytes): SealedMessage | SealedMessageV2 {
  return data[0] === VERSION ? SealedMessage.fromBytes(data) : SealedMessageV2.fromBytes(data);
}

function recipientKeys(plaintext: Bytes, domain: string, recipients: IdentityPublic[]): Bytes[] {
  domainBytes(domain);
  if (recipients.length < 1 || recipients.length > MAX_RECIPIENTS) throw new InvalidKeyError('1..64 recipients');
  const keys = recipients.map((r) => r.agreement);
  if (!distinct(keys)) throw new InvalidKeyError('duplicate recipient');
  if (plaintext.length > MAX_PLAINTEXT) throw new InvalidKeyError('plaintext larger than 64 KiB');
  return keys;
}

function sharedWith(eph: Bytes, key: Bytes): Bytes {
  try {
    return x25519(eph, key);
  } catch {
    throw new InvalidKeyError('recipient agreement key is not usable');
  }
}

/** What the inner Ed25519 signature of a version-2 message is over (crypto/sealed.py `signed_v2`). */
export function signedV2(head: Bytes, entries: Bytes, nonce: Bytes, sender: IdentityPublic, plaintext: Bytes): Bytes {
  return concat(SIGNATURE_DOMAIN_V2, head, entries, nonce, sender.toBytes(), plaintext);
}

/** The content key wrapped for each recipient in header order, one fresh nonce drawn per recipient. */
function wrapped(draw: Rng, eph: Bytes, keys: Bytes[], contentKey: Bytes, head: Bytes, domain: string, version: number): Array<[Bytes, Bytes]> {
  const ephPub = x25519Base(eph);
  return keys.map((key) => {
    const nonce = draw(24);
    return [nonce, aeadEncrypt(wrapKey(sharedWith(eph, key), ephPub, key, domain, version), nonce, contentKey, head)];
  });
}

/** The content key from the recipient's own entry; the message's domain is the one openSealed compared first. */
function contentKeyOf(m: SealedMessage | SealedMessageV2, head: Bytes, recipient: IdentityKeyPair, version: number): Bytes {
  const own = x25519Base(recipient.agreement);
  const [nonceI, wrappedKey] = m.entries[ownIndex(m.recipients, own)]!;
  const shared = x25519(recipient.agreement, m.ephemeral);
  return aeadDecrypt(wrapKey(shared, m.ephemeral, own, m.domain, version), nonceI, wrappedKey, head);
}

/** Version 2: the wire does not say who sealed it; the signature inside binds header, entries, nonce and plaintext. */
export function seal(plaintext: Bytes, domain: string, sender: IdentityKeyPair, recipients: IdentityPublic[], rng?: Rng): SealedMessageV2 {
  const keys = recipientKeys(plaintext, domain, recipients);
  const draw = resolve(rng);
  const eph = draw(KEY_BYTES);
  const ephPub = x25519Base(eph);
  const contentKey = draw(KEY_BYTES);
  const head = headerV2(domain, ephPub, keys);
  const entries = wrapped(draw, eph, keys, contentKey, head, domain, VERSION_2);
  const nonce = draw(24);
  const entriesPart = concat(...entries.flat());
  const pub = sender.public();
  const signature = sender.sign(signedV2(head, entriesPart, nonce, pub, plaintext));
  const body = aeadEncrypt(contentKey, nonce, concat(pub.toBytes(), signature, plaintext), concat(head, entriesPart));
  return new SealedMessageV2(domain, ephPub, keys, entries, nonce, body);
}

/** Version 1 (sender in the clear): only for test vectors and tests of reading stored messages. */
export function sealV1(plaintext: Bytes, domain: string, sender: IdentityKeyPair, recipients: IdentityPublic[], rng?: Rng): SealedMessage {
  const keys = recipientKeys(plaintext, domain, recipients);
  const draw = resolve(rng);
  const eph = draw(KEY_BYTES);
  const ephPub = x25519Base(eph);
  const contentKey = draw(KEY_BYTES);
  const pub = sender.public();
  const head = header(domain, pub, ephPub, keys);
  const entries = wrapped(draw, eph, keys, contentKey, head, domain, VERSION);
  const nonce = draw(24);
  const body = aeadEncrypt(contentKey, nonce, plaintext, head);
  const unsigned = new SealedMessage(domain, pub, ephPub, keys, entries, nonce, body, new Uint8Array(64));
  const signature = sender.sign(concat(SIGNATURE_DOMAIN, unsigned.signedPart()));
  return new SealedMessage(domain, pub, ephPub, keys, entries, nonce, body, signature);
}

function ownIndex(recipients: Bytes[], own: Bytes): number {
  let index = -1;
  recipients.forEach((r, i) => {
    if (ctEqual(r, own) && index < 0) index = i;
  });
  if (index < 0) fail();
  return index;
}

function openV1(m: SealedMessage, recipient: IdentityKeyPair): [IdentityPublic, Bytes] {
  verifyEd25519(m.sender.signing, concat(SIGNATURE_DOMAIN, m.signedPart()), m.signature);
  const head = m.header();
  const contentKey = contentKeyOf(m, head, recipient, VERSION);
  return [m.sender, aeadDecrypt(contentKey, m.nonce, m.body, head)];
}

function openV2(m: SealedMessageV2, recipient: IdentityKeyPair): [IdentityPublic, Bytes] {
  const head = m.header();
  const entriesPart = m.entriesPart();
  const contentKey = contentKeyOf(m, head, recipient, VERSION_2);
  const inner = aeadDecrypt(contentKey, m.nonce, m.body, concat(head, entriesPart));
  const sender = opaque(() => IdentityPublic.fromBytes(inner.slice(0, IDENTITY_BYTES)));
  const signature = inner.slice(IDENTITY_BYTES, INNER_OVERHEAD);
  const plaintext = inner.slice(INNER_OVERHEAD);
  verifyEd25519(sender.signing, signedV2(head, entriesPart, m.nonce, sender, plaintext), signature);
  return [sender, plaintext];
}

/** [sender, plaintext] of a version-1 or version-2 message; one opaque error for every failure. */
export function openSealed(
  data: Bytes | SealedMessage | SealedMessageV2, domain: string, recipient: IdentityKeyPair,
): [IdentityPublic, Bytes] {
  const m = data instanceof SealedMessage || data instanceof SealedMessageV2 ? data : parseSealed(data);
  const expected = opaque(() => domainBytes(domain));
  if (!ctEqual(utf8(m.domain), expected)) fail();
  return m instanceof SealedMessage ? openV1(m, recipient) : openV2(m, recipient);
}
