"""Which queued work the commit writer takes into each transaction.

The transactions themselves run in `sqlite_writer.py` (a dedicated thread on `sqlite3`) and
`postgres_writer.py` (asyncpg on the event loop), both planned by `batch.py`.
"""

from __future__ import annotations

import asyncio
from typing import Generic, TypeVar

from server.config import Settings

Item = TypeVar("Item")


class GroupCommit(Generic[Item]):
    """Group commit that waits only when waiting pays.

    The writer commits one batch at a time, so whatever arrives while a commit is in flight waits in the queue
    and goes into the next transaction together: under load, batches grow by themselves and one fsync covers
    many messages. When the writer is idle the first arrival is committed at once: a fixed delay there (the old
    2 ms) only adds latency, since with no commit in flight nobody else is coming soon enough to share it.

    Two refinements, both cheap when idle:
    - One pass of the event loop before taking the batch: sends already read from other sockets in the same
      pass (their tasks are queued behind the writer's wake-up) join this commit instead of waiting for the next.
    - `commit_delay_ms` (default 0.5) applies only when the previous batch had company, like PostgreSQL's
      `commit_delay`, which applies only with at least `commit_siblings` concurrent transactions: with several
      senders active, a moment's wait makes batches bigger and the fixed cost of a batch (its statements, the
      commit) is shared by more messages; an idle relay's lone send never waits.
    """

    def __init__(self, queue: asyncio.Queue[Item], settings: Settings) -> None:
        self._queue = queue
        self._batch_max = settings.commit_batch_max
        self._delay = settings.commit_delay_ms / 1000.0
        self._previous_size = 0

    async def next_batch(self) -> list[Item]:
        queue = self._queue
        batch = [await queue.get()]
        if queue.empty():
            await asyncio.sleep(0)
        if self._delay and self._previous_size > 1 and queue.qsize() < self._batch_max:
            await asyncio.sleep(self._delay)
        while len(batch) < self._batch_max and not queue.empty():
            batch.append(queue.get_nowait())
        self._previous_size = len(batch)
        return batch
