"""Registration: a new pseudonymous identity, after its proof of work and proofs of key possession."""

from __future__ import annotations

import time

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from crypto.pow import verify_pow
from crypto.registration import account_id_of, verify_agreement_proof, verify_registration_signature
from server.clock import now_ms, today
from server.errors import HavenHTTPError
from server.identity import challenge
from server.identity.schemas import RegistrationChallenge, RegistrationRequest
from server.models import Identity, UsedChallenge
from server.runtime import Runtime
from wire.codes import ApiCode


def issue_challenge(runtime: Runtime) -> RegistrationChallenge:
    # The difficulty rises with the deployment's recent registrations instead of a bucket that refuses: a bucket
    # one attacker drains locks out every honest newcomer, including someone in crisis (issue 10, item 8). The
    # challenge carries its difficulty, so a spike after it was issued does not refuse its honest solver.
    bits = runtime.registration_difficulty.bits(time.monotonic())
    issued = challenge.issue(
        runtime.server_secret, now_ms(), runtime.settings.registration_challenge_ttl_seconds, pow_bits=bits
    )
    return RegistrationChallenge(
        challenge=issued.token,
        server_ephemeral=issued.ephemeral_public,
        pow_bits=bits,
        expires_at=issued.expires_ms,
    )


async def register(runtime: Runtime, db: AsyncSession, request: RegistrationRequest) -> str:
    try:
        nonce, expires_ms = challenge.check(runtime.server_secret, request.challenge, now_ms())
    except challenge.ChallengeError as exc:
        raise HavenHTTPError(exc.code, exc.message) from None
    keys = request.signing_key + request.agreement_key
    required = max(challenge.pow_bits_of(nonce), runtime.settings.registration_pow_bits)
    if not verify_pow(request.challenge, keys, request.pow_counter, required):
        raise HavenHTTPError(ApiCode.POW_INSUFFICIENT, "the proof of work does not meet the difficulty")
    if not verify_agreement_proof(
        challenge.ephemeral_private(runtime.server_secret, nonce),
        request.challenge,
        request.signing_key,
        request.agreement_key,
        request.agreement_proof,
    ):
        raise HavenHTTPError(ApiCode.PROOF_INVALID, "the agreement-key proof does not verify")
    if not verify_registration_signature(
        request.signing_key,
        request.agreement_key,
        request.challenge,
        request.agreement_proof,
        request.signature,
    ):
        raise HavenHTTPError(ApiCode.SIGNATURE_INVALID, "the signature does not verify")

    account_id = account_id_of(request.signing_key, request.agreement_key)
    if await db.get(Identity, account_id) is not None:
        raise HavenHTTPError(ApiCode.IDENTITY_EXISTS, "this identity is already registered")
    db.add(UsedChallenge(nonce=nonce, expires_at_ms=expires_ms))
    db.add(
        Identity(
            account_id=account_id,
            signing_key=request.signing_key,
            agreement_key=request.agreement_key,
            created_day=today(),
        )
    )
    try:
        await db.commit()
    except IntegrityError:
        await db.rollback()
        raise HavenHTTPError(ApiCode.CHALLENGE_USED, "this challenge was already spent") from None
    runtime.registration_difficulty.record(time.monotonic())
    return account_id
