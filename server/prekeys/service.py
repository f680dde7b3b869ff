"""Prekeys: an identity publishes its signed prekey and one-time prekeys; a peer fetches a bundle to open a
session while the owner is offline. Each one-time prekey is handed out once and deleted in the same
transaction (X3DH §3.2), and only to someone who shares a conversation with the owner.

Draining (issue 10, 6b): fetching someone's one-time prekeys until none is left and then watching for a refill
used to tell when their device came online. Three things close it: bundles per (requester, owner) pair are limited
(`HAVEN_PREKEY_BUNDLES_PER_PAIR_PER_HOUR`, `HAVEN_PREKEY_BUNDLE_PAIR_BURST`; 429 `prekey_fetch_limited`); once the
one-time prekeys are gone the bundle carries the owner's last-resort prekey, which is never deleted (Signal's
"last resort" prekey, PQXDH §2.5, §3.2, §4.3), so a drain never blocks a session; and the client refills on a
randomised schedule rather than when it connects (client/haven.py)."""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from crypto.errors import CryptoError
from crypto.keys import IdentityPublic, OneTimePreKeyPublic, SignedPreKeyPublic
from crypto.x3dh import PreKeyBundle
from server.identity.exceptions import UnknownIdentity
from server.limits.interface import RateLimiter
from server.models import ConversationMember, Identity, OneTimePreKeyRecord, SignedPreKeyRecord
from server.models.prekey import LastResortPreKeyRecord
from server.prekeys import exceptions as refused

MAX_ONE_TIME_PREKEYS = 500


def _identity_public(identity: Identity) -> IdentityPublic:
    return IdentityPublic.from_bytes(identity.signing_key + identity.agreement_key)


async def upload(
    db: AsyncSession,
    account_id: str,
    signed: bytes | None,
    one_time: list[bytes],
    last_resort: bytes | None = None,
) -> None:
    identity = await db.get(Identity, account_id)
    if identity is None:
        raise UnknownIdentity()
    if signed is not None:
        try:
            spk = SignedPreKeyPublic.from_bytes(signed)
            spk.verify(_identity_public(identity))
        except (CryptoError, ValueError):
            raise refused.SignedPreKeyInvalid() from None
        record = await db.get(SignedPreKeyRecord, account_id)
        if record is None:
            db.add(SignedPreKeyRecord(account_id=account_id, key_id=spk.key_id, public=signed))
        else:
            record.key_id = spk.key_id
            record.public = signed
    if last_resort is not None:
        try:
            OneTimePreKeyPublic.from_bytes(last_resort)
        except (CryptoError, ValueError):
            raise refused.LastResortPreKeyMalformed() from None
        kept = await db.get(LastResortPreKeyRecord, account_id)
        if kept is None:
            db.add(LastResortPreKeyRecord(account_id=account_id, public=last_resort))
        else:
            kept.public = last_resort
    parsed: dict[int, bytes] = {}
    for raw in one_time:
        try:
            parsed[OneTimePreKeyPublic.from_bytes(raw).key_id] = raw
        except (CryptoError, ValueError):
            raise refused.OneTimePreKeyMalformed() from None
    if parsed:
        existing = set(
            await db.scalars(
                select(OneTimePreKeyRecord.key_id).where(
                    OneTimePreKeyRecord.account_id == account_id, OneTimePreKeyRecord.key_id.in_(parsed)
                )
            )
        )
        if existing:
            raise refused.OneTimePreKeyExists()
        if await count_one_time(db, account_id) + len(parsed) > MAX_ONE_TIME_PREKEYS:
            raise refused.TooManyOneTimePreKeys(limit=MAX_ONE_TIME_PREKEYS)
        db.add_all(OneTimePreKeyRecord(account_id=account_id, key_id=k, public=v) for k, v in parsed.items())
    await db.commit()


async def count_one_time(db: AsyncSession, account_id: str) -> int:
    count = await db.scalar(
        select(func.count()).select_from(OneTimePreKeyRecord).where(OneTimePreKeyRecord.account_id == account_id)
    )
    return int(count or 0)


async def signed_prekey_id(db: AsyncSession, account_id: str) -> int | None:
    return await db.scalar(select(SignedPreKeyRecord.key_id).where(SignedPreKeyRecord.account_id == account_id))


async def last_resort_id(db: AsyncSession, account_id: str) -> int | None:
    kept = await db.get(LastResortPreKeyRecord, account_id)
    return None if kept is None else OneTimePreKeyPublic.from_bytes(kept.public).key_id


async def share_a_conversation(db: AsyncSession, a: str, b: str) -> bool:
    mine = select(ConversationMember.conversation_id).where(ConversationMember.account_id == a)
    found = await db.scalar(
        select(ConversationMember.conversation_id)
        .where(ConversationMember.account_id == b, ConversationMember.conversation_id.in_(mine))
        .limit(1)
    )
    return found is not None


async def take_bundle(db: AsyncSession, requester: str, owner: str, limiter: RateLimiter) -> bytes:
    """A bundle for `owner`, spending one of its one-time prekeys (none left: its last-resort prekey; neither
    published: a bundle without one)."""
    if requester == owner or not await share_a_conversation(db, requester, owner):
        raise refused.NoSharedConversation()
    # After the authorisation check, so a stranger cannot spend a pair's budget; in memory (or in Redis under a
    # keyed hash of the pair that expires once refilled), so no table records who fetched whose keys.
    if not await limiter.take(f"{requester}>{owner}"):
        raise refused.PreKeyFetchLimited()
    identity = await db.get(Identity, owner)
    signed = await db.get(SignedPreKeyRecord, owner)
    if identity is None or signed is None:
        raise refused.NoPreKeys()
    one_time: OneTimePreKeyPublic | None = None
    for _attempt in range(5):
        candidate = await db.scalar(
            select(OneTimePreKeyRecord)
            .where(OneTimePreKeyRecord.account_id == owner)
            .order_by(OneTimePreKeyRecord.key_id)
            .limit(1)
        )
        if candidate is None:
            break
        taken = await db.execute(
            delete(OneTimePreKeyRecord).where(
                OneTimePreKeyRecord.account_id == owner, OneTimePreKeyRecord.key_id == candidate.key_id
            )
        )
        if taken.rowcount:  # type: ignore[attr-defined]
            one_time = OneTimePreKeyPublic.from_bytes(candidate.public)
            break
        # Another request took this one between our read and our delete: try the next.
    if one_time is None:
        kept = await db.get(LastResortPreKeyRecord, owner)
        if kept is not None:
            one_time = OneTimePreKeyPublic.from_bytes(kept.public)
    await db.commit()
    bundle = PreKeyBundle(_identity_public(identity), SignedPreKeyPublic.from_bytes(signed.public), one_time)
    return bytes(bundle)
