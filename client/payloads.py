"""What a client puts in a conversation message's opaque `ciphertext` (the server never parses it).

    payload   = u8 kind || ...
    GROUP     kind 0x01: GroupMessage (crypto.sender_keys wire, to the end)
    PAIRWISE  kind 0x02: u8 count (1..16) || count × (recipient account id (16 raw bytes) || u32 len || pairwise)
    pairwise  = u8 type || message        type 1 = crypto.session.InitialMessage, 2 = crypto.ratchet.RatchetMessage
                                          (len counts the type byte too)

A pairwise payload carries one entry per recipient device-account (at most 16, each at most once) so that one relayed
message reaches the few members of a small conversation (a counseling session, a transfer) each under their own
Double Ratchet session. Anything malformed is a `PayloadError`; nothing here decrypts.
"""

from __future__ import annotations

from dataclasses import dataclass

from client.errors import HavenClientError
from crypto.encoding import Reader, u8, u32
from crypto.envelope import BUCKETS
from crypto.envelope import HEADER_BYTES as ENVELOPE_HEADER_BYTES
from crypto.errors import CryptoError
from crypto.ratchet import RatchetMessage
from crypto.sender_keys import GroupMessage
from crypto.session import InitialMessage

KIND_GROUP = 0x01
KIND_PAIRWISE = 0x02
TYPE_INITIAL = 1
TYPE_RATCHET = 2
MAX_ENTRIES = 16
ACCOUNT_ID_BYTES = 16


class PayloadError(HavenClientError, ValueError):
    """A payload that is not well-formed. Says what is wrong with the framing, never anything about contents."""

    def __init__(self, message: str) -> None:
        super().__init__("bad_payload", message)


def _account_bytes(account_id: str) -> bytes:
    if len(account_id) != 2 * ACCOUNT_ID_BYTES or account_id != account_id.lower():
        raise PayloadError("account id must be 32 lowercase hex characters")
    try:
        return bytes.fromhex(account_id)
    except ValueError:
        raise PayloadError("account id must be 32 lowercase hex characters") from None


@dataclass(frozen=True, slots=True)
class GroupPayload:
    message: GroupMessage

    def encode(self) -> bytes:
        return u8(KIND_GROUP) + bytes(self.message)


@dataclass(frozen=True, slots=True)
class PairwiseEntry:
    """One recipient's pairwise ciphertext: an InitialMessage (`initial`) or a RatchetMessage, encoded."""

    recipient: str
    initial: bool
    data: bytes

    def __post_init__(self) -> None:
        _account_bytes(self.recipient)

    def message(self) -> InitialMessage | RatchetMessage:
        """Parse the inner message; the crypto layer's opaque DecryptionError if it is malformed."""
        return InitialMessage.from_bytes(self.data) if self.initial else RatchetMessage.from_bytes(self.data)

    def encode(self) -> bytes:
        inner = u8(TYPE_INITIAL if self.initial else TYPE_RATCHET) + self.data
        return _account_bytes(self.recipient) + u32(len(inner)) + inner

    def __repr__(self) -> str:
        return f"PairwiseEntry(recipient={self.recipient}, initial={self.initial}, {len(self.data)} bytes)"


@dataclass(frozen=True, slots=True)
class PairwisePayload:
    entries: tuple[PairwiseEntry, ...]

    def __post_init__(self) -> None:
        if not 1 <= len(self.entries) <= MAX_ENTRIES:
            raise PayloadError("a pairwise payload has 1..16 entries")
        if len({e.recipient for e in self.entries}) != len(self.entries):
            raise PayloadError("duplicate recipient in pairwise payload")

    def entry_for(self, account_id: str) -> PairwiseEntry | None:
        return next((e for e in self.entries if e.recipient == account_id), None)

    def encode(self) -> bytes:
        return u8(KIND_PAIRWISE) + u8(len(self.entries)) + b"".join(e.encode() for e in self.entries)


def _decode_pairwise(r: Reader) -> PairwisePayload:
    count = r.u8()
    if not 1 <= count <= MAX_ENTRIES:
        raise PayloadError("a pairwise payload has 1..16 entries")
    entries = []
    for _ in range(count):
        recipient = r.take(ACCOUNT_ID_BYTES).hex()
        inner = Reader(r.take(r.u32()))
        kind = inner.u8()
        if kind not in (TYPE_INITIAL, TYPE_RATCHET):
            raise PayloadError("unknown pairwise message type")
        entry = PairwiseEntry(recipient, kind == TYPE_INITIAL, inner.rest())
        entry.message()  # well-formed now, so a bad entry is refused here and not later
        entries.append(entry)
    r.done()
    return PairwisePayload(tuple(entries))


def decode_payload(data: bytes) -> GroupPayload | PairwisePayload:
    try:
        r = Reader(bytes(data))
        kind = r.u8()
        if kind == KIND_GROUP:
            return GroupPayload(GroupMessage.from_bytes(r.rest()))
        if kind == KIND_PAIRWISE:
            return _decode_pairwise(r)
    except CryptoError:  # InvalidKeyError (truncation) or DecryptionError (inner message malformed)
        raise PayloadError("malformed payload") from None
    raise PayloadError("unknown payload kind")


# --- the frame budget (C8, C15) -------------------------------------------------------------------------------
# What one `send` frame adds around the base64 ciphertext (docs/protocol.md §3.2): the JSON keys, a 32-hex
# conversation id, the base64 client id and commitment come to 189 bytes; the rest is room for a longer id.
SEND_FRAME_OVERHEAD = 256
# u8 kind || GroupMessage: 18 + len(group_id) 16 + padded + AEAD tag 16 + signature 64 (C7).
GROUP_PAYLOAD_OVERHEAD = 1 + 18 + 16 + 16 + 64
# Per PAIRWISE entry: recipient (16) || u32 len || u8 type || InitialMessage, the larger of the two messages:
# u8 version || X3DH header (106) || RatchetMessage (u8 version || header 40 || AEAD tag 16) around the padded text.
PAIRWISE_ENTRY_OVERHEAD = ACCOUNT_ID_BYTES + 4 + 1 + (1 + 106 + 1 + 40 + 16)
PAIRWISE_PAYLOAD_OVERHEAD = 2
DEFAULT_MAX_FRAME_BYTES = 64 * 1024


def max_body_bytes(recipients: int, *, group: bool = False, max_frame_bytes: int = DEFAULT_MAX_FRAME_BYTES) -> int:
    """The largest envelope body (UTF-8 text) one `send` frame can carry, 0 if none fits.

    A padded envelope is one of BUCKETS (C8); a group message carries it once, a PAIRWISE message once per
    recipient (C15), and the frame carries the payload in base64. So, for the largest bucket B with

        SEND_FRAME_OVERHEAD + 4 * ceil(payload(B) / 3) <= max_frame_bytes
        payload(B) = 115 + B                          (group: `recipients` does not matter)
                   = 2 + recipients * (185 + B)       (pairwise, every entry counted as an InitialMessage)

    the limit is B - 1 - 54 (sodium_pad adds at least one byte; the envelope header is 54 bytes). With the
    default 64 KiB frame: 32,713 bytes for a group or one recipient, 16,329 for two, 4,041 for three to
    eleven, 969 for twelve to sixteen.
    """
    if not group and not 1 <= recipients <= MAX_ENTRIES:
        raise PayloadError("a pairwise payload has 1..16 entries")
    for bucket in reversed(BUCKETS):
        if group:
            payload = GROUP_PAYLOAD_OVERHEAD + bucket
        else:
            payload = PAIRWISE_PAYLOAD_OVERHEAD + recipients * (PAIRWISE_ENTRY_OVERHEAD + bucket)
        if SEND_FRAME_OVERHEAD + 4 * -(-payload // 3) <= max_frame_bytes:
            return bucket - 1 - ENVELOPE_HEADER_BYTES
    return 0
