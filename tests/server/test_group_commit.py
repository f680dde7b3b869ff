"""Which queued work the commit writer takes into one transaction (server/conversations/writer.py, GroupCommit).

The batching policy is plain asyncio over the store's queue, so it is exercised here with a real queue and a real
event loop; the transactions themselves are covered end to end by test_relay_delivery and test_crash_recovery.
No test here asserts a time: "later" means after the writer has already been waiting for several loop passes.
"""

from __future__ import annotations

import asyncio

from server.config import Settings
from server.conversations.writer import GroupCommit

# Long enough that a wait of this length can never end within the few loop passes the tests allow.
LONG_DELAY_MS = 100.0


def _settings(delay_ms: float, batch_max: int = 512) -> Settings:
    return Settings(database_url="sqlite+aiosqlite:///unused.db", commit_delay_ms=delay_ms, commit_batch_max=batch_max)


async def _passes(count: int) -> None:
    for _ in range(count):
        await asyncio.sleep(0)


async def test_an_idle_writer_commits_the_first_arrival_without_waiting_for_company() -> None:
    queue: asyncio.Queue[int] = asyncio.Queue()
    batches = GroupCommit(queue, _settings(LONG_DELAY_MS))
    taking = asyncio.create_task(batches.next_batch())
    await _passes(2)
    queue.put_nowait(1)
    await _passes(5)
    queue.put_nowait(2)  # arrives after the batch was taken: belongs to the next commit
    assert await taking == [1]
    assert await batches.next_batch() == [2]


async def test_what_queued_while_a_commit_was_in_flight_goes_into_one_batch() -> None:
    queue: asyncio.Queue[int] = asyncio.Queue()
    batches = GroupCommit(queue, _settings(0.0))
    for item in range(5):
        queue.put_nowait(item)
    assert await batches.next_batch() == [0, 1, 2, 3, 4]


async def test_a_send_already_read_in_the_same_loop_pass_joins_the_commit() -> None:
    queue: asyncio.Queue[int] = asyncio.Queue()
    batches = GroupCommit(queue, _settings(0.0))
    taking = asyncio.create_task(batches.next_batch())
    await _passes(2)
    loop = asyncio.get_running_loop()

    def first_socket() -> None:
        queue.put_nowait(1)  # wakes the writer

    def second_socket() -> None:
        # Read in the same pass, but its session task runs one hop later (as a websocket's receive does),
        # i.e. after the writer's wake-up: it still belongs in this commit.
        loop.call_soon(queue.put_nowait, 2)

    loop.call_soon(first_socket)
    loop.call_soon(second_socket)
    assert await taking == [1, 2]


async def test_the_commit_delay_applies_only_after_a_batch_that_had_company() -> None:
    queue: asyncio.Queue[int] = asyncio.Queue()
    batches = GroupCommit(queue, _settings(LONG_DELAY_MS))
    queue.put_nowait(1)
    queue.put_nowait(2)
    assert await batches.next_batch() == [1, 2]
    taking = asyncio.create_task(batches.next_batch())
    queue.put_nowait(3)
    await _passes(5)
    queue.put_nowait(4)  # arrives while the writer waits for company: joins the same commit
    assert await taking == [3, 4]


async def test_a_batch_never_exceeds_commit_batch_max() -> None:
    queue: asyncio.Queue[int] = asyncio.Queue()
    batches = GroupCommit(queue, _settings(0.0, batch_max=3))
    for item in range(7):
        queue.put_nowait(item)
    assert await batches.next_batch() == [0, 1, 2]
    assert await batches.next_batch() == [3, 4, 5]
    assert await batches.next_batch() == [6]
