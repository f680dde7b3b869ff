"""Seal to many: one sender-signed message readable by a fixed set of identities (crisis alerts sealed to every
current moderator, counseling session notes sealed to the receiving counselor).

It is ECIES / HPKE-base-like key wrapping with one ephemeral X25519 key per message, a random content key, and an
Ed25519 signature by the sender's identity over the whole wire so that recipients (who all know the content key)
cannot forge a message in someone else's name, and the server cannot swap recipients or entries.

    version     = 0x01
    header      = u8 version || lp(domain UTF-8) || sender IdentityPublic (64) || eph_pub (32) || u16 count
                  || count × R_i (32)                         R_i = recipient i's identity X25519 agreement key
    content_key = 32 random bytes
    shared_i    = X25519(eph_priv, R_i)
    wrap_key_i  = HKDF-SHA256(ikm = shared_i, salt = eph_pub || R_i, info = "haven-sealed-v1" || lp(domain), L = 32)
    wrapped_i   = XChaCha20-Poly1305-IETF(wrap_key_i, nonce_i (24 random), content_key, AD = header)   (48 bytes)
    body        = XChaCha20-Poly1305-IETF(content_key, nonce (24 random), plaintext, AD = header)
    signed      = header || count × (nonce_i || wrapped_i) || nonce || body
    signature   = Ed25519(sender identity signing key, "haven-sealed-sig-v1\\x00" || signed)
    wire        = signed || signature (64)

Random draws, in order: eph_priv (32), content_key (32), nonce_i for each recipient in header order (24 each),
body nonce (24). The sender may be among the recipients. 1..64 distinct recipients, plaintext at most 64 KiB,
domain 1..64 bytes of UTF-8 ("alert", "session-note").

`open_sealed` verifies the signature FIRST (with the sender key the header names), then finds the recipient's own
agreement key among R_i, unwraps and decrypts. Every failure — wrong domain, not a recipient, tampering,
truncation — is the one opaque DecryptionError. The signature proves which identity sealed the message; whether
that identity is entitled to send it (a known member, a current moderator) is the caller's decision.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from crypto.encoding import Reader, lp, read_untrusted, u8, u16
from crypto.errors import DecryptionError, InvalidKeyError, fail
from crypto.keys import KEY_BYTES, SIGNATURE_BYTES, IdentityKeyPair, IdentityPublic, X25519PrivateKey, X25519PublicKey
from crypto.primitives import (
    AEAD_NONCE_BYTES,
    AEAD_TAG_BYTES,
    aead_decrypt,
    aead_encrypt,
    ct_equal,
    hkdf_sha256,
    x25519,
)
from crypto.rng import Rng, resolve

VERSION = 1
WRAP_INFO = b"haven-sealed-v1"
SIGNATURE_DOMAIN = b"haven-sealed-sig-v1\x00"
MAX_RECIPIENTS = 64
MAX_PLAINTEXT = 64 * 1024
MAX_DOMAIN = 64
WRAPPED_BYTES = KEY_BYTES + AEAD_TAG_BYTES  # 48
DOMAIN_ALERT = "alert"
DOMAIN_SESSION_NOTE = "session-note"


def _domain_bytes(domain: str) -> bytes:
    raw = domain.encode("utf-8")
    if not 1 <= len(raw) <= MAX_DOMAIN:
        raise InvalidKeyError("domain must be 1..64 bytes of UTF-8")
    return raw


def wrap_key(shared: bytes, ephemeral: X25519PublicKey, recipient: X25519PublicKey, domain: str) -> bytes:
    """wrap_key_i = HKDF-SHA256(shared_i, salt = eph_pub || R_i, info = "haven-sealed-v1" || lp(domain), 32)."""
    return hkdf_sha256(shared, bytes(ephemeral) + bytes(recipient), WRAP_INFO + lp(_domain_bytes(domain)), KEY_BYTES)


@dataclass(frozen=True, slots=True)
class WrappedKey:
    """One recipient's entry: the content key sealed under that recipient's wrap key."""

    nonce: bytes
    ciphertext: bytes

    def __post_init__(self) -> None:
        if len(self.nonce) != AEAD_NONCE_BYTES or len(self.ciphertext) != WRAPPED_BYTES:
            raise InvalidKeyError("wrapped key must be 24 + 48 bytes")

    def __bytes__(self) -> bytes:
        return self.nonce + self.ciphertext


class SealedMessage:
    """A parsed sealed message. Construct with `seal` or `from_bytes`; bytes() gives the wire encoding."""

    __slots__ = ("_recipients", "body", "domain", "entries", "ephemeral", "nonce", "sender", "signature")

    def __init__(
        self,
        *,
        domain: str,
        sender: IdentityPublic,
        ephemeral: X25519PublicKey,
        recipients: Sequence[X25519PublicKey],
        entries: Sequence[WrappedKey],
        nonce: bytes,
        body: bytes,
        signature: bytes,
    ) -> None:
        _domain_bytes(domain)
        if not 1 <= len(recipients) <= MAX_RECIPIENTS or len(entries) != len(recipients):
            raise InvalidKeyError("1..64 recipients, one entry each")
        if len({bytes(r) for r in recipients}) != len(recipients):
            raise InvalidKeyError("duplicate recipient")
        if len(nonce) != AEAD_NONCE_BYTES or len(signature) != SIGNATURE_BYTES:
            raise InvalidKeyError("bad nonce or signature size")
        if not AEAD_TAG_BYTES <= len(body) <= MAX_PLAINTEXT + AEAD_TAG_BYTES:
            raise InvalidKeyError("bad body size")
        self.domain = domain
        self.sender = sender
        self.ephemeral = ephemeral
        self._recipients = tuple(recipients)
        self.entries = tuple(entries)
        self.nonce = bytes(nonce)
        self.body = bytes(body)
        self.signature = bytes(signature)

    @property
    def recipients(self) -> tuple[X25519PublicKey, ...]:
        """The recipients' identity agreement keys, in header order (public: the server may see them)."""
        return self._recipients

    def is_recipient(self, identity: IdentityPublic) -> bool:
        return any(ct_equal(bytes(r), bytes(identity.agreement)) for r in self._recipients)

    def header(self) -> bytes:
        return _header(self.domain, self.sender, self.ephemeral, self._recipients)

    def signed_part(self) -> bytes:
        return self.header() + b"".join(bytes(e) for e in self.entries) + self.nonce + self.body

    def __bytes__(self) -> bytes:
        return self.signed_part() + self.signature

    @classmethod
    def from_bytes(cls, data: bytes) -> SealedMessage:
        """Attacker-controlled input: any malformation is the opaque DecryptionError."""
        return read_untrusted(data, VERSION, cls._read)

    @classmethod
    def _read(cls, r: Reader) -> SealedMessage:
        domain = r.text()
        sender = IdentityPublic.from_bytes(r.take(IdentityPublic.SIZE))
        ephemeral = X25519PublicKey(r.take(KEY_BYTES))
        count = r.u16()
        recipients = [X25519PublicKey(r.take(KEY_BYTES)) for _ in range(min(count, MAX_RECIPIENTS + 1))]
        entries = [WrappedKey(r.take(AEAD_NONCE_BYTES), r.take(WRAPPED_BYTES)) for _ in recipients]
        nonce = r.take(AEAD_NONCE_BYTES)
        rest = r.rest()
        if len(rest) < SIGNATURE_BYTES:
            fail()
        return cls(
            domain=domain,
            sender=sender,
            ephemeral=ephemeral,
            recipients=recipients,
            entries=entries,
            nonce=nonce,
            body=rest[:-SIGNATURE_BYTES],
            signature=rest[-SIGNATURE_BYTES:],
        )

    def __repr__(self) -> str:
        return f"SealedMessage(domain={self.domain!r}, sender={self.sender!r}, recipients={len(self._recipients)})"


def _header(
    domain: str, sender: IdentityPublic, ephemeral: X25519PublicKey, recipients: Sequence[X25519PublicKey]
) -> bytes:
    return (
        u8(VERSION)
        + lp(_domain_bytes(domain))
        + bytes(sender)
        + bytes(ephemeral)
        + u16(len(recipients))
        + b"".join(bytes(r) for r in recipients)
    )


def seal(
    plaintext: bytes,
    *,
    domain: str,
    sender: IdentityKeyPair,
    recipients: Sequence[IdentityPublic],
    rng: Rng | None = None,
) -> SealedMessage:
    """Seal `plaintext` so that exactly `recipients` can open it, signed by `sender`'s identity."""
    _domain_bytes(domain)
    if not 1 <= len(recipients) <= MAX_RECIPIENTS:
        raise InvalidKeyError("1..64 recipients")
    keys = [r.agreement for r in recipients]
    if len({bytes(k) for k in keys}) != len(keys):
        raise InvalidKeyError("duplicate recipient")
    if len(plaintext) > MAX_PLAINTEXT:
        raise InvalidKeyError("plaintext larger than 64 KiB")
    draw = resolve(rng)
    eph = X25519PrivateKey(draw(KEY_BYTES))
    eph_pub = eph.public_key()
    content_key = draw(KEY_BYTES)
    public = sender.public()
    header = _header(domain, public, eph_pub, keys)
    entries = []
    for key in keys:
        try:
            shared = x25519(bytes(eph), bytes(key))
        except DecryptionError:
            raise InvalidKeyError("recipient agreement key is not usable") from None
        nonce_i = draw(AEAD_NONCE_BYTES)
        entries.append(
            WrappedKey(nonce_i, aead_encrypt(wrap_key(shared, eph_pub, key, domain), nonce_i, content_key, header))
        )
    nonce = draw(AEAD_NONCE_BYTES)
    body = aead_encrypt(content_key, nonce, bytes(plaintext), header)
    message = SealedMessage(
        domain=domain,
        sender=public,
        ephemeral=eph_pub,
        recipients=keys,
        entries=entries,
        nonce=nonce,
        body=body,
        signature=bytes(SIGNATURE_BYTES),  # a placeholder of the right size until the signature below exists
    )
    # The signature covers everything but itself (signed_part), so it is made from the built message.
    message.signature = sender.signing.sign(SIGNATURE_DOMAIN + message.signed_part())
    return message


def open_sealed(
    data: bytes | SealedMessage, *, domain: str, recipient: IdentityKeyPair
) -> tuple[IdentityPublic, bytes]:
    """Returns (sender identity, plaintext). Signature first, then the recipient's entry; opaque error otherwise."""
    message = data if isinstance(data, SealedMessage) else SealedMessage.from_bytes(bytes(data))
    try:
        expected = _domain_bytes(domain)
    except InvalidKeyError:
        fail()
    if not ct_equal(message.domain.encode("utf-8"), expected):
        fail()
    message.sender.signing.verify(SIGNATURE_DOMAIN + message.signed_part(), message.signature)
    own = recipient.agreement.public_key()
    index = next((i for i, r in enumerate(message.recipients) if ct_equal(bytes(r), bytes(own))), None)
    if index is None:
        fail()
    header = message.header()
    entry = message.entries[index]
    shared = x25519(bytes(recipient.agreement), bytes(message.ephemeral))
    content_key = aead_decrypt(wrap_key(shared, message.ephemeral, own, domain), entry.nonce, entry.ciphertext, header)
    return message.sender, aead_decrypt(content_key, message.nonce, message.body, header)
