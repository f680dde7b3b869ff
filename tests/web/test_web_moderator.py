"""The moderator dashboard and the admin page (web/src/ui/moderator, web/src/ui/admin) in real Chromium, on a
laptop-sized window, with Python SDK members playing the people in the group.

An admin in one browser makes a moderator invite; a moderator in another redeems it, runs a group (approves the
members who ask), sees a member's tier-4 message pushed as an alert, claims it, reads its sealed context on the
device, verifies it (VERIFIED) and escalates it; a report forged against that member shows NOT VERIFIED; the audit
chain is verified on the device (and an entry rewritten behind the server's back is found); the admin's roster
shows the moderator and revoking the role removes them.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from client.alert_packet import AlertPacket
from client.api import admin as admin_api
from client.api import alerts as alerts_api
from client.api.transport import b64
from crypto.envelope import MESSAGE_ID_BYTES
from crypto.franking import FrankingReport, commit, new_franking_key
from crypto.sealed import DOMAIN_ALERT, seal
from moderation.alert import AlertContent
from moderation.detector import Detector
from tests.haven_testing.devices import Devices
from tests.haven_testing.live_server import TEST_SECRET, LiveServer
from tests.haven_testing.scenario import tamper_audit_entry
from tests.web.app_browser import AppBrowser
from tests.web.app_steps import approve_in_browser, create_identity, new_invite_code, open_alert, redeem_staff_code
from tests.web.node_runner import WEB, build

PASSPHRASE = "river lantern quietly orange mountain"
GENUINE_WORDS = "i took all the pills an hour ago"
FORGED_WORDS = "I have a gun and I will kill myself tonight"
LAPTOP = {"width": 1280, "height": 800}
SERIOUS = ("serious", "critical")


async def _laptop_identity(browser: AppBrowser, origin: str) -> None:
    await browser.call("viewport", **LAPTOP)
    await create_identity(browser, origin, PASSPHRASE, 180_000)


@pytest.mark.slow
async def test_moderator_dashboard_and_admin_page_in_chromium(
    server_factory: Callable[..., LiveServer], fresh_database_url: str, tmp_path: Path
) -> None:
    build()
    server = server_factory(fresh_database_url, web_dir=str(WEB / "dist" / "app"))
    origin = server.http_url
    devices = Devices(server, tmp_path / "devices")
    shots = tmp_path / "screenshots"
    admin_browser = await AppBrowser.start(shots / "admin")
    mod_browser = await AppBrowser.start(shots / "moderator")
    try:
        # --- the admin: the first one from the server's secret (SDK), a second in the browser by invite ----------
        first_admin = await devices.person("first-admin")
        await first_admin.admin.bootstrap(bytes.fromhex(TEST_SECRET))
        await _laptop_identity(admin_browser, origin)
        # Before the role, the page says how the first admin is made (on the command line).
        await admin_browser.click("staff")
        await admin_browser.click("open-admin")
        assert "haven admin init" in await admin_browser.wait_text("[data-test=not-admin]", "haven admin init")
        await admin_browser.shoot("admin-00-not-admin")
        await admin_browser.click("back")
        await redeem_staff_code(admin_browser, (await first_admin.admin.invite("admin")).code, "admin")
        await admin_browser.wait_text("[data-test=figures]", "Waiting for a counselor")
        await admin_browser.click("create-staff-invite")  # the role picker starts at moderator
        code = await admin_browser.wait_text("[data-test=staff-invite-code]", "")
        assert "Moderator" in await admin_browser.wait_text("[data-test=staff-invite]", code)
        await admin_browser.shoot("admin-01-invite")

        # --- the moderator redeems it in a second browser and lands on the dashboard -------------------------------
        await _laptop_identity(mod_browser, origin)
        await redeem_staff_code(mod_browser, code, "dashboard")
        await mod_browser.wait_text("#alert-queue", "No alert needs attention")
        await mod_browser.shoot("mod-01-dashboard-empty")

        # --- a group of the moderator's: two members ask to join and are approved in the browser ------------------
        await mod_browser.click("tab-modGroups")
        await mod_browser.screen("modGroups")
        await mod_browser.fill("input[name=group-pseudonym]", "Moderator")
        await mod_browser.click("create-group")
        await mod_browser.call("wait", selector="[data-test=mod-group]")
        writer, informer = await devices.person("writer"), await devices.person("informer")
        joined = await writer.groups.join(await new_invite_code(mod_browser), "Thida")
        await approve_in_browser(mod_browser, "Thida")
        await informer.groups.join(await new_invite_code(mod_browser), "Ko Ko")
        await mod_browser.shoot("mod-02-pending")
        await approve_in_browser(mod_browser, "Ko Ko")
        group_id = joined.group_id
        for member in (writer, informer):
            await member.connect()
            await member.groups.sync()
            assert (await member.groups.info(group_id)).status == "active"
        await mod_browser.shoot("mod-03-groups")

        # --- a tier-4 message: the writer's device raises the alert; it is pushed onto the dashboard ----------------
        await mod_browser.click("tab-dashboard")
        await mod_browser.screen("dashboard")
        title = await mod_browser.evaluate("document.title")
        sent = await writer.groups.send(group_id, GENUINE_WORDS)
        assert sent.crisis is not None and sent.crisis.alert_id is not None and sent.crisis.tier == 4
        genuine = sent.crisis.alert_id
        # The banner comes from the websocket push (the 3 s poll never draws it).
        assert "tier 4" in await mod_browser.wait_text("[data-test=pushed]", "New alert", 15_000)
        # A chime (the tab click allowed sound) and a bare count on the title: nothing about the alert itself.
        assert await mod_browser.evaluate("document.title") == f"(1) {title}"
        assert await mod_browser.evaluate("document.getElementById('app').dataset.chime") == "played"
        await open_alert(mod_browser, genuine)
        assert await mod_browser.evaluate("document.title") == title
        await mod_browser.click("claim")
        # Opened on the device: group, the sender only as the report's claim, the words around the match.
        assert "not yet proven" in await mod_browser.wait_text("[data-test=context-sender]", "Thida")
        assert "Your group" in await mod_browser.wait_text("[data-test=context-group]", group_id[:8])
        assert "pills" in await mod_browser.wait_text("[data-test=snippet]", "pills")
        await mod_browser.click("verify")
        assert "VERIFIED" in await mod_browser.wait_text("[data-test=verification].verified-yes", "VERIFIED")
        assert "proven by the relay" in await mod_browser.wait_text("[data-test=context-sender]", "Thida")
        await mod_browser.shoot("mod-04-verified")
        await mod_browser.click("escalate")
        await mod_browser.wait_text("[role=status]", "Escalated")
        moderator_id = next(a for a, roles in (await admin_api.roster(first_admin.api)).items() if "moderator" in roles)
        # The SDK admin is no moderator: read the alert as the server has it through a second moderator's eyes.
        second = await devices.person("second-moderator")
        await second.admin.redeem((await first_admin.admin.invite("moderator")).code)
        escalated = await alerts_api.get_alert(second.api, genuine)
        assert (escalated.summary.status, escalated.summary.verified, escalated.subject) == (
            "escalated",
            True,
            writer.account_id,
        )
        assert escalated.summary.claimed_by == moderator_id

        # --- a report forged against the writer (tests/test_forged_report.py): NOT VERIFIED ------------------------
        franking_key, message_id = new_franking_key(), secrets.token_bytes(MESSAGE_ID_BYTES)
        group_conversation = informer.directory.group_conversation(group_id)
        assert group_conversation is not None
        commitment = commit(franking_key, message_id, writer.account_id, group_conversation, FORGED_WORDS.encode())
        junk = secrets.token_bytes(200)
        assert informer.relay is not None
        accepted = await informer.relay.send(group_conversation, junk, commitment=commitment)
        assert accepted.franking_tag is not None
        verdict = Detector.default().scan(FORGED_WORDS)
        report = FrankingReport.build(
            message_id=message_id,
            sender_account_id=writer.account_id,
            conversation_id=group_conversation,
            seq=accepted.seq,
            plaintext=FORGED_WORDS.encode(),
            franking_key=franking_key,
            commitment=commitment,
            ciphertext=junk,
            server_time=accepted.server_time_ms,
            tag=accepted.franking_tag,
        )
        sealed = seal(
            AlertPacket(AlertContent.from_verdict(verdict, FORGED_WORDS, message_id.hex()), report).encode(),
            domain=DOMAIN_ALERT,
            sender=informer.state.identity,
            recipients=await admin_api.moderator_keys(informer.api),
        )
        forged = str(
            (
                await informer.api.post(
                    "/v1/alerts",
                    {
                        "conversation": group_conversation,
                        "seq": accepted.seq,
                        "tier": 4,
                        "source": "manual",
                        "language": "en",
                        "sealed": b64(bytes(sealed)),
                    },
                )
            )["alert_id"]
        )
        await open_alert(mod_browser, forged)
        # The open alert's panel follows the server on the 3 s poll, with no click: a colleague takes it, gives it back.
        await alerts_api.claim(second.api, forged)
        await mod_browser.wait_text("[data-test=alert-detail]", "Another moderator holds it", 15_000)
        assert await mod_browser.evaluate("document.querySelectorAll('[data-test=claim]').length") == 0
        await alerts_api.release(second.api, forged)
        await mod_browser.call("wait", selector="[data-test=claim]", ms=15_000, timeout=30)
        await mod_browser.click("claim")
        # Before the check the report's claim is shown as a claim only, never as the sender.
        assert "not yet proven" in await mod_browser.wait_text("[data-test=context-sender]", "Thida")
        await mod_browser.click("verify")
        refuted = await mod_browser.wait_text("[data-test=verification].verified-no", "NOT VERIFIED")
        assert "do not act against" in refuted
        assert "Nobody" in await mod_browser.wait_text("[data-test=context-sender]", "Nobody")
        shown_verified = "document.querySelectorAll('[data-test=verification].verified-yes').length"
        assert await mod_browser.evaluate(shown_verified) == 0
        await mod_browser.shoot("mod-05-not-verified")
        await mod_browser.click("escalate")
        await mod_browser.wait_text("[data-test=error]", "Only a verified report can be escalated")
        assert (await alerts_api.get_alert(second.api, forged)).summary.status == "claimed"
        # Dismissed with a reason: it leaves the queue of live alerts.
        reason = "document.querySelector('select[name=dismiss-reason]').value = 'other'"
        await mod_browser.call("evaluate", expression=reason)
        await mod_browser.click("dismiss")
        await mod_browser.wait_text("#alert-detail", "Choose an alert")
        assert (await alerts_api.get_alert(second.api, forged)).summary.status == "dismissed"

        # --- the informer is banned from the group (two taps) ---------------------------------------------------
        await mod_browser.click("tab-modGroups")
        await mod_browser.screen("modGroups")
        ban = "[data-test=group-member]:has-text('Ko Ko') [data-test=ban]"
        await mod_browser.call("click", selector=ban)
        await mod_browser.wait_text(ban, "Tap again")
        await mod_browser.call("click", selector=ban)
        await mod_browser.wait_text("[data-test=group-member]", "Thida")
        for _ in range(100):
            if not (await mod_browser.call("texts", selector="[data-test=group-member]:has-text('Ko Ko')"))["texts"]:
                break
            await mod_browser.call("evaluate", expression="new Promise((r) => setTimeout(r, 100))")
        else:
            raise AssertionError("the banned member is still listed")
        members = {m.account_id for m in (await writer.groups.info(group_id)).members}
        assert informer.account_id not in members and writer.account_id in members

        # --- the audit chain, verified on the moderator's device --------------------------------------------------
        await mod_browser.click("tab-audit")
        await mod_browser.screen("audit")
        result = await mod_browser.wait_text("[data-test=audit-result][data-ok=true]", "Chain verified on this device")
        assert "entries link up" in result
        assert "alert.escalate" in await mod_browser.wait_text("[data-test=audit-entry]", "alert.escalate")
        assert "group.ban" in await mod_browser.wait_text("[data-test=audit-entry]", "group.ban")
        await mod_browser.shoot("mod-06-audit")

        # --- the admin's roster shows the moderator; revoking the role removes them -------------------------------
        await admin_browser.call("wait", selector=f"[data-test=roster-row][data-account='{moderator_id}']", ms=30_000)
        await admin_browser.shoot("admin-02-roster")
        revoke = f"[data-test=roster-row][data-account='{moderator_id}'] [data-test=revoke-role][data-role=moderator]"
        await admin_browser.call("click", selector=revoke)
        await admin_browser.wait_text(revoke, "Tap again")
        await admin_browser.call("click", selector=revoke)
        await admin_browser.wait_text("[role=status]", "Role revoked")
        listed = f"document.querySelectorAll(\"[data-account='{moderator_id}']\").length"
        assert await admin_browser.evaluate(listed) == 0
        assert moderator_id not in await admin_api.roster(first_admin.api)
        # The admin also verifies the audit chain on the device.
        await admin_browser.click("open-audit")
        await admin_browser.screen("audit")
        await admin_browser.wait_text("[data-test=audit-result][data-ok=true]", "Chain verified on this device")
        # An entry rewritten behind the server's back: the device finds it and names it.
        target = await tamper_audit_entry(fresh_database_url)
        await admin_browser.click("audit-verify")
        broken = await admin_browser.wait_text("[data-test=audit-result][data-ok=false]", "CHAIN BROKEN")
        assert f"Entry {target}:" in broken
        await admin_browser.shoot("admin-03-audit-broken")

        for browser in (admin_browser, mod_browser):
            page = await browser.call("report")
            assert {urlsplit(u).netloc for u in page["requests"]} == {urlsplit(origin).netloc}
            assert not [m for m in page["console"] if "Content Security Policy" in m or m.startswith("pageerror")]
            assert {shot: v for shot, v in browser.a11y.items() if any(x["impact"] in SERIOUS for x in v)} == {}
    finally:
        for browser in (admin_browser, mod_browser):
            (browser.shots / "report.json").write_text(json.dumps(await browser.call("report"), indent=1))
            await browser.stop()
        await devices.close_all()
