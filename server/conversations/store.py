"""Store-and-forward with group commit.

Every send and ack goes through one queue. A single writer task takes whatever has queued up (up to
`commit_batch_max` items) and commits it in one transaction, so one fsync covers many messages: durability
does not serialise throughput. Only after the commit are senders answered and recipients handed the message.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import hmac
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Connection, Delete, Table, and_, bindparam, delete, exists, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from crypto.franking import relay_tag
from server.clock import now_ms
from server.config import Settings
from server.conversations.delivery import Delivery
from server.conversations.writer import GroupCommit, TransactionRunner
from server.logs import get_logger
from server.models import Conversation, ConversationMember, Message, SendReceipt
from wire import frames
from wire.codes import ErrorCode
from wire.messages import Accepted

log = get_logger("store")

DEDUPE_DOMAIN = b"haven-dedupe-v1\x00"


def dedupe_key(secret: bytes, sender: str, client_id: bytes) -> bytes:
    """HMAC-SHA256 under the server secret: a receipt outlives its message, and without the secret nobody can
    test which sender a receipt belongs to. (Also ~30x cheaper per message than a libsodium call via cffi.)"""
    return hmac.digest(secret, DEDUPE_DOMAIN + sender.encode() + b"\x00" + client_id, "sha256")


_messages = cast(Table, Message.__table__)
_receipts = cast(Table, SendReceipt.__table__)
_members = cast(Table, ConversationMember.__table__)
_conversations = cast(Table, Conversation.__table__)


@dataclass(frozen=True, slots=True)
class Refused:
    code: ErrorCode
    message: str


@dataclass(slots=True)
class _Send:
    sender: str
    conversation: str
    client_id: bytes
    ciphertext: bytes
    future: asyncio.Future[Accepted | Refused]
    dedupe_key: bytes
    commitment: bytes | None


@dataclass(slots=True)
class _Ack:
    account: str
    conversation: str
    seq: int
    future: asyncio.Future[Refused | None]


_Item = _Send | _Ack
# (future, value) pairs resolved only after the transaction commits.
_Results = list[tuple["asyncio.Future[Any]", object]]


def _resolve(future: asyncio.Future[Any], value: object) -> None:
    if not future.done():
        future.set_result(value)


class MessageStore:
    def __init__(
        self,
        runner: TransactionRunner,
        settings: Settings,
        on_committed: Callable[[Sequence[Delivery]], None],
        server_secret: bytes,
    ) -> None:
        self._runner = runner
        self._server_secret = server_secret
        self._settings = settings
        self._on_committed = on_committed
        self._queue: asyncio.Queue[_Item] = asyncio.Queue()
        self._writer: asyncio.Task[None] | None = None
        self.batches_committed = 0

    # --- producer side: never awaits the database, so the order of calls is the order of commits ----------
    def send(
        self,
        sender: str,
        conversation: str,
        client_id: bytes,
        ciphertext: bytes,
        commitment: bytes | None = None,
    ) -> asyncio.Future[Accepted | Refused]:
        future: asyncio.Future[Accepted | Refused] = asyncio.get_running_loop().create_future()
        if self._queue.qsize() >= self._settings.commit_queue_max:
            future.set_result(Refused(ErrorCode.RATE_LIMITED, "server busy; retry shortly"))
            return future
        key = dedupe_key(self._server_secret, sender, client_id)
        self._queue.put_nowait(_Send(sender, conversation, client_id, ciphertext, future, key, commitment))
        return future

    def ack(self, account: str, conversation: str, seq: int) -> asyncio.Future[Refused | None]:
        future: asyncio.Future[Refused | None] = asyncio.get_running_loop().create_future()
        self._queue.put_nowait(_Ack(account, conversation, seq, future))
        return future

    # --- writer ------------------------------------------------------------------------------------------
    def start(self) -> None:
        self._writer = asyncio.create_task(self._run(), name="haven-commit-writer")

    @property
    def alive(self) -> bool:
        return self._writer is not None and not self._writer.done()

    async def stop(self) -> None:
        """Commit what is queued, then stop: nothing a client was about to be told about is dropped."""
        await self._queue.join()
        if self._writer is not None:
            self._writer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._writer
        await self._runner.close()

    async def _run(self) -> None:
        batches = GroupCommit(self._queue, self._settings)
        while True:
            batch = await batches.next_batch()
            try:
                await self._commit_isolating_failures(batch)
            finally:
                for _ in batch:
                    self._queue.task_done()

    async def _commit_isolating_failures(self, batch: list[_Item]) -> None:
        try:
            await self._commit(batch)
            return
        except (SQLAlchemyError, OSError) as exc:
            log.warning(
                "batch commit failed",
                extra={"event": "commit_failed", "batch": len(batch), "reason": type(exc).__name__},
            )
        if len(batch) == 1:
            item = batch[0]
            _resolve(item.future, Refused(ErrorCode.INTERNAL_ERROR, "could not store; retry later"))
            return
        # One bad item (or a race with another process on a unique key) must not fail its neighbours.
        for item in batch:
            await self._commit_isolating_failures([item])

    async def _commit(self, batch: list[_Item]) -> None:
        results, deliveries = await self._runner.run(lambda connection: self._write(connection, batch, now_ms()))
        for future, value in results:
            _resolve(future, value)
        self.batches_committed += 1
        if deliveries:
            self._on_committed(deliveries)

    def _write(self, connection: Connection, batch: list[_Item], now: int) -> tuple[_Results, list[Delivery]]:
        """The batch's transaction, synchronous so it can run in the SQLite writer thread. Touches no future:
        they are resolved on the event loop once the transaction has committed."""
        sends = [item for item in batch if isinstance(item, _Send)]
        acks = [item for item in batch if isinstance(item, _Ack)]
        results: _Results = []
        deliveries: list[Delivery] = []
        conversation_ids = {item.conversation for item in batch}
        members, last_seq = self._load_conversations(connection, conversation_ids, lock=bool(sends))
        if sends:
            deliveries = self._store_sends(connection, sends, members, last_seq, now, results)
        if acks:
            self._store_acks(connection, acks, members, last_seq, results)
        return results, deliveries

    @staticmethod
    def _load_conversations(
        connection: Connection, conversation_ids: set[str], *, lock: bool
    ) -> tuple[dict[str, dict[str, int]], dict[str, int]]:
        positions = (
            select(_conversations.c.id, _conversations.c.last_seq)
            .where(_conversations.c.id.in_(conversation_ids))
            .order_by(_conversations.c.id)
        )
        if lock and connection.dialect.name == "postgresql":
            # Several processes write to one conversation: lock its row until commit, always in id order so two
            # batches over the same conversations cannot deadlock. The value read under the lock is current.
            # (SQLite has one writer; the unique (conversation, seq) constraint guards the impossible case.)
            positions = positions.with_for_update()
        last_seq = dict(connection.execute(positions).tuples().all())
        # Members are read after the lock: a member being added (add_member locks the same row) is either in
        # this read and a recipient, or joins after these seqs, so its join position covers them.
        rows = connection.execute(
            select(_members.c.conversation_id, _members.c.account_id, _members.c.acked_seq).where(
                _members.c.conversation_id.in_(conversation_ids)
            )
        )
        members: dict[str, dict[str, int]] = defaultdict(dict)
        for conversation_id, account_id, acked_seq in rows:
            members[conversation_id][account_id] = acked_seq
        return members, last_seq

    def _store_sends(
        self,
        connection: Connection,
        sends: list[_Send],
        members: dict[str, dict[str, int]],
        last_seq: dict[str, int],
        now: int,
        results: _Results,
    ) -> list[Delivery]:
        existing_rows = connection.execute(
            select(
                _receipts.c.dedupe_key,
                _receipts.c.conversation_id,
                _receipts.c.seq,
                _receipts.c.server_time_ms,
            ).where(_receipts.c.dedupe_key.in_([s.dedupe_key for s in sends]))
        )
        # dedupe key -> (conversation, seq, server_time_ms) of the first send with it
        known: dict[bytes, tuple[str, int, int]] = {
            key: (conversation, seq, server_time) for key, conversation, seq, server_time in existing_rows
        }
        fresh: list[_Send] = []
        first_of: dict[bytes, _Send] = {}
        duplicates_in_batch: list[_Send] = []
        for send in sends:
            if send.dedupe_key in known:
                conversation, seq, server_time = known[send.dedupe_key]
                # A resend carries the same bytes, so the tag the first answer carried can be made again.
                tag = self._franking_tag(send, conversation, seq, server_time)
                results.append((send.future, Accepted(send.client_id, conversation, seq, server_time, True, tag)))
            elif send.sender not in members.get(send.conversation, {}):
                results.append(
                    (
                        send.future,
                        Refused(ErrorCode.UNKNOWN_CONVERSATION, "no such conversation, or you are not a member"),
                    )
                )
            elif send.dedupe_key in first_of:
                duplicates_in_batch.append(send)
            else:
                first_of[send.dedupe_key] = send
                fresh.append(send)
        if not fresh:
            return []

        per_conversation: dict[str, list[_Send]] = defaultdict(list)
        for send in fresh:
            per_conversation[send.conversation].append(send)
        message_rows: list[dict[str, object]] = []
        receipt_rows: list[dict[str, object]] = []
        deliveries: list[Delivery] = []
        accepted: dict[bytes, Accepted] = {}
        expires = now + self._settings.message_ttl_seconds * 1000
        receipt_expires = now + self._settings.dedupe_window_seconds * 1000
        new_last: list[dict[str, object]] = []
        for conversation_id, group in per_conversation.items():
            last = last_seq[conversation_id] + len(group)
            new_last.append({"c": conversation_id, "s": last})
            recipients_all = members[conversation_id]
            for offset, send in enumerate(group):
                seq = last - len(group) + 1 + offset
                tag = self._franking_tag(send, conversation_id, seq, now)
                message_rows.append(
                    {
                        "conversation_id": conversation_id,
                        "seq": seq,
                        "sender_id": send.sender,
                        "client_msg_id": send.client_id,
                        "ciphertext": send.ciphertext,
                        "server_time_ms": now,
                        "expires_at": expires,
                        "commitment": send.commitment,
                        "franking_tag": tag,
                    }
                )
                receipt_rows.append(
                    {
                        "dedupe_key": send.dedupe_key,
                        "conversation_id": conversation_id,
                        "seq": seq,
                        "server_time_ms": now,
                        "expires_at": receipt_expires,
                    }
                )
                result = Accepted(send.client_id, conversation_id, seq, now, duplicate=False, franking_tag=tag)
                accepted[send.dedupe_key] = result
                results.append((send.future, result))
                deliveries.append(
                    Delivery(
                        conversation=conversation_id,
                        seq=seq,
                        sender=send.sender,
                        recipients=tuple(a for a in recipients_all if a != send.sender),
                        frame=frames.deliver_frame(
                            conversation_id,
                            seq,
                            send.sender,
                            send.client_id,
                            send.ciphertext,
                            now,
                            send.commitment,
                            tag,
                        ),
                    )
                )
        connection.execute(
            update(_conversations).where(_conversations.c.id == bindparam("c")).values(last_seq=bindparam("s")),
            new_last,
        )
        connection.execute(insert(_messages), message_rows)
        connection.execute(insert(_receipts), receipt_rows)
        for send in duplicates_in_batch:
            first = accepted[send.dedupe_key]
            results.append((send.future, dataclasses.replace(first, duplicate=True)))
        return deliveries

    def _franking_tag(self, send: _Send, conversation: str, seq: int, server_time_ms: int) -> bytes | None:
        if send.commitment is None:
            return None
        # The sender is the account this connection authenticated, never a value from the frame (franking v2).
        return relay_tag(
            self._server_secret,
            send.commitment,
            send.ciphertext,
            sender_account_id=send.sender,
            conversation_id=conversation,
            seq=seq,
            server_time=server_time_ms,
        )

    @staticmethod
    def _store_acks(
        connection: Connection,
        acks: list[_Ack],
        members: dict[str, dict[str, int]],
        last_seq: dict[str, int],
        results: _Results,
    ) -> None:
        highest: dict[tuple[str, str], int] = {}
        for ack in acks:
            if ack.account not in members.get(ack.conversation, {}):
                results.append(
                    (
                        ack.future,
                        Refused(ErrorCode.UNKNOWN_CONVERSATION, "no such conversation, or you are not a member"),
                    )
                )
                continue
            if ack.seq > last_seq.get(ack.conversation, 0):
                results.append(
                    (
                        ack.future,
                        Refused(ErrorCode.ACK_OUT_OF_RANGE, "ack is beyond the last message of the conversation"),
                    )
                )
                continue
            key = (ack.account, ack.conversation)
            highest[key] = max(highest.get(key, 0), ack.seq)
            results.append((ack.future, None))
        advanced = [
            {"a": account, "c": conversation, "s": seq}
            for (account, conversation), seq in highest.items()
            if seq > members[conversation][account]
        ]
        if not advanced:
            return
        connection.execute(
            update(_members)
            .where(
                _members.c.conversation_id == bindparam("c"),
                _members.c.account_id == bindparam("a"),
                _members.c.acked_seq < bindparam("s"),
            )
            .values(acked_seq=bindparam("s")),
            advanced,
        )
        connection.execute(fully_acknowledged({str(row["c"]) for row in advanced}))


def fully_acknowledged(conversation_ids: set[str] | None = None) -> Delete:
    """Deletes ciphertext that every recipient (every member but its sender) has acknowledged."""
    waiting = exists().where(
        and_(
            _members.c.conversation_id == _messages.c.conversation_id,
            _members.c.account_id != _messages.c.sender_id,
            _members.c.acked_seq < _messages.c.seq,
        )
    )
    statement = delete(_messages).where(~waiting)
    if conversation_ids is not None:
        statement = statement.where(_messages.c.conversation_id.in_(conversation_ids))
    return statement
