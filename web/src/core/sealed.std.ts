// Seal to many (docs/protocol.md C14; crypto/sealed.py): alerts to every moderator, session notes to a counselor.
//   header    = u8 1 || lp(domain) || sender IdentityPublic (64) || eph_pub (32) || u16 count || count × R_i
//   wrap_key  = HKDF(shared_i, salt = eph_pub || R_i, info = "haven-sealed-v1" || lp(domain), 32)
//   wire      = header || count × (nonce_i || wrapped_i) || nonce || body || Ed25519("haven-sealed-sig-v1\0" || signed)
// Draws: eph_priv (32), content_key (32), nonce_i per recipient (24 each), body nonce (24).
import { Reader, ascii, concat, lp, readUntrusted, u16, u8, utf8, type Bytes } from './encoding.std.js';
import { InvalidKeyError, fail, opaque } from './errors.std.js';
import { IdentityPublic, KEY_BYTES, SIGNATURE_BYTES, verifyEd25519, type IdentityKeyPair } from './keys.std.js';
import { AEAD_TAG_BYTES, aeadDecrypt, aeadEncrypt, ctEqual, hkdfSha256, x25519, x25519Base } from './sodium.std.js';
import { resolve, type Rng } from './rng.std.js';

const VERSION = 1;
const WRAP_INFO = ascii('haven-sealed-v1');
const SIGNATURE_DOMAIN = ascii('haven-sealed-sig-v1\x00');
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

export function wrapKey(shared: Bytes, ephemeral: Bytes, recipient: Bytes, domain: string): Bytes {
  return hkdfSha256(shared, concat(ephemeral, recipient), concat(WRAP_INFO, lp(domainBytes(domain))), 32);
}

function header(domain: string, sender: IdentityPublic, eph: Bytes, recipients: Bytes[]): Bytes {
  return concat(u8(VERSION), lp(domainBytes(domain)), sender.toBytes(), eph, u16(recipients.length), ...recipients);
}

function distinct(keys: Bytes[]): boolean {
  return new Set(keys.map((k) => k.join(','))).size === keys.length;
}

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
    domainBytes(domain);
    if (recipients.length < 1 || recipients.length > MAX_RECIPIENTS || entries.length !== recipients.length) {
      throw new InvalidKeyError('1..64 recipients, one entry each');
    }
    if (!distinct(recipients)) throw new InvalidKeyError('duplicate recipient');
    if (nonce.length !== 24 || signature.length !== SIGNATURE_BYTES) throw new InvalidKeyError('bad nonce or signature');
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
      const sender = IdentityPublic.fromBytes(r.take(64));
      const eph = r.take(KEY_BYTES);
      const count = Math.min(r.u16(), MAX_RECIPIENTS + 1);
      const recipients: Bytes[] = [];
      for (let i = 0; i < count; i++) recipients.push(r.take(KEY_BYTES));
      const entries: Array<[Bytes, Bytes]> = recipients.map(() => [r.take(24), r.take(WRAPPED)]);
      const nonce = r.take(24);
      const rest = r.rest();
      if (rest.length < SIGNATURE_BYTES) fail();
      return new SealedMessage(domain, sender, eph, recipients, entries, nonce, rest.slice(0, -SIGNATURE_BYTES),
        rest.slice(-SIGNATURE_BYTES));
    });
  }
}

export function seal(plaintext: Bytes, domain: string, sender: IdentityKeyPair, recipients: IdentityPublic[], rng?: Rng): SealedMessage {
  domainBytes(domain);
  if (recipients.length < 1 || recipients.length > MAX_RECIPIENTS) throw new InvalidKeyError('1..64 recipients');
  const keys = recipients.map((r) => r.agreement);
  if (!distinct(keys)) throw new InvalidKeyError('duplicate recipient');
  if (plaintext.length > MAX_PLAINTEXT) throw new InvalidKeyError('plaintext larger than 64 KiB');
  const draw = resolve(rng);
  const eph = draw(KEY_BYTES);
  const ephPub = x25519Base(eph);
  const contentKey = draw(KEY_BYTES);
  const pub = sender.public();
  const head = header(domain, pub, ephPub, keys);
  const entries: Array<[Bytes, Bytes]> = keys.map((key) => {
    let shared: Bytes;
    try {
      shared = x25519(eph, key);
    } catch {
      throw new InvalidKeyError('recipient agreement key is not usable');
    }
    const nonce = draw(24);
    return [nonce, aeadEncrypt(wrapKey(shared, ephPub, key, domain), nonce, contentKey, head)];
  });
  const nonce = draw(24);
  const body = aeadEncrypt(contentKey, nonce, plaintext, head);
  const unsigned = new SealedMessage(domain, pub, ephPub, keys, entries, nonce, body, new Uint8Array(64));
  const signature = sender.sign(concat(SIGNATURE_DOMAIN, unsigned.signedPart()));
  return new SealedMessage(domain, pub, ephPub, keys, entries, nonce, body, signature);
}

/** [sender, plaintext]: signature first, then the recipient's own entry; one opaque error for every failure. */
export function openSealed(data: Bytes | SealedMessage, domain: string, recipient: IdentityKeyPair): [IdentityPublic, Bytes] {
  const m = data instanceof SealedMessage ? data : SealedMessage.fromBytes(data);
  const expected = opaque(() => domainBytes(domain));
  if (!ctEqual(utf8(m.domain), expected)) fail();
  verifyEd25519(m.sender.signing, concat(SIGNATURE_DOMAIN, m.signedPart()), m.signature);
  const own = x25519Base(recipient.agreement);
  let index = -1;
  m.recipients.forEach((r, i) => {
    if (ctEqual(r, own) && index < 0) index = i;
  });
  if (index < 0) fail();
  const head = m.header();
  const [nonceI, wrapped] = m.entries[index]!;
  const shared = x25519(recipient.agreement, m.ephemeral);
  const contentKey = aeadDecrypt(wrapKey(shared, m.ephemeral, own, domain), nonceI, wrapped, head);
  return [m.sender, aeadDecrypt(contentKey, m.nonce, m.body, head)];
}
