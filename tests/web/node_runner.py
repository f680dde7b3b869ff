"""Run the TypeScript library's Node and Chromium tests as child processes, so `make test` stays one pytest run.

Node.js 20+ and `web/node_modules` (`make test` runs `npm ci`) are needed for everything here, and Debian's
`chromium` for the browser tests. Without them the tests skip with the reason; with HAVEN_TEST_REQUIRE_SERVICES=1
(CI) they fail instead, so CI can never pass by skipping the browser.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tests.haven_testing.databases import ROOT, skip_or_fail

WEB = ROOT / "web"
CHROMIUM = Path(os.environ.get("HAVEN_CHROMIUM", "/usr/bin/chromium"))
MIN_NODE_MAJOR = 20


def node_binary() -> str:
    """The node executable, or skip (fail on CI) with what to install."""
    node = shutil.which("node")
    if node is None:
        skip_or_fail("Node.js 20+ is not installed (the web library's tests need it)")
        raise AssertionError("unreachable")
    version = subprocess.run([node, "--version"], capture_output=True, text=True, check=False).stdout.strip()
    try:
        major = int(version.lstrip("v").split(".")[0])
    except ValueError:
        major = 0
    if major < MIN_NODE_MAJOR:
        skip_or_fail(f"Node.js {version or '?'} is too old; the web library needs Node.js {MIN_NODE_MAJOR}+")
    if not (WEB / "node_modules").is_dir():
        skip_or_fail("web/node_modules is missing: run `make test` (it runs `npm ci` in web/)")
    return node


def require_chromium() -> None:
    if not CHROMIUM.exists():
        skip_or_fail(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")


def run_node(args: list[str], *, timeout: float = 240, env: dict[str, str] | None = None) -> str:
    """Run `node args...` in web/; fail the test with the whole output when it exits non-zero."""
    node = node_binary()
    result = subprocess.run(
        [node, *args],
        cwd=WEB,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
        check=False,
    )
    output = result.stdout + result.stderr
    if result.returncode != 0:
        raise AssertionError(f"node {' '.join(args)} exited with {result.returncode}:\n{output[-20000:]}")
    return output


_built = False


def build() -> None:
    """Bundle the library and the tests once per pytest run, so the tests never run stale code."""
    global _built
    if not _built:
        run_node(["scripts/build.mjs"])
        _built = True
