"""Issue 10, item 6(b): draining someone's one-time prekeys and watching for the refill told when their device came
online. Now a drained bundle carries the owner's last-resort prekey (X3DH still runs, with four DH outputs), the
bundles one requester may take for one owner are limited, and the SDK never refills as a side effect of connecting.
"""

from __future__ import annotations

import asyncio

import pytest

from client.api import admin as admin_api
from client.errors import HavenClientError
from client.haven import ONE_TIME_PREKEY_BATCH, HavenClient
from client.state import LAST_RESORT_PREKEY_ID
from crypto.keystore import MEMLIMIT_MIN, OPSLIMIT_MIN
from crypto.session import accept_session, initial_message, start_session
from server.conversations.service import create_conversation
from tests.haven_testing.people import new_person


async def _device(server, path) -> HavenClient:
    return await HavenClient.create(server.http_url, path, "pass phrase", opslimit=OPSLIMIT_MIN, memlimit=MEMLIMIT_MIN)


async def _share_conversation(db, *accounts: str) -> None:
    async with db() as session, session.begin():
        await create_conversation(session, "direct", list(accounts))


async def _refused(call, code: str) -> None:
    with pytest.raises(HavenClientError) as caught:
        await call
    assert caught.value.code == code, caught.value


async def test_a_drained_bundle_carries_the_last_resort_prekey_and_x3dh_still_works(
    server_factory, database_url, db, tmp_path
):
    # A pair budget large enough to drain in one go: this test is about what a drained bundle holds.
    server = server_factory(database_url, prekey_bundle_pair_burst="1000")
    target = await _device(server, tmp_path / "target.haven")
    informer = await new_person(server)
    peer = await new_person(server)
    try:
        await _share_conversation(db, target.account_id, informer.account_id)
        await _share_conversation(db, target.account_id, peer.account_id)
        assert (await admin_api.prekey_status(target.api))[2] == LAST_RESORT_PREKEY_ID
        for _ in range(ONE_TIME_PREKEY_BATCH):
            bundle = await admin_api.fetch_bundle(informer, target.account_id)
            assert bundle.one_time_prekey is not None and bundle.one_time_prekey.key_id != LAST_RESORT_PREKEY_ID
        assert (await admin_api.prekey_count(target.api))[1] == 0

        # Drained: every further bundle, to anyone, still has a prekey in the one-time slot — the last-resort one,
        # which a fetch never deletes.
        for opener, words in ((informer, b"drained, still one"), (peer, b"and again")):
            bundle = await admin_api.fetch_bundle(opener, target.account_id)
            assert bundle.one_time_prekey is not None
            assert bundle.one_time_prekey.key_id == LAST_RESORT_PREKEY_ID
            _state, header = start_session(opener.identity, bundle)
            assert header.one_time_prekey_id == LAST_RESORT_PREKEY_ID
            message = initial_message(_state, header, words)
            _accepted, plaintext, _result = accept_session(
                target.state.identity,
                target.state.current_signed_prekey,
                target.state.one_time_prekeys,
                bytes(message),
            )
            assert plaintext == words
            # The device keeps the last-resort key for the next session opened while drained.
            assert target.state.one_time_prekeys.last_resort is not None
        assert (await admin_api.prekey_status(target.api))[2] == LAST_RESORT_PREKEY_ID
    finally:
        await target.close()
        await informer.close()
        await peer.close()


async def test_bundle_fetches_per_requester_and_owner_are_limited(live_server, db, tmp_path):
    target = await _device(live_server, tmp_path / "target.haven")
    informer = await new_person(live_server)
    other = await new_person(live_server)
    try:
        await _share_conversation(db, target.account_id, informer.account_id, other.account_id)
        # The default pair budget is 5 at once (HAVEN_PREKEY_BUNDLE_PAIR_BURST), then 2 an hour.
        for _ in range(5):
            await admin_api.fetch_bundle(informer, target.account_id)
        await _refused(admin_api.fetch_bundle(informer, target.account_id), "prekey_fetch_limited")
        # Another member is not held back by the informer, and the refusal spent nothing.
        assert (await admin_api.prekey_count(target.api))[1] == ONE_TIME_PREKEY_BATCH - 5
        bundle = await admin_api.fetch_bundle(other, target.account_id)
        assert bundle.one_time_prekey is not None and bundle.one_time_prekey.key_id != LAST_RESORT_PREKEY_ID
    finally:
        await target.close()
        await informer.close()
        await other.close()


async def test_connecting_does_not_refill_prekeys_the_schedule_does(server_factory, database_url, db, tmp_path):
    server = server_factory(database_url, prekey_bundle_pair_burst="1000")
    target = await _device(server, tmp_path / "target.haven")
    informer = await new_person(server)
    try:
        await _share_conversation(db, target.account_id, informer.account_id)
        for _ in range(ONE_TIME_PREKEY_BATCH):
            await admin_api.fetch_bundle(informer, target.account_id)
        assert (await admin_api.prekey_count(target.api))[1] == 0

        # Connecting (a device coming online) publishes nothing the informer could watch for.
        target.prekey_refill_wait = (3600.0, 3600.0)
        await target.connect()
        assert (await admin_api.prekey_count(target.api))[1] == 0
        bundle = await admin_api.fetch_bundle(informer, target.account_id)
        assert bundle.one_time_prekey is not None and bundle.one_time_prekey.key_id == LAST_RESORT_PREKEY_ID
    finally:
        await target.close()
    # The randomised schedule refills while the device stays connected.
    again = await HavenClient.load(tmp_path / "target.haven", "pass phrase")
    again.prekey_refill_wait = (0.05, 0.2)
    try:
        # The last-resort key survived the state file: the one the server hands out is one this device answers.
        kept = again.state.one_time_prekeys.last_resort
        assert kept is not None and kept.public() == bundle.one_time_prekey
        await again.connect()
        for _ in range(600):
            if (await admin_api.prekey_count(again.api))[1] > 0:
                break
            await asyncio.sleep(0.05)
        assert (await admin_api.prekey_count(again.api))[1] == ONE_TIME_PREKEY_BATCH
    finally:
        await again.close()
        await informer.close()
