"""Issue 13's whole scenario (tests/test_e2e_sdk.py) through the screens, in real Chromium: an admin, a moderator,
two counselors and three members, each in a browser context of their own, and one Python SDK member in the same
group to prove the two clients mix.

The first admin is made from the server's secret by the SDK (`haven admin init` stays on the command line); the
admin in the browser makes every staff invite on the admin page. The members chat in the moderator's group; one
types a tier-4 message in Zawgyi on a phone; the alert is pushed onto the moderator's dashboard, opened, verified
and escalated; the priority session is offered to the first counselor, who talks with the writer and hands over,
warm and with a note, to the colleague picked by name; the second counselor closes it with an outcome; a member
deletes everything. Afterwards the database and the server's log hold none of the plaintexts, every request of
every page went to the origin, and axe-core found no serious or critical violation on any screen shot.

The seven people share one Chromium (seven contexts; tests/web/app_browser.py SharedChromium): seven Chromium
processes are too heavy for a 2-core CI machine."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from myanmartools import ZawgyiDetector

from tests.haven_testing.devices import Devices
from tests.haven_testing.inspect import database_contents
from tests.haven_testing.live_server import TEST_SECRET, LiveServer
from tests.haven_testing.scenario import (
    GROUP_HELLO,
    GROUP_REPLY,
    MEMBER_REPLY,
    NOTES,
    PLAINTEXTS,
    SECOND_COUNSELOR,
    SESSION_OPEN,
    ZAWGYI_TIER4,
)
from tests.web.app_browser import LAPTOP, AppBrowser, BrowserError, SharedChromium
from tests.web.app_steps import (
    approve_in_browser,
    assert_clean_report,
    become_counselor,
    column,
    create_identity,
    join_from_link,
    new_invite_code,
    open_alert,
    panic_wipe,
    redeem_staff_code,
    send_in_column,
    staff_invite_in_admin_page,
    texts,
)
from tests.web.node_runner import WEB, build

PASSPHRASE = "river lantern quietly orange mountain"
SDK_HELLO = "the python member says hello to the browsers"
MEMBERS = ("Thida", "Ko Ko", "Nilar")  # pseudonyms of the three members on phones; Nilar writes the tier-4 message
SDK_PSEUDONYM = "Aung"


async def _dashboard_alert(moderator: AppBrowser) -> str:
    """The id of the alert the push put at the top of the moderator's queue."""
    assert "tier 4" in await moderator.wait_text("[data-test=pushed]", "New alert", 30_000)
    await moderator.call("wait", selector="[data-alert]", ms=30_000, timeout=60)
    return str(await moderator.evaluate("document.querySelector('[data-alert]').dataset.alert"))


@pytest.mark.slow
async def test_the_whole_scenario_through_the_screens(
    server_factory: Callable[..., LiveServer], fresh_database_url: str, tmp_path: Path
) -> None:
    build()
    server = server_factory(fresh_database_url, web_dir=str(WEB / "dist" / "app"), help_pow_bits="4")
    origin = server.http_url
    devices = Devices(server, tmp_path / "devices")
    shots = tmp_path / "screenshots"
    chromium = await SharedChromium.start()
    browsers: list[AppBrowser] = []
    try:
        admin = await chromium.open("admin", shots / "admin", viewport=LAPTOP)
        moderator = await chromium.open("moderator", shots / "moderator", viewport=LAPTOP)
        first = await chromium.open("counselor1", shots / "counselor1", viewport=LAPTOP)
        second = await chromium.open("counselor2", shots / "counselor2", viewport=LAPTOP)
        # Phones; the second member's asks for Burmese.
        m1 = await chromium.open("member1", shots / "member1")
        m2 = await chromium.open("member2", shots / "member2", locale="my-MM")
        m3 = await chromium.open("member3", shots / "member3")
        browsers = [admin, moderator, first, second, m1, m2, m3]
        await asyncio.gather(*(create_identity(b, origin, PASSPHRASE, 400_000) for b in browsers))
        assert await m2.language() == "my"

        # --- the first admin from the server's secret (SDK); the admin in the browser makes every staff invite -------
        root = await devices.person("first-admin")
        await root.admin.bootstrap(bytes.fromhex(TEST_SECRET))
        await redeem_staff_code(admin, (await root.admin.invite("admin")).code, "admin")
        moderator_code = await staff_invite_in_admin_page(admin, "Moderator")
        counselor_codes = [await staff_invite_in_admin_page(admin, "Counselor") for _ in range(2)]
        await admin.shoot("01-admin-invites")
        await redeem_staff_code(moderator, moderator_code, "dashboard")
        await moderator.shoot("02-moderator-dashboard")
        first_name = await become_counselor(first, counselor_codes[0])
        second_name = await become_counselor(second, counselor_codes[1])
        assert first_name != second_name

        # --- the moderator's group: three phones and the SDK member join from invite links, approved in the browser --
        await moderator.click("tab-modGroups")
        await moderator.screen("modGroups")
        await moderator.fill("input[name=group-pseudonym]", "Moderator")
        await moderator.click("create-group")
        await moderator.call("wait", selector="[data-test=mod-group]")
        for phone, pseudonym in zip((m1, m2, m3), MEMBERS, strict=True):
            code = await new_invite_code(moderator)
            await join_from_link(phone, origin, code, pseudonym)
            await approve_in_browser(moderator, pseudonym)
        sdk = await devices.person("sdk-member")
        joined = await sdk.groups.join(await new_invite_code(moderator), SDK_PSEUDONYM)
        await approve_in_browser(moderator, SDK_PSEUDONYM)
        await moderator.shoot("03-moderator-group")
        await sdk.connect()
        await sdk.groups.sync()
        for phone in (m1, m2, m3):
            await phone.screen("group")

        # --- group chat: phones and the SDK member read each other ---------------------------------------------------
        await m1.fill("textarea[name=message]", GROUP_HELLO)
        await m1.click("send")
        for phone in (m2, m3):
            assert MEMBERS[0] in await phone.wait_text("[data-test=message]", GROUP_HELLO)
        assert (await sdk.next_message(60)).text == GROUP_HELLO
        await m2.fill("textarea[name=message]", GROUP_REPLY)
        await m2.click("send")
        await m1.wait_text("[data-test=message]", GROUP_REPLY)
        assert (await sdk.next_message(60)).text == GROUP_REPLY
        await sdk.groups.send(joined.group_id, SDK_HELLO)
        for phone in (m1, m2, m3):
            assert SDK_PSEUDONYM in await phone.wait_text("[data-test=message]", SDK_HELLO)
        await m2.shoot("04-member-group")

        # --- a tier-4 message typed in Zawgyi on a phone: sent as Unicode, the alert pushed to the dashboard ---------
        await moderator.click("tab-dashboard")
        await moderator.screen("dashboard")
        await m3.fill("textarea[name=message]", ZAWGYI_TIER4)
        await m3.click("send")
        converted = (await sdk.next_message(60)).text
        assert ZawgyiDetector().get_zawgyi_probability(ZAWGYI_TIER4) > 0.95
        assert converted != ZAWGYI_TIER4 and ZawgyiDetector().get_zawgyi_probability(converted) < 0.05
        await m3.wait_text("[data-test=message].mine", converted)
        await m1.wait_text("[data-test=message]", converted)
        await m1.wait_text("[data-test=crisis-alerted]", "moderators")  # a reader is told the moderators know
        await m1.shoot("05-member-reader-notice")
        await m3.shoot("05-member-tier4")
        alert_id = await _dashboard_alert(moderator)
        await moderator.shoot("05-moderator-pushed")
        await open_alert(moderator, alert_id)
        await moderator.click("claim")
        assert "not yet proven" in await moderator.wait_text("[data-test=context-sender]", MEMBERS[2])
        await moderator.click("verify")
        await moderator.wait_text("[data-test=verification].verified-yes", "VERIFIED")
        assert "proven by the relay" in await moderator.wait_text("[data-test=context-sender]", MEMBERS[2])
        await moderator.shoot("06-moderator-verified")

        # --- the priority session, offered to the one available counselor -------------------------------------------
        await first.click("save-availability")
        await first.wait_text("[role=status]", "Saved")
        await moderator.click("escalate")
        await moderator.wait_text("[role=status]", "Escalated")
        offer = await first.wait_text("[data-test=offer]", "Someone is waiting")
        assert "Priority: 4" in offer
        await first.shoot("07-counselor-offer")
        await first.click("accept-offer")
        await first.wait_text(column(1, "h3"), "Member 1")
        await send_in_column(first, 1, SESSION_OPEN)
        await m3.click("back")
        await m3.screen("home")
        await m3.click("open-session")
        await m3.screen("session")
        await m3.wait_text("[data-test=message]", SESSION_OPEN)
        await m3.fill("textarea[name=message]", MEMBER_REPLY)
        await m3.click("send")
        await first.wait_text(column(1, "[data-test=message]"), MEMBER_REPLY)
        await m3.shoot("08-member-session")
        await first.shoot("09-counselor-session")

        # --- a warm transfer with a note to the colleague picked by name ---------------------------------------------
        await second.click("save-availability")
        await second.wait_text("[role=status]", "Saved")
        await first.call("click", selector=column(1, "[data-test=transfer-panel] summary"))
        await first.call("select", selector=column(1, "select[name=colleague]"), text=second_name)
        await first.fill(column(1, "textarea[name=transfer-note]"), NOTES)
        await first.call("click", selector=column(1, "[data-test=transfer]"))
        await first.wait_text(column(1, "[data-test=handover]"), f"Handing over to {second_name}")
        receiving = await second.wait_text(column(1, "[data-test=handover]"), "is handing this conversation to you")
        assert first_name in receiving
        await second.wait_text(column(1, "[data-test=handover-note]"), NOTES)
        await m3.wait_text("[data-test=session-notice]", "Another counselor is joining")
        history = " ".join(await texts(second, column(1, "[data-test=messages]")))
        assert SESSION_OPEN not in history and MEMBER_REPLY not in history  # nothing said before it joined
        await second.evaluate("window.scrollTo(0, 0)")
        await second.shoot("10-counselor-receiving")
        await send_in_column(second, 1, SECOND_COUNSELOR)
        await m3.wait_text("[data-test=message]", SECOND_COUNSELOR)
        await first.wait_text(column(1, "[data-test=message]"), SECOND_COUNSELOR)
        await second.call("click", selector=column(1, "[data-test=complete-transfer]"))
        await first.call("gone", selector=column(1))
        await m3.wait_text("[data-test=session-notice]", "now talking with another counselor")

        # --- closed with an outcome --------------------------------------------------------------------------------
        await second.call("select", selector=column(1, "select[name=outcome]"), text="Follow-up needed")
        await second.call("click", selector=column(1, "[data-test=close-session]"))
        await second.call("gone", selector=column(1))
        await m3.wait_text("[data-test=session-notice]", "closed")
        await m3.shoot("11-member-session-closed")

        # --- one member deletes everything -------------------------------------------------------------------------
        assert await panic_wipe(m1) == {
            "indexedDB": {},
            "caches": [],
            "cached": [],
            "localStorage": [],
            "sessionStorage": [],
            "serviceWorkers": 0,
        }

        # --- every page: the origin only, no CSP violation, no serious or critical accessibility violation ----------
        for browser in browsers:
            await assert_clean_report(browser, origin)
        assert {b.shots.name: b.a11y for b in browsers if b.a11y} == {}
    finally:
        for browser in browsers:
            # What each page did, kept beside its screenshots for whoever reads a failure (if the driver still runs).
            with contextlib.suppress(BrowserError, TimeoutError):
                (browser.shots / "report.json").write_text(json.dumps(await browser.call("report"), indent=1))
            await browser.stop()
        await chromium.stop()
        await devices.close_all()

    # --- afterwards: neither the database nor the server's log holds a word anyone said -----------------------------
    await asyncio.sleep(0.2)
    stored = await database_contents(fresh_database_url)
    log = server.log_text().encode()
    for plaintext in [*PLAINTEXTS, converted, SDK_HELLO]:
        assert plaintext.encode() not in stored, plaintext
        assert plaintext.encode() not in log, plaintext
