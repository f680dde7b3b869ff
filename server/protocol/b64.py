"""Strict standard base64 (RFC 4648 §4, with padding) for every binary field on the wire."""

from __future__ import annotations

import base64
import binascii
from typing import Annotated

from pydantic import BeforeValidator, PlainSerializer
from pydantic_core import PydanticCustomError


def b64encode(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def decoder(exact: int | None = None, maximum: int | None = None) -> BeforeValidator:
    def decode(value: object) -> bytes:
        # bytes arrive only from the server's own code building a response; the wire always carries text.
        if isinstance(value, bytes):
            raw = value
        elif isinstance(value, str):
            try:
                raw = binascii.a2b_base64(value.encode("ascii"), strict_mode=True)
            except (binascii.Error, UnicodeEncodeError, ValueError):
                raise PydanticCustomError("bad_base64", "not strict base64") from None
        else:
            raise PydanticCustomError("bad_base64", "expected a base64 string")
        if exact is not None and len(raw) != exact:
            raise PydanticCustomError("bad_length", "expected {exact} bytes", {"exact": exact})
        if maximum is not None and len(raw) > maximum:
            raise PydanticCustomError("bad_length", "at most {maximum} bytes", {"maximum": maximum})
        if len(raw) == 0:
            raise PydanticCustomError("bad_length", "must not be empty")
        return raw

    return BeforeValidator(decode)


serializer = PlainSerializer(b64encode, return_type=str)

# Sizes are fixed by the protocol, not by settings, so they live here.
ClientMessageId = Annotated[bytes, decoder(exact=16), serializer]
Signature = Annotated[bytes, decoder(exact=64), serializer]
PublicKey = Annotated[bytes, decoder(exact=32), serializer]
Challenge = Annotated[bytes, decoder(exact=32), serializer]
Ciphertext = Annotated[bytes, decoder(maximum=1 << 20), serializer]
Blob = Annotated[bytes, decoder(maximum=4096), serializer]
Commitment = Annotated[bytes, decoder(exact=32), serializer]
