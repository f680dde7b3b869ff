"""Start the real server (`python -m server`) in a child process on a free loopback port."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

import httpx

from tests.haven_testing.databases import ROOT

TEST_SECRET = "5e" * 32


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class LiveServer:
    database_url: str
    log_path: Path
    settings: dict[str, str] = field(default_factory=dict)
    port: int = 0
    process: subprocess.Popen[bytes] | None = None

    @property
    def http_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # What the people helpers read of a server: the network (an in-process app gives an ASGI transport instead).
    transport: ClassVar[None] = None

    def http(self) -> httpx.AsyncClient:
        """An anonymous HTTP client on this server (close it, e.g. `async with server.http() as http:`)."""
        return httpx.AsyncClient(base_url=self.http_url)

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/v1/ws"

    def start(self, timeout: float = 30.0) -> LiveServer:
        """Start (or restart, on the same port) the server and wait until it is ready."""
        self.port = self.port or free_port()
        env = {
            **os.environ,
            "HAVEN_DATABASE_URL": self.database_url,
            "HAVEN_PORT": str(self.port),
            "HAVEN_SERVER_SECRET": TEST_SECRET,
            "HAVEN_SERVER_ID": "haven-test",
            "HAVEN_REGISTRATION_POW_BITS": "4",
            "HAVEN_REGISTRATIONS_PER_MINUTE": "100000",
            "HAVEN_REGISTRATION_BURST": "100000",
            "HAVEN_LOG_LEVEL": "DEBUG",
            **self.settings,
        }
        with self.log_path.open("ab") as log:  # the child keeps its own copy of the descriptor
            self.process = subprocess.Popen([sys.executable, "-m", "server"], cwd=ROOT, env=env, stdout=log, stderr=log)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited early:\n{self.log_path.read_text()[-3000:]}")
            try:
                if httpx.get(f"{self.http_url}/ready", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"server did not become ready:\n{self.log_path.read_text()[-3000:]}")

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(sig)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace")
