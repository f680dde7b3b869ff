"""Server memory with N hostile readers: connections that `resume` from 0 and never read (issue 10, item 7).

    .venv/bin/python bench/hostile_readers.py [--readers 6] [--backlog 800] [--body 48000] [--seconds 20]
        [--queue-bytes 4194304] [--keepalive-timeout 20]

A fresh SQLite database and `python -m server`; one member sends `--backlog` messages of `--body` bytes into a
conversation; then `--readers` connections of another member authenticate, resume from 0 and never read again
(their kernel receive buffer pinned at 16 KiB, the worst case for the server: what the attacker's kernel does
not take, the server's has to hold). For `--seconds` the server's RSS is sampled, with /metrics' queued bytes
and open connections, while an honest third member catches up the same backlog in one connection. Before the
byte-bounded queue and paced replay each such reader held its whole backlog (about 113 MiB each with 2,048
frames of 48 KB); now each holds at most `--queue-bytes` in the server's queue plus the socket buffers, and is
dropped once its socket takes nothing for the keepalive timeout.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
import psutil
import websockets

ROOT = Path(__file__).resolve().parents[1]
# bench/ holds plain scripts: make `server`, `client` and `crypto` importable when run as a file.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

MIB = 1024 * 1024
QUOTE_BRACE = '"}'


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def migrate(database_url: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "alembic", "upgrade", "head"],
        cwd=ROOT,
        env={**os.environ, "HAVEN_DATABASE_URL": database_url},
        check=True,
        capture_output=True,
        timeout=120,
    )


async def create_conversation(database_url: str, members: list[str]) -> str:
    """Conversations are made by the domain services (groups, counseling), not over the wire: do as they do."""
    from server.config import Settings
    from server.conversations.service import create_conversation as create
    from server.db import create_engine, create_sessionmaker

    engine = create_engine(Settings(database_url=database_url))
    try:
        async with create_sessionmaker(engine)() as session, session.begin():
            return await create(session, "group", members)
    finally:
        await engine.dispose()


async def hostile_reader(port: int, identity: Any, conversation: str) -> Any:
    """Authenticate, ask for everything from seq 0, and never read again."""
    from crypto.auth import sign_auth

    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 16 * 1024)
    sock.setblocking(False)
    await asyncio.get_running_loop().sock_connect(sock, ("127.0.0.1", port))
    ws = await websockets.connect(f"ws://127.0.0.1:{port}/v1/ws", sock=sock, max_size=None, compression=None)
    greeting = json.loads(await ws.recv())
    now = time.time_ns() // 1_000_000
    signature = sign_auth(
        identity.signing, base64.b64decode(greeting["challenge"]), greeting["server_id"], now, identity.account_id
    )
    await ws.send(
        json.dumps(
            {
                "type": "auth",
                "account": identity.account_id,
                "time": now,
                "signature": base64.b64encode(signature).decode(),
            }
        )
    )
    answer = json.loads(await ws.recv())
    if answer.get("type") != "ready":
        raise RuntimeError(f"hostile reader refused: {answer}")
    await ws.send(json.dumps({"type": "resume", "after": {conversation: 0}}))
    return ws


async def metrics(http: httpx.AsyncClient) -> dict[str, float]:
    values = {}
    for line in (await http.get("/metrics")).text.splitlines():
        match = re.match(r"^([a-z_]+(?:\{[^}]*\})?) (\S+)$", line)
        if match:
            values[match[1]] = float(match[2])
    return values


async def run(options: argparse.Namespace) -> None:
    from client.registration import register
    from client.relay import RelayConnection
    from crypto.keys import IdentityKeyPair

    workdir = Path(tempfile.mkdtemp(prefix="haven-hostile-"))
    database_url = f"sqlite+aiosqlite:///{workdir}/haven.db"
    migrate(database_url)
    port = free_port()
    env = {
        **os.environ,
        "HAVEN_DATABASE_URL": database_url,
        "HAVEN_PORT": str(port),
        "HAVEN_SERVER_SECRET": secrets.token_hex(32),
        "HAVEN_SERVER_ID": "haven-bench",
        "HAVEN_REGISTRATION_POW_BITS": "4",
        "HAVEN_SENDS_PER_SECOND": "1000000",
        "HAVEN_SEND_BURST": "1000000",
        "HAVEN_FRAMES_PER_SECOND": "1000000",
        "HAVEN_FRAME_BURST": "1000000",
        "HAVEN_LOG_LEVEL": "WARNING",
        "HAVEN_OUTBOUND_QUEUE_BYTES": str(options.queue_bytes),
        "HAVEN_KEEPALIVE_TIMEOUT_SECONDS": str(options.keepalive_timeout),
        "HAVEN_MAX_CONNECTIONS_PER_IDENTITY": str(max(16, options.readers)),
    }
    log = (workdir / "server.log").open("ab")
    server = subprocess.Popen([sys.executable, "-m", "server"], cwd=ROOT, env=env, stdout=log, stderr=log)
    hostile: list[Any] = []
    try:
        process = psutil.Process(server.pid)
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30) as http:
            for _ in range(600):
                try:
                    if (await http.get("/ready")).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                await asyncio.sleep(0.05)
            sender, attacker, honest = (IdentityKeyPair.generate() for _ in range(3))
            for identity in (sender, attacker, honest):
                await register(http, identity)
            conversation = await create_conversation(
                database_url, [sender.account_id, attacker.account_id, honest.account_id]
            )
            ws_url = f"ws://127.0.0.1:{port}/v1/ws"
            a = await RelayConnection.connect(ws_url, sender)
            await a.resume()
            for first in range(0, options.backlog, 50):
                count = min(50, options.backlog - first)
                await asyncio.gather(*(a.send(conversation, os.urandom(options.body)) for _ in range(count)))
            await a.close()
            baseline = process.memory_info().rss
            print(
                f"backlog: {options.backlog} messages of {options.body} bytes "
                f"({options.backlog * options.body / MIB:.0f} MiB); server RSS before readers {baseline / MIB:.0f} MiB"
            )

            hostile = [await hostile_reader(port, attacker, conversation) for _ in range(options.readers)]
            honest_connection = await RelayConnection.connect(ws_url, honest)
            started = time.monotonic()
            caught_up = asyncio.create_task(honest_connection.resume(after={conversation: 0}, timeout=300))
            peak_rss, peak_queue, received = baseline, 0.0, 0
            honest_seconds: float | None = None
            samples: list[tuple[float, float, float, float]] = []
            while time.monotonic() - started < options.seconds:
                while not honest_connection.deliveries.empty():
                    honest_connection.deliveries.get_nowait()
                    received += 1
                if honest_seconds is None and caught_up.done():
                    honest_seconds = time.monotonic() - started
                rss = process.memory_info().rss
                counters = await metrics(http)
                peak_rss = max(peak_rss, rss)
                peak_queue = max(peak_queue, counters["haven_outbound_queue_bytes"])
                samples.append(
                    (
                        time.monotonic() - started,
                        rss,
                        counters["haven_outbound_queue_bytes"],
                        counters["haven_connections_open"],
                    )
                )
                await asyncio.sleep(0.5)
            await honest_connection.close()
            final = await metrics(http)

        print(f"{'t (s)':>6} {'RSS MiB':>8} {'queued MiB':>11} {'open':>5}")
        for at, rss, queued, open_now in samples[:: max(1, len(samples) // 12)]:
            print(f"{at:6.1f} {rss / MIB:8.0f} {queued / MIB:11.1f} {open_now:5.0f}")
        print(
            f"readers: {options.readers}; peak RSS {peak_rss / MIB:.0f} MiB "
            f"(+{(peak_rss - baseline) / MIB:.0f} MiB over the baseline, "
            f"{(peak_rss - baseline) / MIB / max(1, options.readers):.1f} MiB per reader); "
            f"peak queued {peak_queue / MIB:.1f} MiB across all connections "
            f"(budget {options.queue_bytes / MIB:.0f} MiB each)"
        )
        print(
            f"honest reader: {received} of {options.backlog} delivered in one connection"
            + (f", resumed after {honest_seconds:.1f} s" if honest_seconds is not None else ", still resuming")
        )
        print(
            "server closed: "
            + ", ".join(
                f"{key.split('=')[1].strip(QUOTE_BRACE)} {value:.0f}"
                for key, value in final.items()
                if key.startswith("haven_connections_closed_total") and value
            )
        )
    finally:
        for ws in hostile:
            ws.transport.abort()
        server.terminate()
        server.wait(timeout=15)
        log.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--readers", type=int, default=6)
    parser.add_argument("--backlog", type=int, default=800)
    parser.add_argument("--body", type=int, default=48_000)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--queue-bytes", type=int, default=4 * MIB)
    parser.add_argument("--keepalive-timeout", type=float, default=20.0)
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
