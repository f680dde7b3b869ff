"""A real TCP proxy in front of a live server, so a test can cut one device's network while the server runs.

It tells the websocket from plain HTTP by the first request on each connection (an `Upgrade: websocket`
header), so a test can cut the HTTP API alone (existing keep-alive connections are closed, new ones refused)
while the device's websocket keeps delivering — the state in which a delivery or an alert needs the API and
cannot reach it — or the websocket alone, or everything (Cut.ALL), as a lost network does.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
from dataclasses import dataclass, field


class Cut(enum.Enum):
    NONE = "none"
    HTTP = "http"  # the HTTP API alone; the websocket keeps delivering
    HTTP_BAD_GATEWAY = "http_bad_gateway"  # as HTTP, but answered 502 (not JSON), as a reverse proxy does
    WEBSOCKET = "websocket"  # the websocket alone; the HTTP API answers
    ALL = "all"


@dataclass(eq=False)
class _Link:
    websocket: bool
    writers: tuple[asyncio.StreamWriter, asyncio.StreamWriter]


@dataclass
class TcpProxy:
    target_port: int
    cut: Cut = Cut.NONE
    port: int = 0
    refused: int = 0  # connections turned away while cut (what the test cut really happened)
    _server: asyncio.Server | None = None
    _links: set[_Link] = field(default_factory=set, repr=False)

    @property
    def http_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> TcpProxy:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", 0)
        self.port = int(self._server.sockets[0].getsockname()[1])
        return self

    async def close(self) -> None:
        self.set_cut(Cut.ALL)
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    def set_cut(self, cut: Cut) -> None:
        self.cut = cut
        for link in list(self._links):
            if _cuts(cut, websocket=link.websocket):
                self._drop(link)

    def _drop(self, link: _Link) -> None:
        self._links.discard(link)
        for writer in link.writers:
            writer.transport.abort()

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            first = await reader.read(65536)
        except OSError:
            writer.transport.abort()
            return
        websocket = b"upgrade: websocket" in first.lower()
        if not first or _cuts(self.cut, websocket=websocket):
            self.refused += 1
            if self.cut is Cut.HTTP_BAD_GATEWAY:
                writer.write(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 11\r\nConnection: close\r\n\r\nBad Gateway")
                with contextlib.suppress(OSError, ConnectionError):
                    await writer.drain()
            writer.transport.abort()
            return
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        except OSError:
            writer.transport.abort()
            return
        link = _Link(websocket, (writer, upstream_writer))
        self._links.add(link)
        upstream_writer.write(first)
        await asyncio.gather(_pipe(reader, upstream_writer), _pipe(upstream_reader, writer))
        self._drop(link)


def _cuts(cut: Cut, *, websocket: bool) -> bool:
    if websocket:
        return cut in (Cut.ALL, Cut.WEBSOCKET)
    return cut in (Cut.ALL, Cut.HTTP, Cut.HTTP_BAD_GATEWAY)


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    with contextlib.suppress(OSError, ConnectionError):
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    writer.transport.abort()
