"""The TypeScript library (web/) and the Python SDK in the same conversations, against a real server: each side
must read exactly what the other sent, so both implement docs/protocol.md byte for byte, end to end."""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from websockets.asyncio.server import ServerConnection, serve

from client.alert_packet import AlertPacket
from client.api import admin as admin_api
from client.api import alerts as alerts_api
from client.haven import HavenClient
from client.messages import IncomingMessage
from client.payloads import GroupPayload, decode_payload
from client.state import ClientState
from crypto import franking
from crypto.errors import DecryptionError
from crypto.sealed import DOMAIN_ALERT, seal
from crypto.sender_keys import GroupSession
from moderation.alert import AlertContent
from tests.haven_testing.devices import Devices
from tests.haven_testing.live_server import LiveServer
from tests.haven_testing.proxy import Cut, TcpProxy
from tests.haven_testing.scenario import ZAWGYI_TIER4
from tests.web.ts_device import TsDevice, TsDeviceError


@pytest.fixture
async def ts_device() -> AsyncIterator[TsDevice]:
    device = await TsDevice.start()
    try:
        yield device
    finally:
        await device.stop()


async def _group_with_ts_member(
    server: LiveServer, devices: Devices, ts: TsDevice, **create_options: Any
) -> tuple[HavenClient, HavenClient, str]:
    """(moderator, a Python member, group id): a group whose members are a Python SDK device and the TS device."""
    _, moderator = await devices.staff()
    member = await devices.person("member")
    await ts.create(server.http_url, **create_options)
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
    server_factory: Callable[..., LiveServer], fresh_database_url: str, tmp_path: Path, ts_device: TsDevice
) -> None:
    # A server of its own: Devices.staff bootstraps the first admin, which a deployment allows once.
    server = server_factory(fresh_database_url)
    devices = Devices(server, tmp_path)
    try:
        moderator, member, group_id = await _group_with_ts_member(server, devices, ts_device)
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
        for client in (member, moderator):
            assert (await client.next_message(20)).text == "second from ts"
        assert (await ts_device.call("stats"))["undecryptable"] == 0

        # Removing a member makes the TS device start a new epoch whose chain the removed member never receives:
        # even holding the relayed bytes, the removed device has no key for them (it could read the old epoch).
        conversation = member.directory.group_conversation(group_id)
        assert conversation is not None
        removed_view = GroupSession.from_bytes(member.state.groups[conversation].to_bytes())
        old_epoch = decode_payload(base64.b64decode(sent["payload"]))
        assert isinstance(old_epoch, GroupPayload) and removed_view.has_chain_for(old_epoch.message)
        await moderator.groups.remove(group_id, member.account_id)
        after = await ts_device.call("send_group", group_id=group_id, text="after the removal")
        got_after = await moderator.next_message(20)
        assert (got_after.text, got_after.seq) == ("after the removal", after["seq"])
        new_epoch = decode_payload(base64.b64decode(after["payload"]))
        assert isinstance(new_epoch, GroupPayload) and new_epoch.message.epoch > old_epoch.message.epoch
        assert not removed_view.has_chain_for(new_epoch.message)
        with pytest.raises(DecryptionError):
            removed_view.decrypt(new_epoch.message)
    finally:
        await devices.close_all()


async def _counselor(devices: Devices, admin: HavenClient, name: str) -> HavenClient:
    counselor = await devices.person(name)
    await counselor.admin.redeem((await admin.admin.invite("counselor")).code)
    await counselor.connect()
    await counselor.counseling.set_availability(True, ["en", "my"])
    return counselor


async def _ts_staff(ts: TsDevice, admin: HavenClient, role: str) -> None:
    code = (await admin.admin.invite(role)).code
    answer = await ts.call("api", method="POST", path="/v1/roles/redeem", body={"code": code})
    assert answer["body"] == {"role": role}


async def test_typescript_device_refills_drained_prekeys_from_its_random_timer(
    server_factory: Callable[..., LiveServer], fresh_database_url: str, tmp_path: Path, ts_device: TsDevice
) -> None:
    """A group member drains the TS device's one-time prekeys below the low-water mark while it is connected; with
    no reconnect and no message in between, its background timer (shortened here from 60 s-1 h) tops them up —
    the only refill path besides registration (protocol.md §1.3)."""
    server = server_factory(fresh_database_url, prekey_bundle_pair_burst="40")
    devices = Devices(server, tmp_path)
    try:
        _, member, _ = await _group_with_ts_member(server, devices, ts_device, prekey_wait=[0.5, 1.0])
        for _ in range(31):  # 50 published at registration, 19 left: below the low-water mark of 20
            await admin_api.fetch_bundle(member.api, ts_device.account_id)
        refilled = 0
        for _ in range(300):  # wait for what the server would show, at most ~30 s
            refilled = (await ts_device.call("api", method="GET", path="/v1/prekeys"))["body"]["one_time_prekeys"]
            if refilled >= 20:
                break
            await asyncio.sleep(0.1)
        assert refilled == 19 + 50
        stats = await ts_device.call("stats")
        assert (stats["reconnects"], stats["failure"]) == (0, None)
    finally:
        await devices.close_all()


async def test_counseling_with_typescript_as_member(
    server_factory: Callable[..., LiveServer], fresh_database_url: str, tmp_path: Path, ts_device: TsDevice
) -> None:
    server = server_factory(fresh_database_url, help_pow_bits="4")
    devices = Devices(server, tmp_path)
    try:
        admin, _ = await devices.staff()
        counselor = await _counselor(devices, admin, "counselor")
        await ts_device.create(server.http_url)
        await ts_device.call("connect")
        # Outside any group the server asks for a proof of work; the TS client pays it and asks again.
        asked = await ts_device.call("request_help", language="en")
        offer = await counselor.counseling.next_offer()
        assert offer is not None and offer.request_id == asked["requestId"]
        session = await counselor.counseling.accept(offer.request_id)
        # The counselor writes first: X3DH from the TS member's published prekeys.
        await counselor.counseling.send(session.session_id, "I am here. What is happening?")
        got = await ts_device.call("next_message", timeout_ms=20_000)
        assert (got["text"], got["sender"], got["kind"]) == (
            "I am here. What is happening?",
            counselor.account_id,
            "session",
        )
        await ts_device.call("send_session", session_id=session.session_id, text="ကျေးဇူးတင်ပါတယ် — thank you")
        reply = await counselor.next_message(20)
        assert (reply.text, reply.sender) == ("ကျေးဇူးတင်ပါတယ် — thank you", ts_device.account_id)
        assert (await ts_device.call("stats"))["undecryptable"] == 0
    finally:
        await devices.close_all()


async def test_typescript_crisis_lane_last_resort_prekey_bundle_limit_and_frame_budget(
    server_factory: Callable[..., LiveServer], fresh_database_url: str, tmp_path: Path, ts_device: TsDevice
) -> None:
    """The protocol as merged today, end to end from the TS client: the help proof of work bought in the crisis lane
    (a challenge from the other lane is refused), the last-resort prekey published at registration and kept in a
    state the Python SDK opens, a refused bundle fetch (429 prekey_fetch_limited) failing the send with nothing
    spent, the C8 body budget exact to the byte, a frame the server refuses failing at once, and a second connection
    past the per-identity cap refused with too_many_connections while the first carries on."""
    server = server_factory(fresh_database_url, help_pow_bits="4", max_connections_per_identity="1")
    devices = Devices(server, tmp_path)
    try:
        admin, _ = await devices.staff()
        counselor = await _counselor(devices, admin, "counselor")
        await ts_device.create(server.http_url)
        status = (await ts_device.call("api", method="GET", path="/v1/prekeys"))["body"]
        assert status["last_resort_prekey_id"] == 0xFFFFFFFF
        assert status["one_time_prekeys"] == 50
        await ts_device.call("connect")
        assert await ts_device.call("second_connection") == {"connected": False, "code": "too_many_connections"}
        asked = await ts_device.call("request_help", language="en", topic="crisis")
        offer = await counselor.counseling.next_offer()
        assert offer is not None and offer.request_id == asked["requestId"]
        session = await counselor.counseling.accept(offer.request_id)
        # The pair burst of bundle fetches, spent; the next one is refused, so the TS member's first message fails
        # at once with the server's code and no session is opened.
        for _ in range(5):
            await ts_device.call("api", method="GET", path=f"/v1/prekeys/{counselor.account_id}")
        with pytest.raises(TsDeviceError, match="prekey_fetch_limited"):
            await ts_device.call("send_session", session_id=session.session_id, text="hello?")
        # The counselor writes first (X3DH from the TS prekeys): the TS member answers on that session, no bundle.
        await counselor.counseling.send(session.session_id, "I am here.")
        assert (await ts_device.call("next_message", timeout_ms=20_000))["text"] == "I am here."
        await ts_device.call("send_session", session_id=session.session_id, text="thank you")
        assert (await counselor.next_message(20)).text == "thank you"
        # C8: one recipient takes 32,713 bytes of body and not one more; the refusal comes before encrypting.
        with pytest.raises(TsDeviceError, match="message_too_large"):
            await ts_device.call("send_session", session_id=session.session_id, text="a" * 32_714)
        await ts_device.call("send_session", session_id=session.session_id, text="b" * 32_713)
        assert (await counselor.next_message(20)).text == "b" * 32_713
        # A frame over max_frame_bytes is refused with its client id as `ref`: the send fails now, not after retries.
        with pytest.raises(TsDeviceError, match="frame_too_large"):
            await ts_device.call("raw_send", timeout=10, conversation=session.conversation_id, size=70_000)
        assert (await ts_device.call("stats"))["undecryptable"] == 0
        # The last-resort prekey is in the state the Python SDK opens (C17), under its reserved id.
        exported = await ts_device.call("export_state")
        state = ClientState.unseal(base64.b64decode(exported["sealed"]), exported["passphrase"])
        assert state.one_time_prekeys.last_resort is not None
        assert state.one_time_prekeys.last_resort.key_id == 0xFFFFFFFF
    finally:
        await devices.close_all()


async def test_counseling_with_typescript_as_counselor_and_a_warm_transfer_note(
    server_factory: Callable[..., LiveServer], fresh_database_url: str, tmp_path: Path, ts_device: TsDevice
) -> None:
    server = server_factory(fresh_database_url, help_pow_bits="4")
    devices = Devices(server, tmp_path)
    try:
        admin, _ = await devices.staff()
        await ts_device.create(server.http_url)
        await _ts_staff(ts_device, admin, "counselor")
        await ts_device.call("connect")
        await ts_device.call("set_availability", languages=["en"])
        member = await devices.person("member")
        await member.connect()
        asked = await member.counseling.request_help("en")
        offer = (await ts_device.call("next_offer"))["offer"]
        assert offer["requestId"] == asked.request_id
        session = await ts_device.call("accept_offer", request_id=asked.request_id)
        await ts_device.call("send_session", session_id=session["sessionId"], text="hello, I am a counselor")
        got = await member.next_message(20)
        assert (got.text, got.sender) == ("hello, I am a counselor", ts_device.account_id)
        await member.counseling.send(session["sessionId"], "thank you for answering")
        heard = await ts_device.call("next_message", timeout_ms=20_000)
        assert (heard["text"], heard["sender"]) == ("thank you for answering", member.account_id)
        # A warm transfer with a note sealed by the TS counselor to the second counselor alone (made available only
        # now, so the offer above could only go to the TS counselor).
        second = await _counselor(devices, admin, "second")
        notes = "asked for help at night; prefers English; no immediate danger"
        await ts_device.call("transfer", session_id=session["sessionId"], to=second.account_id, notes=notes)
        opened = await second.counseling.notes(session["sessionId"])
        assert [(n.author, n.text) for n in opened] == [(ts_device.account_id, notes)]
        # During the transfer the second counselor's message reaches both the member and the TS counselor.
        await second.counseling.send(session["sessionId"], "I am taking over from here")
        assert (await member.next_message(20)).text == "I am taking over from here"
        both = await ts_device.call("next_message", timeout_ms=20_000)
        assert (both["text"], both["sender"]) == ("I am taking over from here", second.account_id)
        assert (await ts_device.call("stats"))["undecryptable"] == 0
    finally:
        await devices.close_all()


async def test_typescript_staff_calls_against_a_real_server(
    server_factory: Callable[..., LiveServer], fresh_database_url: str, tmp_path: Path, ts_device: TsDevice
) -> None:
    """web/src/core/staff.std.ts (the module the moderator dashboard and the admin page use), every answer checked
    against docs/schema by the TS side: roles, roster, the audit chain verified on the device, a group moderator's
    queue, the alert queue, stats, colleagues (counselor.std.ts), and a direct message over a pair channel that the
    Python member reads."""
    server = server_factory(fresh_database_url)
    devices = Devices(server, tmp_path)

    async def staff(fn: str, *args: Any, module: str = "staff") -> Any:
        return (await ts_device.call("staff", module=module, fn=fn, args=list(args)))["result"]

    try:
        admin, _ = await devices.staff()
        await ts_device.create(server.http_url)
        await _ts_staff(ts_device, admin, "admin")
        await _ts_staff(ts_device, admin, "moderator")
        assert sorted((await staff("me"))["roles"]) == ["admin", "moderator"]
        # Roles: an invite the TS admin makes, redeemed by a Python device, then taken back.
        helper = await devices.person("helper")
        invite = await staff("createRoleInvite", "counselor", 600)
        assert invite["role"] == "counselor" and invite["expiresAtMs"] > 0
        await helper.admin.redeem(invite["code"])
        roster = {row["accountId"]: row["roles"] for row in await staff("roster")}
        assert roster[helper.account_id] == ["counselor"] and "admin" in roster[ts_device.account_id]
        await staff("revokeRole", helper.account_id, "counselor")
        assert helper.account_id not in {row["accountId"] for row in await staff("roster")}
        unused = await staff("createRoleInvite", "moderator")
        await staff("revokeRoleInvite", unused["inviteId"])
        # The audit log, fetched in pages of 2 and its chain checked on the device.
        audit = await ts_device.call("staff", fn="auditLog", args=[2])
        assert audit["check"]["ok"] is True and audit["check"]["entries"] == len(audit["actions"]) >= 5
        # A group of the TS moderator's with direct messages on: pending, reject, approve, a DM, remove, ban.
        created = await ts_device.call(
            "api", method="POST", path="/v1/groups", body={"pseudonym": "ts-mod", "dm_enabled": True}
        )
        group_id = created["body"]["group_id"]
        code = (
            await ts_device.call(
                "api", method="POST", path=f"/v1/groups/{group_id}/invites", body={"max_uses": 3, "ttl_seconds": 3600}
            )
        )["body"]["code"]
        member = await devices.person("member")
        other = await devices.person("other")
        writer = await devices.person("writer")
        for client, name in ((member, "m"), (other, "o"), (writer, "w")):
            await client.groups.join(code, name)
        pending = {row["accountId"]: row["pseudonym"] for row in await staff("pendingMembers", group_id)}
        assert pending == {member.account_id: "m", other.account_id: "o", writer.account_id: "w"}
        await staff("rejectMember", group_id, other.account_id)
        for client in (member, writer):
            approved = await staff("approveMember", group_id, client.account_id)
            assert approved["change"] == "joined" and approved["accountId"] == client.account_id
            await client.connect()
            await client.groups.sync()
        assert await staff("pendingMembers", group_id) == []
        await ts_device.call("connect")
        await ts_device.call("sync")
        direct = await ts_device.call("send_direct", group_id=group_id, peer=member.account_id, text="just to you")
        got = await member.next_message(20)
        assert (got.text, got.sender, got.seq) == ("just to you", ts_device.account_id, direct["seq"])
        # The alert queue: a tier-4 message raises an alert the TS moderator lists, claims, releases and dismisses.
        sent = await writer.groups.send(group_id, ZAWGYI_TIER4)
        assert sent.crisis is not None and sent.crisis.alert_id is not None
        alert_id = sent.crisis.alert_id
        listed = await staff("listAlerts", {"status": "open", "minTier": 4})
        assert [row["alertId"] for row in listed] == [alert_id] and listed[0]["verified"] is None
        assert (await staff("claimAlert", alert_id))["claimedBy"] == ts_device.account_id
        released = await staff("releaseAlert", alert_id)
        assert (released["status"], released["claimedBy"]) == ("open", None)
        await staff("claimAlert", alert_id)
        assert (await staff("dismissAlert", alert_id, "fiction"))["status"] == "dismissed"
        assert await staff("listAlerts", {"status": "open"}) == []
        removed = await staff("removeMember", group_id, member.account_id)
        banned = await staff("banMember", group_id, writer.account_id)
        assert (removed["change"], banned["change"]) == ("removed", "banned")
        assert banned["membershipVersion"] > removed["membershipVersion"]
        # Counseling staff: a colleague and the queue's figures.
        await _ts_staff(ts_device, admin, "counselor")
        colleague = await _counselor(devices, admin, "colleague")
        colleagues = {row["accountId"]: row for row in await staff("colleagues", module="counselor")}
        assert colleagues[colleague.account_id]["languages"] == ["en", "my"]
        stats = await staff("counselingStats")
        assert stats["waiting"] == 0 and stats["availableCounselors"] >= 1
    finally:
        await devices.close_all()


async def test_typescript_moderator_opens_and_verifies_a_sealed_alert(
    server_factory: Callable[..., LiveServer], fresh_database_url: str, tmp_path: Path, ts_device: TsDevice
) -> None:
    server = server_factory(fresh_database_url)
    devices = Devices(server, tmp_path)
    try:
        admin, moderator = await devices.staff()
        await ts_device.create(server.http_url)
        await _ts_staff(ts_device, admin, "moderator")
        writer = await devices.person("writer")
        await devices.group(moderator, [writer])
        group_id = next(iter(writer.directory.groups()))
        sent = await writer.groups.send(group_id, ZAWGYI_TIER4)
        assert sent.crisis is not None and sent.crisis.alert_id is not None
        opened = await ts_device.call("open_alert", alert_id=sent.crisis.alert_id)
        # The writer's own device raised it (automatic detection), so it sealed the packet and names itself.
        assert opened["raised_by"] == opened["claimed_sender"] == writer.account_id
        # Franking v2: the local checks passed and the server's tag named the writer, who is now the subject.
        assert opened["verified"] is True
        assert opened["verify_subject"] == opened["subject"] == writer.account_id
        assert opened["reported_text"] == ZAWGYI_TIER4
        assert opened["content"]["tier"] == 4
    finally:
        await devices.close_all()


async def _forged_alert(
    informer: HavenClient, message: IncomingMessage, *, plaintext: bytes | None = None, content_of: str | None = None
) -> str:
    """What an informer's modified client can raise about a message it really received: the genuine commitment,
    ciphertext hash, sender, seq, time and relay tag — every field the server can check — with another plaintext,
    or alert content naming another message. Sealed and signed by the informer, as a real report is."""
    envelope, commitment, ciphertext, tag = informer._reportable[(message.conversation, message.seq)]
    assert tag is not None
    report = franking.FrankingReport.build(
        message_id=envelope.message_id,
        sender_account_id=message.sender,
        conversation_id=message.conversation,
        seq=message.seq,
        plaintext=plaintext if plaintext is not None else envelope.body,
        franking_key=envelope.franking_key,
        commitment=commitment,
        ciphertext=ciphertext,
        server_time=message.server_time_ms,
        tag=tag,
    )
    content = AlertContent(content_of or envelope.message_id.hex(), 1, ("distress",), "und", ())
    sealed = seal(
        AlertPacket(content, report).encode(),
        domain=DOMAIN_ALERT,
        sender=informer.state.identity,
        recipients=await admin_api.moderator_keys(informer.api),
    )
    raised = await alerts_api.raise_alert(
        informer.api,
        conversation=message.conversation,
        seq=message.seq,
        tier=1,
        source="manual",
        language="und",
        sealed=bytes(sealed),
    )
    return raised.alert_id


async def test_typescript_moderator_catches_reports_only_its_device_can_check(
    server_factory: Callable[..., LiveServer], fresh_database_url: str, tmp_path: Path, ts_device: TsDevice
) -> None:
    """An informer puts words in the writer's mouth: a report of a real message with its genuine tag but another
    plaintext, and another whose content points at a different message. The server's tag check passes for both
    (it never sees the plaintext or the content); only the TS moderator's local checks (commitment opens, message id
    is the content's) catch them: recorded as local_check failed, no subject, escalation refused (409 unverified)."""
    server = server_factory(fresh_database_url)
    devices = Devices(server, tmp_path)
    try:
        admin, moderator = await devices.staff()
        await ts_device.create(server.http_url)
        await _ts_staff(ts_device, admin, "moderator")
        writer = await devices.person("writer")
        informer = await devices.person("informer")
        await devices.group(moderator, [writer, informer])
        group_id = next(iter(writer.directory.groups()))
        for text in ("the meeting is on friday", "bring the documents", "see you there"):
            await writer.groups.send(group_id, text)
        first, second, third = [await informer.next_message(20) for _ in range(3)]
        forged_text = await _forged_alert(informer, first, plaintext=b"I will hurt the informer")
        forged_content = await _forged_alert(informer, second, content_of=first.message_id.hex())
        for alert_id in (forged_text, forged_content):
            detail = (await ts_device.call("api", method="GET", path=f"/v1/alerts/{alert_id}"))["body"]
            assert detail["subject"] is None  # alerts are created without a subject (C16)
            opened = await ts_device.call("open_alert", alert_id=alert_id)
            assert opened["verified"] is False
            assert opened["subject"] is None and opened["verify_subject"] is None
            assert opened["claimed_sender"] == writer.account_id  # only a claim: never shown as the sender
            row = (await ts_device.call("api", method="GET", path=f"/v1/alerts/{alert_id}"))["body"]
            assert (row["verified"], row["subject"]) == (False, None)
            with pytest.raises(TsDeviceError, match="unverified"):
                await ts_device.call("escalate_alert", alert_id=alert_id, language="en")
        # The same informer's honest report of the third message, checked the same way, verifies.
        genuine = await _forged_alert(informer, third)
        opened = await ts_device.call("open_alert", alert_id=genuine)
        assert (opened["verified"], opened["subject"]) == (True, writer.account_id)
    finally:
        await devices.close_all()


async def _no_more_messages(ts: TsDevice) -> None:
    """Nothing else arrives (a duplicate would): the device's wait for another message times out."""
    with pytest.raises(TsDeviceError, match="timed out"):
        await ts.call("next_message", timeout_ms=2_000)


async def test_typescript_client_reconnects_across_a_server_restart_losing_and_duplicating_nothing(
    server_factory: Callable[..., LiveServer], fresh_database_url: str, tmp_path: Path, ts_device: TsDevice
) -> None:
    server = server_factory(fresh_database_url)
    devices = Devices(server, tmp_path)
    try:
        _, member, group_id = await _group_with_ts_member(server, devices, ts_device)
        texts = [f"message {i}" for i in range(1, 10)]

        async def expect(wanted: list[str]) -> None:
            for text in wanted:
                got = await ts_device.call("next_message", timeout_ms=30_000)
                assert (got["text"], got["sender"]) == (text, member.account_id)

        for text in texts[:3]:
            await member.groups.send(group_id, text)
        await expect(texts[:3])
        # Three more are accepted (durable), then the server goes away before the TS device may have read or
        # acknowledged them, and comes back on the same port and database.
        for text in texts[3:6]:
            await member.groups.send(group_id, text)
        server.stop()
        server.start()
        await expect(texts[3:6])
        await _no_more_messages(ts_device)
        assert (await ts_device.call("stats"))["reconnects"] >= 1
        # Lock (every key dropped) and unlock from the sealed state alone, as a reloaded tab: the positions saved
        # before each ack mean nothing already shown comes back, and the next message still decrypts.
        await ts_device.call("reopen")
        await ts_device.call("connect")
        await member.groups.send(group_id, texts[6])
        await expect(texts[6:7])
        await _no_more_messages(ts_device)
        # And the TS device's own sends after the restart reach the Python member exactly once.
        await ts_device.call("send_group", group_id=group_id, text="after the restart")
        assert (await member.next_message(30)).text == "after the restart"
        with pytest.raises(TimeoutError):
            await member.next_message(1)
        # The state the TS device sealed is the Python SDK's state format: it unlocks there, same identity and
        # positions (docs/protocol.md C17).
        exported = await ts_device.call("export_state")
        state = ClientState.unseal(base64.b64decode(exported["sealed"]), exported["passphrase"])
        assert state.account_id == ts_device.account_id
        conversation = member.directory.group_conversation(group_id)
        assert conversation is not None and state.positions[conversation] >= 7
    finally:
        await devices.close_all()


async def test_typescript_member_reports_a_message_that_a_python_moderator_opens_and_verifies(
    server_factory: Callable[..., LiveServer], fresh_database_url: str, tmp_path: Path, ts_device: TsDevice
) -> None:
    server = server_factory(fresh_database_url)
    devices = Devices(server, tmp_path)
    try:
        moderator, member, group_id = await _group_with_ts_member(server, devices, ts_device)
        text = "see you all at the meeting on friday"
        sent = await member.groups.send(group_id, text)
        got = await ts_device.call("next_message", timeout_ms=20_000)
        assert (got["text"], got["seq"]) == (text, sent.seq)
        alert_id = (await ts_device.call("report", conversation=got["conversation"], seq=got["seq"]))["alert_id"]
        await moderator.alerts.claim(alert_id)
        opened = await moderator.alerts.open(alert_id)
        # The TS report (v2, with its seq) names the Python sender only as a claim: no subject until verified.
        assert (opened.message_text, opened.claimed_sender, opened.subject) == (text, member.account_id, None)
        assert opened.raised_by == ts_device.account_id
        assert opened.summary.source == "manual"
        assert opened.report.seq == sent.seq
        assert await moderator.alerts.verify(alert_id) is True
        assert (await moderator.alerts.open(alert_id)).subject == member.account_id
    finally:
        await devices.close_all()


async def test_typescript_relay_refuses_frames_that_break_the_schema_and_keeps_serving(ts_device: TsDevice) -> None:
    """A websocket server that authenticates like the relay, then sends what docs/schema/ forbids: each frame is
    refused with a typed error naming where it is wrong (an `accepted` fails the send it answers at once), and the
    valid frame after them is still delivered on the same connection."""
    conversation = "0123456789abcdef0123456789abcdef"
    good = {
        "type": "deliver",
        "conversation": conversation,
        "seq": 5,
        "sender": conversation,
        "client_id": base64.b64encode(bytes(16)).decode(),
        "ciphertext": base64.b64encode(b"opaque").decode(),
        "server_time": 1,
    }

    async def misbehave(socket: ServerConnection) -> None:
        await socket.send(
            json.dumps(
                {
                    "type": "challenge",
                    "challenge": base64.b64encode(bytes(32)).decode(),
                    "server_id": "not-a-relay",
                    "server_time": 1,
                    "max_frame_bytes": 65536,
                }
            )
        )
        auth = json.loads(await socket.recv())
        await socket.send(json.dumps({"type": "ready", "account": auth["account"]}))
        await socket.send(json.dumps({**good, "conversation": conversation.upper()}))  # not an id
        await socket.send("{not json")
        await socket.send(json.dumps({**good, "seq": -1}))
        await socket.send(json.dumps({"type": "event", "event": "gossip"}))  # no such event
        await socket.send(json.dumps(good))
        sent = json.loads(await socket.recv())
        await socket.send(
            json.dumps({"type": "accepted", "client_id": sent["client_id"], "conversation": conversation})
        )
        await socket.wait_closed()

    async with serve(misbehave, "127.0.0.1", 0) as server:
        port = next(iter(server.sockets)).getsockname()[1]
        probe = await ts_device.call("relay_probe", url=f"ws://127.0.0.1:{port}", errors=4)
    assert probe["errors"] == [
        {"code": "invalid_server_frame", "path": "/conversation"},
        {"code": "invalid_server_frame", "path": None},
        {"code": "invalid_server_frame", "path": "/seq"},
        {"code": "invalid_server_frame", "path": "/event"},
    ]
    assert probe["delivered_seq"] == 5
    assert probe["refused_send"] == {"code": "invalid_server_frame", "path": ""}
    assert probe["invalid_frames"] == 5


async def test_typescript_client_learns_what_changed_while_it_was_offline(
    server_factory: Callable[..., LiveServer], fresh_database_url: str, tmp_path: Path, ts_device: TsDevice
) -> None:
    """The relay never replays notices: a TS device cut off while a member joined, while it was removed from a
    group and while its session closed re-reads its groups and sessions once the websocket is back (as the SDK
    does, tests/client/test_sdk_outages.py)."""
    server = server_factory(fresh_database_url, help_pow_bits="4")
    devices = Devices(server, tmp_path)
    proxy = await TcpProxy(server.port).start()
    try:
        admin, moderator = await devices.staff()
        counselor = await _counselor(devices, admin, "counselor")
        member = await devices.person("member")
        await ts_device.create(proxy.http_url)
        kept = await moderator.groups.create("mod")
        left = await moderator.groups.create("mod")
        for group in (kept, left):
            invite = await moderator.groups.invite(group.group_id, max_uses=2)
            await member.groups.join(invite.code, "py-member")
            await ts_device.call("join", code=invite.code, pseudonym="ts-member")
            await moderator.groups.approve(group.group_id, member.account_id)
            await moderator.groups.approve(group.group_id, ts_device.account_id)
        await member.connect()
        await member.groups.sync()
        await ts_device.call("connect")
        await ts_device.call("sync")
        asked = await ts_device.call("request_help", language="en")
        offer = await counselor.counseling.next_offer()
        assert offer is not None and offer.request_id == asked["requestId"]
        session = await counselor.counseling.accept(offer.request_id)
        await ts_device.call("sync_sessions")
        known = await ts_device.call("known")
        assert set(known["groups"]) == {kept.group_id, left.group_id}
        assert known["sessions"] == [session.session_id]

        proxy.set_cut(Cut.ALL)
        newcomer = await devices.person("newcomer")
        invite = await moderator.groups.invite(kept.group_id)
        await newcomer.groups.join(invite.code, "newcomer")
        await moderator.groups.approve(kept.group_id, newcomer.account_id)
        await newcomer.connect()
        await newcomer.groups.sync()
        await moderator.groups.remove(left.group_id, ts_device.account_id)
        await counselor.counseling.close(session.session_id, "resolved")
        proxy.set_cut(Cut.NONE)

        for _ in range(400):
            known = await ts_device.call("known")
            if (
                set(known["groups"]) == {kept.group_id}
                and newcomer.account_id in known["groups"][kept.group_id]
                and not known["sessions"]
            ):
                break
            await asyncio.sleep(0.05)
        else:
            raise AssertionError(f"the TS device did not re-read what changed while it was offline: {known}")
        assert (await ts_device.call("stats"))["reconnects"] >= 1
        # The next message starts an epoch that includes the newcomer.
        await ts_device.call("send_group", group_id=kept.group_id, text="welcome")
        assert (await newcomer.next_message(30)).text == "welcome"
    finally:
        await proxy.close()
        await devices.close_all()
