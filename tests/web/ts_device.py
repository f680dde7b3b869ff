"""A TypeScript Haven device (web/test/interop/driver.node.ts) as an asyncio child process, driven one JSON command
per line, so a test can put it in a conversation with Python SDK clients against a real server."""

from __future__ import annotations

import asyncio
import contextlib
import json
from typing import Any

from tests.web.node_runner import WEB, build, node_binary


class TsDeviceError(AssertionError):
    """The TypeScript side answered a command with an error (its message says which)."""


class TsDevice:
    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self._process = process
        self.account_id = ""

    @classmethod
    async def start(cls) -> TsDevice:
        node = node_binary()
        build()
        process = await asyncio.create_subprocess_exec(
            node,
            "--experimental-websocket",
            "--no-warnings",
            "dist/interop-driver.mjs",
            cwd=WEB,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            limit=1 << 22,
        )
        return cls(process)

    async def call(self, op: str, timeout: float = 60.0, **arguments: Any) -> dict[str, Any]:
        assert self._process.stdin is not None and self._process.stdout is not None
        self._process.stdin.write((json.dumps({"op": op, **arguments}) + "\n").encode())
        await self._process.stdin.drain()
        line = await asyncio.wait_for(self._process.stdout.readline(), timeout)
        if not line:
            stderr = await self._process.stderr.read() if self._process.stderr else b""
            raise TsDeviceError(f"the TypeScript device exited during {op}:\n{stderr.decode(errors='replace')[-5000:]}")
        answer: dict[str, Any] = json.loads(line)
        if not answer.pop("ok"):
            raise TsDeviceError(f"{op}: {answer['error']}")
        return answer

    async def create(self, server_url: str, **options: Any) -> str:
        """A new identity on `server_url`; `options` go to the driver (e.g. `prekey_wait=[low, high]` seconds)."""
        self.account_id = str((await self.call("create", server=server_url, **options))["account"])
        return self.account_id

    async def stop(self) -> None:
        if self._process.returncode is None:
            with contextlib.suppress(TsDeviceError, TimeoutError, BrokenPipeError, ConnectionResetError):
                await self.call("close", timeout=15)
        if self._process.returncode is None:
            try:
                await asyncio.wait_for(self._process.wait(), 10)
            except TimeoutError:
                self._process.kill()
                await self._process.wait()
