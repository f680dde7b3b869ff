"""Seal to many: one sender-signed message readable by a fixed set of identities (crisis alerts sealed to every
current moderator, counseling session notes sealed to the receiving counselor).

It is ECIES / HPKE-base-like key wrapping with one ephemeral X25519 key per message, a random content key, and an
Ed25519 signature by the sender's identity so that recipients (who all know the content key) cannot forge a message
in someone else's name, and the server cannot swap recipients or entries. Two versions; `seal` writes version 2,
`open_sealed` reads both (alerts stored before version 2 still open).

Version 2 (sealed sender, after Signal's "sealed sender", signal.org/blog/sealed-sender): the sender's identity
and signature travel INSIDE the encryption, so the wire names nobody — a seized database holding it cannot tell
who sealed it. Everything outside the body is the recipients' keys and fresh randomness.

    version     = 0x02
    header      = u8 2 || lp(domain UTF-8) || eph_pub (32) || u16 count || count × R_i (32)
                                                              R_i = recipient i's identity X25519 agreement key
    content_key = 32 random bytes
    shared_i    = X25519(eph_priv, R_i)
    wrap_key_i  = HKDF-SHA256(ikm = shared_i, salt = eph_pub || R_i, info = "haven-sealed-v2" || lp(domain), L = 32)
    wrapped_i   = XChaCha20-Poly1305-IETF(wrap_key_i, nonce_i (24 random), content_key, AD = header)   (48 bytes)
    entries     = count × (nonce_i || wrapped_i)
    signature   = Ed25519(sender identity signing key,
                          "haven-sealed-sig-v2\x00" || header || entries || nonce || sender IdentityPublic (64)
                          || plaintext)
    inner       = sender IdentityPublic (64) || signature (64) || plaintext
    body        = XChaCha20-Poly1305-IETF(content_key, nonce (24 random), inner, AD = header || entries)
    wire        = header || entries || nonce || body

What the signature covers, and why. The body ciphertext cannot be signed (the signature is inside it), so the
signature covers everything that determines the message instead: the header (version, domain, the ephemeral key
and every recipient in order), every entry, the body nonce, the sender's own identity key and the plaintext. The
fields before the plaintext all have fixed or self-described lengths, so the signed string parses one way only.
 - A recipient knows content_key and can build any body under it, but a body that opens must carry a signature
   over this header, these entries, this nonce and its plaintext by the identity it names: it cannot name someone
   else (it has no one else's signing key), and it cannot move someone's (sender, signature, plaintext) under a
   new header, new recipients or new entries (the signature covers them).
 - The server cannot drop, add, reorder or swap recipients or entries: the header and entries are the AEAD
   associated data of the body and covered by the signature, and each entry's AD is the header.
 - The signing identity is inside: naming the sender in the clear, or leaving the signature in the clear, would
   identify the sealer to anyone holding the identity directory (an Ed25519 signature verifies under one key).
 - A whole message can be copied: whoever holds the wire (a recipient, the server) can hand the same bytes in
   again elsewhere; opening it still shows the true sealer. Binding a message to where it is filed is the
   content's job (an alert packet names its conversation and seq).

Version 1 (read only: stored alerts and notes sealed before version 2). The sender is in the clear header:

    header      = u8 1 || lp(domain UTF-8) || sender IdentityPublic (64) || eph_pub (32) || u16 count
                  || count × R_i (32)
    wrap_key_i  = HKDF-SHA256(ikm = shared_i, salt = eph_pub || R_i, info = "haven-sealed-v1" || lp(domain), L = 32)
    wrapped_i   = XChaCha20-Poly1305-IETF(wrap_key_i, nonce_i (24 random), content_key, AD = header)   (48 bytes)
    body        = XChaCha20-Poly1305-IETF(content_key, nonce (24 random), plaintext, AD = header)
    signed      = header || count × (nonce_i || wrapped_i) || nonce || body
    signature   = Ed25519(sender identity signing key, "haven-sealed-sig-v1\x00" || signed)
    wire        = signed || signature (64)

Both versions: random draws, in order: eph_priv (32), content_key (32), nonce_i for each recipient in header order
(24 each), body nonce (24). The sender may be among the recipients. 1..64 distinct recipients, plaintext at most
64 KiB, domain 1..64 bytes of UTF-8 ("alert", "session-note").

`open_sealed` dispatches on the version byte. Version 1: the signature FIRST (with the sender key the header
names), then the recipient's entry. Version 2: the recipient's entry, the body, then the inner signature before
anything is returned. Every failure — wrong domain, unknown version, not a recipient, tampering, truncation — is
the one opaque DecryptionError. The signature proves which identity sealed the message; whether that identity is
entitled to send it (a known member, a current moderator) is the caller's decision.
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
VERSION_2 = 2
WRAP_INFO_V2 = b"haven-sealed-v2"
SIGNATURE_DOMAIN_V2 = b"haven-sealed-sig-v2\x00"
# Sender IdentityPublic (64) and signature (64) ahead of the plaintext inside a version-2 body.
INNER_OVERHEAD = IdentityPublic.SIZE + SIGNATURE_BYTES
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


def wrap_key(
    shared: bytes, ephemeral: X25519PublicKey, recipient: X25519PublicKey, domain: str, version: int = VERSION
) -> bytes:
    """wrap_key_i = HKDF-SHA256(shared_i, salt = eph_pub || R_i, info = "haven-sealed-v<version>" || lp(domain), 32).
    The version is in the info so that one shared secret never yields the same wrap key in both formats."""
    info = WRAP_INFO_V2 if version == VERSION_2 else WRAP_INFO
    return hkdf_sha256(shared, bytes(ephemeral) + bytes(recipient), info + lp(_domain_bytes(domain)), KEY_BYTES)


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


class _Recipients:
    """The recipient list both versions carry in their clear header, checked once for both."""

    __slots__ = ("_recipients",)
    _recipients: tuple[X25519PublicKey, ...]

    @property
    def recipients(self) -> tuple[X25519PublicKey, ...]:
        """The recipients' identity agreement keys, in header order (public: the server may see them)."""
        return self._recipients

    def is_recipient(self, identity: IdentityPublic) -> bool:
        return any(ct_equal(bytes(r), bytes(identity.agreement)) for r in self._recipients)


def _read_recipients(r: Reader) -> tuple[list[X25519PublicKey], list[WrappedKey]]:
    """The count, recipient keys and their entries; at most one past the limit is read, so the count check fails."""
    count = r.u16()
    recipients = [X25519PublicKey(r.take(KEY_BYTES)) for _ in range(min(count, MAX_RECIPIENTS + 1))]
    return recipients, [WrappedKey(r.take(AEAD_NONCE_BYTES), r.take(WRAPPED_BYTES)) for _ in recipients]


def _checked_recipients(
    recipients: Sequence[X25519PublicKey], entries: Sequence[WrappedKey]
) -> tuple[X25519PublicKey, ...]:
    if not 1 <= len(recipients) <= MAX_RECIPIENTS or len(entries) != len(recipients):
        raise InvalidKeyError("1..64 recipients, one entry each")
    if len({bytes(r) for r in recipients}) != len(recipients):
        raise InvalidKeyError("duplicate recipient")
    return tuple(recipients)


class SealedMessage(_Recipients):
    """A parsed version-1 sealed message (sender in the clear). Construct with `seal_v1` or `from_bytes`; bytes()
    gives the wire encoding. New messages are version 2 (`SealedMessageV2`)."""

    __slots__ = ("body", "domain", "entries", "ephemeral", "nonce", "sender", "signature")

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
        self._recipients = _checked_recipients(recipients, entries)
        if len(nonce) != AEAD_NONCE_BYTES or len(signature) != SIGNATURE_BYTES:
            raise InvalidKeyError("bad nonce or signature size")
        if not AEAD_TAG_BYTES <= len(body) <= MAX_PLAINTEXT + AEAD_TAG_BYTES:
            raise InvalidKeyError("bad body size")
        self.domain = domain
        self.sender = sender
        self.ephemeral = ephemeral
        self.entries = tuple(entries)
        self.nonce = bytes(nonce)
        self.body = bytes(body)
        self.signature = bytes(signature)

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
        recipients, entries = _read_recipients(r)
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


def _recipient_keys(plaintext: bytes, domain: str, recipients: Sequence[IdentityPublic]) -> list[X25519PublicKey]:
    """The checks both versions make before drawing any randomness; the recipients' agreement keys in order."""
    _domain_bytes(domain)
    if not 1 <= len(recipients) <= MAX_RECIPIENTS:
        raise InvalidKeyError("1..64 recipients")
    keys = [r.agreement for r in recipients]
    if len({bytes(k) for k in keys}) != len(keys):
        raise InvalidKeyError("duplicate recipient")
    if len(plaintext) > MAX_PLAINTEXT:
        raise InvalidKeyError("plaintext larger than 64 KiB")
    return keys


def _shared(eph: X25519PrivateKey, key: X25519PublicKey) -> bytes:
    try:
        return x25519(bytes(eph), bytes(key))
    except DecryptionError:
        raise InvalidKeyError("recipient agreement key is not usable") from None


def _wrapped(
    draw: Rng,
    eph: X25519PrivateKey,
    keys: Sequence[X25519PublicKey],
    content_key: bytes,
    header: bytes,
    domain: str,
    version: int,
) -> list[WrappedKey]:
    """The content key wrapped for each recipient in header order, one fresh nonce drawn per recipient."""
    eph_pub = eph.public_key()
    entries = []
    for key in keys:
        nonce_i = draw(AEAD_NONCE_BYTES)
        wrap = wrap_key(_shared(eph, key), eph_pub, key, domain, version)
        entries.append(WrappedKey(nonce_i, aead_encrypt(wrap, nonce_i, content_key, header)))
    return entries


def _content_key(
    message: SealedMessage | SealedMessageV2, header: bytes, recipient: IdentityKeyPair, version: int
) -> bytes:
    """The content key from the recipient's own entry (an opaque failure when it is not a recipient). The message's
    domain is the one open_sealed was asked for: it compared them first."""
    own = recipient.agreement.public_key()
    entry = message.entries[_own_index(message.recipients, own)]
    shared = x25519(bytes(recipient.agreement), bytes(message.ephemeral))
    wrap = wrap_key(shared, message.ephemeral, own, message.domain, version)
    return aead_decrypt(wrap, entry.nonce, entry.ciphertext, header)


def seal_v1(
    plaintext: bytes,
    *,
    domain: str,
    sender: IdentityKeyPair,
    recipients: Sequence[IdentityPublic],
    rng: Rng | None = None,
) -> SealedMessage:
    """Version 1 (sender in the clear): only for test vectors and tests of reading stored messages. Clients seal
    with `seal` (version 2)."""
    keys = _recipient_keys(plaintext, domain, recipients)
    draw = resolve(rng)
    eph = X25519PrivateKey(draw(KEY_BYTES))
    eph_pub = eph.public_key()
    content_key = draw(KEY_BYTES)
    public = sender.public()
    header = _header(domain, public, eph_pub, keys)
    entries = _wrapped(draw, eph, keys, content_key, header, domain, VERSION)
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


def _open_v1(message: SealedMessage, recipient: IdentityKeyPair) -> tuple[IdentityPublic, bytes]:
    """Version 1: the signature first (with the sender key the header names), then the recipient's entry."""
    message.sender.signing.verify(SIGNATURE_DOMAIN + message.signed_part(), message.signature)
    header = message.header()
    content_key = _content_key(message, header, recipient, VERSION)
    return message.sender, aead_decrypt(content_key, message.nonce, message.body, header)


# --- version 2: sealed sender ------------------------------------------------------------------------------------
class SealedMessageV2(_Recipients):
    """A parsed version-2 sealed message: only what anyone may see (domain, ephemeral key, recipients, entries,
    nonce, body) — the sender and signature are inside `body`. Construct with `seal` or `from_bytes`."""

    __slots__ = ("body", "domain", "entries", "ephemeral", "nonce")

    def __init__(
        self,
        *,
        domain: str,
        ephemeral: X25519PublicKey,
        recipients: Sequence[X25519PublicKey],
        entries: Sequence[WrappedKey],
        nonce: bytes,
        body: bytes,
    ) -> None:
        _domain_bytes(domain)
        self._recipients = _checked_recipients(recipients, entries)
        if len(nonce) != AEAD_NONCE_BYTES:
            raise InvalidKeyError("bad nonce size")
        if not INNER_OVERHEAD + AEAD_TAG_BYTES <= len(body) <= MAX_PLAINTEXT + INNER_OVERHEAD + AEAD_TAG_BYTES:
            raise InvalidKeyError("bad body size")
        self.domain = domain
        self.ephemeral = ephemeral
        self.entries = tuple(entries)
        self.nonce = bytes(nonce)
        self.body = bytes(body)

    def header(self) -> bytes:
        return _header_v2(self.domain, self.ephemeral, self._recipients)

    def entries_part(self) -> bytes:
        return b"".join(bytes(e) for e in self.entries)

    def __bytes__(self) -> bytes:
        return self.header() + self.entries_part() + self.nonce + self.body

    @classmethod
    def from_bytes(cls, data: bytes) -> SealedMessageV2:
        """Attacker-controlled input: any malformation (a version-1 message included) is the opaque
        DecryptionError. Parsing checks the public structure only; it says nothing about who sealed it."""
        return read_untrusted(data, VERSION_2, cls._read)

    @classmethod
    def _read(cls, r: Reader) -> SealedMessageV2:
        domain = r.text()
        ephemeral = X25519PublicKey(r.take(KEY_BYTES))
        recipients, entries = _read_recipients(r)
        nonce = r.take(AEAD_NONCE_BYTES)
        return cls(
            domain=domain, ephemeral=ephemeral, recipients=recipients, entries=entries, nonce=nonce, body=r.rest()
        )

    def __repr__(self) -> str:
        return f"SealedMessageV2(domain={self.domain!r}, recipients={len(self._recipients)})"


def _header_v2(domain: str, ephemeral: X25519PublicKey, recipients: Sequence[X25519PublicKey]) -> bytes:
    return (
        u8(VERSION_2)
        + lp(_domain_bytes(domain))
        + bytes(ephemeral)
        + u16(len(recipients))
        + b"".join(bytes(r) for r in recipients)
    )


def signed_v2(header: bytes, entries: bytes, nonce: bytes, sender: IdentityPublic, plaintext: bytes) -> bytes:
    """What the inner Ed25519 signature of a version-2 message is over (see the module docstring)."""
    return SIGNATURE_DOMAIN_V2 + header + entries + nonce + bytes(sender) + plaintext


def seal(
    plaintext: bytes,
    *,
    domain: str,
    sender: IdentityKeyPair,
    recipients: Sequence[IdentityPublic],
    rng: Rng | None = None,
) -> SealedMessageV2:
    """Seal `plaintext` so that exactly `recipients` can open it, signed by `sender`'s identity inside the
    encryption (version 2): the wire does not say who sealed it."""
    keys = _recipient_keys(plaintext, domain, recipients)
    draw = resolve(rng)
    eph = X25519PrivateKey(draw(KEY_BYTES))
    eph_pub = eph.public_key()
    content_key = draw(KEY_BYTES)
    header = _header_v2(domain, eph_pub, keys)
    entries = _wrapped(draw, eph, keys, content_key, header, domain, VERSION_2)
    nonce = draw(AEAD_NONCE_BYTES)
    entries_part = b"".join(bytes(e) for e in entries)
    public = sender.public()
    signature = sender.signing.sign(signed_v2(header, entries_part, nonce, public, bytes(plaintext)))
    inner = bytes(public) + signature + bytes(plaintext)
    body = aead_encrypt(content_key, nonce, inner, header + entries_part)
    return SealedMessageV2(domain=domain, ephemeral=eph_pub, recipients=keys, entries=entries, nonce=nonce, body=body)


def _open_v2(message: SealedMessageV2, recipient: IdentityKeyPair) -> tuple[IdentityPublic, bytes]:
    """Version 2: the recipient's entry, the body, then the inner signature — nothing is returned unverified."""
    header, entries_part = message.header(), message.entries_part()
    content_key = _content_key(message, header, recipient, VERSION_2)
    inner = aead_decrypt(content_key, message.nonce, message.body, header + entries_part)
    try:
        sender = IdentityPublic.from_bytes(inner[: IdentityPublic.SIZE])
    except InvalidKeyError:
        fail()
    signature = inner[IdentityPublic.SIZE : INNER_OVERHEAD]
    plaintext = inner[INNER_OVERHEAD:]
    sender.signing.verify(signed_v2(header, entries_part, message.nonce, sender, plaintext), signature)
    return sender, plaintext


# --- reading either version --------------------------------------------------------------------------------------
def parse_sealed(data: bytes) -> SealedMessage | SealedMessageV2:
    """Either version's public structure, by its version byte; anything else is the opaque DecryptionError."""
    if data[:1] == bytes([VERSION]):
        return SealedMessage.from_bytes(data)
    return SealedMessageV2.from_bytes(data)


def _own_index(recipients: Sequence[X25519PublicKey], own: X25519PublicKey) -> int:
    index = next((i for i, r in enumerate(recipients) if ct_equal(bytes(r), bytes(own))), None)
    if index is None:
        fail()
    return index


def open_sealed(
    data: bytes | SealedMessage | SealedMessageV2, *, domain: str, recipient: IdentityKeyPair
) -> tuple[IdentityPublic, bytes]:
    """Returns (sender identity, plaintext) of a version-1 or version-2 message; one opaque error otherwise."""
    message = data if isinstance(data, SealedMessage | SealedMessageV2) else parse_sealed(bytes(data))
    try:
        expected = _domain_bytes(domain)
    except InvalidKeyError:
        fail()
    if not ct_equal(message.domain.encode("utf-8"), expected):
        fail()
    if isinstance(message, SealedMessage):
        return _open_v1(message, recipient)
    return _open_v2(message, recipient)
