"""Request and response bodies of the identity, login and prekey endpoints."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from wire.b64 import Challenge, PublicKey, Signature, decoder, serializer
from wire.frames import AccountId

ChallengeToken = Annotated[bytes, decoder(exact=40), serializer]
Proof = Annotated[bytes, decoder(exact=32), serializer]


class _Body(BaseModel):
    # Strict at the edge: `0` is not `false`, "5" is not 5 (issue 10, item 9).
    model_config = ConfigDict(extra="forbid", strict=True)


class RegistrationChallenge(BaseModel):
    challenge: ChallengeToken
    server_ephemeral: PublicKey
    pow_bits: int
    expires_at: int = Field(description="milliseconds since the epoch")


class RegistrationRequest(_Body):
    signing_key: PublicKey
    agreement_key: PublicKey
    challenge: ChallengeToken
    pow_counter: Annotated[int, Field(ge=0, lt=2**64)]
    agreement_proof: Proof
    signature: Signature


class IdentityOut(BaseModel):
    account_id: str
    signing_key: PublicKey
    agreement_key: PublicKey


class LoginChallenge(BaseModel):
    challenge: Challenge
    server_id: str
    expires_at: int


class TokenRequest(_Body):
    account: AccountId
    challenge: Challenge
    time: Annotated[int, Field(ge=0, lt=2**63)]
    signature: Signature


class TokenOut(BaseModel):
    token: str = Field(description="send as Authorization: Bearer <token>")
    expires_at: int


class MeOut(BaseModel):
    account_id: str
    roles: list[str]
