"""Creating conversations and changing who is in them.

Groups and counseling sessions call this to open their conversations; the relay itself only checks
membership. A member added later starts at the conversation's current position, so it is never handed what
was said before it joined.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from server.clock import today
from server.conversations import exceptions as refused
from server.models import Conversation, ConversationMember

CONVERSATION_KINDS = frozenset({"direct", "group", "session"})


def new_conversation_id() -> str:
    return secrets.token_hex(16)


async def create_conversation(session: AsyncSession, kind: str, members: Iterable[str]) -> str:
    if kind not in CONVERSATION_KINDS:
        raise refused.UnknownConversationKind()
    conversation_id = new_conversation_id()
    session.add(Conversation(id=conversation_id, kind=kind, last_seq=0, created_day=today()))
    await session.flush()
    for account_id in dict.fromkeys(members):
        session.add(
            ConversationMember(conversation_id=conversation_id, account_id=account_id, acked_seq=0, joined_seq=0)
        )
    await session.flush()
    return conversation_id


async def add_member(session: AsyncSession, conversation_id: str, account_id: str) -> None:
    conversation = await session.get(Conversation, conversation_id, with_for_update=True)
    if conversation is None:
        raise refused.UnknownConversation()
    if await session.get(ConversationMember, (conversation_id, account_id)) is not None:
        return
    session.add(
        ConversationMember(
            conversation_id=conversation_id,
            account_id=account_id,
            acked_seq=conversation.last_seq,
            joined_seq=conversation.last_seq,
        )
    )
    await session.flush()


async def remove_member(session: AsyncSession, conversation_id: str, account_id: str) -> None:
    await session.execute(
        delete(ConversationMember).where(
            ConversationMember.conversation_id == conversation_id,
            ConversationMember.account_id == account_id,
        )
    )


async def member_ids(session: AsyncSession, conversation_id: str) -> list[str]:
    rows = await session.scalars(
        select(ConversationMember.account_id).where(ConversationMember.conversation_id == conversation_id)
    )
    return list(rows)
