"""HTTP bearer tokens: issued after a signed login challenge, stored only as an HMAC, expiring.

A client signs the same transcript as on the websocket (crypto/auth.py) over a login challenge, and gets a
random token. The server keeps HMAC-SHA256(server_secret, domain || token), so a copy of the database opens
no session, and deletes the row once it expires.
"""

from __future__ import annotations

import secrets

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from crypto.auth import verify_auth
from crypto.primitives import hmac_sha256
from server import clock
from server.identity import challenge
from server.identity.exceptions import LoginChallengeSpent, LoginSignatureInvalid, SignedTimeStale
from server.identity.repository import signing_key_of
from server.models import AuthToken, UsedChallenge

TOKEN_BYTES = 32
_TOKEN_DOMAIN = b"haven-api-token-v1\x00"


def token_hash(secret: bytes, token: bytes) -> bytes:
    return hmac_sha256(secret, _TOKEN_DOMAIN + token)


async def issue_token(
    db: AsyncSession,
    *,
    secret: bytes,
    server_id: str,
    account_id: str,
    login_challenge: bytes,
    time_ms: int,
    signature: bytes,
    clock_skew_ms: int,
    ttl_seconds: int,
) -> tuple[bytes, int]:
    """(token, expires_ms) for a valid signed login; refusals name the rule, the same for unknown accounts."""
    now_ms = clock.now_ms()
    nonce, expires_ms = challenge.check_login(secret, login_challenge, now_ms)
    if abs(time_ms - now_ms) > clock_skew_ms:
        raise SignedTimeStale()
    key = await signing_key_of(db, account_id)
    if key is None or not verify_auth(key, signature, login_challenge, server_id, time_ms, account_id):
        # Unknown account and bad signature look the same, so this is no oracle for registrations.
        raise LoginSignatureInvalid()
    token = secrets.token_bytes(TOKEN_BYTES)
    token_expires = now_ms + ttl_seconds * 1000
    db.add(UsedChallenge(nonce=nonce, expires_at_ms=expires_ms))
    db.add(AuthToken(token_hash=token_hash(secret, token), account_id=account_id, expires_at_ms=token_expires))
    try:
        await db.commit()
    except IntegrityError:
        await db.rollback()
        raise LoginChallengeSpent() from None
    return token, token_expires


async def account_for_token(db: AsyncSession, secret: bytes, token: bytes) -> str | None:
    return await db.scalar(
        select(AuthToken.account_id).where(
            AuthToken.token_hash == token_hash(secret, token), AuthToken.expires_at_ms > clock.now_ms()
        )
    )


async def revoke_token(db: AsyncSession, secret: bytes, token: bytes) -> None:
    await db.execute(delete(AuthToken).where(AuthToken.token_hash == token_hash(secret, token)))
    await db.commit()
