"""Fixed, big-endian byte encodings shared by every serialised object.

u8/u16/u32/u64 are unsigned big-endian; `lp(x)` is u32be(len(x)) || x. A `Reader` that runs past the end or
has bytes left over raises `InvalidKeyError` for stored objects; callers that parse attacker-supplied
messages turn that into the opaque `DecryptionError`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from crypto.errors import InvalidKeyError, fail

_T = TypeVar("_T")


def u8(value: int) -> bytes:
    return value.to_bytes(1, "big")


def u16(value: int) -> bytes:
    return value.to_bytes(2, "big")


def u32(value: int) -> bytes:
    return value.to_bytes(4, "big")


def u64(value: int) -> bytes:
    return value.to_bytes(8, "big")


def lp(value: bytes) -> bytes:
    return u32(len(value)) + value


class Reader:
    __slots__ = ("_data", "_pos")

    def __init__(self, data: bytes) -> None:
        self._data = bytes(data)
        self._pos = 0

    def take(self, size: int) -> bytes:
        if size < 0 or self._pos + size > len(self._data):
            raise InvalidKeyError("truncated encoding")
        out = self._data[self._pos : self._pos + size]
        self._pos += size
        return out

    def u8(self) -> int:
        return self.take(1)[0]

    def u16(self) -> int:
        return int.from_bytes(self.take(2), "big")

    def u32(self) -> int:
        return int.from_bytes(self.take(4), "big")

    def u64(self) -> int:
        return int.from_bytes(self.take(8), "big")

    def lp(self) -> bytes:
        return self.take(self.u32())

    def text(self) -> str:
        """A length-prefixed UTF-8 string."""
        try:
            return self.lp().decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidKeyError("invalid UTF-8 in encoding") from None

    def rest(self) -> bytes:
        return self.take(len(self._data) - self._pos)

    def done(self) -> None:
        if self._pos != len(self._data):
            raise InvalidKeyError("trailing bytes in encoding")


def read_untrusted(data: bytes, version: int, read: Callable[[Reader], _T]) -> _T:
    """Parse attacker-supplied bytes that open with a version byte: a wrong version, or an InvalidKeyError anywhere
    in `read` (too short, bytes left over, a bad key), is the opaque DecryptionError."""
    try:
        r = Reader(data)
        if r.u8() != version:
            fail()
        return read(r)
    except InvalidKeyError:
        fail()
