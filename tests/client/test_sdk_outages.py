"""A device whose network fails while it works, against the real server: one device reaches the server through a
real TCP proxy the test controls, which cuts its HTTP API alone (the websocket still delivering) or everything.

What must hold: the device keeps receiving once the server is back, every message exactly once and in order,
notices are not lost, the status says what is happening, and an alert that could not be raised is retried on
its own — never by sending the message a second time.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest

from client.haven import HavenClient
from client.link import LinkStatus
from client.messages import AlertRaised
from tests.haven_testing.devices import Devices
from tests.haven_testing.outage import behind, until
from tests.haven_testing.proxy import Cut, TcpProxy
from wire.frames import EventFrame, MembershipEvent

WORDS = ["one", "two", "three"]


async def next_notice(
    client: HavenClient, match: Callable[[EventFrame | AlertRaised], bool]
) -> EventFrame | AlertRaised:
    while True:
        notice = await client.next_notice(20)
        if match(notice):
            return notice


@pytest.mark.parametrize("cut", [Cut.HTTP, Cut.HTTP_BAD_GATEWAY])
async def test_deliveries_and_notices_wait_out_an_api_outage(devices: Devices, proxy: TcpProxy, cut: Cut) -> None:
    _admin, moderator = await devices.staff()
    alice = await devices.person("alice")
    bob = await behind(proxy, devices, "bob")
    group = await devices.group(moderator, [alice, bob])
    await moderator.groups.update(group.group_id, dm_enabled=True)
    await alice.groups.direct(group.group_id, bob.account_id, "before")
    assert (await bob.next_message(20)).text == "before"
    assert bob.status is LinkStatus.CONNECTED

    # The websocket still delivers, but reading a direct message needs the API (are direct messages on?).
    proxy.set_cut(cut)
    for word in WORDS:
        await alice.groups.direct(group.group_id, bob.account_id, word)
    await until(lambda: bob.status is LinkStatus.API_UNREACHABLE)
    # A membership change meanwhile: handling its event needs the API too.
    carol = await devices.person("carol")
    invite = await moderator.groups.invite(group.group_id)
    await carol.groups.join(invite.code, "carol")
    await moderator.groups.approve(group.group_id, carol.account_id)
    await asyncio.sleep(0.5)  # let the event reach bob while the API is still cut
    assert proxy.refused > 0

    proxy.set_cut(Cut.NONE)
    assert [(await bob.next_message(20)).text for _ in WORDS] == WORDS
    with pytest.raises(TimeoutError):
        await bob.next_message(1)  # exactly once
    joined = await next_notice(bob, lambda n: isinstance(n, MembershipEvent) and n.account == carol.account_id)
    assert isinstance(joined, MembershipEvent) and joined.change == "joined"
    await until(lambda: bob.status is LinkStatus.CONNECTED)


async def test_a_lost_websocket_is_reported_and_resumed_exactly_once(devices: Devices, proxy: TcpProxy) -> None:
    _admin, moderator = await devices.staff()
    alice = await devices.person("alice")
    bob = await behind(proxy, devices, "bob")
    group = await devices.group(moderator, [alice, bob])
    await alice.groups.send(group.group_id, "before")
    assert (await bob.next_message(20)).text == "before"

    proxy.set_cut(Cut.ALL)
    await until(lambda: bob.status is LinkStatus.RECONNECTING)
    for word in WORDS:
        await alice.groups.send(group.group_id, word)
    proxy.set_cut(Cut.NONE)
    assert [(await bob.next_message(20)).text for _ in WORDS] == WORDS
    with pytest.raises(TimeoutError):
        await bob.next_message(1)
    await until(lambda: bob.status is LinkStatus.CONNECTED)
    assert bob.relay is not None and bob.relay.reconnects >= 1


async def test_an_alert_the_api_refuses_is_retried_without_resending_the_message(
    devices: Devices, proxy: TcpProxy
) -> None:
    _admin, moderator = await devices.staff()
    reader = await devices.person("reader")
    writer = await behind(proxy, devices, "writer")
    group = await devices.group(moderator, [writer, reader])
    first = await writer.groups.send(group.group_id, "i took all the pills an hour ago")
    assert first.crisis is not None and first.crisis.alert_id is not None  # the config and moderator keys are known
    members = [m.account_id for m in (await writer.groups.info(group.group_id)).members]
    await reader.next_message(20)

    # The relay accepts the message over the websocket; the alert, over HTTP, cannot go.
    proxy.set_cut(Cut.HTTP)
    sent = await writer.send_group_text(group.conversation_id, members, "i jumped from the bridge before")
    assert sent.crisis is not None
    assert (sent.crisis.alert_id, sent.crisis.alert_pending) == (None, True)
    assert writer.status is LinkStatus.API_UNREACHABLE

    proxy.set_cut(Cut.NONE)
    raised = await next_notice(writer, lambda n: isinstance(n, AlertRaised))
    assert isinstance(raised, AlertRaised)
    assert (raised.conversation, raised.seq) == (group.conversation_id, sent.seq)
    assert (await reader.next_message(20)).seq == sent.seq
    with pytest.raises(TimeoutError):
        await reader.next_message(1)  # the message went once
    alerts = {a.alert_id for a in await moderator.alerts.list()}
    assert raised.alert in alerts
    await until(lambda: writer.status is LinkStatus.CONNECTED)


async def test_membership_changed_while_offline_is_learned_on_reconnect(devices: Devices, proxy: TcpProxy) -> None:
    """Membership notices are hints the server does not replay: a device that was offline while a member joined,
    or while it was itself removed, learns it by re-reading its groups once the websocket is back — without the
    application calling anything."""
    _admin, moderator = await devices.staff()
    alice = await devices.person("alice")
    bob = await behind(proxy, devices, "bob")
    kept = await devices.group(moderator, [alice, bob])
    left = await devices.group(moderator, [alice, bob])
    assert bob.directory.group_conversation(left.group_id) is not None
    assert set(bob.groups.pseudonyms(kept.group_id)) == {moderator.account_id, alice.account_id, bob.account_id}

    proxy.set_cut(Cut.ALL)
    await until(lambda: bob.status is LinkStatus.RECONNECTING)
    carol = await devices.person("carol")
    invite = await moderator.groups.invite(kept.group_id)
    await carol.groups.join(invite.code, "carol")
    await moderator.groups.approve(kept.group_id, carol.account_id)
    await carol.connect()
    await carol.groups.sync()
    await moderator.groups.remove(left.group_id, bob.account_id)

    proxy.set_cut(Cut.NONE)
    await until(lambda: carol.account_id in bob.groups.pseudonyms(kept.group_id))
    await until(lambda: bob.directory.group_conversation(left.group_id) is None)
    assert bob.directory.group_conversation(kept.group_id) == kept.conversation_id
    # The new member reads what bob sends next: the re-read membership started a new epoch that includes carol.
    await bob.groups.send(kept.group_id, "welcome")
    assert (await carol.next_message(20)).text == "welcome"


async def test_a_session_opened_and_one_closed_while_offline_are_learned_on_reconnect(
    devices: Devices, proxy: TcpProxy
) -> None:
    admin, _moderator = await devices.staff()
    counselor = await devices.person("counselor")
    await counselor.admin.redeem((await admin.admin.invite("counselor")).code)
    await counselor.counseling.set_availability(True, ["en"])
    await counselor.connect()
    bob = await behind(proxy, devices, "bob")
    await bob.connect()

    def session_ids() -> set[str | None]:
        conversations = bob.state.profile.get("conversations", {}).values()
        return {info.get("session") for info in conversations if info.get("kind") == "session"}

    await bob.counseling.request_help("en")
    offer = await counselor.counseling.next_offer()
    assert offer is not None
    first = await counselor.counseling.accept(offer.request_id)
    await until(lambda: first.session_id in session_ids())

    proxy.set_cut(Cut.ALL)
    await until(lambda: bob.status is LinkStatus.RECONNECTING)
    await counselor.counseling.close(first.session_id, "resolved")
    proxy.set_cut(Cut.NONE)
    await until(lambda: first.session_id not in session_ids())

    # And a session opened while the device was away is known before its first message arrives.
    await bob.counseling.request_help("en")
    proxy.set_cut(Cut.ALL)
    await until(lambda: bob.status is LinkStatus.RECONNECTING)
    offer = await counselor.counseling.next_offer()
    assert offer is not None
    second = await counselor.counseling.accept(offer.request_id)
    proxy.set_cut(Cut.NONE)
    await until(lambda: second.session_id in session_ids())
