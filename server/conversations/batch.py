"""What one group-commit batch writes, decided in plain Python from what the batch read.

The rules of a send and an ack (membership, dedupe, seq allocation, franking, which recipients a delivery
goes to) live here once; the SQLite and PostgreSQL writers (`sqlite_writer.py`, `postgres_writer.py`) only read
the state a batch needs, hand it to `plan_batch`, and write the rows it returns with as few statements as their
engine allows. Nothing here touches a future: they are resolved on the event loop after the commit.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from crypto.franking import relay_tag
from server.conversations.delivery import Delivery
from wire import frames
from wire.codes import ErrorCode
from wire.messages import Accepted


@dataclass(frozen=True, slots=True)
class Refused:
    code: ErrorCode
    message: str


@dataclass(slots=True)
class Send:
    sender: str
    conversation: str
    client_id: bytes
    ciphertext: bytes
    future: asyncio.Future[Accepted | Refused]
    dedupe_key: bytes
    commitment: bytes | None


@dataclass(slots=True)
class Ack:
    account: str
    conversation: str
    seq: int
    future: asyncio.Future[Refused | None]


Item = Send | Ack
# (future, value) pairs resolved only after the transaction commits.
Results = list[tuple["asyncio.Future[Any]", object]]

NOT_A_MEMBER = "no such conversation, or you are not a member"


@dataclass(slots=True)
class BatchState:
    """What the batch read inside its transaction (on PostgreSQL, after locking its conversations' rows)."""

    # conversation -> last_seq, for the conversations that exist
    last_seq: dict[str, int] = field(default_factory=dict)
    # conversation -> {account: acked_seq}
    members: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))
    # dedupe key -> (conversation, seq, server_time_ms) of a send already answered in the dedupe window
    receipts: dict[bytes, tuple[str, int, int]] = field(default_factory=dict)


@dataclass(slots=True)
class Plan:
    results: Results = field(default_factory=list)
    deliveries: list[Delivery] = field(default_factory=list)
    # (conversation, new last_seq)
    last_seq: list[tuple[str, int]] = field(default_factory=list)
    # rows in the column order of the writers' INSERTs: (conversation_id, seq, sender_id, client_msg_id,
    # ciphertext, server_time_ms, expires_at, commitment, franking_tag) and (dedupe_key, conversation_id, seq,
    # server_time_ms, expires_at)
    messages: list[tuple[object, ...]] = field(default_factory=list)
    receipts: list[tuple[object, ...]] = field(default_factory=list)
    # (conversation, account, acked_seq) for members whose acknowledgement moves forward
    acked: list[tuple[str, str, int]] = field(default_factory=list)

    @property
    def acked_conversations(self) -> list[str]:
        """Conversations whose fully acknowledged ciphertext may now be deleted."""
        return sorted({conversation for conversation, _, _ in self.acked})


@dataclass(frozen=True, slots=True)
class Lifetimes:
    message_ttl_ms: int
    dedupe_window_ms: int


def plan_batch(items: list[Item], state: BatchState, now_ms: int, lifetimes: Lifetimes, secret: bytes) -> Plan:
    plan = Plan()
    sends = [item for item in items if isinstance(item, Send)]
    acks = [item for item in items if isinstance(item, Ack)]
    if sends:
        _plan_sends(plan, sends, state, now_ms, lifetimes, secret)
    if acks:
        _plan_acks(plan, acks, state)
    return plan


def _plan_sends(
    plan: Plan, sends: list[Send], state: BatchState, now_ms: int, lifetimes: Lifetimes, secret: bytes
) -> None:
    results = plan.results
    members = state.members
    fresh: list[Send] = []
    first_of: set[bytes] = set()
    duplicates_in_batch: list[Send] = []
    for send in sends:
        known = state.receipts.get(send.dedupe_key)
        if known is not None:
            conversation, seq, server_time = known
            # A resend carries the same bytes, so the tag the first answer carried can be made again.
            tag = _franking_tag(secret, send, conversation, seq, server_time)
            results.append((send.future, Accepted(send.client_id, conversation, seq, server_time, True, tag)))
        elif send.sender not in members.get(send.conversation, ()):
            results.append((send.future, Refused(ErrorCode.UNKNOWN_CONVERSATION, NOT_A_MEMBER)))
        elif send.dedupe_key in first_of:
            duplicates_in_batch.append(send)
        else:
            first_of.add(send.dedupe_key)
            fresh.append(send)
    if not fresh:
        return

    per_conversation: dict[str, list[Send]] = defaultdict(list)
    for send in fresh:
        per_conversation[send.conversation].append(send)
    accepted: dict[bytes, Accepted] = {}
    expires = now_ms + lifetimes.message_ttl_ms
    receipt_expires = now_ms + lifetimes.dedupe_window_ms
    for conversation, group in per_conversation.items():
        seq = state.last_seq[conversation]
        plan.last_seq.append((conversation, seq + len(group)))
        everyone = members[conversation]
        for send in group:
            seq += 1
            tag = _franking_tag(secret, send, conversation, seq, now_ms)
            plan.messages.append(
                (conversation, seq, send.sender, send.client_id, send.ciphertext, now_ms, expires, send.commitment, tag)
            )
            plan.receipts.append((send.dedupe_key, conversation, seq, now_ms, receipt_expires))
            result = Accepted(send.client_id, conversation, seq, now_ms, duplicate=False, franking_tag=tag)
            accepted[send.dedupe_key] = result
            results.append((send.future, result))
            plan.deliveries.append(
                Delivery(
                    conversation=conversation,
                    seq=seq,
                    sender=send.sender,
                    recipients=tuple(a for a in everyone if a != send.sender),
                    frame=frames.deliver_frame(
                        conversation, seq, send.sender, send.client_id, send.ciphertext, now_ms, send.commitment, tag
                    ),
                )
            )
    for send in duplicates_in_batch:
        first = accepted[send.dedupe_key]
        results.append((send.future, dataclasses.replace(first, client_id=send.client_id, duplicate=True)))


def _plan_acks(plan: Plan, acks: list[Ack], state: BatchState) -> None:
    highest: dict[tuple[str, str], int] = {}
    for ack in acks:
        if ack.account not in state.members.get(ack.conversation, ()):
            plan.results.append((ack.future, Refused(ErrorCode.UNKNOWN_CONVERSATION, NOT_A_MEMBER)))
            continue
        if ack.seq > state.last_seq.get(ack.conversation, 0):
            plan.results.append(
                (ack.future, Refused(ErrorCode.ACK_OUT_OF_RANGE, "ack is beyond the last message of the conversation"))
            )
            continue
        key = (ack.conversation, ack.account)
        highest[key] = max(highest.get(key, 0), ack.seq)
        plan.results.append((ack.future, None))
    plan.acked = [
        (conversation, account, seq)
        for (conversation, account), seq in highest.items()
        if seq > state.members[conversation][account]
    ]


def _franking_tag(secret: bytes, send: Send, conversation: str, seq: int, server_time_ms: int) -> bytes | None:
    if send.commitment is None:
        return None
    # The sender is the account this connection authenticated, never a value from the frame (franking v2).
    return relay_tag(
        secret,
        send.commitment,
        send.ciphertext,
        sender_account_id=send.sender,
        conversation_id=conversation,
        seq=seq,
        server_time=server_time_ms,
    )
