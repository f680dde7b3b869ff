"""Several server processes sharing PostgreSQL and Redis: cross-process delivery, a killed process, a restarted Redis.

In every case every message the server accepted reaches the receiving application exactly once, in order.
"""

from __future__ import annotations

import asyncio
import signal
from collections import defaultdict
from pathlib import Path

import httpx
import pytest

from client.registration import register
from client.reliable import ReliableRelay
from crypto.keys import IdentityKeyPair
from server.config import Settings
from server.conversations.service import create_conversation
from server.db import create_engine, create_sessionmaker
from tests.haven_testing.databases import fresh_database, migrate, skip_or_fail
from tests.haven_testing.live_server import LiveServer, free_port
from tests.haven_testing.redis_service import SHARED_REDIS_URL, PrivateRedis, redis_unavailable_reason, unique_prefix
from wire.messages import Accepted, Delivered

# Several processes over one PostgreSQL database and Redis fan-out: `-m 'not redis'` leaves them out.
pytestmark = [pytest.mark.redis, pytest.mark.postgres]


@pytest.fixture
def cluster_database_url(tmp_path: Path):
    with fresh_database("postgresql", tmp_path) as url:
        migrate(url, "upgrade", "head")
        yield url


@pytest.fixture
def shared_redis() -> str:
    reason = redis_unavailable_reason()
    if reason:
        skip_or_fail(reason)
    return SHARED_REDIS_URL


def start_cluster(server_factory, database_url: str, redis_url: str, processes: int) -> list[LiveServer]:
    prefix = unique_prefix()
    return [
        server_factory(
            database_url, redis_url=redis_url, redis_prefix=prefix, sends_per_second="10000", send_burst="10000"
        )
        for _ in range(processes)
    ]


async def setup_people(server: LiveServer, database_url: str, count: int) -> list[IdentityKeyPair]:
    people = [IdentityKeyPair.generate() for _ in range(count)]
    async with httpx.AsyncClient(base_url=server.http_url) as http:
        for person in people:
            await register(http, person)
    return people


async def open_conversations(database_url: str, *member_lists: list[IdentityKeyPair]) -> list[str]:
    engine = create_engine(Settings(database_url=database_url))
    try:
        async with create_sessionmaker(engine)() as session, session.begin():
            kinds = ["direct" if len(m) == 2 else "group" for m in member_lists]
            return [
                await create_conversation(session, kind, [p.account_id for p in members])
                for kind, members in zip(kinds, member_lists, strict=True)
            ]
    finally:
        await engine.dispose()


async def receive_all(receiver: ReliableRelay, expected: set[bytes], timeout: float = 30.0) -> list[Delivered]:
    got: list[Delivered] = []
    seen: set[bytes] = set()
    deadline = asyncio.get_running_loop().time() + timeout
    while not expected <= seen:
        remaining = deadline - asyncio.get_running_loop().time()
        if remaining <= 0:
            break
        try:
            message = await receiver.receive(timeout=remaining)
        except TimeoutError:
            break
        got.append(message)
        seen.add(message.client_id)
    return got


def assert_exactly_once_in_order(accepted: list[Accepted], received: list[Delivered]) -> None:
    accepted_ids = {a.client_id for a in accepted}
    received_ids = [r.client_id for r in received]
    assert len(received_ids) == len(set(received_ids)), "a message reached the application twice"
    assert set(received_ids) == accepted_ids, (
        f"missing {len(accepted_ids - set(received_ids))}, unexpected {len(set(received_ids) - accepted_ids)}"
    )
    by_conversation: dict[str, list[int]] = defaultdict(list)
    for message in received:
        by_conversation[message.conversation].append(message.seq)
    for seqs in by_conversation.values():
        assert seqs == sorted(seqs), "out of order"
    # And each accepted message arrived under the seq the server gave it.
    seq_of = {a.client_id: (a.conversation, a.seq) for a in accepted}
    assert all(seq_of[r.client_id] == (r.conversation, r.seq) for r in received)


async def send_many(
    relay: ReliableRelay, conversations: list[str], count: int, tag: str, on_progress=None
) -> list[Accepted]:
    accepted = []
    for i in range(count):
        conversation = conversations[i % len(conversations)]
        accepted.append(await relay.send(conversation, f"{tag}-{i}".encode()))
        if on_progress is not None:
            await on_progress(i)
        await asyncio.sleep(0.005)
    return accepted


async def test_three_processes_exchange_one_to_one_and_group(server_factory, cluster_database_url, shared_redis):
    servers = start_cluster(server_factory, cluster_database_url, shared_redis, 3)
    alice, bob, carol = await setup_people(servers[0], cluster_database_url, 3)
    direct, group = await open_conversations(cluster_database_url, [alice, bob], [alice, bob, carol])
    a = ReliableRelay([servers[0].ws_url], alice)
    b = ReliableRelay([servers[1].ws_url], bob)
    c = ReliableRelay([servers[2].ws_url], carol)
    for relay in (a, b, c):
        await relay.start()
    try:
        from_alice = await send_many(a, [direct, group], 40, "alice")
        from_carol = await send_many(c, [group], 20, "carol")
        expected_bob = {x.client_id for x in from_alice + from_carol}
        got_bob = await receive_all(b, expected_bob)
        assert_exactly_once_in_order(from_alice + from_carol, got_bob)
        got_carol = await receive_all(c, {x.client_id for x in from_alice if x.conversation == group})
        assert_exactly_once_in_order([x for x in from_alice if x.conversation == group], got_carol)
        got_alice = await receive_all(a, {x.client_id for x in from_carol})
        assert_exactly_once_in_order(from_carol, got_alice)
        # Group order is one order: bob and carol see alice's group messages under the same seqs.
        assert [m.seq for m in got_bob if m.conversation == group and m.sender == alice.account_id] == [
            m.seq for m in got_carol
        ]
    finally:
        for relay in (a, b, c):
            await relay.close()


@pytest.mark.slow
async def test_a_process_killed_mid_traffic_loses_nothing(server_factory, cluster_database_url, shared_redis):
    servers = start_cluster(server_factory, cluster_database_url, shared_redis, 2)
    first, second = servers
    s1, s2, receiver = await setup_people(first, cluster_database_url, 3)
    c1, c2, group = await open_conversations(cluster_database_url, [s1, receiver], [s2, receiver], [s1, s2, receiver])
    # The receiver and one sender start on the process that will die; each knows the other address.
    r = ReliableRelay([second.ws_url, first.ws_url], receiver)
    a = ReliableRelay([second.ws_url, first.ws_url], s1)
    b = ReliableRelay([first.ws_url, second.ws_url], s2)
    for relay in (r, a, b):
        await relay.start()

    async def kill_second(i: int) -> None:
        if i == 25:
            second.stop(signal.SIGKILL)

    try:
        sent_a, sent_b = await asyncio.gather(
            send_many(a, [c1, group], 60, "a", on_progress=kill_second),
            send_many(b, [c2, group], 60, "b"),
        )
        accepted = sent_a + sent_b
        received = await receive_all(r, {x.client_id for x in accepted})
        assert_exactly_once_in_order(accepted, received)
        assert r.reconnects >= 1 and a.reconnects >= 1
    finally:
        for relay in (r, a, b):
            await relay.close()


@pytest.mark.slow
async def test_redis_restarted_mid_traffic_loses_nothing(server_factory, cluster_database_url, tmp_path):
    if redis_unavailable_reason() is not None:
        skip_or_fail("redis-server is needed for the restart test")
    redis = PrivateRedis(tmp_path, free_port()).start()
    try:
        servers = start_cluster(server_factory, cluster_database_url, redis.url, 2)
        sender, receiver = await setup_people(servers[0], cluster_database_url, 2)
        (direct,) = await open_conversations(cluster_database_url, [sender, receiver])
        s = ReliableRelay([servers[0].ws_url], sender)
        r = ReliableRelay([servers[1].ws_url], receiver)
        await s.start()
        await r.start()

        async def restart_redis(i: int) -> None:
            if i == 20:
                redis.kill()
            if i == 40:
                redis.start()

        try:
            accepted = await send_many(s, [direct], 60, "m", on_progress=restart_redis)
            received = await receive_all(r, {x.client_id for x in accepted})
            assert_exactly_once_in_order(accepted, received)
            # The connections themselves survived: the catch-up came from the server, not a reconnect.
            assert r.reconnects == 0
            log = servers[1].log_text()
            assert '"event":"redis_down"' in log and '"event":"redis_resubscribed"' in log
        finally:
            await s.close()
            await r.close()
    finally:
        redis.kill()


async def test_events_and_product_flows_cross_processes(server_factory, cluster_database_url, shared_redis, tmp_path):
    """A membership change made on one process reaches a member connected to another; a group message crosses
    too; a tier-4 alert raised through one process is pushed to a moderator connected to the other."""
    from client.haven import HavenClient
    from crypto.keystore import MEMLIMIT_MIN, OPSLIMIT_MIN
    from tests.haven_testing.live_server import TEST_SECRET

    first, second = start_cluster(server_factory, cluster_database_url, shared_redis, 2)

    async def person(server: LiveServer, name: str) -> HavenClient:
        return await HavenClient.create(
            server.http_url, tmp_path / f"{name}.haven", "cluster", opslimit=OPSLIMIT_MIN, memlimit=MEMLIMIT_MIN
        )

    admin = await person(first, "admin")
    clients = [admin]
    try:
        await admin.admin.bootstrap(bytes.fromhex(TEST_SECRET))
        moderator = await person(first, "moderator")
        clients.append(moderator)
        await moderator.admin.redeem((await admin.admin.invite("moderator")).code)
        near, far = await person(first, "near"), await person(second, "far")
        clients += [near, far]
        group = await moderator.groups.create("mod")
        invite = await moderator.groups.invite(group.group_id, max_uses=2)
        await near.groups.join(invite.code, "near")
        await moderator.groups.approve(group.group_id, near.account_id)
        for client in (moderator, near, far):
            await client.connect()
        await far.groups.join(invite.code, "far")
        await moderator.groups.approve(group.group_id, far.account_id)  # on the first process
        while (notice := await far.next_notice(15)).event != "membership":  # connected to the second
            pass
        assert notice.account == far.account_id and notice.change == "joined"
        for client in (near, far):
            await client.groups.sync()
        await far.groups.send(group.group_id, "from the second process")
        assert (await near.next_message(15)).text == "from the second process"
        await far.groups.send(group.group_id, "i am going to kill myself tonight")
        while (notice := await moderator.next_notice(15)).event != "alert":
            pass
        assert notice.tier == 4
    finally:
        for client in clients:
            await client.close()
