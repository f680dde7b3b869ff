"""The web app served by the relay (server/webapp.py) and the member app (web/src/ui) on a phone in real Chromium.

The header tests use a small build made here, so they need no Node; the Chromium test builds the real app
(`web/scripts/build.mjs`) and puts it in a group and a counseling session with Python SDK clients.
"""

from __future__ import annotations

import base64
import hashlib
import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from myanmartools import ZawgyiDetector

from client.api import admin as admin_api
from client.haven import HavenClient
from crypto.fingerprints import format_safety_number, safety_number
from server.webapp import CONTENT_SECURITY_POLICY
from tests.haven_testing.devices import Devices
from tests.haven_testing.live_server import LiveServer
from tests.haven_testing.scenario import GROUP_REPLY, NOTES, SECOND_COUNSELOR, SESSION_OPEN, ZAWGYI_TIER4
from tests.web.app_browser import AppBrowser
from tests.web.node_runner import WEB, build, node_binary

PASSPHRASE = "river lantern quietly orange mountain"
PHONE_HELLO = "hello from the phone — မင်္ဂလာပါ"
PHONE_TO_COUNSELOR = "I am safe for now, thank you"
PHONE_TO_SECOND = "hello, and thank you for taking over"
TRANSFER_NOTE = NOTES


APP_JS = b"console.log('app');" + b"\n" * 200  # long enough that gzip shrinks it


def _fake_build(folder: Path, *, tamper: bool = False) -> dict[str, str]:
    """A build as web/scripts/build.mjs lays it out: index.html, hashed assets, the manifest of SHA-256s."""
    files = {
        "index.html": b'<!doctype html><title>Notes</title><script type="module" src="assets/app-ABC123.js"></script>',
        "assets/app-ABC123.js": APP_JS,
        "assets/font-XYZ.woff2": b"wOF2fake",
        "sw.js": b"self.addEventListener('fetch', () => {});",
    }
    (folder / "assets").mkdir(parents=True)
    for name, body in files.items():
        (folder / name).write_bytes(body)
    # A file in the folder that the manifest does not list must never be served.
    (folder / "assets" / "unlisted.js").write_bytes(b"secret")
    manifest = {name: hashlib.sha256(body).hexdigest() for name, body in files.items()}
    (folder / "build-manifest.json").write_text(json.dumps({"build": "x", "files": manifest}))
    if tamper:
        (folder / "assets/app-ABC123.js").write_bytes(b"console.log('changed after the build')")
    return manifest


def test_content_security_policy_is_strict() -> None:
    directives = dict(d.split(" ", 1) for d in CONTENT_SECURITY_POLICY.split("; "))
    assert directives["default-src"] == "'self'"
    # libsodium.js compiles WebAssembly (CSP treats that as eval): 'wasm-unsafe-eval', never 'unsafe-eval'.
    assert directives["script-src"] == "'self' 'wasm-unsafe-eval'"
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY
    assert "'unsafe-eval'" not in CONTENT_SECURITY_POLICY
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"


def test_relay_serves_the_built_app_with_security_headers(
    server_factory: Callable[..., LiveServer], fresh_database_url: str, tmp_path: Path
) -> None:
    manifest = _fake_build(tmp_path / "app")
    server = server_factory(fresh_database_url, web_dir=str(tmp_path / "app"))
    with httpx.Client(base_url=server.http_url) as http:
        index = http.get("/")
        assert index.status_code == 200 and b"assets/app-ABC123.js" in index.content
        assert index.headers["content-type"].startswith("text/html")
        assert index.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert index.headers["referrer-policy"] == "no-referrer"
        assert index.headers["x-content-type-options"] == "nosniff"
        assert index.headers["x-frame-options"] == "DENY"
        assert index.headers["cache-control"] == "no-cache"  # a new build is picked up on the next load

        asset = http.get("/assets/app-ABC123.js")
        assert asset.status_code == 200 and asset.content == APP_JS
        # Compressed for a client that asks (precompressed at start), byte-identical once decoded.
        big = http.get("/assets/app-ABC123.js", headers={"Accept-Encoding": "gzip"})
        assert big.headers["content-encoding"] == "gzip" and big.content == APP_JS
        plain = http.get("/assets/app-ABC123.js", headers={"Accept-Encoding": "identity"})
        assert "content-encoding" not in plain.headers and plain.content == APP_JS
        assert "content-encoding" not in http.get("/assets/font-XYZ.woff2").headers  # woff2 is compressed already
        assert asset.headers["content-type"].startswith("text/javascript")
        assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
        assert hashlib.sha256(asset.content).hexdigest() == manifest["assets/app-ABC123.js"]
        assert http.get("/assets/font-XYZ.woff2").headers["content-type"] == "font/woff2"

        # The service worker at a fixed name, revalidated on every check so a new build replaces it.
        worker = http.get("/sw.js")
        assert worker.headers["content-type"].startswith("text/javascript")
        assert worker.headers["cache-control"] == "no-cache"

        published = http.get("/build-manifest.json")
        assert published.json()["files"] == manifest and published.headers["cache-control"] == "no-cache"

        # Only what the manifest lists: not a file it leaves out, not a path out of the folder.
        assert http.get("/assets/unlisted.js").status_code == 404
        assert http.get("/assets/..%2Fbuild-manifest.json").status_code == 404
        assert http.get("/assets/%2e%2e/index.html").status_code == 404

        # The API's answers carry the same headers.
        health = http.get("/health")
        assert health.json() == {"status": "ok"}
        assert health.headers["x-content-type-options"] == "nosniff"
        assert health.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        # No CORS for anyone by default.
        preflight = http.options(
            "/v1/groups", headers={"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "GET"}
        )
        assert "access-control-allow-origin" not in preflight.headers


def _node_zlib(op: str, data: bytes) -> bytes:
    """Brotli by Node's zlib (what web/scripts/build.mjs uses; Python's standard library has none)."""
    node = node_binary()
    script = f"process.stdout.write(require('zlib').{op}(require('fs').readFileSync(0)))"
    return subprocess.run([node, "-e", script], input=data, capture_output=True, check=True, timeout=60).stdout


def test_relay_serves_the_builds_brotli_copies_to_browsers_that_accept_br(
    server_factory: Callable[..., LiveServer], fresh_database_url: str, tmp_path: Path
) -> None:
    manifest = _fake_build(tmp_path / "app")
    packed = _node_zlib("brotliCompressSync", APP_JS)
    (tmp_path / "app/assets/app-ABC123.js.br").write_bytes(packed)
    brotli = {"assets/app-ABC123.js": hashlib.sha256(packed).hexdigest()}
    published = {"build": "x", "files": manifest, "brotli": brotli}
    (tmp_path / "app/build-manifest.json").write_text(json.dumps(published))
    # The same build with a .br that is not the one its manifest lists: refused whole, like a changed file.
    _fake_build(tmp_path / "tampered")
    (tmp_path / "tampered/assets/app-ABC123.js.br").write_bytes(packed + b"\0")
    (tmp_path / "tampered/build-manifest.json").write_text(json.dumps(published))

    server = server_factory(fresh_database_url, web_dir=str(tmp_path / "app"))
    with httpx.Client(base_url=server.http_url) as http:
        for accept in ("br", "gzip, deflate, br, zstd", "gzip;q=0.5, br;q=1"):
            # The bytes as sent (iter_raw: httpx would decode br where a brotli package is installed).
            with http.stream("GET", "/assets/app-ABC123.js", headers={"Accept-Encoding": accept}) as answer:
                raw = b"".join(answer.iter_raw())
            assert answer.headers["content-encoding"] == "br", accept
            assert answer.headers["vary"] == "Accept-Encoding"
            assert answer.headers["cache-control"] == "public, max-age=31536000, immutable"
            assert answer.headers["content-type"].startswith("text/javascript")
            assert raw == packed and _node_zlib("brotliDecompressSync", raw) == APP_JS
        # br refused (q=0) or not named: gzip, then the file as it is; `*` never picks a coding for the client.
        for accept, coding in (("br;q=0, gzip", "gzip"), ("gzip", "gzip"), ("identity", None), ("*", None)):
            answer = http.get("/assets/app-ABC123.js", headers={"Accept-Encoding": accept})
            assert answer.headers.get("content-encoding") == coding, accept
            assert answer.content == APP_JS and answer.headers["vary"] == "Accept-Encoding"
        # Files without a brotli copy in the manifest are served as before.
        assert "content-encoding" not in http.get("/", headers={"Accept-Encoding": "br"}).headers
        assert http.get("/build-manifest.json").json()["brotli"] == published["brotli"]

    tampered = server_factory(fresh_database_url, web_dir=str(tmp_path / "tampered"))
    with httpx.Client(base_url=tampered.http_url) as http:
        assert "make web" in http.get("/").text
        assert http.get("/assets/app-ABC123.js", headers={"Accept-Encoding": "br"}).status_code == 404


def test_without_a_whole_build_the_api_runs_and_root_says_how_to_build(
    server_factory: Callable[..., LiveServer], fresh_database_url: str, tmp_path: Path
) -> None:
    _fake_build(tmp_path / "tampered", tamper=True)
    missing = server_factory(fresh_database_url, web_dir=str(tmp_path / "nowhere"))
    tampered = server_factory(fresh_database_url, web_dir=str(tmp_path / "tampered"))
    for server in (missing, tampered):
        with httpx.Client(base_url=server.http_url) as http:
            root = http.get("/")
            assert root.status_code == 200 and "make web" in root.text
            assert root.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
            assert root.headers["cache-control"] == "no-store"
            assert http.get("/assets/app-ABC123.js").status_code == 404  # a file that fails its hash is not served
            assert http.get("/health").json() == {"status": "ok"}
            assert http.get("/v1/config").status_code == 200


def test_web_origins_allows_a_separately_hosted_copy(
    server_factory: Callable[..., LiveServer], fresh_database_url: str, tmp_path: Path
) -> None:
    server = server_factory(
        fresh_database_url, web_dir=str(tmp_path / "nowhere"), web_origins='["https://static.example"]'
    )
    with httpx.Client(base_url=server.http_url) as http:
        allowed = http.options(
            "/v1/groups",
            headers={
                "Origin": "https://static.example",
                "Access-Control-Request-Method": "GET",
                "Access-Control-Request-Headers": "authorization",
            },
        )
        assert allowed.headers["access-control-allow-origin"] == "https://static.example"
        assert "access-control-allow-credentials" not in allowed.headers  # bearer tokens, never cookies
        other = http.get("/v1/config", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers


async def _counselor(devices: Devices, admin: HavenClient, name: str = "counselor") -> HavenClient:
    counselor = await devices.person(name)
    await counselor.admin.redeem((await admin.admin.invite("counselor")).code)
    await counselor.connect()
    await counselor.counseling.set_availability(True, ["en", "my"])
    return counselor


@pytest.mark.slow
async def test_member_app_on_a_phone_joins_chats_asks_for_help_locks_and_wipes(
    server_factory: Callable[..., LiveServer], fresh_database_url: str, tmp_path: Path
) -> None:
    build()  # the real app, web/dist/app, which the relay below serves (HAVEN_WEB_DIR's default)
    # The idle lock is checked by jumping the page's clock 3 minutes ahead; the relay accepts the signed times that
    # follow (its skew limit is 2 minutes by default).
    server = server_factory(
        fresh_database_url, web_dir=str(WEB / "dist" / "app"), help_pow_bits="4", auth_clock_skew_seconds="600"
    )
    origin = server.http_url
    devices = Devices(server, tmp_path / "devices")
    shots = tmp_path / "screenshots"
    browser = await AppBrowser.start(shots)
    try:
        await browser.call("clock")  # before the first load, so the page's timers run on it
        # --- served: the page answers with the CSP, nothing asked for a name ----------------------------------
        page = await browser.call("goto", url=f"{origin}/")
        assert page["status"] == 200
        assert page["headers"]["content-security-policy"] == CONTENT_SECURITY_POLICY
        await browser.screen("welcome")
        assert await browser.evaluate("document.title") == "Notes"
        assert (
            "no phone number, email or name"
            in (await browser.wait_text("[data-test=no-personal-data]", "email")).lower()
        )
        await browser.shoot("01-welcome")

        # --- create an identity: passphrase, strength meter, proof of work in the Worker ------------------------
        await browser.click("start")
        await browser.screen("create")
        await browser.fill("input[name=passphrase]", "abc")
        assert await browser.wait_text("[data-test=strength]", "") in ("Too weak",)
        await browser.fill("input[name=passphrase]", PASSPHRASE)
        assert await browser.wait_text("[data-test=strength]", "") in ("Good", "Strong")
        await browser.fill("input[name=passphrase2]", PASSPHRASE)
        await browser.shoot("02-create")
        await browser.click("create")
        await browser.screen("home", 180_000)
        await browser.shoot("03-home")

        # --- join a group from an invite link a Python moderator made ------------------------------------------
        admin, moderator = await devices.staff()
        py_member = await devices.person("member")
        group = await moderator.groups.create("mod")
        invite = await moderator.groups.invite(group.group_id, max_uses=2)
        await py_member.groups.join(invite.code, "py-member")
        await moderator.groups.approve(group.group_id, py_member.account_id)
        await browser.call("goto", url=f"{origin}/#/join/{invite.code}")
        await browser.screen("join")
        # The code left the address bar (and so history) at once.
        assert invite.code not in str(await browser.evaluate("location.href"))
        await browser.fill("input[name=pseudonym]", "phone-member")
        await browser.shoot("04-join")
        await browser.click("join")
        await browser.screen("waiting")
        await browser.shoot("05-waiting")
        pending = await moderator.groups.pending(group.group_id)
        assert [p.pseudonym for p in pending] == ["phone-member"]
        await moderator.groups.approve(group.group_id, pending[0].account_id)
        await browser.screen("group")

        # --- group chat both ways with the Python SDK member -----------------------------------------------------
        for client in (moderator, py_member):
            await client.connect()
            await client.groups.sync()
        await browser.fill("textarea[name=message]", PHONE_HELLO)
        await browser.click("send")
        for client in (py_member, moderator):
            received = await client.next_message(30)
            assert (received.text, received.sender) == (PHONE_HELLO, pending[0].account_id)
        await py_member.groups.send(group.group_id, GROUP_REPLY)
        await browser.wait_text("[data-test=message]", GROUP_REPLY)
        assert "py-member" in await browser.wait_text("[data-test=message]", GROUP_REPLY)
        # Report it: the first tap asks, the second seals the franking report to the moderators as an alert.
        await browser.click("report")
        await browser.wait_text("[data-test=report]", "Report to the moderators?")
        await browser.click("report")
        await browser.wait_text("[data-test=reported]", "Reported")
        alerts = await moderator.alerts.list()
        conversation = moderator.directory.group_conversation(group.group_id)
        assert [(a.source, a.conversation, a.reports) for a in alerts] == [("manual", conversation, 1)]
        # Verifying it waits for web/src/core's franking v2 (being updated): the core still seals a version-1 report.
        # Zawgyi typed on the phone arrives as Unicode.
        await browser.fill("textarea[name=message]", ZAWGYI_TIER4)
        await browser.click("send")
        converted = (await py_member.next_message(30)).text
        assert converted != ZAWGYI_TIER4
        assert ZawgyiDetector().get_zawgyi_probability(ZAWGYI_TIER4) > 0.95
        assert ZawgyiDetector().get_zawgyi_probability(converted) < 0.05
        await browser.shoot("06-group")
        # Safety numbers: the same 60 digits the Python SDK computes for the pair.
        await browser.click("members")
        await browser.screen("members")
        await browser.call("click", selector="li.member:has-text('py-member') [data-test=show-safety]")
        shown = await browser.wait_text("[data-test=safety-number]", "")
        phone_identity = await admin_api.identity_public(py_member.api, pending[0].account_id)
        expected = format_safety_number(safety_number(py_member.state.identity.public(), phone_identity))
        assert shown == expected
        await browser.shoot("07-safety-number")
        await browser.click("back")
        await browser.screen("group")

        # --- ask for help, wait in the queue, talk to a counselor, see the close ---------------------------------
        counselor = await _counselor(devices, admin)
        await browser.click("back")
        await browser.screen("home")
        await browser.click("get-help")
        await browser.screen("help")
        await browser.shoot("08-help")
        await browser.click("ask")
        await browser.screen("queue")
        assert "number 1" in await browser.wait_text("[data-test=queue-position]", "1")
        await browser.shoot("09-queue")
        offer = await counselor.counseling.next_offer()
        assert offer is not None
        session = await counselor.counseling.accept(offer.request_id)
        await browser.screen("session")
        await counselor.counseling.send(session.session_id, SESSION_OPEN)
        await browser.wait_text("[data-test=message]", SESSION_OPEN)
        await browser.fill("textarea[name=message]", PHONE_TO_COUNSELOR)
        await browser.click("send")
        reply = await counselor.next_message(30)
        assert (reply.text, reply.sender) == (PHONE_TO_COUNSELOR, pending[0].account_id)
        await browser.shoot("10-session")
        # A warm transfer with a note to a second counselor: the member sees it begin and complete, and reads the
        # second counselor's message.
        second = await _counselor(devices, admin, "second")
        await counselor.counseling.transfer(session.session_id, second.account_id, mode="warm", notes=TRANSFER_NOTE)
        await browser.wait_text("[data-test=session-notice]", "Another counselor is joining")
        assert [n.text for n in await second.counseling.notes(session.session_id)] == [TRANSFER_NOTE]
        await second.counseling.complete_transfer(session.session_id)
        await browser.wait_text("[data-test=session-notice]", "now talking with another counselor")
        await second.counseling.send(session.session_id, SECOND_COUNSELOR)
        await browser.wait_text("[data-test=message]", SECOND_COUNSELOR)
        await browser.fill("textarea[name=message]", PHONE_TO_SECOND)
        await browser.click("send")
        await browser.wait_text("[data-test=message].mine", PHONE_TO_SECOND)  # shown once the relay accepted it
        assert (await second.next_message(60)).text == PHONE_TO_SECOND
        await browser.shoot("11-session-transferred")
        await second.counseling.close(session.session_id, "resolved")
        await browser.wait_text("[data-test=session-notice]", "closed")
        await browser.shoot("12-session-closed")

        # --- quick lock: one tap; the screen and the device keep nothing readable ----------------------------------
        await browser.click("lock")
        await browser.screen("unlock")
        body = str(await browser.evaluate("document.body.innerText"))
        for text in (PHONE_HELLO, GROUP_REPLY, SESSION_OPEN, PHONE_TO_COUNSELOR, SECOND_COUNSELOR, "phone-member"):
            assert text not in body
        await browser.shoot("13-unlock")
        stored = (await browser.call("storage"))["value"]
        records = [base64.b64decode(r) for store in stored["indexedDB"].values() for rs in store.values() for r in rs]
        assert len(records) == 2  # the sealed state and the sealed history (web/src/ui/member/history.dom.ts)
        # The service worker's cache holds the app shell and nothing else: only files the build lists.
        shell = set(httpx.get(f"{origin}/build-manifest.json").json()["files"]) | {""}
        assert len(stored["caches"]) == 1
        cached = {urlsplit(url).path.lstrip("/") for url in stored["cached"]}
        assert cached and cached <= shell, cached - shell
        secrets = [PHONE_HELLO, GROUP_REPLY, SESSION_OPEN, PHONE_TO_COUNSELOR, SECOND_COUNSELOR, PHONE_TO_SECOND]
        secrets += [converted, "phone-member", "py-member"]
        for needle in [*secrets, pending[0].account_id, group.group_id, invite.code]:
            for record in records:
                assert needle.encode() not in record, "the sealed state or history holds something readable"
        # It unlocks again with the passphrase (the lock kept the sealed state).
        await browser.fill("input[name=passphrase]", PASSPHRASE)
        await browser.click("unlock")
        await browser.screen("home", 120_000)
        # A few idle minutes lock it too.
        await browser.call("fastForward", duration="02:50")
        assert await browser.evaluate("document.getElementById('app').dataset.screen") == "home"
        await browser.call("fastForward", duration="00:20")
        await browser.screen("unlock")
        await browser.fill("input[name=passphrase]", PASSPHRASE)
        await browser.click("unlock")
        await browser.screen("home", 120_000)

        # --- panic wipe: everything gone at once, a neutral page left --------------------------------------------
        await browser.click("wipe")
        await browser.click("wipe-confirm")
        await browser.call("wait", selector="[data-test=neutral]")
        await browser.evaluate(
            "new Promise(r => { const t = () => document.documentElement.dataset.wiped ? r(0) : setTimeout(t, 50);"
            " t(); })"
        )
        assert await browser.evaluate("location.hash") == ""
        assert await browser.evaluate("document.title") == "Notes"
        stored = (await browser.call("storage"))["value"]
        assert stored == {
            "indexedDB": {},
            "caches": [],
            "cached": [],
            "localStorage": [],
            "sessionStorage": [],
            "serviceWorkers": 0,
        }
        await browser.call("reload")
        await browser.screen("welcome")  # nothing left to unlock

        # --- every request went to the origin; no CSP violation ----------------------------------------------------
        report = await browser.call("report")
        hosts = {urlsplit(url).netloc for url in report["requests"] if not url.startswith(("data:", "blob:"))}
        assert hosts == {urlsplit(origin).netloc}, hosts
        assert any(url.startswith("ws://") for url in report["requests"])
        violations = [m for m in report["console"] if "Content Security Policy" in m or "Refused to" in m]
        assert violations == []
        assert not [m for m in report["console"] if m.startswith("pageerror")]
        assert len(list(shots.glob("*.png"))) == 26
        # axe-core on every screen in both languages: no serious or critical violation.
        assert browser.a11y == {}
    finally:
        # What the page did, kept beside the screenshots for whoever reads a failure.
        (shots / "report.json").write_text(json.dumps(await browser.call("report"), indent=1))
        await browser.stop()
        await devices.close_all()
