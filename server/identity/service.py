"""Registration: a new pseudonymous identity, after its proof of work and proofs of key possession."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from crypto.pow import verify_pow
from crypto.registration import account_id_of, verify_agreement_proof, verify_registration_signature
from server.clock import now_ms, today
from server.identity import challenge
from server.identity.exceptions import (
    AgreementProofInvalid,
    ChallengeSpent,
    IdentityExists,
    PowInsufficient,
    RegistrationSignatureInvalid,
)
from server.identity.schemas import RegistrationChallenge, RegistrationRequest
from server.models import Identity, UsedChallenge
from server.runtime import Runtime


async def issue_challenge(runtime: Runtime) -> RegistrationChallenge:
    # The difficulty rises with the deployment's recent registrations instead of a bucket that refuses: a bucket
    # one attacker drains locks out every honest newcomer, including someone in crisis (issue 10, item 8). The
    # challenge carries its difficulty, so a spike after it was issued does not refuse its honest solver.
    bits = await runtime.registration_difficulty.bits()
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
    nonce, expires_ms = challenge.check(runtime.server_secret, request.challenge, now_ms())
    keys = request.signing_key + request.agreement_key
    required = max(challenge.pow_bits_of(nonce), runtime.settings.registration_pow_bits)
    if not verify_pow(request.challenge, keys, request.pow_counter, required):
        raise PowInsufficient()
    if not verify_agreement_proof(
        challenge.ephemeral_private(runtime.server_secret, nonce),
        request.challenge,
        request.signing_key,
        request.agreement_key,
        request.agreement_proof,
    ):
        raise AgreementProofInvalid()
    if not verify_registration_signature(
        request.signing_key,
        request.agreement_key,
        request.challenge,
        request.agreement_proof,
        request.signature,
    ):
        raise RegistrationSignatureInvalid()

    account_id = account_id_of(request.signing_key, request.agreement_key)
    if await db.get(Identity, account_id) is not None:
        raise IdentityExists()
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
        raise ChallengeSpent() from None
    await runtime.registration_difficulty.record()
    return account_id
