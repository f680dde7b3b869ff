"""The member app in real Chromium (tests/web/app_driver.mjs) as an asyncio child process, one JSON command per line,
so a test can put a phone-sized browser in the same group and session as Python SDK clients."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
from pathlib import Path
from typing import Any

from tests.web.node_runner import WEB, node_binary, require_chromium

DRIVER = Path(__file__).with_name("app_driver.mjs")
PHONE = (360, 640)
LAPTOP = (1280, 800)


async def _start_driver() -> asyncio.subprocess.Process:
    """The JSON-lines driver (app_driver.mjs) as a child process: one page per process, or shared contexts."""
    node = node_binary()
    require_chromium()
    return await asyncio.create_subprocess_exec(
        node,
        str(DRIVER),
        cwd=WEB,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        limit=1 << 24,
    )


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
        shots.mkdir(parents=True, exist_ok=True)
        process = await _start_driver()
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


class SharedChromium:
    """One Chromium process for several people, each in a browser context of its own (storage, service worker, cache
    and history apart): the driver's shared mode. Seven Chromium processes (the issue's whole scenario) are too
    heavy for a 2-core CI machine; seven contexts in one are not. Commands carry a tag, so one person's wait for a
    screen never holds up another's clicks."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self._process = process
        self._tags = itertools.count()
        self._waiting: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self._reader = asyncio.create_task(self._read())

    @classmethod
    async def start(cls) -> SharedChromium:
        process = await _start_driver()
        return cls(process)

    async def _read(self) -> None:
        assert self._process.stdout is not None
        while line := await self._process.stdout.readline():
            answer: dict[str, Any] = json.loads(line)
            waiting = self._waiting.pop(int(answer.pop("tag", -1)), None)
            if waiting is not None and not waiting.done():
                waiting.set_result(answer)
        stderr = await self._process.stderr.read() if self._process.stderr else b""
        gone = BrowserError(f"the browser driver exited:\n{stderr.decode(errors='replace')[-5000:]}")
        for waiting in self._waiting.values():
            if not waiting.done():
                waiting.set_exception(gone)
        self._waiting.clear()

    async def call(self, person: str, op: str, timeout: float = 120.0, **arguments: Any) -> dict[str, Any]:
        """`op` on `person`'s page; answered whenever it is done, whatever else is under way."""
        assert self._process.stdin is not None
        tag = next(self._tags)
        answered = asyncio.get_running_loop().create_future()
        self._waiting[tag] = answered
        self._process.stdin.write((json.dumps({"op": op, "ctx": person, "tag": tag, **arguments}) + "\n").encode())
        await self._process.stdin.drain()
        try:
            answer = await asyncio.wait_for(answered, timeout)
        finally:
            self._waiting.pop(tag, None)
        if not answer.pop("ok"):
            raise BrowserError(f"{person}: {op} {arguments}: {answer['error']}")
        return answer

    async def open(
        self, person: str, shots: Path, locale: str = "en-US", viewport: tuple[int, int] = PHONE
    ) -> ContextBrowser:
        """`person`'s own browser context, driven with AppBrowser's calls."""
        shots.mkdir(parents=True, exist_ok=True)
        await self.call(person, "open", locale=locale, width=viewport[0], height=viewport[1])
        return ContextBrowser(self, person, shots)

    async def stop(self) -> None:
        assert self._process.stdin is not None
        if self._process.returncode is None:
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self._process.stdin.write(b'{"op": "quit"}\n')
                await self._process.stdin.drain()
            try:
                await asyncio.wait_for(self._process.wait(), 30)
            except TimeoutError:
                self._process.kill()
                await self._process.wait()
        self._reader.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._reader


class ContextBrowser(AppBrowser):
    """One person's browser context in a SharedChromium: every AppBrowser call, on that person's page."""

    def __init__(self, chromium: SharedChromium, person: str, shots: Path) -> None:
        super().__init__(chromium._process, shots)
        self._chromium = chromium
        self.person = person

    async def call(self, op: str, timeout: float = 120.0, **arguments: Any) -> dict[str, Any]:
        return await self._chromium.call(self.person, op, timeout, **arguments)

    async def stop(self) -> None:
        """Closes this person's context; the shared Chromium stays for the others."""
        with contextlib.suppress(BrowserError, TimeoutError):
            await self.call("close", timeout=30)
