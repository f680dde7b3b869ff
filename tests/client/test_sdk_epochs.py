"""A new sender-key epoch reaches every member or does not start (client/distribution.py), against the real
server: a member whose prekey bundle cannot be fetched fails the send before the key rotates, and an epoch whose
distributions were cut short (the websocket down, the send given up, the device closed) is finished by the next
send, so no member is left unable to read the group."""

from __future__ import annotations

import asyncio
import contextlib
import time

import httpx
import pytest

from client.errors import HavenClientError
from client.haven import HavenClient
from client.link import LinkStatus
from client.registration import register
from client.state import ClientState, StateFile
from crypto.keystore import MEMLIMIT_MIN, OPSLIMIT_MIN
from tests.haven_testing.devices import PASSPHRASE, Devices
from tests.haven_testing.outage import behind, until
from tests.haven_testing.proxy import Cut, TcpProxy


async def without_prekeys(devices: Devices, name: str) -> HavenClient:
    """A registered identity that has published no prekey at all (and will not while the test runs)."""
    state = ClientState.create(devices.server.http_url)
    async with httpx.AsyncClient(base_url=state.server_url, timeout=60) as http:
        await register(http, state.identity)
    path = devices.directory / f"{name}.haven"
    state_file = StateFile.create(path, PASSPHRASE, state, opslimit=OPSLIMIT_MIN, memlimit=MEMLIMIT_MIN)
    client = HavenClient(state, state_file, prekey_refill_wait=(3600.0, 3600.0))
    devices.made.append(client)
    return client


async def test_a_member_without_a_bundle_fails_the_send_before_the_epoch_moves(devices: Devices) -> None:
    _admin, moderator = await devices.staff()
    alice, bob = await devices.person("alice"), await devices.person("bob")
    ghost = await without_prekeys(devices, "ghost")
    group = await devices.group(moderator, [alice, bob, ghost])

    with pytest.raises(HavenClientError) as refused:
        await alice.groups.send(group.group_id, "first")
    assert refused.value.code == "no_prekeys"
    # Nothing moved: no member got a key for an epoch another member could not have (the session still asks for a
    # new epoch at the current time, as it did before the refused send).
    now = int(time.time())
    assert alice.group_session(group.conversation_id).needs_new_epoch(now)
    with pytest.raises(TimeoutError):
        await bob.next_message(1)

    await ghost.refresh_prekeys()
    await alice.groups.send(group.group_id, "second")
    for reader in (bob, ghost, moderator):
        if reader.relay is None:
            await reader.connect()
        assert (await reader.next_message(20)).text == "second"


async def test_an_epoch_cut_short_is_finished_by_the_next_send(devices: Devices, proxy: TcpProxy) -> None:
    _admin, moderator = await devices.staff()
    alice = await behind(proxy, devices, "alice")
    bob, carol = await devices.person("bob"), await devices.person("carol")
    group = await devices.group(moderator, [alice, bob, carol])

    proxy.set_cut(Cut.WEBSOCKET)
    await until(lambda: alice.status is LinkStatus.RECONNECTING)
    sending = asyncio.create_task(alice.groups.send(group.group_id, "given up"))
    # The epoch rotated and was saved with what it owes; its distributions wait for the websocket.
    await until(lambda: bool(alice.state.profile.get("owed_distributions")))
    sending.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await sending
    await alice.close()
    devices.made.remove(alice)

    proxy.set_cut(Cut.NONE)
    alice = await HavenClient.load(devices.directory / "alice.haven", PASSPHRASE)
    devices.made.append(alice)
    await alice.connect()
    await alice.groups.send(group.group_id, "after")
    for reader in (bob, carol):
        assert (await reader.next_message(20)).text == "after"
    assert "owed_distributions" not in alice.state.profile
