"""The SDK keeps its one-time prekeys stocked on the server, and every bundle handed out is one it can answer."""

from __future__ import annotations

from client.api import admin as admin_api
from client.haven import ONE_TIME_PREKEY_BATCH, ONE_TIME_PREKEY_LOW_WATER, HavenClient
from crypto.keystore import MEMLIMIT_MIN, OPSLIMIT_MIN
from server.conversations.service import create_conversation
from tests.haven_testing.people import new_person


async def test_prekeys_are_published_and_refilled(server_factory, database_url, db, tmp_path):
    # One peer takes 31 bundles: past the default per-pair budget (HAVEN_PREKEY_BUNDLE_PAIR_BURST).
    live_server = server_factory(database_url, prekey_bundle_pair_burst="100")
    client = await HavenClient.create(
        live_server.http_url, tmp_path / "me.haven", "pass phrase", opslimit=OPSLIMIT_MIN, memlimit=MEMLIMIT_MIN
    )
    peer = await new_person(live_server)
    try:
        signed, count = await admin_api.prekey_count(client.api)
        assert signed == client.state.current_signed_prekey_id and count == ONE_TIME_PREKEY_BATCH
        async with db() as session, session.begin():
            await create_conversation(session, "direct", [client.account_id, peer.account_id])
        handed_out = set()
        for _ in range(ONE_TIME_PREKEY_BATCH - ONE_TIME_PREKEY_LOW_WATER + 1):
            bundle = await admin_api.fetch_bundle(peer, client.account_id)
            assert bundle.one_time_prekey is not None
            handed_out.add(bundle.one_time_prekey.key_id)
        # Every key handed out is one whose private half this device still holds.
        assert handed_out <= set(client.state.one_time_prekeys.ids())
        assert (await admin_api.prekey_count(client.api))[1] == ONE_TIME_PREKEY_LOW_WATER - 1
        await client.refresh_prekeys()
        assert (await admin_api.prekey_count(client.api))[1] == ONE_TIME_PREKEY_LOW_WATER - 1 + ONE_TIME_PREKEY_BATCH
        # Saved before publishing: a reloaded device answers the new keys too.
        reloaded = await HavenClient.load(tmp_path / "me.haven", "pass phrase")
        assert set(reloaded.state.one_time_prekeys.ids()) == set(client.state.one_time_prekeys.ids())
        await reloaded.close()
    finally:
        await client.close()
        await peer.close()
