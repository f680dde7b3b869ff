"""What goes inside every encrypted payload, and the padding that hides its length.

Envelope encoding (before padding):
    u8 version=1 || u8 content_type || message_id (16) || franking_key (32) || u32be len(body) || body
Padding: ISO/IEC 7816-4 exactly as libsodium's sodium_pad (append 0x80, then 0x00 up to the block size) with the
block size = the smallest bucket strictly larger than the encoded envelope, so the padded size is always one of
BUCKETS. Largest bucket 32768 bytes: the biggest wire message (group message: padded plaintext + 162 bytes
overhead) is 43,908 bytes in base64, well under the server's 64 KiB frame.
"""

from __future__ import annotations

from enum import IntEnum

from crypto.encoding import Reader, u8, u32
from crypto.errors import CryptoError, InvalidKeyError, fail
from crypto.franking import FRANKING_KEY_BYTES
from crypto.primitives import iso7816_pad, iso7816_unpad
from crypto.rng import Rng, resolve

ENVELOPE_VERSION = 1
MESSAGE_ID_BYTES = 16
HEADER_BYTES = 1 + 1 + MESSAGE_ID_BYTES + FRANKING_KEY_BYTES + 4  # 54
BUCKETS = (256, 1024, 4096, 16384, 32768)
MAX_BODY_BYTES = BUCKETS[-1] - 1 - HEADER_BYTES  # 32713: sodium_pad always adds at least one byte


class ContentType(IntEnum):
    TEXT = 1
    SENDER_KEY_DISTRIBUTION = 2
    ALERT = 3
    CONTROL = 4
    SESSION_NOTE = 5


class Envelope:
    __slots__ = ("body", "content_type", "franking_key", "message_id")

    def __init__(self, content_type: int, message_id: bytes, franking_key: bytes, body: bytes) -> None:
        if not 0 <= content_type <= 255:
            raise InvalidKeyError("content type is one byte")
        if len(message_id) != MESSAGE_ID_BYTES or len(franking_key) != FRANKING_KEY_BYTES:
            raise InvalidKeyError("message id is 16 bytes and franking key 32 bytes")
        if len(body) > MAX_BODY_BYTES:
            raise CryptoError(f"body longer than {MAX_BODY_BYTES} bytes")
        self.content_type = content_type
        self.message_id = bytes(message_id)
        self.franking_key = bytes(franking_key)
        self.body = bytes(body)

    @classmethod
    def new(cls, content_type: int, body: bytes, rng: Rng | None = None) -> Envelope:
        """A fresh random message id and franking key."""
        draw = resolve(rng)
        return cls(content_type, draw(MESSAGE_ID_BYTES), draw(FRANKING_KEY_BYTES), body)

    def encode(self) -> bytes:
        return (
            u8(ENVELOPE_VERSION)
            + u8(self.content_type)
            + self.message_id
            + self.franking_key
            + u32(len(self.body))
            + self.body
        )

    def seal(self) -> bytes:
        """The padded plaintext to hand to RatchetState.encrypt / GroupSession.encrypt."""
        return pad(self.encode())

    @classmethod
    def open(cls, padded: bytes) -> Envelope:
        """Parses a decrypted payload; a malformed one is the opaque DecryptionError (drop it)."""
        try:
            r = Reader(unpad(padded))
            if r.u8() != ENVELOPE_VERSION:
                fail()
            out = cls(r.u8(), r.take(MESSAGE_ID_BYTES), r.take(FRANKING_KEY_BYTES), r.lp())
            r.done()
            return out
        except (InvalidKeyError, CryptoError):
            fail()

    def __repr__(self) -> str:
        return f"Envelope(content_type={self.content_type}, message_id={self.message_id.hex()}, <body>)"


def bucket_for(length: int) -> int:
    for bucket in BUCKETS:
        if length < bucket:
            return bucket
    raise CryptoError("message too large for the largest padding bucket")


def pad(data: bytes) -> bytes:
    return iso7816_pad(data, bucket_for(len(data)))


def unpad(padded: bytes) -> bytes:
    if len(padded) not in BUCKETS:
        fail()
    return iso7816_unpad(padded, len(padded))
