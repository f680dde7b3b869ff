"""A copy of the member app hosted apart from the relay (docs/web.md, docs/threat-model.md), in real Chromium.

The copy is built on its own (`web/scripts/build.mjs --out`, into this test's tmp folder, so it never overwrites
the `web/dist/app` other tests serve) with `HAVEN_WEB_RELAY` naming the relay, served by a plain static server on
another port — another origin — with a CSP of its own whose connect-src names the relay, and the relay allows that
origin alone (`HAVEN_WEB_ORIGINS`). A member creates an identity there and chats in a group with a Python SDK member.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

import httpx
import pytest

from server.webapp import content_security_policy
from tests.haven_testing.devices import Devices
from tests.haven_testing.live_server import LiveServer
from tests.haven_testing.scenario import GROUP_REPLY
from tests.web.app_browser import AppBrowser
from tests.web.app_steps import create_identity, join_from_link
from tests.web.node_runner import require_chromium, run_node

PASSPHRASE = "harbour violet slowly copper meadow"
HOSTED_HELLO = "hello from the hosted copy — မင်္ဂလာပါ"


def hosted_csp(relay: str) -> str:
    """What a static host would send: the relay's policy, with the relay (HTTP and websocket) added to connect-src."""
    return content_security_policy(relay, "ws" + relay.removeprefix("http"))


class _StaticHost(SimpleHTTPRequestHandler):
    csp: ClassVar[str] = ""

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", self.csp)
        self.send_header("Referrer-Policy", "no-referrer")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def static_host(tmp_path: Path) -> Iterator[tuple[ThreadingHTTPServer, Path, type[_StaticHost]]]:
    """A plain static server on its own port, serving a folder the test fills once it knows the relay's address."""
    folder = tmp_path / "hosted"
    folder.mkdir()
    # A class of this test's own, so setting its policy (once the relay's port is known) touches no other test.
    handler: type[_StaticHost] = type("Handler", (_StaticHost,), {})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server, folder, handler
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


@pytest.mark.slow
async def test_a_separately_hosted_copy_talks_to_the_relay_that_allows_its_origin(
    server_factory: Callable[..., LiveServer],
    fresh_database_url: str,
    tmp_path: Path,
    static_host: tuple[ThreadingHTTPServer, Path, type[_StaticHost]],
) -> None:
    require_chromium()
    static, folder, handler = static_host
    hosted = f"http://127.0.0.1:{static.server_address[1]}"
    relay = server_factory(
        fresh_database_url, web_dir=str(tmp_path / "no-app-here"), web_origins=f'["{hosted}"]', help_pow_bits="4"
    )
    relay_origin = relay.http_url.rstrip("/")
    handler.csp = hosted_csp(relay_origin)
    # The folder is emptied and rebuilt by build.mjs; the static server serves whatever is there per request.
    run_node(["scripts/build.mjs", "--out", str(folder)], env={"HAVEN_WEB_RELAY": relay_origin})
    assert f'<meta name="haven-relay" content="{relay_origin}">' in (folder / "index.html").read_text()

    # The relay answers CORS for the hosted origin alone.
    with httpx.Client(base_url=relay_origin) as http:
        preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
        allowed = http.options("/v1/config", headers={"Origin": hosted, **preflight})
        assert allowed.status_code == 200 and allowed.headers["access-control-allow-origin"] == hosted
        other = f"http://127.0.0.1:{static.server_address[1] + 1}"  # same host, another port: another origin
        refused = http.options("/v1/config", headers={"Origin": other, **preflight})
        assert refused.status_code == 400 and "access-control-allow-origin" not in refused.headers
        assert "access-control-allow-origin" not in http.get("/v1/config", headers={"Origin": other}).headers

    devices = Devices(relay, tmp_path / "devices")
    browser = await AppBrowser.start(tmp_path / "screenshots")
    try:
        page = await browser.call("goto", url=f"{hosted}/")
        assert page["status"] == 200
        assert page["headers"]["content-security-policy"] == hosted_csp(relay_origin)
        await create_identity(browser, hosted, PASSPHRASE)

        _, moderator = await devices.staff()
        py_member = await devices.person("member")
        group = await moderator.groups.create("hosted")
        invite = await moderator.groups.invite(group.group_id, max_uses=2)
        await py_member.groups.join(invite.code, "py-member")
        await moderator.groups.approve(group.group_id, py_member.account_id)
        await join_from_link(browser, hosted, invite.code, "hosted-member")
        pending = await moderator.groups.pending(group.group_id)
        assert [p.pseudonym for p in pending] == ["hosted-member"]
        await moderator.groups.approve(group.group_id, pending[0].account_id)
        await browser.screen("group")

        await py_member.connect()
        await py_member.groups.sync()
        await browser.fill("textarea[name=message]", HOSTED_HELLO)
        await browser.click("send")
        received = await py_member.next_message(30)
        assert (received.text, received.sender) == (HOSTED_HELLO, pending[0].account_id)
        await py_member.groups.send(group.group_id, GROUP_REPLY)
        assert "py-member" in await browser.wait_text("[data-test=message]", GROUP_REPLY)
        await browser.shoot("hosted-group")

        # Every request went to the static host or the relay, both were used, and nothing broke the hosted CSP.
        report = await browser.call("report")
        hosts = {urlsplit(u).netloc for u in report["requests"] if not u.startswith(("data:", "blob:"))}
        assert hosts == {urlsplit(hosted).netloc, urlsplit(relay_origin).netloc}, hosts
        assert any(urlsplit(u).path.endswith(".wasm") for u in report["requests"])  # libsodium, from the copy
        problems = [
            m
            for m in report["console"]
            if "Content Security Policy" in m or "Refused to" in m or m.startswith("pageerror")
        ]
        assert problems == [], problems
    finally:
        await browser.stop()
        await devices.close_all()
