"""The counselor console (web/src/ui/counselor) in real Chromium at a laptop's 1280x800: two counselors, each in its
own browser process, and two Python SDK members. The offer is pushed (banner, chime, a title badge with no content,
its countdown), two sessions sit side by side, a private note is handed over with a warm transfer to the colleague
picked by name, who sees the note and only what was said after it joined, completes the handover and closes the
session with an outcome."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from client.api import counseling as counseling_api
from client.haven import HavenClient
from tests.haven_testing.devices import Devices
from tests.haven_testing.live_server import LiveServer
from tests.haven_testing.scenario import MEMBER_REPLY, NOTES, SECOND_COUNSELOR, SESSION_OPEN
from tests.web.app_browser import LAPTOP, AppBrowser
from tests.web.app_steps import become_counselor, column, create_identity, send_in_column, texts
from tests.web.node_runner import WEB, build

PASSPHRASE = "river lantern quietly orange mountain"
SECOND_MEMBER = "ကျွန်မ မိသားစုအကြောင်း ပြောချင်ပါတယ်"  # "I want to talk about my family"
AFTER_HANDOVER = "thank you, I can talk to both of you"
TITLE = "Notes"


async def _member_session(member: HavenClient) -> str:
    mine = await member.counseling.my_request()
    assert mine.session is not None
    return mine.session.session_id


@pytest.mark.slow
async def test_two_counselors_take_pushed_offers_side_by_side_note_warm_transfer_by_name_and_close(
    server_factory: Callable[..., LiveServer], fresh_database_url: str, tmp_path: Path
) -> None:
    build()
    server = server_factory(fresh_database_url, web_dir=str(WEB / "dist" / "app"), help_pow_bits="4")
    origin = server.http_url
    devices = Devices(server, tmp_path / "devices")
    shots = tmp_path / "screenshots"
    first, second = await asyncio.gather(
        AppBrowser.start(shots / "first", viewport=LAPTOP), AppBrowser.start(shots / "second", viewport=LAPTOP)
    )
    try:
        await asyncio.gather(create_identity(first, origin, PASSPHRASE), create_identity(second, origin, PASSPHRASE))
        admin, _ = await devices.staff()
        first_name = await become_counselor(first, (await admin.admin.invite("counselor")).code)
        second_name = await become_counselor(second, (await admin.admin.invite("counselor")).code)
        assert first_name != second_name
        # Only the first counselor is available for now, so the offers go to it.
        await first.click("save-availability")
        await first.wait_text("[role=status]", "Saved")
        await first.wait_text("[data-test=no-offer]", "No one is waiting")
        await first.shoot("01-console")
        assert await first.evaluate("document.title") == TITLE

        # --- the offer is pushed: banner with language, topic, waiting time and countdown; chime; title badge -----
        member = await devices.person("member")
        await member.connect()
        await member.counseling.request_help("en", "safety")
        offer = await first.wait_text("[data-test=offer]", "Someone is waiting")
        assert "Language: English" in offer and "My safety" in offer and "Waiting for" in offer
        assert "This offer ends in" in offer
        assert await first.evaluate("document.title") == f"(1) {TITLE}"
        assert await first.evaluate("document.getElementById('app').dataset.chime") == "played"
        await first.shoot("02-offer")
        await first.click("accept-offer")
        await first.wait_text(column(1, "h3"), "Member 1")
        assert await first.evaluate("document.title") == TITLE
        meta = await first.wait_text(column(1, "[data-test=session-meta]"), "Language: English")
        assert "My safety" in meta and "Waited" in meta
        member_session = await _member_session(member)

        await send_in_column(first, 1, SESSION_OPEN)
        assert (await member.next_message(30)).text == SESSION_OPEN
        await member.counseling.send(member_session, MEMBER_REPLY)
        assert "Member 1" in await first.wait_text(column(1, "[data-test=message]"), MEMBER_REPLY)

        # --- a second member: a second offer and a second column beside the first, each with its own history ---
        other = await devices.person("other")
        await other.connect()
        await other.counseling.request_help("my", "family")
        offer = await first.wait_text("[data-test=offer]", "Someone is waiting")
        assert "မြန်မာ" in offer and "Family" in offer
        await first.click("accept-offer")
        await first.wait_text(column(2, "h3"), "Member 2")
        other_session = await _member_session(other)
        await other.counseling.send(other_session, SECOND_MEMBER)
        await first.wait_text(column(2, "[data-test=message]"), SECOND_MEMBER)
        left, right = [(await first.call("box", selector=column(n)))["box"] for n in (1, 2)]
        assert right["x"] >= left["x"] + left["width"] and abs(right["y"] - left["y"]) < 1  # side by side
        assert SECOND_MEMBER not in " ".join(await texts(first, column(1, "[data-test=message]")))
        assert MEMBER_REPLY not in " ".join(await texts(first, column(2, "[data-test=message]")))

        # --- a private note, sealed to the first counselor -----------------------------------------------------
        await first.call("click", selector=column(1, "[data-test=notes-panel] summary"))
        await first.fill(column(1, "textarea[name=note]"), NOTES)
        await first.call("click", selector=column(1, "[data-test=add-note]"))
        assert "Your note" in await first.wait_text(column(1, "[data-test=note]"), NOTES)
        await first.evaluate("window.scrollTo(0, 0)")
        await first.shoot("03-sessions")

        # In a narrow window the columns become one at a time, picked by buttons.
        await first.call("viewport", width=700, height=800)
        assert await first.evaluate(f'getComputedStyle(document.querySelector("{column(1)}")).display') == "none"
        await first.call("click", selector="[data-test=session-switch] button:first-child")
        assert await first.evaluate(f'getComputedStyle(document.querySelector("{column(2)}")).display') == "none"
        assert await first.evaluate(f'getComputedStyle(document.querySelector("{column(1)}")).display') == "flex"
        await first.call("viewport", width=LAPTOP[0], height=LAPTOP[1])

        # --- a warm transfer to the colleague picked by name ---------------------------------------------------
        await second.click("save-availability")
        await second.wait_text("[role=status]", "Saved")
        await first.call("click", selector=column(1, "[data-test=transfer-panel] summary"))
        picked = await first.call("select", selector=column(1, "select[name=colleague]"), text=second_name)
        assert len(picked["value"]) == 32  # the colleague's account id, picked by the name it shows as
        # The note field starts with the counselor's own notes, which only a transfer note can hand over.
        assert (
            await first.evaluate(f'document.querySelector("{column(1, "textarea[name=transfer-note]")}").value')
            == NOTES
        )
        await first.call("click", selector=column(1, "[data-test=transfer]"))
        await first.wait_text(column(1, "[data-test=handover]"), f"Handing over to {second_name}")
        await first.wait_text(column(1, "[data-test=session-notice]"), "A colleague is joining")

        # The colleague sees the session arrive, the note from the first counselor, and the handover rule: none of
        # what was said before it joined.
        receiving = await second.wait_text(column(1, "[data-test=handover]"), "is handing this conversation to you")
        assert first_name in receiving
        await second.wait_text(column(1, "[data-test=handover-note]"), NOTES)
        await second.wait_text(column(1, "[data-test=session-notice]"), "You joined this conversation")
        note = await second.wait_text(column(1, "[data-test=note]"), NOTES)
        assert f"From {first_name}" in note
        await second.wait_text(column(1, "[data-test=history-rule]"), "Earlier messages are not handed over")
        history = " ".join(await texts(second, column(1, "[data-test=messages]")))
        assert SESSION_OPEN not in history and MEMBER_REPLY not in history
        await second.evaluate("window.scrollTo(0, 0)")
        await second.shoot("04-receiving")

        # During the warm transfer all three are in the conversation.
        await member.counseling.send(member_session, AFTER_HANDOVER)
        await first.wait_text(column(1, "[data-test=message]"), AFTER_HANDOVER)
        await second.wait_text(column(1, "[data-test=message]"), AFTER_HANDOVER)
        await send_in_column(second, 1, SECOND_COUNSELOR)
        assert (await member.next_message(30)).text == SECOND_COUNSELOR
        await first.wait_text(column(1, "[data-test=message]"), SECOND_COUNSELOR)

        # The colleague completes the handover: the first counselor keeps only the second member's column.
        await second.call("click", selector=column(1, "[data-test=complete-transfer]"))
        await first.call("gone", selector=column(1))
        assert [h.strip() for h in await texts(first, "[data-test=session] h3")] == ["Member 2"]
        await second.wait_text(column(1, "[data-test=session-notice]"), "The handover is complete")

        # --- a cold transfer of the second member: at once, and without the history ---------------------------
        await first.call("click", selector=column(2, "[data-test=transfer-panel] summary"))
        await first.call("select", selector=column(2, "select[name=colleague]"), text=second_name)
        await first.call("click", selector=column(2, "input[value=cold]"))
        await first.call("click", selector=column(2, "[data-test=transfer]"))
        await first.call("gone", selector=column(2))
        await first.wait_text("#no-sessions", "No conversations yet")
        await second.wait_text(column(2, "[data-test=session-notice]"), "You joined this conversation")
        await second.wait_text(column(2, "[data-test=history-rule]"), "Earlier messages are not handed over")
        assert SECOND_MEMBER not in " ".join(await texts(second, column(2, "[data-test=messages]")))

        # --- closed with an outcome by the one who holds each now ----------------------------------------------
        await second.call("select", selector=column(1, "select[name=outcome]"), text="Resolved")
        await second.call("click", selector=column(1, "[data-test=close-session]"))
        await second.call("gone", selector=column(1))
        closed = await counseling_api.session(member.api, member_session)
        assert (closed.status, closed.outcome) == ("closed", "resolved")
        await second.call("select", selector=column(2, "select[name=outcome]"), text="Referred")
        await second.call("click", selector=column(2, "[data-test=close-session]"))
        await second.wait_text("#no-sessions", "No conversations yet")
        closed = await counseling_api.session(other.api, other_session)
        assert (closed.status, closed.outcome) == ("closed", "referred")

        # --- "Not now": the badge goes, and the declined request is pushed to the colleague at once -----------
        third = await devices.person("third")
        await third.connect()
        await third.counseling.request_help("en", "legal")
        # Both are available now: whichever asked first holds the offer (exclusively); the other is offered it as
        # soon as it is declined.
        holder = colleague = None
        for _ in range(600):
            held = [b for b in (first, second) if await b.evaluate("!!document.querySelector('[data-test=offer]')")]
            if held:
                holder, colleague = (held[0], second if held[0] is first else first)
                break
            await asyncio.sleep(0.1)
        assert holder is not None and colleague is not None
        assert "Legal questions" in await holder.wait_text("[data-test=offer]", "Someone is waiting")
        await holder.click("decline-offer")
        await holder.wait_text("[data-test=no-offer]", "No one is waiting")
        assert await holder.evaluate("document.title") == TITLE
        await colleague.wait_text("[data-test=offer]", "Legal questions")
        assert await colleague.evaluate("document.title") == f"(1) {TITLE}"
        await colleague.click("decline-offer")
        await colleague.wait_text("[data-test=no-offer]", "No one is waiting")
        assert await colleague.evaluate("document.title") == TITLE

        for browser in (first, second):
            report = await browser.call("report")
            assert {urlsplit(u).netloc for u in report["requests"]} == {urlsplit(origin).netloc}
            assert not [m for m in report["console"] if "Content Security Policy" in m or m.startswith("pageerror")]
            assert browser.a11y == {}
    finally:
        for name, browser in (("first", first), ("second", second)):
            (shots / name / "report.json").write_text(json.dumps(await browser.call("report"), indent=1))
            await browser.stop()
        await devices.close_all()
