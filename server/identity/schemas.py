"""Request and response bodies of the identity endpoints."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from server.protocol.b64 import PublicKey, Signature, decoder, serializer

ChallengeToken = Annotated[bytes, decoder(exact=40), serializer]
Proof = Annotated[bytes, decoder(exact=32), serializer]


class RegistrationChallenge(BaseModel):
    challenge: ChallengeToken
    server_ephemeral: PublicKey
    pow_bits: int
    expires_at: int = Field(description="milliseconds since the epoch")


class RegistrationRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

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
