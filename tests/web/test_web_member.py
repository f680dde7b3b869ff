"""The member app's direct messages, safety-number QR code, crisis notices and on-device history, with two members
on two phones (two Chromium processes) and a Python SDK moderator; plus the QR encoder and the exported notices."""

from __future__ import annotations

import asyncio
import json
import re
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
import zxingcpp

from client.api import admin as admin_api
from crypto.fingerprints import format_safety_number, safety_number
from moderation import Audience, crisis_notice, resources_for
from moderation.export_notices import export
from tests.haven_testing.devices import Devices
from tests.haven_testing.live_server import LiveServer
from tests.web.app_browser import AppBrowser
from tests.web.app_steps import create_identity, join_from_link, panic_wipe, stored_records, unlock
from tests.web.node_runner import WEB, build

PASSPHRASE_A = "harbour violet sleepy tractor window"
PASSPHRASE_B = "copper meadow lantern sixteen breeze"
HELLO = "hi, it is me from the group"
CRISIS_EN = "i want to kill myself tonight"
# "I want to kill myself" in Burmese (Unicode): tier 2, the deployment's default alert threshold.
CRISIS_MY = "ငါ ကိုယ့်ကိုယ်ကို သတ်သေချင်တယ်"


def _png_gray(path: Path) -> tuple[int, int, bytes]:
    """A Chromium screenshot (8-bit RGB or RGBA PNG, not interlaced) as grayscale rows, with no imaging library."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height, channels = 8, b"", 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and interlace == 0 and colour in (2, 6)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    previous = bytearray(stride)
    gray = bytearray()
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = previous[i]
            c = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + a) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + b) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        gray += bytes(sum(line[x * channels : x * channels + 3]) // 3 for x in range(width))
        previous = line
    return width, height, bytes(gray)


def _decode_qr(path: Path) -> str:
    width, height, gray = _png_gray(path)
    found = zxingcpp.read_barcode(
        memoryview(gray).cast("B", (height, width)), formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
    )
    assert found is not None, f"no QR code in {path}"
    return str(found.text)


def test_exported_notices_are_the_python_clients() -> None:
    """The app's crisis words and resources are exactly what client/haven.py shows, per language."""
    data = export()["languages"]
    for language in ("en", "my"):
        ours = data[language]
        assert ours["writer_headline"] == crisis_notice(language, Audience.WRITER).headline
        told = crisis_notice(language, Audience.READER, alerted=True)
        assert [ours["reader_headline"], *ours["reader_help"], ours["reader_alerted"]] == [told.headline, *told.lines]
        assert [r["id"] for r in ours["resources"]] == [r.id for r in resources_for(language)]
        assert [r["name"] for r in ours["resources"]] == [r.name for r in resources_for(language)]
    assert data["my"]["writer_headline"] != data["en"]["writer_headline"]


@pytest.mark.slow
async def test_two_members_dm_compare_safety_qr_see_crisis_notices_and_keep_history(
    server_factory: Callable[..., LiveServer], fresh_database_url: str, tmp_path: Path
) -> None:
    build()
    server = server_factory(fresh_database_url, web_dir=str(WEB / "dist" / "app"))
    origin = server.http_url
    # The installed app is as neutral as the page: named "Notes", with the build's own icon.
    index = httpx.get(f"{origin}/").text
    linked = re.search(r'<link rel="manifest" href="([^"]+)">', index)
    assert linked is not None
    manifest = httpx.get(f"{origin}/{linked.group(1)}")
    assert manifest.headers["content-type"].startswith("application/manifest+json")
    assert (manifest.json()["name"], manifest.json()["short_name"]) == ("Notes", "Notes")
    icon = httpx.get(f"{origin}/assets/{manifest.json()['icons'][0]['src']}")
    assert icon.headers["content-type"].startswith("image/svg+xml")
    devices = Devices(server, tmp_path / "devices")
    shots = tmp_path / "screenshots"
    a = await AppBrowser.start(shots / "a")
    b = await AppBrowser.start(shots / "b", locale="my-MM")
    try:
        await asyncio.gather(create_identity(a, origin, PASSPHRASE_A), create_identity(b, origin, PASSPHRASE_B))
        assert await b.language() == "my"  # Burmese first: the browser asks for it

        # --- a group that allows direct messages; both phones join from the invite link -------------------------
        _admin, moderator = await devices.staff()
        group = await moderator.groups.create("mod", dm_enabled=True)
        invite = await moderator.groups.invite(group.group_id, max_uses=2)
        await join_from_link(a, origin, invite.code, "river")
        await join_from_link(b, origin, invite.code, "moon")
        for member in await moderator.groups.pending(group.group_id):
            await moderator.groups.approve(group.group_id, member.account_id)
        await a.screen("group")
        await b.screen("group")
        ids = {m.pseudonym: m.account_id for m in (await moderator.groups.info(group.group_id)).members}

        # --- safety number as digits and as a QR code that decodes to the same digits ---------------------------
        await a.click("members")
        await a.screen("members")
        await a.call("click", selector="li.member:has-text('moon') [data-test=show-safety]")
        shown = await a.wait_text("[data-test=safety-number]", "")
        identity_a = await admin_api.identity_public(moderator.api, ids["river"])
        identity_b = await admin_api.identity_public(moderator.api, ids["moon"])
        assert shown == format_safety_number(safety_number(identity_a, identity_b))
        qr_png = tmp_path / "qr.png"
        await a.call("elementShot", selector="li.member:has-text('moon') [data-test=safety-qr]", path=str(qr_png))
        assert _decode_qr(qr_png) == shown.replace(" ", "")
        await a.shoot("01-members-qr")

        # --- a direct message from the members list; crisis resources appear while typing, before the send ------
        await a.call("click", selector="li.member:has-text('moon') [data-test=start-direct]")
        await a.screen("direct")
        await a.call("press", selector="textarea[name=message]", key="h")  # a calm draft shows nothing
        await a.fill("textarea[name=message]", HELLO)
        await a.click("send")
        await a.wait_text("[data-test=message].mine", HELLO)
        assert await a.evaluate("document.querySelectorAll('[data-test=crisis-resources]').length") == 0
        await a.call("fill", selector="textarea[name=message]", value=CRISIS_EN)
        writer_en = crisis_notice("en", Audience.WRITER).headline
        await a.wait_text("[data-test=crisis-resources]", writer_en)
        assert await a.evaluate("document.querySelectorAll('[data-test=message].mine').length") == 1  # not sent yet
        assert not await a.evaluate("document.querySelector('[data-test=send]').disabled")
        await a.shoot("02-direct-crisis-typing")
        await a.click("send")
        await a.wait_text("[data-test=message].mine", CRISIS_EN)

        # --- the other phone: the DM listed on home, the reader's notice, and the moderators told ---------------
        await b.click("back")
        await b.screen("home")
        await b.wait_text("[data-test=open-direct]", "river")
        await b.shoot("03-home-directs")
        await b.click("open-direct")
        await b.screen("direct")
        await b.wait_text("[data-test=message]", CRISIS_EN)
        told_my = crisis_notice("my", Audience.READER, alerted=True).lines[-1]
        await b.wait_text("[data-test=crisis-alerted]", told_my)
        await b.shoot("04-direct-reader-notice")
        alerts = await moderator.alerts.list()
        automatic = [x for x in alerts if x.source == "automatic"]
        assert [(x.tier, x.reports >= 1) for x in automatic] == [(4, True)]
        opened = await moderator.alerts.open(automatic[0].alert_id)
        assert opened.message_text == CRISIS_EN and opened.content.excerpts

        # --- Burmese resources on the Burmese phone while typing; the answer reaches the first phone ------------
        await b.call("fill", selector="textarea[name=message]", value=CRISIS_MY)
        await b.wait_text("[data-test=crisis-resources]", crisis_notice("my", Audience.WRITER).headline)
        await b.shoot("05-direct-crisis-typing-b")
        await b.click("send")
        await a.wait_text("[data-test=message]", CRISIS_MY)
        await a.wait_text("[data-test=crisis-alerted]", crisis_notice("en", Audience.READER, alerted=True).lines[-1])
        assert len([x for x in await moderator.alerts.list() if x.source == "automatic"]) == 2

        # --- history: after a quick lock and unlock, and after a reload, sealed on the device meanwhile ---------
        await a.click("lock")
        await a.screen("unlock")
        body = str(await a.evaluate("document.body.innerText"))
        assert HELLO not in body and CRISIS_MY not in body
        records = await stored_records(a)
        assert len(records) == 2  # the sealed state and the sealed history
        for record in records:
            for needle in (HELLO, CRISIS_EN, CRISIS_MY, "river", "moon", ids["moon"]):
                assert needle.encode() not in record
        await unlock(a, PASSPHRASE_A)
        await a.click("open-direct")
        await a.screen("direct")
        await a.wait_text("[data-test=message].mine", HELLO)
        await a.wait_text("[data-test=message]", CRISIS_MY)
        await a.wait_text("[data-test=crisis-alerted]", "moderators")
        await a.call("reload")
        await unlock(a, PASSPHRASE_A)
        await a.click("open-direct")
        await a.screen("direct")
        await a.wait_text("[data-test=message].mine", CRISIS_EN)
        await a.wait_text("[data-test=message]", CRISIS_MY)

        # --- panic wipe: the history goes with everything else ----------------------------------------------------
        stored = await panic_wipe(a)
        assert stored["indexedDB"] == {} and stored["caches"] == [] and stored["serviceWorkers"] == 0

        for browser in (a, b):
            report = await browser.call("report")
            assert not [m for m in report["console"] if m.startswith("pageerror") or "Refused to" in m]
        assert a.a11y == {} and b.a11y == {}, (a.a11y, b.a11y)
    finally:
        for name, browser in (("a", a), ("b", b)):
            (shots / f"report-{name}.json").write_text(json.dumps(await browser.call("report"), indent=1))
            await browser.stop()
        await devices.close_all()
