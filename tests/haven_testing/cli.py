"""Driving the `haven` command line as a person would: one real process per command, or `group chat` over pipes."""

from __future__ import annotations

import json
import os
import pty
import queue
import select
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from tests.haven_testing.databases import ROOT
from tests.haven_testing.live_server import TEST_SECRET

PASSPHRASE = "correct horse battery staple"
HAVEN = [sys.executable, "-m", "client.cli"]


def interruptible(command: list[str], *, env: dict[str, str]) -> subprocess.Popen[str]:
    """A `haven` process a test will Ctrl-C. Its SIGINT disposition is reset to the default first: a test runner
    started in the background by a non-interactive shell inherits SIGINT *ignored* (POSIX), Python then installs
    no KeyboardInterrupt handler, and the Ctrl-C the test sends would be lost."""
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


@dataclass
class Person:
    name: str
    state: Path

    def env(self, country: str = "") -> dict[str, str]:
        return {
            **os.environ,
            "HAVEN_COUNTRY": country,
            "HAVEN_PASSPHRASE": PASSPHRASE,
            "HAVEN_KDF": "min",
            "HAVEN_STATE": str(self.state),
            "HAVEN_SERVER_SECRET": TEST_SECRET,
            "PYTHONUNBUFFERED": "1",
        }

    def run(self, *args: str, code: int = 0, timeout: float = 60, country: str = "") -> str:
        return self.run_both(*args, code=code, timeout=timeout, country=country)[0]

    def run_both(self, *args: str, code: int = 0, timeout: float = 60, country: str = "") -> tuple[str, str]:
        """(stdout, stderr) of one command that must exit with `code` and never print a traceback."""
        t0 = time.monotonic()
        done = subprocess.run(
            [*HAVEN, *args], cwd=ROOT, env=self.env(country), capture_output=True, text=True, timeout=timeout
        )
        if os.environ.get("HAVEN_TEST_TIMING"):
            print(f"T {time.monotonic() - t0:6.2f}s {self.name} {' '.join(args)[:60]}", file=sys.stderr)
        assert "Traceback" not in done.stderr, done.stderr
        assert done.returncode == code, (self.name, args, done.returncode, done.stdout, done.stderr)
        return done.stdout, done.stderr

    def run_tty(self, *args: str, timeout: float = 60, **extra: str) -> tuple[int, str]:
        """(exit code, everything written to the terminal) of one command whose stdout and stderr are a
        pseudo-terminal, as a person at a keyboard has them (progress and aligned tables only show there)."""
        main, side = pty.openpty()
        process = subprocess.Popen(
            [*HAVEN, *args],
            cwd=ROOT,
            env={**self.env(), "COLUMNS": "80", **extra},
            stdin=subprocess.DEVNULL,
            stdout=side,
            stderr=side,
        )
        os.close(side)
        chunks: list[bytes] = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready, _, _ = select.select([main], [], [], 0.1)
            if ready:
                try:
                    data = os.read(main, 65536)
                except OSError:  # the last writer closed the terminal
                    break
                if not data:
                    break
                chunks.append(data)
            elif process.poll() is not None:
                break
        os.close(main)
        code = process.wait(timeout=max(1.0, deadline - time.monotonic()))
        output = b"".join(chunks).decode("utf-8", "replace")
        assert "Traceback" not in output, output
        return code, output

    def json(self, *args: str) -> object:
        return json.loads(self.run(*args, "--json"))

    def inbox(self, count: int, wait: float = 30) -> list[dict]:
        out = self.run("inbox", "--count", str(count), "--wait", str(wait), "--json")
        return [json.loads(row) for row in out.splitlines() if row.strip()]


class Chat:
    """`haven group chat` driven over pipes; stdout lines are collected on a thread."""

    def __init__(self, person: Person, group: str) -> None:
        self.process = subprocess.Popen(
            [*HAVEN, "group", "chat", group],
            cwd=ROOT,
            env=person.env(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for row in self.process.stdout:
            self.lines.put(row.rstrip("\n"))

    def say(self, words: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(words + "\n")
        self.process.stdin.flush()

    def expect(self, fragment: str, timeout: float = 30) -> str:
        for row in self.seen:
            if fragment in row:
                return row
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                row = self.lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                break
            self.seen.append(row)
            if fragment in row:
                return row
        raise AssertionError(f"{fragment!r} not in chat output:\n" + "\n".join(self.seen))

    def end(self) -> tuple[int, str]:
        assert self.process.stdin is not None
        self.process.stdin.close()  # end of input ends the chat cleanly
        code = self.process.wait(timeout=30)
        assert self.process.stderr is not None
        return code, self.process.stderr.read()


def parallel(*calls):
    with ThreadPoolExecutor(len(calls)) as pool:
        return [f.result() for f in [pool.submit(call) for call in calls]]


def texts(rows: list[dict]) -> list[str]:
    return [r["text"] for r in rows if r["type"] == "message"]
