"""Sender-key epochs through the SDK: a removed member's device cannot read what comes after, a newly approved
one cannot read what came before — even holding the ciphertext — and direct messages follow the group's flag."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from client.errors import HavenClientError
from client.haven import HavenClient
from client.payloads import GroupPayload, decode_payload
from crypto.errors import DecryptionError
from crypto.sender_keys import GroupSession
from server.models import Message
from tests.haven_testing.devices import Devices


async def stored_ciphertext(db, conversation: str, seq: int) -> bytes:
    async with db() as session:
        ciphertext = await session.scalar(
            select(Message.ciphertext).where(Message.conversation_id == conversation, Message.seq == seq)
        )
    assert ciphertext is not None, "the message should still be queued for an offline member"
    return ciphertext


def snapshot(client: HavenClient, conversation: str) -> bytes:
    """What a malicious device would keep: its group state as of now, whatever its honest client does later."""
    return client.state.groups[conversation].to_bytes()


def can_read(kept: bytes, ciphertext: bytes) -> bool:
    payload = decode_payload(ciphertext)
    assert isinstance(payload, GroupPayload)
    try:
        GroupSession.from_bytes(kept).decrypt(payload.message)
    except DecryptionError:
        return False
    return True


async def test_removed_members_cannot_read_on_and_newcomers_cannot_read_back(
    server_factory, fresh_database_url, tmp_path, db_factory
):
    devices = Devices(server_factory(fresh_database_url), tmp_path)
    db = db_factory(fresh_database_url)
    try:
        _admin, moderator = await devices.staff()
        alice, bob, informer, newcomer, offline = [
            await devices.person(name) for name in ("alice", "bob", "informer", "newcomer", "offline")
        ]
        group = await devices.group(moderator, [alice, bob, informer])
        # One member who never connects, so every message stays queued for inspection.
        invite = await moderator.groups.invite(group.group_id, max_uses=2)
        await offline.groups.join(invite.code, "offline")
        await moderator.groups.approve(group.group_id, offline.account_id)
        conversation = group.conversation_id

        before = await alice.groups.send(group.group_id, "before the removal")
        for reader in (bob, informer):
            assert (await reader.next_message(15)).text == "before the removal"
        kept_by_informer = snapshot(informer, conversation)
        still = await alice.groups.send(group.group_id, "still the same epoch")
        for reader in (bob, informer):
            assert (await reader.next_message(15)).text == "still the same epoch"
        # What it kept reads the epoch it was in (so the checks below are not vacuous)...
        assert can_read(kept_by_informer, await stored_ciphertext(db, conversation, still.seq))

        # ...but once it is removed, the next message is under a new epoch whose chain it never receives.
        await moderator.groups.remove(group.group_id, informer.account_id)
        after = await alice.groups.send(group.group_id, "after the removal")
        assert (await bob.next_message(15)).text == "after the removal"
        assert not can_read(kept_by_informer, await stored_ciphertext(db, conversation, after.seq))

        # A newcomer approved now gets the chains of new epochs only.
        await newcomer.groups.join(invite.code, "newcomer")
        await moderator.groups.approve(group.group_id, newcomer.account_id)
        await newcomer.connect()
        await newcomer.groups.sync()
        await alice.groups.send(group.group_id, "welcome")
        assert (await newcomer.next_message(15)).text == "welcome"
        assert (await bob.next_message(15)).text == "welcome"
        kept_by_newcomer = snapshot(newcomer, conversation)
        later = await alice.groups.send(group.group_id, "later in the same epoch")
        assert (await newcomer.next_message(15)).text == "later in the same epoch"
        assert can_read(kept_by_newcomer, await stored_ciphertext(db, conversation, later.seq))
        for old in (before, still, after):
            assert not can_read(kept_by_newcomer, await stored_ciphertext(db, conversation, old.seq))
    finally:
        await devices.close_all()


async def test_direct_messages_only_where_the_group_allows_them(server_factory, fresh_database_url, tmp_path):
    devices = Devices(server_factory(fresh_database_url), tmp_path)
    try:
        _admin, moderator = await devices.staff()
        alice, bob = await devices.person("alice"), await devices.person("bob")
        group = await devices.group(moderator, [alice, bob])
        with pytest.raises(HavenClientError) as off:
            await alice.groups.direct(group.group_id, bob.account_id, "psst")
        assert off.value.code == "direct_messages_off"

        await moderator.groups.update(group.group_id, dm_enabled=True)
        await alice.groups.direct(group.group_id, bob.account_id, "hello, just you")
        got = await bob.next_message(15)
        assert (got.text, got.kind, got.sender) == ("hello, just you", "direct", alice.account_id)
    finally:
        await devices.close_all()
