"""The `haven` command line fails in one clear line, never a traceback, with the documented exit codes:
1 for a refusal, 2 for bad usage or an unreachable server, 130 for Ctrl-C."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.haven_testing.cli import interruptible
from tests.haven_testing.databases import ROOT
from tests.haven_testing.live_server import TEST_SECRET, free_port

# One engine is enough here: these are about the command line, not the storage.
SQLITE = pytest.mark.parametrize("engine_name", ["sqlite"], indirect=True)

PASSPHRASE = "a long enough passphrase"


def haven(state: Path, *args: str, passphrase: str | None = PASSPHRASE, **extra: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HAVEN_")}
    env.update({"HAVEN_STATE": str(state), "HAVEN_KDF": "min", **extra})
    if passphrase is not None:
        env["HAVEN_PASSPHRASE"] = passphrase
    # A new session: no controlling terminal, as under cron or a pipe.
    return subprocess.run(
        [sys.executable, "-m", "client.cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        start_new_session=True,
    )


def one_line_error(done: subprocess.CompletedProcess, code: int) -> str:
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == code, (done.returncode, done.stdout, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), done.stderr
    return lines[0]


@pytest.fixture
def member(live_server, tmp_path) -> Path:
    state = tmp_path / "member.haven"
    done = haven(state, "identity", "new", "--server", live_server.http_url)
    assert done.returncode == 0, done.stderr
    return state


def test_an_unreachable_server_exits_2(tmp_path):
    url = f"http://127.0.0.1:{free_port()}"
    line = one_line_error(haven(tmp_path / "x.haven", "identity", "new", "--server", url), 2)
    assert line == f"error: cannot reach the server at {url}"
    assert not (tmp_path / "x.haven").exists()


@SQLITE
def test_a_wrong_passphrase_is_a_refusal(member):
    line = one_line_error(haven(member, "identity", "show", passphrase="not it"), 1)
    assert line.startswith("error: state_unreadable: ")


def test_a_missing_identity_is_a_refusal(tmp_path):
    line = one_line_error(haven(tmp_path / "nobody.haven", "group", "list"), 1)
    assert line.startswith("error: no_identity: ")


@SQLITE
def test_no_passphrase_and_no_terminal_is_a_usage_error(member):
    line = one_line_error(haven(member, "identity", "show", passphrase=None), 2)
    assert "HAVEN_PASSPHRASE" in line


@SQLITE
def test_a_forbidden_action_is_refused_with_the_server_code(member):
    line = one_line_error(haven(member, "admin", "invite", "--role", "counselor"), 1)
    assert line.startswith("error: forbidden: ")


@pytest.mark.parametrize(
    "args",
    [
        ("group", "create"),  # a required option missing
        ("no-such-command",),
        ("admin", "revoke"),  # neither --account/--role nor --invite
        ("admin", "invite", "--role", "emperor"),
        ("--kdf", "none", "identity", "show"),
    ],
)
def test_bad_usage_exits_2(tmp_path, args):
    one_line_error(haven(tmp_path / "x.haven", *args), 2)


@SQLITE
def test_identity_delete_needs_yes(member, live_server):
    line = one_line_error(haven(member, "identity", "delete"), 1)
    assert line.startswith("error: confirm_required: ") and member.exists()
    done = haven(member, "identity", "delete", "--yes")
    assert done.returncode == 0 and not member.exists(), done.stderr
    assert one_line_error(haven(member, "identity", "show"), 1).startswith("error: no_identity: ")


@SQLITE
def test_identity_new_refuses_to_overwrite(member, live_server):
    line = one_line_error(haven(member, "identity", "new", "--server", live_server.http_url), 1)
    assert line.startswith("error: identity_exists: ")


@SQLITE
def test_admin_init_creates_a_secret_file_and_a_wrong_secret_is_refused(live_server, tmp_path):
    secret = tmp_path / "data" / "server_secret"
    done = haven(
        tmp_path / "admin.haven", "admin", "init", "--server", live_server.http_url, "--secret-file", str(secret)
    )
    one_line_error(done, 1)  # this secret is not the server's
    assert len(secret.read_text()) == 64 and stat.S_IMODE(secret.stat().st_mode) == 0o600
    assert (tmp_path / "admin.haven").exists()
    assert TEST_SECRET not in secret.read_text()


@SQLITE
def test_ctrl_c_exits_130_without_a_traceback(member):
    env = {**os.environ, "HAVEN_STATE": str(member), "HAVEN_PASSPHRASE": PASSPHRASE, "HAVEN_KDF": "min"}
    process = interruptible([sys.executable, "-m", "client.cli", "inbox", "--wait", "60"], env=env)
    assert process.stderr is not None
    first = process.stderr.readline()  # "connected; waiting ..." once the websocket is up
    assert first.startswith("connected"), first
    time.sleep(0.2)
    process.send_signal(signal.SIGINT)
    _, rest = process.communicate(timeout=30)
    assert process.returncode == 130, (process.returncode, rest)
    assert "Traceback" not in rest and rest.strip() == "error: interrupted", rest
