"""The member app in real Chromium (tests/web/app_driver.mjs) as an asyncio child process, one JSON command per line,
so a test can put a phone-sized browser in the same group and session as Python SDK clients."""

from __future__ import annotations

import asyncio
import contextlib
import json
from pathlib import Path
from typing import Any

from tests.web.node_runner import WEB, node_binary, require_chromium

DRIVER = Path(__file__).with_name("app_driver.mjs")
PHONE = (360, 640)
LAPTOP = (1280, 800)


class BrowserError(AssertionError):
    """The browser side failed a command (its message says which and why)."""


class AppBrowser:
    def __init__(self, process: asyncio.subprocess.Process, shots: Path) -> None:
        self._process = process
        self.shots = shots
        # Serious and critical axe-core violations found on every screen shot, per screen and language.
        self.a11y: dict[str, list[dict[str, Any]]] = {}

    @classmethod
    async def start(cls, shots: Path, locale: str = "en-US", viewport: tuple[int, int] = PHONE) -> AppBrowser:
        """A browser at `viewport` (width, height): a phone by default, LAPTOP for the staff screens."""
        node = node_binary()
        require_chromium()
        shots.mkdir(parents=True, exist_ok=True)
        process = await asyncio.create_subprocess_exec(
            node,
            str(DRIVER),
            cwd=WEB,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            limit=1 << 24,
        )
        browser = cls(process, shots)
        await browser.call("start", locale=locale, width=viewport[0], height=viewport[1])
        return browser

    async def call(self, op: str, timeout: float = 120.0, **arguments: Any) -> dict[str, Any]:
        assert self._process.stdin is not None and self._process.stdout is not None
        self._process.stdin.write((json.dumps({"op": op, **arguments}) + "\n").encode())
        await self._process.stdin.drain()
        line = await asyncio.wait_for(self._process.stdout.readline(), timeout)
        if not line:
            stderr = await self._process.stderr.read() if self._process.stderr else b""
            raise BrowserError(f"the browser driver exited during {op}:\n{stderr.decode(errors='replace')[-5000:]}")
        answer: dict[str, Any] = json.loads(line)
        if not answer.pop("ok"):
            raise BrowserError(f"{op} {arguments}: {answer['error']}")
        return answer

    async def click(self, test_id: str) -> None:
        await self.call("click", selector=f"[data-test={test_id}]")

    async def fill(self, selector: str, value: str) -> None:
        await self.call("fill", selector=selector, value=value)

    async def screen(self, name: str, timeout_ms: int = 120_000) -> None:
        await self.call("screen", name=name, ms=timeout_ms, timeout=timeout_ms / 1000 + 30)

    async def wait_text(self, selector: str, text: str, timeout_ms: int = 60_000) -> str:
        return str(
            (await self.call("wait", selector=selector, text=text, ms=timeout_ms, timeout=timeout_ms / 1000 + 30))[
                "text"
            ]
        )

    async def evaluate(self, expression: str) -> Any:
        return (await self.call("evaluate", expression=expression))["value"]

    async def language(self) -> str:
        return str(await self.evaluate("document.documentElement.lang"))

    async def shoot(self, name: str) -> list[Path]:
        """A screenshot and an accessibility check of the current screen in English and in Burmese (switching back to
        the language it was in)."""
        paths = []
        first = await self.language()
        for _ in range(2):
            path = self.shots / f"{name}-{await self.language()}.png"
            await self.call("screenshot", path=str(path))
            paths.append(path)
            violations = (await self.call("axe"))["violations"]
            if violations:
                self.a11y[path.stem] = violations
            await self.click("language")
        assert await self.language() == first
        return paths

    async def stop(self) -> None:
        if self._process.returncode is None:
            with contextlib.suppress(BrowserError, TimeoutError, BrokenPipeError, ConnectionResetError):
                await self.call("close", timeout=30)
        if self._process.returncode is None:
            try:
                await asyncio.wait_for(self._process.wait(), 10)
            except TimeoutError:
                self._process.kill()
                await self._process.wait()
