"""Deleting an identity and everything the server holds about it, in one transaction (DESIGN: a member "can
delete everything of theirs at once").

Gone: the identity and its keys, prekeys, tokens, roles, counselor profile; its memberships in groups and
conversations; every message it sent that is still queued, and every message queued only for it; its pair
channels and counseling sessions (their conversations and ciphertext), open or closed; its help requests.
Alerts about its messages keep only what the audit needs: the subject is cleared. In the audit log every entry
about it loses its subject, and every entry it made as a member loses its actor (value and salt erased; the
chain still verifies, crypto/audit.py v2). Left: the actor of staff actions by an account that held a staff
role (staff are accountable for what they did), and dedupe receipts, which are HMACs under the server secret
that no longer point to anything and expire within HAVEN_DEDUPE_WINDOW_SECONDS.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from server.accounts.exceptions import LastAdminNotDeletable
from server.accounts.staff import ROLES_WITH_WORK, end_role_work
from server.alerts.service import forget_subject
from server.audit import log as audit
from server.conversations.store import fully_acknowledged
from server.events import notify
from server.identity import roles
from server.identity.exceptions import UnknownIdentity
from server.models import (
    Conversation,
    ConversationMember,
    CounselingSession,
    Group,
    GroupInvite,
    GroupMember,
    Identity,
    Message,
    PairChannel,
)
from server.runtime import Runtime
from server.statuses import MemberStatus, SessionStatus


@dataclass
class Deleted:
    """What changed for others, to tell them once the transaction committed."""

    # group id -> (conversation, new membership version, remaining active members)
    groups: dict[str, tuple[str, int, list[str]]] = field(default_factory=dict)
    # session id -> the other participants
    sessions: dict[str, list[str]] = field(default_factory=dict)


async def delete_identity(runtime: Runtime, db: AsyncSession, account_id: str) -> None:
    """Delete the identity and everything the server holds about it in one transaction, then tell the groups
    and sessions it left."""
    identity = await db.get(Identity, account_id)
    if identity is None:
        raise UnknownIdentity()
    if await roles.accounts_with_role(db, "admin") == [account_id]:
        raise LastAdminNotDeletable()
    outcome = Deleted()
    was_staff = bool(await roles.roles_of(db, account_id))

    # Counseling: as a counselor it leaves every session (warm transfers complete, the rest go back to the
    # queue); as a member its sessions end with their conversations; its own requests go by cascade.
    for role in ROLES_WITH_WORK:
        outcome.sessions.update(await end_role_work(db, account_id, role))
    own = (
        await db.scalars(
            select(CounselingSession).where(
                CounselingSession.member_id == account_id, CounselingSession.status == SessionStatus.ACTIVE
            )
        )
    ).all()
    for session in own:
        outcome.sessions[session.id] = [a for a in (session.counselor_id, session.transfer_to) if a]
        if session.conversation_id is not None:
            await db.execute(delete(Conversation).where(Conversation.id == session.conversation_id))

    # Groups: leave every one (others start a new sender-key epoch), and drop its pair channels.
    channels = (
        await db.scalars(
            select(PairChannel.conversation_id).where(
                or_(PairChannel.account_low == account_id, PairChannel.account_high == account_id)
            )
        )
    ).all()
    if channels:
        await db.execute(delete(Conversation).where(Conversation.id.in_(channels)))
    memberships = (
        await db.execute(select(GroupMember.group_id, GroupMember.status).where(GroupMember.account_id == account_id))
    ).all()
    for group_id, status in memberships:
        group = await db.get(Group, group_id, with_for_update=True)
        if group is None or status != MemberStatus.ACTIVE:
            continue
        group.membership_version += 1
        remaining = list(
            await db.scalars(
                select(GroupMember.account_id).where(
                    GroupMember.group_id == group_id,
                    GroupMember.status == MemberStatus.ACTIVE,
                    GroupMember.account_id != account_id,
                )
            )
        )
        outcome.groups[group_id] = (group.conversation_id, group.membership_version, remaining)
    await db.execute(update(Group).where(Group.created_by == account_id).values(created_by=None))
    await db.execute(update(GroupInvite).where(GroupInvite.created_by == account_id).values(created_by=None))

    # Its queued messages, then whatever was waiting only for it.
    touched = list(
        await db.scalars(select(ConversationMember.conversation_id).where(ConversationMember.account_id == account_id))
    )
    await db.execute(delete(Message).where(Message.sender_id == account_id))
    await forget_subject(db, account_id)
    # Closed sessions it counseled that are still in their grace period (a member's go by cascade).
    await db.execute(
        delete(CounselingSession).where(
            CounselingSession.counselor_id == account_id, CounselingSession.status == SessionStatus.CLOSED
        )
    )
    await audit.erase_subject(db, account_id)
    if not was_staff:
        await audit.erase_actor(db, account_id)
    # Cascades: memberships, group rows, prekeys, tokens, roles, counselor profile, requests, sessions.
    await db.delete(identity)
    await db.flush()
    if touched:
        await db.execute(fully_acknowledged(set(touched)))
    await db.commit()
    _announce(runtime, account_id, outcome)


def _announce(runtime: Runtime, account_id: str, outcome: Deleted) -> None:
    for group_id, (conversation, version, members) in outcome.groups.items():
        notify(
            runtime,
            members,
            "membership",
            group=group_id,
            conversation=conversation,
            version=version,
            change="left",
            account=account_id,
        )
    for session_id, others in outcome.sessions.items():
        notify(runtime, others, "session_closed", session=session_id)
