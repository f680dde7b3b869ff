"""Request and response bodies of the prekey endpoints."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from wire.b64 import decoder, serializer

# crypto.keys.SignedPreKeyPublic / OneTimePreKeyPublic / crypto.x3dh.PreKeyBundle encodings.
SignedPreKeyBytes = Annotated[bytes, decoder(exact=100), serializer]
OneTimePreKeyBytes = Annotated[bytes, decoder(exact=36), serializer]
BundleBytes = Annotated[bytes, decoder(maximum=512), serializer]


class _Body(BaseModel):
    # Strict at the edge: `0` is not `false`, "5" is not 5 (issue 10, item 9).
    model_config = ConfigDict(extra="forbid", strict=True)


class PreKeyUpload(_Body):
    signed_prekey: SignedPreKeyBytes | None = None
    one_time_prekeys: Annotated[list[OneTimePreKeyBytes], Field(max_length=200)] = Field(default_factory=list)
    # Replaces the previous one; handed out only when no one-time prekey is left, and never deleted by a fetch.
    last_resort_prekey: OneTimePreKeyBytes | None = None


class PreKeyCount(BaseModel):
    signed_prekey_id: int | None
    one_time_prekeys: int
    last_resort_prekey_id: int | None = None


class PreKeyBundleOut(BaseModel):
    account_id: str
    bundle: BundleBytes = Field(
        description="crypto.x3dh.PreKeyBundle encoding; one one-time prekey spent, or the last-resort prekey"
    )
