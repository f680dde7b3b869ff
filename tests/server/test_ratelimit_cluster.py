"""Two relays over one PostgreSQL and one Redis share every budget: a client that spreads its requests across both
is refused after the single budget with the documented code (`rate_limited`), and Redis keeps no account id."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
import redis.asyncio as aioredis

from client.errors import HavenClientError
from client.registration import register
from client.relay import RelayConnection
from crypto.keys import IdentityKeyPair
from server.config import Settings
from server.conversations.service import create_conversation
from server.db import create_engine, create_sessionmaker
from tests.haven_testing.databases import fresh_database, migrate, skip_or_fail
from tests.haven_testing.inprocess import in_process
from tests.haven_testing.people import new_person
from tests.haven_testing.redis_service import SHARED_REDIS_URL, redis_unavailable_reason, unique_prefix
from wire.codes import ErrorCode
from wire.messages import Accepted

pytestmark = [pytest.mark.redis, pytest.mark.postgres]


@pytest.fixture
def cluster_database_url(tmp_path: Path) -> Iterator[str]:
    with fresh_database("postgresql", tmp_path) as url:
        migrate(url, "upgrade", "head")
        yield url


@pytest.fixture
async def prefix() -> AsyncIterator[str]:
    """A key prefix of the test's own on the shared Redis, and every key under it deleted afterwards."""
    reason = redis_unavailable_reason()
    if reason:
        skip_or_fail(reason)
    prefix = unique_prefix()
    yield prefix
    client = aioredis.from_url(SHARED_REDIS_URL)
    async for key in client.scan_iter(match=f"{prefix}:*"):
        await client.delete(key)
    await client.aclose()


async def assert_no_identity_in_redis(prefix: str, *account_ids: str) -> int:
    """Scan every key of the deployment and every value: no account id, and each key expires. The key count."""
    client = aioredis.from_url(SHARED_REDIS_URL)
    try:
        keys = [key async for key in client.scan_iter(match=f"{prefix}:*")]
        for key in keys:
            assert await client.type(key) == b"hash"
            dump = key + b"".join(k + v for k, v in (await client.hgetall(key)).items())
            for account in account_ids:
                assert account.encode() not in dump
            assert await client.pttl(key) > 0, f"{key!r} never expires"
        return len(keys)
    finally:
        await client.aclose()


async def test_api_budget_is_one_across_two_apps(cluster_database_url: str, prefix: str) -> None:
    settings = {"redis_url": SHARED_REDIS_URL, "redis_prefix": prefix, "api_burst": 6, "api_requests_per_second": 0.001}
    async with (
        in_process(cluster_database_url, **settings) as first,
        in_process(cluster_database_url, **settings) as second,
    ):
        person = await new_person(first)
        await person.login()
        headers = {"Authorization": f"Bearer {person._token}"}
        answers = []
        async with first.http() as a, second.http() as b:
            for i in range(12):
                answers.append(await (a if i % 2 else b).get("/v1/me", headers=headers))
        await person.close()
    # One budget of 6 (each app alone would admit 6, 12 together); then 429 with the documented code.
    assert [r.status_code for r in answers] == [200] * 6 + [429] * 6
    assert {r.json()["error"]["code"] for r in answers[6:]} == {"rate_limited"}
    assert await assert_no_identity_in_redis(prefix, person.account_id) >= 1


async def test_sends_spread_over_two_processes_share_one_bucket(
    server_factory, cluster_database_url: str, prefix: str
) -> None:
    settings = {
        "redis_url": SHARED_REDIS_URL,
        "redis_prefix": prefix,
        "send_burst": "8",
        "sends_per_second": "0.001",
        "send_lease": "3",
    }
    first, second = (server_factory(cluster_database_url, **settings) for _ in range(2))
    alice, bob = IdentityKeyPair.generate(), IdentityKeyPair.generate()
    for person in (alice, bob):
        async with httpx.AsyncClient(base_url=first.http_url) as http:
            await register(http, person)
    engine = create_engine(Settings(database_url=cluster_database_url))
    try:
        async with create_sessionmaker(engine)() as session, session.begin():
            conversation = await create_conversation(session, "direct", [alice.account_id, bob.account_id])
    finally:
        await engine.dispose()
    connections = [await RelayConnection.connect(server.ws_url, alice) for server in (first, second)]
    accepted, refused = 0, []
    try:
        for i in range(30):
            try:
                result = await connections[i % 2].send(conversation, f"m{i}".encode())
                assert isinstance(result, Accepted)
                accepted += 1
            except HavenClientError as error:
                refused.append(error.code)
    finally:
        for connection in connections:
            await connection.close()
    # One bucket of 8 for the identity over both processes (a bucket each would admit 16).
    assert accepted == 8
    assert set(refused) == {ErrorCode.RATE_LIMITED.value} and len(refused) == 22
    assert await assert_no_identity_in_redis(prefix, alice.account_id, bob.account_id) >= 1
