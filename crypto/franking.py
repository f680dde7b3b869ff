"""Message franking: a recipient can report a message and a moderator can verify it was really sent, in that
conversation, at that time — without the server ever seeing plaintext and without anyone holding a
transferable proof.

commitment = BLAKE2b-256(key = franking_key, data = lp(b"haven-franking-commit-v1") || lp(message_id) ||
                         lp(sender_account_id UTF-8) || lp(conversation_id UTF-8) || lp(plaintext))
ct_hash    = BLAKE2b-256(exact ciphertext bytes the server relayed)
tag        = HMAC-SHA256(key = server_secret, lp(b"haven-franking-relay-v1") || lp(commitment) || lp(ct_hash) ||
                         lp(conversation_id UTF-8) || u64be(server_time))
lp(x) = u32be(len(x)) || x. The franking key travels inside the ciphertext (in the Envelope).
"""

from __future__ import annotations

from crypto.encoding import Reader, lp, u64
from crypto.errors import InvalidKeyError, fail
from crypto.primitives import blake2b, ct_equal, hmac_sha256
from crypto.rng import Rng, resolve

FRANKING_KEY_BYTES = 32
COMMITMENT_BYTES = 32
TAG_BYTES = 32
MIN_SERVER_SECRET_BYTES = 32
COMMIT_DOMAIN = b"haven-franking-commit-v1"
RELAY_DOMAIN = b"haven-franking-relay-v1"
REPORT_VERSION = 1


def new_franking_key(rng: Rng | None = None) -> bytes:
    return resolve(rng)(FRANKING_KEY_BYTES)


def commit(franking_key: bytes, message_id: bytes, sender_account_id: str, conversation_id: str,
           plaintext: bytes) -> bytes:
    if len(franking_key) != FRANKING_KEY_BYTES:
        raise InvalidKeyError("franking key must be 32 bytes")
    data = (lp(COMMIT_DOMAIN) + lp(message_id) + lp(sender_account_id.encode()) + lp(conversation_id.encode())
            + lp(plaintext))
    return blake2b(data, key=franking_key)


def open_commitment(franking_key: bytes, commitment: bytes, message_id: bytes, sender_account_id: str,
                    conversation_id: str, plaintext: bytes) -> None:
    """Recipient's check after decryption. On the opaque error the message must be dropped, never shown."""
    if len(franking_key) != FRANKING_KEY_BYTES:
        fail()
    expected = commit(franking_key, message_id, sender_account_id, conversation_id, plaintext)
    if not ct_equal(expected, commitment):
        fail()


def ciphertext_hash(ciphertext: bytes) -> bytes:
    return blake2b(ciphertext)


def relay_tag_for_hash(server_secret: bytes, commitment: bytes, ct_hash: bytes, conversation_id: str,
                       server_time: int) -> bytes:
    if len(server_secret) < MIN_SERVER_SECRET_BYTES:
        raise InvalidKeyError("server secret must be at least 32 bytes")
    if not 0 <= server_time < 2**64:
        raise InvalidKeyError("server time out of range")
    data = lp(RELAY_DOMAIN) + lp(commitment) + lp(ct_hash) + lp(conversation_id.encode()) + u64(server_time)
    return hmac_sha256(server_secret, data)


def relay_tag(server_secret: bytes, commitment: bytes, ciphertext: bytes, conversation_id: str,
              server_time: int) -> bytes:
    """Server side, when relaying: binds the commitment to the exact ciphertext, conversation and time."""
    return relay_tag_for_hash(server_secret, commitment, ciphertext_hash(ciphertext), conversation_id, server_time)


def verify_relay_tag(server_secret: bytes, commitment: bytes, ciphertext: bytes, conversation_id: str,
                     server_time: int, tag: bytes) -> None:
    """Server side. Opaque DecryptionError unless the tag is one this server issued for these values."""
    if not ct_equal(relay_tag(server_secret, commitment, ciphertext, conversation_id, server_time), tag):
        fail()


class FrankingReport:
    """What a reporting recipient submits. Encoding: u8 version=1 || lp(message_id) || lp(sender UTF-8) ||
    lp(conversation UTF-8) || lp(plaintext) || franking_key (32) || commitment (32) || ciphertext_hash (32) ||
    u64 server_time || tag (32)."""

    __slots__ = ("ciphertext_hash", "commitment", "conversation_id", "franking_key", "message_id", "plaintext",
                 "sender_account_id", "server_time", "tag")

    def __init__(self, message_id: bytes, sender_account_id: str, conversation_id: str, plaintext: bytes,
                 franking_key: bytes, commitment: bytes, ciphertext_hash: bytes, server_time: int,
                 tag: bytes) -> None:
        for value, size in ((franking_key, FRANKING_KEY_BYTES), (commitment, COMMITMENT_BYTES),
                            (ciphertext_hash, 32), (tag, TAG_BYTES)):
            if len(value) != size:
                raise InvalidKeyError("wrong field size in franking report")
        self.message_id = bytes(message_id)
        self.sender_account_id = sender_account_id
        self.conversation_id = conversation_id
        self.plaintext = bytes(plaintext)
        self.franking_key = bytes(franking_key)
        self.commitment = bytes(commitment)
        self.ciphertext_hash = bytes(ciphertext_hash)
        self.server_time = server_time
        self.tag = bytes(tag)

    @classmethod
    def build(cls, *, message_id: bytes, sender_account_id: str, conversation_id: str, plaintext: bytes,
              franking_key: bytes, commitment: bytes, ciphertext: bytes, server_time: int,
              tag: bytes) -> FrankingReport:
        """Recipient side, from what it received and decrypted."""
        return cls(message_id, sender_account_id, conversation_id, plaintext, franking_key, commitment,
                   ciphertext_hash(ciphertext), server_time, tag)

    def check_commitment(self) -> None:
        """Anyone (the moderator): the reported plaintext is what the commitment binds. Opaque error if not."""
        open_commitment(self.franking_key, self.commitment, self.message_id, self.sender_account_id,
                        self.conversation_id, self.plaintext)

    def __bytes__(self) -> bytes:
        return (bytes([REPORT_VERSION]) + lp(self.message_id) + lp(self.sender_account_id.encode())
                + lp(self.conversation_id.encode()) + lp(self.plaintext) + self.franking_key + self.commitment
                + self.ciphertext_hash + u64(self.server_time) + self.tag)

    @classmethod
    def from_bytes(cls, data: bytes) -> FrankingReport:
        r = Reader(data)
        if r.u8() != REPORT_VERSION:
            raise InvalidKeyError("unknown report version")
        out = cls(r.lp(), r.text(), r.text(), r.lp(), r.take(32), r.take(32), r.take(32), r.u64(),
                  r.take(32))
        r.done()
        return out

    def __repr__(self) -> str:
        return f"FrankingReport(message_id={self.message_id.hex()}, conversation={self.conversation_id!r})"


def verify_report(server_secret: bytes, report: FrankingReport) -> None:
    """Server side, on a moderator's request: the commitment opens AND this server issued the tag for it."""
    report.check_commitment()
    expected = relay_tag_for_hash(server_secret, report.commitment, report.ciphertext_hash,
                                  report.conversation_id, report.server_time)
    if not ct_equal(expected, report.tag):
        fail()
