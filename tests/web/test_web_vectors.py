"""The TypeScript library (web/) reproduces every file in tests/vectors/ — in Node and in real Chromium —, refuses
what an attacker can send (web/test/core.test.ts) and type-checks under `tsc --strict`. Each test runs the JS
side as a child process and fails with its output."""

from __future__ import annotations

import re

from tests.web.node_runner import build, require_chromium, run_node

VECTOR_FILES = ("hkdf", "identity", "session", "group", "envelope", "franking", "keystore", "sealed", "product")
# tests/vectors/moderation/*.json, reproduced by the crisis-detection engine (web/test/detection.test.ts).
MODERATION_FILES = ("en", "my", "my_zawgyi", "romanised", "evasion")


def _assert_every_vector_file_passed(output: str) -> None:
    for name in VECTOR_FILES:
        assert re.search(rf"^ok \d+ - {name}\.json", output, re.MULTILINE), f"{name}.json did not pass:\n{output}"
    for name in MODERATION_FILES:
        assert re.search(rf"^ok \d+ - detection: {name}\.json", output, re.MULTILINE), (
            f"moderation/{name}.json did not pass:\n{output}"
        )


def test_typescript_strict_typecheck() -> None:
    run_node(["node_modules/typescript/bin/tsc", "--noEmit", "-p", "tsconfig.json"])
    # web/src/core against the Worker library only, without Node's types: it may use no DOM (document, window)
    # and no Node API (process, Buffer), so it runs unchanged in a page, a Worker and Node.
    run_node(["node_modules/typescript/bin/tsc", "--noEmit", "-p", "tsconfig.core.json"])


def test_vectors_in_node() -> None:
    build()
    output = run_node(["--experimental-websocket", "--test", "--test-reporter=tap", "dist/test/node/"])
    _assert_every_vector_file_passed(output)
    # core.test.ts: tampering refused with state unchanged, forged group messages, sealed swaps, keystore bounds, the
    # C8 body budget against real frames, the last-resort prekey kept after use and in the state; and
    # relay-errors.node.test.ts: a hostile relay's flood of errors kept bounded (its WebSocket client needs the
    # flag on Node 20).
    for name in (
        "sender keys: a member holding the chain key",
        "frame budget \\(C8\\)",
        "prekeys: the last-resort prekey",
        "relay: a flood of errors from the server is bounded",
    ):
        assert re.search(rf"^ok \d+ - {name}", output, re.MULTILINE), f"{name!r} did not pass:\n{output}"
    assert re.search(r"^# fail 0$", output, re.MULTILINE), output


def test_vectors_in_chromium() -> None:
    require_chromium()
    build()
    output = run_node(["scripts/browser-test.mjs"])
    assert "HeadlessChrome" in output, output
    _assert_every_vector_file_passed(output)
    # The browser-only tests: device state in IndexedDB under Argon2id, the proof of work in a Web Worker.
    for name in ("device state", "proof of work in a Web Worker"):
        assert re.search(rf"^ok \d+ - {name}", output, re.MULTILINE), f"{name!r} did not pass:\n{output}"
    assert "fail 0" in output, output
