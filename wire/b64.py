"""Strict standard base64 (RFC 4648 §4, with padding) for every binary field on the wire."""

from __future__ import annotations

import base64
import binascii
import dataclasses
from typing import Annotated

from pydantic import BeforeValidator, GetJsonSchemaHandler, PlainSerializer
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError


def b64encode(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


# What a strict standard base64 string looks like, for the OpenAPI document.
BASE64_PATTERN = r"^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$"


def base64_chars(size: int) -> int:
    """Characters of the padded base64 text of `size` bytes."""
    return 4 * ((size + 2) // 3)


@dataclasses.dataclass(frozen=True, slots=True)
class _Base64(BeforeValidator):
    """The decoder, and the OpenAPI schema of what it accepts: base64 text whose length follows from the byte
    sizes, so a generated client or fuzzer knows them (issue 10, item 9)."""

    min_bytes: int = 1
    max_bytes: int | None = None

    def __get_pydantic_json_schema__(self, _core: CoreSchema, _handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        schema: JsonSchemaValue = {
            "type": "string",
            "contentEncoding": "base64",
            "pattern": BASE64_PATTERN,
            "minLength": base64_chars(self.min_bytes),
        }
        if self.max_bytes is not None:
            schema["maxLength"] = base64_chars(self.max_bytes)
        return schema


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

    return _Base64(decode, min_bytes=exact or 1, max_bytes=exact if exact is not None else maximum)


serializer = PlainSerializer(b64encode, return_type=str)

# Sizes are fixed by the protocol, not by settings, so they live here.
ClientMessageId = Annotated[bytes, decoder(exact=16), serializer]
Signature = Annotated[bytes, decoder(exact=64), serializer]
PublicKey = Annotated[bytes, decoder(exact=32), serializer]
Challenge = Annotated[bytes, decoder(exact=32), serializer]
Ciphertext = Annotated[bytes, decoder(maximum=1 << 20), serializer]
Blob = Annotated[bytes, decoder(maximum=4096), serializer]
Commitment = Annotated[bytes, decoder(exact=32), serializer]
