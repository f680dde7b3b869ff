"""The commit writer's transactions on PostgreSQL: asyncpg directly, five round trips per batch whatever its size.

A batch through SQLAlchemy Core cost eight or nine round trips (BEGIN, the lock, three reads, an UPDATE, two
INSERTs, COMMIT) and the CPU of building and binding each statement on the event loop's core. Here:
BEGIN; lock the batch's conversation rows in id order; one read of their positions, members and the sends'
receipts; one statement that writes every message, receipt and position (a CTE over `unnest` arrays); COMMIT.
A batch with acknowledgements adds the ack UPDATE and the purge of what they made fully acknowledged.

Every statement text is fixed, so asyncpg prepares each once per connection. The writer holds one connection
of its own for the process's life (reopened after a failed batch).
"""

from __future__ import annotations

from typing import Any

import asyncpg
from sqlalchemy.engine import make_url

from server.conversations.batch import BatchState, Item, Lifetimes, Plan, Send, plan_batch

# Several processes write to one conversation: its row stays locked until commit, taken in id order so that
# two batches over the same conversations cannot deadlock. Everything read after this is current.
_LOCK = "SELECT id FROM conversations WHERE id = ANY($1::varchar[]) ORDER BY id FOR UPDATE"
# Read after the lock (a new statement, so a new snapshot): a member being added (add_member locks the same
# row) is either here and a recipient, or joins after these seqs, so its join position covers them.
_READ = (
    "SELECT 0, id, NULL, last_seq, NULL::bigint, NULL::bytea FROM conversations WHERE id = ANY($1::varchar[])"
    " UNION ALL SELECT 1, conversation_id, account_id, acked_seq, NULL, NULL FROM conversation_members"
    " WHERE conversation_id = ANY($1::varchar[])"
    " UNION ALL SELECT 2, conversation_id, NULL, seq, server_time_ms, dedupe_key FROM send_receipts"
    " WHERE dedupe_key = ANY($2::bytea[])"
)
_WRITE_SENDS = (
    "WITH positions AS (UPDATE conversations SET last_seq = v.s"
    " FROM unnest($1::varchar[], $2::bigint[]) AS v(c, s) WHERE conversations.id = v.c),"
    " stored AS (INSERT INTO messages (conversation_id, seq, sender_id, client_msg_id, ciphertext, server_time_ms,"
    " expires_at, commitment, franking_tag)"
    " SELECT c, s, a, m, x, $8::bigint, $9::bigint, k, t FROM unnest($3::varchar[], $4::bigint[], $5::varchar[],"
    " $6::bytea[], $7::bytea[], $10::bytea[], $11::bytea[]) AS r(c, s, a, m, x, k, t))"
    " INSERT INTO send_receipts (dedupe_key, conversation_id, seq, server_time_ms, expires_at)"
    " SELECT d, c, s, $8::bigint, $13::bigint FROM unnest($12::bytea[], $3::varchar[], $4::bigint[]) AS r(d, c, s)"
)
_ACK = (
    "UPDATE conversation_members SET acked_seq = v.s FROM unnest($1::varchar[], $2::varchar[], $3::bigint[])"
    " AS v(c, a, s) WHERE conversation_id = v.c AND account_id = v.a AND acked_seq < v.s"
)
# store.fully_acknowledged() for the given conversations.
_PURGE_ACKED = (
    "DELETE FROM messages WHERE conversation_id = ANY($1::varchar[]) AND NOT EXISTS (SELECT 1"
    " FROM conversation_members WHERE conversation_members.conversation_id = messages.conversation_id"
    " AND conversation_members.account_id != messages.sender_id AND conversation_members.acked_seq < messages.seq)"
)


def asyncpg_dsn(database_url: str) -> str:
    """The SQLAlchemy URL (`postgresql+asyncpg://...`) as the DSN asyncpg itself takes."""
    return make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)


class PostgresBatchWriter:
    def __init__(self, database_url: str, lifetimes: Lifetimes, secret: bytes) -> None:
        self._dsn = asyncpg_dsn(database_url)
        self._lifetimes = lifetimes
        self._secret = secret
        self._connection: Any = None

    async def commit(self, items: list[Item], now_ms: int) -> Plan:
        connection = self._connection
        if connection is None or connection.is_closed():
            connection = self._connection = await asyncpg.connect(self._dsn, timeout=30)
        try:
            async with connection.transaction():
                return await self._batch(connection, items, now_ms)
        except BaseException:
            # A failed batch (or a dropped server) starts the next one on a fresh connection.
            self._connection = None
            connection.terminate()
            raise

    async def _batch(self, connection: Any, items: list[Item], now_ms: int) -> Plan:
        conversations = sorted({item.conversation for item in items})
        keys = [item.dedupe_key for item in items if isinstance(item, Send)]
        if keys:
            await connection.execute(_LOCK, conversations)
        state = BatchState()
        for kind, conversation, account, seq, server_time, key in await connection.fetch(_READ, conversations, keys):
            if kind == 0:
                state.last_seq[conversation] = seq
            elif kind == 1:
                state.members[conversation][account] = seq
            else:
                state.receipts[bytes(key)] = (conversation, seq, server_time)
        plan = plan_batch(items, state, now_ms, self._lifetimes, self._secret)
        if plan.messages:
            columns = list(zip(*plan.messages, strict=True))
            receipt_expires = plan.receipts[0][4]
            await connection.execute(
                _WRITE_SENDS,
                [conversation for conversation, _ in plan.last_seq],
                [seq for _, seq in plan.last_seq],
                columns[0],  # conversation_id
                columns[1],  # seq
                columns[2],  # sender_id
                columns[3],  # client_msg_id
                columns[4],  # ciphertext
                now_ms,  # server_time_ms, the same for the whole batch
                columns[6][0],  # expires_at, likewise
                columns[7],  # commitment
                columns[8],  # franking_tag
                [receipt[0] for receipt in plan.receipts],  # dedupe_key
                receipt_expires,
            )
        if plan.acked:
            await connection.execute(
                _ACK,
                [conversation for conversation, _, _ in plan.acked],
                [account for _, account, _ in plan.acked],
                [seq for _, _, seq in plan.acked],
            )
            await connection.execute(_PURGE_ACKED, plan.acked_conversations)
        return plan

    async def close(self) -> None:
        if self._connection is not None:
            await self._connection.close()
            self._connection = None
