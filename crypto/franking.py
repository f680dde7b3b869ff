"""Message franking: a recipient can report a message and a moderator can verify who sent it, in which
conversation, at which position and time — without the server ever seeing plaintext and without anyone holding a
transferable proof.

The construction follows Facebook's franking for Secret Conversations ("Messenger Secret Conversations", technical
whitepaper, 2016: a commitment under a per-message franking key travels inside the ciphertext; the relay adds a
keyed MAC over that commitment and the *authenticated sender* and conversation) and the model of Grubbs, Lu and
Ristenpart, "Message Franking via Committing Authenticated Encryption", CRYPTO 2017 (the platform's tag binds the
commitment to the sender and recipient context the platform itself observed, so a reporter can open it to a
moderator but cannot attribute a message to anyone who did not send it — their "sender binding"). Haven's
commitment is a keyed BLAKE2b rather than a committing AEAD's tag; the relay's tag is HMAC-SHA256 under the
server's secret.

commitment = BLAKE2b-256(key = franking_key, data = lp(b"haven-franking-commit-v1") || lp(message_id) ||
                         lp(sender_account_id UTF-8) || lp(conversation_id UTF-8) || lp(plaintext))
ct_hash    = BLAKE2b-256(exact ciphertext bytes the server relayed)
tag (v2)   = HMAC-SHA256(key = server_secret, lp(b"haven-franking-relay-v2") || lp(commitment) || lp(ct_hash) ||
                         lp(sender_account_id UTF-8) || lp(conversation_id UTF-8) || u64be(seq) ||
                         u64be(server_time))
lp(x) = u32be(len(x)) || x. The franking key travels inside the ciphertext (in the Envelope).

Why v2: the v1 tag covered only commitment, ciphertext, conversation and time. The commitment names a sender, but
the *sender* chooses it, so an informer could commit over a victim's account id, have the relay tag it, and report
"the victim said this" (docs/threat-model.md, forged reports). In v2 the relay puts the account it authenticated on
the connection, and the seq it assigned, under its own MAC; the sender named in a commitment means nothing to a
moderator until the tag confirms it.
"""

from __future__ import annotations

from crypto.encoding import Reader, lp, u64
from crypto.errors import InvalidKeyError, fail
from crypto.primitives import blake2b, ct_equal, hmac_sha256
from crypto.rng import Rng, resolve

FRANKING_KEY_BYTES = 32
COMMITMENT_BYTES = 32
CIPHERTEXT_HASH_BYTES = 32
TAG_BYTES = 32
MIN_SERVER_SECRET_BYTES = 32
COMMIT_DOMAIN = b"haven-franking-commit-v1"
RELAY_DOMAIN = b"haven-franking-relay-v2"
REPORT_VERSION = 2
_U64_LIMIT = 2**64


def new_franking_key(rng: Rng | None = None) -> bytes:
    return resolve(rng)(FRANKING_KEY_BYTES)


def commit(
    franking_key: bytes, message_id: bytes, sender_account_id: str, conversation_id: str, plaintext: bytes
) -> bytes:
    if len(franking_key) != FRANKING_KEY_BYTES:
        raise InvalidKeyError("franking key must be 32 bytes")
    data = (
        lp(COMMIT_DOMAIN)
        + lp(message_id)
        + lp(sender_account_id.encode())
        + lp(conversation_id.encode())
        + lp(plaintext)
    )
    return blake2b(data, key=franking_key)


def open_commitment(
    franking_key: bytes,
    commitment: bytes,
    message_id: bytes,
    sender_account_id: str,
    conversation_id: str,
    plaintext: bytes,
) -> None:
    """Recipient's check after decryption. On the opaque error the message must be dropped, never shown."""
    if len(franking_key) != FRANKING_KEY_BYTES:
        fail()
    expected = commit(franking_key, message_id, sender_account_id, conversation_id, plaintext)
    if not ct_equal(expected, commitment):
        fail()


def ciphertext_hash(ciphertext: bytes) -> bytes:
    return blake2b(ciphertext)


def relay_tag_for_hash(
    server_secret: bytes,
    commitment: bytes,
    ct_hash: bytes,
    *,
    sender_account_id: str,
    conversation_id: str,
    seq: int,
    server_time: int,
) -> bytes:
    """The v2 relay tag from the ciphertext's hash: what a moderator's verification recomputes, since the
    ciphertext itself is gone by then (the report carries its hash)."""
    if len(server_secret) < MIN_SERVER_SECRET_BYTES:
        raise InvalidKeyError("server secret must be at least 32 bytes")
    if not (0 <= server_time < _U64_LIMIT and 0 <= seq < _U64_LIMIT):
        raise InvalidKeyError("seq or server time out of range")
    data = (
        lp(RELAY_DOMAIN)
        + lp(commitment)
        + lp(ct_hash)
        + lp(sender_account_id.encode())
        + lp(conversation_id.encode())
        + u64(seq)
        + u64(server_time)
    )
    return hmac_sha256(server_secret, data)


def relay_tag(
    server_secret: bytes,
    commitment: bytes,
    ciphertext: bytes,
    *,
    sender_account_id: str,
    conversation_id: str,
    seq: int,
    server_time: int,
) -> bytes:
    """Server side, when relaying: binds the commitment to the exact ciphertext, the account the relay
    authenticated as its sender (never a value the sender supplies), the conversation, the seq it assigned and
    its time."""
    return relay_tag_for_hash(
        server_secret,
        commitment,
        ciphertext_hash(ciphertext),
        sender_account_id=sender_account_id,
        conversation_id=conversation_id,
        seq=seq,
        server_time=server_time,
    )


def verify_relay_tag(
    server_secret: bytes,
    commitment: bytes,
    ciphertext: bytes,
    tag: bytes,
    *,
    sender_account_id: str,
    conversation_id: str,
    seq: int,
    server_time: int,
) -> None:
    """Server side. Opaque DecryptionError unless the tag is one this server issued for these values."""
    expected = relay_tag(
        server_secret,
        commitment,
        ciphertext,
        sender_account_id=sender_account_id,
        conversation_id=conversation_id,
        seq=seq,
        server_time=server_time,
    )
    if not ct_equal(expected, tag):
        fail()


class FrankingReport:
    """What a reporting recipient submits (sealed to the moderators inside an alert packet). Encoding, version 2:

        u8 version=2 || lp(message_id) || lp(sender UTF-8) || lp(conversation UTF-8) || u64 seq || lp(plaintext) ||
        franking_key (32) || commitment (32) || ciphertext_hash (32) || u64 server_time || tag (32)

    `sender_account_id`, `conversation_id`, `seq` and `server_time` are the reporter's *claims*: they mean
    something only once the relay's tag has been recomputed over them (`verify_report`, or the server's half of
    POST /v1/alerts/{id}/verify). Version 1 (no seq, tag v1) is refused: its tag cannot name the sender."""

    __slots__ = (
        "ciphertext_hash",
        "commitment",
        "conversation_id",
        "franking_key",
        "message_id",
        "plaintext",
        "sender_account_id",
        "seq",
        "server_time",
        "tag",
    )

    def __init__(
        self,
        message_id: bytes,
        sender_account_id: str,
        conversation_id: str,
        seq: int,
        plaintext: bytes,
        franking_key: bytes,
        commitment: bytes,
        ciphertext_hash: bytes,
        server_time: int,
        tag: bytes,
    ) -> None:
        for value, size in (
            (franking_key, FRANKING_KEY_BYTES),
            (commitment, COMMITMENT_BYTES),
            (ciphertext_hash, CIPHERTEXT_HASH_BYTES),
            (tag, TAG_BYTES),
        ):
            if len(value) != size:
                raise InvalidKeyError("wrong field size in franking report")
        if not (0 <= seq < _U64_LIMIT and 0 <= server_time < _U64_LIMIT):
            raise InvalidKeyError("seq or server time out of range")
        self.message_id = bytes(message_id)
        self.sender_account_id = sender_account_id
        self.conversation_id = conversation_id
        self.seq = seq
        self.plaintext = bytes(plaintext)
        self.franking_key = bytes(franking_key)
        self.commitment = bytes(commitment)
        self.ciphertext_hash = bytes(ciphertext_hash)
        self.server_time = server_time
        self.tag = bytes(tag)

    @classmethod
    def build(
        cls,
        *,
        message_id: bytes,
        sender_account_id: str,
        conversation_id: str,
        seq: int,
        plaintext: bytes,
        franking_key: bytes,
        commitment: bytes,
        ciphertext: bytes,
        server_time: int,
        tag: bytes,
    ) -> FrankingReport:
        """Recipient side, from what it received (sender, conversation, seq, time: the deliver frame's) and
        decrypted."""
        return cls(
            message_id,
            sender_account_id,
            conversation_id,
            seq,
            plaintext,
            franking_key,
            commitment,
            ciphertext_hash(ciphertext),
            server_time,
            tag,
        )

    def check_commitment(self) -> None:
        """Anyone (the moderator): the reported plaintext is what the commitment binds. Opaque error if not.
        This says nothing about who sent it: any sender can commit over any account id."""
        open_commitment(
            self.franking_key,
            self.commitment,
            self.message_id,
            self.sender_account_id,
            self.conversation_id,
            self.plaintext,
        )

    def expected_tag(self, server_secret: bytes) -> bytes:
        return relay_tag_for_hash(
            server_secret,
            self.commitment,
            self.ciphertext_hash,
            sender_account_id=self.sender_account_id,
            conversation_id=self.conversation_id,
            seq=self.seq,
            server_time=self.server_time,
        )

    def __bytes__(self) -> bytes:
        return (
            bytes([REPORT_VERSION])
            + lp(self.message_id)
            + lp(self.sender_account_id.encode())
            + lp(self.conversation_id.encode())
            + u64(self.seq)
            + lp(self.plaintext)
            + self.franking_key
            + self.commitment
            + self.ciphertext_hash
            + u64(self.server_time)
            + self.tag
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> FrankingReport:
        r = Reader(data)
        if r.u8() != REPORT_VERSION:
            raise InvalidKeyError("unknown report version")
        out = cls(
            r.lp(),
            r.text(),
            r.text(),
            r.u64(),
            r.lp(),
            r.take(FRANKING_KEY_BYTES),
            r.take(COMMITMENT_BYTES),
            r.take(CIPHERTEXT_HASH_BYTES),
            r.u64(),
            r.take(TAG_BYTES),
        )
        r.done()
        return out

    def __repr__(self) -> str:
        return (
            f"FrankingReport(message_id={self.message_id.hex()}, conversation={self.conversation_id!r}, seq={self.seq})"
        )


def verify_report(server_secret: bytes, report: FrankingReport) -> None:
    """Whole check in one place (vectors, tests): the commitment opens AND this server issued the tag for this
    commitment, ciphertext, sender, conversation, seq and time. In production the two halves run apart: the
    moderator's device opens the commitment, the server recomputes the tag (server/alerts/service.py)."""
    report.check_commitment()
    if not ct_equal(report.expected_tag(server_secret), report.tag):
        fail()
