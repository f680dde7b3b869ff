"""The TypeScript library (web/) and the Python SDK in the same conversations, against a real server: each side
must read exactly what the other sent, so both implement docs/protocol.md byte for byte, end to end."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from client.haven import HavenClient
from tests.haven_testing.devices import Devices
from tests.haven_testing.live_server import LiveServer
from tests.web.ts_device import TsDevice


@pytest.fixture
async def ts_device() -> AsyncIterator[TsDevice]:
    device = await TsDevice.start()
    try:
        yield device
    finally:
        await device.stop()


async def _group_with_ts_member(
    server: LiveServer, devices: Devices, ts: TsDevice
) -> tuple[HavenClient, HavenClient, str]:
    """(moderator, a Python member, group id): a group whose members are a Python SDK device and the TS device."""
    _, moderator = await devices.staff()
    member = await devices.person("member")
    await ts.create(server.http_url)
    group = await moderator.groups.create("mod")
    invite = await moderator.groups.invite(group.group_id, max_uses=2)
    await member.groups.join(invite.code, "py-member")
    joined = await ts.call("join", code=invite.code, pseudonym="ts-member")
    assert joined["status"] == "pending"
    await moderator.groups.approve(group.group_id, member.account_id)
    await moderator.groups.approve(group.group_id, ts.account_id)
    for client in (moderator, member):
        await client.connect()
        await client.groups.sync()
    await ts.call("connect")
    await ts.call("sync")
    return moderator, member, group.group_id


async def test_group_messages_both_ways_between_typescript_and_python(
    live_server: LiveServer, tmp_path: Path, ts_device: TsDevice
) -> None:
    devices = Devices(live_server, tmp_path)
    try:
        moderator, member, group_id = await _group_with_ts_member(live_server, devices, ts_device)
        # TypeScript -> Python: a new epoch, its distribution over pair channels, then the group message.
        text = "hello from the browser — မင်္ဂလာပါ"
        sent = await ts_device.call("send_group", group_id=group_id, text=text)
        for client in (member, moderator):
            received = await client.next_message(20)
            assert (received.text, received.sender, received.seq) == (text, ts_device.account_id, sent["seq"])
        # Python -> TypeScript, twice (the second reuses the epoch and the pair-channel session).
        for reply in ("hello from python", "and again"):
            py_sent = await member.groups.send(group_id, reply)
            got = await ts_device.call("next_message", timeout_ms=20_000)
            assert (got["text"], got["sender"], got["seq"], got["kind"]) == (
                reply,
                member.account_id,
                py_sent.seq,
                "group",
            )
            assert (await moderator.next_message(20)).text == reply
        # The TS device sends again on its existing epoch; nothing it received failed to decrypt.
        await ts_device.call("send_group", group_id=group_id, text="second from ts")
        assert (await member.next_message(20)).text == "second from ts"
        assert (await ts_device.call("stats"))["undecryptable"] == 0
    finally:
        await devices.close_all()
