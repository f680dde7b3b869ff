"""Relay throughput and latency: Haven (durable) against a minimal in-memory websocket forwarder.

    .venv/bin/python bench/relay.py [--pairs 50] [--step-seconds 5] [--max-rate 32000] [--quick]
        [--database-url postgresql+asyncpg://postgres@127.0.0.1:5432/any]  (a fresh database is made and dropped)
        [--profile-server haven.prof]  (cProfile the Haven server; read with `python -m pstats haven.prof`)

Open-loop load: message k of a step is *scheduled* at t0 + k/R whatever happened to the earlier ones, its
scheduled time travels inside the ciphertext, and latency is delivery time minus scheduled time. A server that
falls behind therefore shows up as latency instead of silently slowing the generator down (no coordinated
omission). Both targets get the same frames, the same generator and the same saturation search (double from
500/s until a step fails, then bisect; a step passes at >= 95 % delivered and p99 <= 1 s), then a latency run at
half the saturation rate:

- haven: `python -m server` on a fresh, migrated database (SQLite WAL with synchronous=FULL by default), real
  identities, real conversations, authenticated and resumed connections, recipients acknowledging;
- forwarder: `python bench/relay.py --forwarder-only --port P`, written below: no auth, no persistence, answers
  `accepted` and forwards `deliver` at once.

The server under test is pinned to core 0 and the generator to core 1. Each step prints the generator's CPU
(near 100 %: it measured itself), the server's, and what the rest of the machine used ("other": a neighbour's
test run makes a step noisy; a noisy failed step is retried once). Server CPU per message, printed at the end,
is the figure least disturbed by neighbours.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import json
import math
import os
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Coroutine, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import httpx
import websockets.version
from websockets.asyncio.server import ServerConnection, serve

# Imported by name: `websockets.ConnectionClosed` is a lazy module attribute, costly on a per-frame path.
from websockets.exceptions import ConnectionClosed

ROOT = Path(__file__).resolve().parents[1]
# bench/ holds plain scripts: make `server`, `client` and `crypto` importable when run as `python bench/relay.py`.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PAYLOAD_BYTES = 256
# The payload starts with 9 bytes (scheduled perf_counter_ns, step id) so its base64 is exactly 12 characters
# and the rest of the payload can be encoded once: a send costs one tiny b64encode, not a 256-byte one.
HEADER_BYTES = 9
FILLER_B64 = base64.b64encode(secrets.token_bytes(PAYLOAD_BYTES - HEADER_BYTES)).decode()
ACK_EVERY = 50
SERVER_CORE = 0
GENERATOR_CORE = 1
# A step passes when this share of the offered rate is delivered and p99 stays under the bound.
PASS_DELIVERED_SHARE = 0.95
PASS_P99_NS = 1_000_000_000
# The first part of each step is left out of the throughput window: the pipeline is still filling then.
WARMUP_SHARE = 0.2
# Flags on a step: the generator measured itself, or other processes took CPU from the two under test.
GENERATOR_BOUND = 0.9
NOISY_OTHER_CPU = 0.2
POSTGRES_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/test"
JSON_SEPARATORS = (",", ":")
# Both targets put "type" then "client_id" first in an acceptance (wire/frames.py, and below).
ACCEPTED_PREFIX = '{"type":"accepted","client_id":"'


def dumps(frame: dict[str, Any]) -> str:
    return json.dumps(frame, separators=JSON_SEPARATORS)


# --- the baseline: a minimal forwarder ------------------------------------------------------------------------
async def run_forwarder(port: int) -> None:
    """Same frames as Haven, nothing else: no auth, no validation, no persistence, no rate limits."""
    members: dict[str, dict[str, ServerConnection]] = {}
    last_seq: dict[str, int] = {}

    async def handle(ws: ServerConnection) -> None:
        hello = json.loads(await ws.recv())
        account: str = hello["account"]
        conversations: list[str] = hello["conversations"]
        for conversation in conversations:
            members.setdefault(conversation, {})[account] = ws
        await ws.send(dumps({"type": "ready", "account": account}))
        try:
            async for raw in ws:
                frame = json.loads(raw)
                if frame.get("type") != "send":
                    continue  # acks and the rest: there is nothing to remember
                conversation = frame["conversation"]
                seq = last_seq[conversation] = last_seq.get(conversation, 0) + 1
                now_ms = time.time_ns() // 1_000_000
                await ws.send(
                    dumps(
                        {
                            "type": "accepted",
                            "client_id": frame["client_id"],
                            "conversation": conversation,
                            "seq": seq,
                            "server_time": now_ms,
                            "duplicate": False,
                        }
                    )
                )
                deliver = dumps(
                    {
                        "type": "deliver",
                        "conversation": conversation,
                        "seq": seq,
                        "sender": account,
                        "client_id": frame["client_id"],
                        "ciphertext": frame["ciphertext"],
                        "server_time": now_ms,
                    }
                )
                for member, peer in members.get(conversation, {}).items():
                    if member != account:
                        with contextlib.suppress(ConnectionClosed):
                            await peer.send(deliver)
        except ConnectionClosed:
            pass
        finally:
            for conversation in conversations:
                members.get(conversation, {}).pop(account, None)

    async with serve(handle, "127.0.0.1", port, max_size=None, compression=None):
        await asyncio.Future()


# --- measurement ------------------------------------------------------------------------------------------------
@dataclass
class Step:
    """What one step scheduled and what came back for it; frames of other steps are told apart by step id."""

    step_id: int
    scheduled: int
    window_start_ns: int
    window_end_ns: int
    latencies_ns: list[int] = field(default_factory=list)
    delivered_in_window: int = 0
    accepted_in_window: int = 0


class Recorder:
    """Shared by every connection of the generator (one process, one clock)."""

    def __init__(self) -> None:
        self.step: Step | None = None
        self.errors: Counter[str] = Counter()
        self.connections_lost = 0
        self.last_frame_ns = 0

    def delivered(self, ciphertext: str, now_ns: int) -> None:
        self.last_frame_ns = now_ns
        header = base64.b64decode(ciphertext[:12])
        step = self.step
        if step is None or header[8] != step.step_id:
            return
        step.latencies_ns.append(now_ns - int.from_bytes(header[:8], "big"))
        if step.window_start_ns <= now_ns < step.window_end_ns:
            step.delivered_in_window += 1

    def accepted(self, client_id_head: str, now_ns: int) -> None:
        """`client_id_head`: the first 4 base64 characters of the client id, which carry the step id."""
        self.last_frame_ns = now_ns
        step = self.step
        if (
            step is not None
            and step.window_start_ns <= now_ns < step.window_end_ns
            and base64.b64decode(client_id_head)[0] == step.step_id
        ):
            step.accepted_in_window += 1


@dataclass(frozen=True)
class Member:
    account: str
    conversation: str
    identity: Any = None  # crypto.keys.IdentityKeyPair for Haven; the forwarder needs none


class RawWebSocket(asyncio.Protocol):
    """A minimal RFC 6455 client: frames are parsed inside `data_received`, with no task or future per message.

    The generator must stay well below the cost of the servers it measures. The `websockets` client spends a
    future, a queue hop and a drain check on every frame, which caps one core at a few thousand messages a
    second (three frames each); this does far less. Client frames carry an all-zero mask key: legal (the key
    must be present, not random, for a server to accept it) and it makes masking a no-op.
    """

    def __init__(self) -> None:
        self._transport: asyncio.Transport | None = None
        self._buffer = bytearray()
        self._upgraded = False
        self._handshake: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.closed: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        # Until a bench client takes over, text frames queue up for `recv` (the auth/resume handshake).
        self._inbox: asyncio.Queue[str] = asyncio.Queue()
        self.on_text: Callable[[str], None] = self._inbox.put_nowait

    @classmethod
    async def open(cls, url: str) -> RawWebSocket:
        rest = url.removeprefix("ws://")
        authority, _, path = rest.partition("/")
        host, _, port = authority.partition(":")
        transport, protocol = await asyncio.get_running_loop().create_connection(cls, host, int(port or 80))
        # uvloop may call connection_made only after create_connection has returned.
        protocol._transport = transport
        key = base64.b64encode(secrets.token_bytes(16)).decode()
        request = (
            f"GET /{path} HTTP/1.1\r\nHost: {authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
        )
        transport.write(request.encode())
        await asyncio.wait_for(protocol._handshake, 30)
        return protocol

    # --- asyncio.Protocol ---------------------------------------------------------------------------------------
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # uvloop's transports are not asyncio.Transport subclasses, only alike: no isinstance check.
        self._transport = cast(asyncio.Transport, transport)

    def connection_lost(self, exc: Exception | None) -> None:
        if not self._handshake.done():
            self._handshake.set_exception(ConnectionError("closed during the websocket upgrade"))
        if not self.closed.done():
            self.closed.set_result(None)

    def data_received(self, data: bytes) -> None:
        self._buffer += data
        if not self._upgraded and not self._upgrade():
            return
        self._parse_frames()

    def _upgrade(self) -> bool:
        end = self._buffer.find(b"\r\n\r\n")
        if end < 0:
            return False
        status = bytes(self._buffer[: self._buffer.find(b"\r\n")])
        del self._buffer[: end + 4]
        if b" 101 " not in status + b" ":
            self._handshake.set_exception(ConnectionError(f"upgrade refused: {status.decode(errors='replace')}"))
            self.close()
            return False
        self._upgraded = True
        self._handshake.set_result(None)
        return True

    def _parse_frames(self) -> None:
        buffer, offset, size = self._buffer, 0, len(self._buffer)
        while size - offset >= 2:
            opcode, length, start = buffer[offset] & 0x0F, buffer[offset + 1] & 0x7F, offset + 2
            if length == 126:
                if size - offset < 4:
                    break
                length, start = int.from_bytes(buffer[offset + 2 : offset + 4], "big"), offset + 4
            elif length == 127:
                if size - offset < 10:
                    break
                length, start = int.from_bytes(buffer[offset + 2 : offset + 10], "big"), offset + 10
            if size - start < length:
                break
            payload = bytes(buffer[start : start + length])
            offset = start + length
            # Servers send whole, unmasked text frames here; fragmentation never happens at these sizes.
            if opcode == 0x1:
                self.on_text(payload.decode())
            elif opcode == 0x9:
                self._write(0xA, payload)
            elif opcode == 0x8:
                self.close()
        del buffer[:offset]

    # --- sending ------------------------------------------------------------------------------------------------
    def send_text(self, text: str) -> None:
        """Never blocks: under overload the backlog waits in the transport and shows up as latency."""
        self._write(0x1, text.encode())

    def send_texts(self, texts: list[str]) -> None:
        """Several frames in one write (one syscall)."""
        transport = self._transport
        if transport is not None and not transport.is_closing():
            transport.write(b"".join(_frame(0x1, text.encode()) for text in texts))

    def _write(self, opcode: int, payload: bytes) -> None:
        transport = self._transport
        if transport is not None and not transport.is_closing():
            transport.write(_frame(opcode, payload))

    async def recv(self, timeout: float = 30.0) -> str:
        return await asyncio.wait_for(self._inbox.get(), timeout)

    def close(self) -> None:
        if self._transport is not None and not self._transport.is_closing():
            self._write(0x8, (1000).to_bytes(2, "big"))
            self._transport.close()


def _frame(opcode: int, payload: bytes) -> bytes:
    """One final client frame; the all-zero mask key leaves the payload as it is."""
    length = len(payload)
    if length < 126:
        header = bytes((0x80 | opcode, 0x80 | length))
    elif length < 1 << 16:
        header = bytes((0x80 | opcode, 0x80 | 126)) + length.to_bytes(2, "big")
    else:
        header = bytes((0x80 | opcode, 0x80 | 127)) + length.to_bytes(8, "big")
    return header + b"\x00\x00\x00\x00" + payload


Handshake = Callable[[RawWebSocket, Member, dict[str, int]], Awaitable[None]]


class BenchClient:
    """One connection of the generator. RelayConnection would await each acceptance; open loop must not."""

    def __init__(self, url: str, member: Member, handshake: Handshake, recorder: Recorder) -> None:
        self.url = url
        self.member = member
        self._handshake = handshake
        self._recorder = recorder
        self._socket: RawWebSocket | None = None
        self._unacked = 0
        # Highest seq seen per conversation, so a reconnect resumes after it instead of replaying.
        self.last_seq: dict[str, int] = {}

    async def connect(self) -> None:
        socket = await RawWebSocket.open(self.url)
        await self._handshake(socket, self.member, self.last_seq)
        socket.on_text = self._on_text
        socket.closed.add_done_callback(self._on_closed)
        self._socket = socket

    @property
    def alive(self) -> bool:
        return self._socket is not None and not self._socket.closed.done()

    def send_texts(self, frames: list[str]) -> None:
        assert self._socket is not None
        self._socket.send_texts(frames)

    async def close(self) -> None:
        if self._socket is not None:
            self._socket.close()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.shield(self._socket.closed), 5)

    def _on_closed(self, _: asyncio.Future[None]) -> None:
        self._recorder.connections_lost += 1

    def _on_text(self, raw: str) -> None:
        now_ns = time.perf_counter_ns()
        recorder = self._recorder
        if raw.startswith(ACCEPTED_PREFIX):
            # Half the frames are acceptances and only their step id matters: skip the JSON parse.
            recorder.accepted(raw[len(ACCEPTED_PREFIX) : len(ACCEPTED_PREFIX) + 4], now_ns)
            return
        frame = json.loads(raw)
        kind = frame.get("type")
        if kind == "deliver":
            recorder.delivered(frame["ciphertext"], now_ns)
            self._maybe_ack(frame["conversation"], frame["seq"])
        elif kind == "accepted":
            recorder.accepted(frame["client_id"][:4], now_ns)
        elif kind == "error":
            recorder.errors[frame.get("code", "?")] += 1

    def _maybe_ack(self, conversation: str, seq: int) -> None:
        # Cumulative acks now and then, as a real client would: each one lets the server delete ciphertext.
        self.last_seq[conversation] = max(seq, self.last_seq.get(conversation, 0))
        self._unacked += 1
        if self._unacked >= ACK_EVERY and self._socket is not None:
            self._unacked = 0
            self._socket.send_text(dumps({"type": "ack", "conversation": conversation, "seq": seq}))


@dataclass(frozen=True)
class StepResult:
    rate: float
    delivered_per_s: float
    accepted_per_s: float
    scheduled: int
    lost: int
    p50_ns: float
    p99_ns: float
    p999_ns: float
    generator_cpu: float
    server_cpu: float
    other_cpu: float

    @property
    def server_us_per_message(self) -> float:
        """Server CPU per delivered message: unlike throughput, barely moved by what else runs on the machine."""
        return self.server_cpu * 1e6 / self.delivered_per_s if self.delivered_per_s else math.inf

    @property
    def sustained(self) -> float:
        # More than the offered rate inside the window is only a backlog from the warm-up draining.
        return min(self.rate, self.delivered_per_s)

    @property
    def passed(self) -> bool:
        return self.delivered_per_s >= PASS_DELIVERED_SHARE * self.rate and self.p99_ns <= PASS_P99_NS


def percentile(sorted_ns: list[int], total: int, q: float) -> float:
    """Messages never delivered count as infinitely late, so losing them cannot improve a percentile."""
    index = max(0, math.ceil(q * total) - 1)
    return float(sorted_ns[index]) if index < len(sorted_ns) else math.inf


def process_cpu_seconds(pid: int) -> float:
    """utime + stime of a process and all its threads (the aiosqlite worker thread included)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds() -> float:
    """CPU time the whole machine spent busy (all cores), to see what else ran during a step."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return 0.0
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(f) for f in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


@dataclass
class Target:
    name: str
    url: str
    senders: list[BenchClient]
    recipients: list[BenchClient]
    pid: int
    recorder: Recorder
    # Further server processes (several processes sharing PostgreSQL and Redis): their CPU counts as the server's.
    extra_pids: list[int] = field(default_factory=list)

    def server_cpu_seconds(self) -> float:
        return sum(process_cpu_seconds(pid) for pid in (self.pid, *self.extra_pids))

    @property
    def clients(self) -> list[BenchClient]:
        return self.senders + self.recipients


class Load:
    """Runs steps against one target; step ids wrap at 256 (one byte in the payload)."""

    def __init__(self, target: Target, step_seconds: float) -> None:
        self.target = target
        self.step_seconds = step_seconds
        self._next_step_id = 1
        self._steps_run = 0
        # Client ids must never repeat (the server would answer a repeat as a duplicate and not deliver it):
        # step id byte (for matching acceptances), then a step counter, the message index and a random run id.
        self._run_nonce = secrets.token_bytes(7)

    async def run(self, rate: float, seconds: float | None = None) -> StepResult:
        seconds = seconds or self.step_seconds
        await self._reconnect_lost()
        step_id = self._next_step_id
        self._next_step_id = self._next_step_id % 255 + 1
        self._steps_run += 1
        scheduled = max(1, round(rate * seconds))
        interval_ns = 1e9 / rate
        t0 = time.perf_counter_ns() + 20_000_000
        step = Step(
            step_id,
            scheduled,
            window_start_ns=t0 + int(seconds * WARMUP_SHARE * 1e9),
            window_end_ns=t0 + int(seconds * 1e9),
        )
        recorder = self.target.recorder
        recorder.step = step
        # CPU is measured while the load is on; the drain afterwards would dilute it.
        target = self.target
        cpu_start, server_start = time.process_time(), target.server_cpu_seconds()
        machine_start = machine_busy_seconds()
        wall_start = time.time()
        await self._send_open_loop(step, t0, interval_ns)
        wall = time.time() - wall_start
        generator_cpu = (time.process_time() - cpu_start) / wall
        server_cpu = (target.server_cpu_seconds() - server_start) / wall
        # Other engineers' test runs share this machine: a busy neighbour makes a step's figures worthless.
        other_cpu = max(0.0, (machine_busy_seconds() - machine_start) / wall - generator_cpu - server_cpu)
        await self._drain(step, timeout=max(2.0, seconds))
        await self._quiesce()
        recorder.step = None
        window = (step.window_end_ns - step.window_start_ns) / 1e9
        latencies = sorted(step.latencies_ns)
        return StepResult(
            rate=rate,
            delivered_per_s=step.delivered_in_window / window,
            accepted_per_s=step.accepted_in_window / window,
            scheduled=scheduled,
            lost=scheduled - len(latencies),
            p50_ns=percentile(latencies, scheduled, 0.50),
            p99_ns=percentile(latencies, scheduled, 0.99),
            p999_ns=percentile(latencies, scheduled, 0.999),
            generator_cpu=generator_cpu,
            server_cpu=server_cpu,
            other_cpu=other_cpu,
        )

    async def _send_open_loop(self, step: Step, t0: int, interval_ns: float) -> None:
        senders = self.target.senders
        header_step = bytes([step.step_id])
        run_prefix = self._steps_run.to_bytes(4, "big") + self._run_nonce
        sent = 0
        while sent < step.scheduled:
            now = time.perf_counter_ns()
            due = min(step.scheduled, int((now - t0) / interval_ns) + 1) if now >= t0 else 0
            if due <= sent:
                # At least 1 ms: uvloop rounds timers down to whole milliseconds, so a shorter sleep returns at
                # once and the loop spins. Latency still counts from the scheduled time, so nothing is hidden.
                await asyncio.sleep(max(0.001, (t0 + sent * interval_ns - now) / 1e9))
                continue
            # Everything due goes out now, in slices so the readers keep timestamping deliveries, and one write
            # per connection per slice: a syscall per frame would make the generator the bottleneck.
            batches: dict[int, list[str]] = {}
            for k in range(sent, min(due, sent + 200)):
                scheduled_ns = t0 + int(k * interval_ns)
                index = k % len(senders)
                header = scheduled_ns.to_bytes(8, "big") + header_step
                client_id = header_step + run_prefix + k.to_bytes(4, "big")
                batches.setdefault(index, []).append(
                    dumps(
                        {
                            "type": "send",
                            "conversation": senders[index].member.conversation,
                            "client_id": base64.b64encode(client_id).decode(),
                            "ciphertext": base64.b64encode(header).decode() + FILLER_B64,
                        }
                    )
                )
                sent = k + 1
            for index, frames in batches.items():
                senders[index].send_texts(frames)
            await asyncio.sleep(0)

    async def _drain(self, step: Step, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while len(step.latencies_ns) < step.scheduled and time.monotonic() < deadline:
            await asyncio.sleep(0.02)

    async def _quiesce(self, quiet_s: float = 0.3, limit_s: float = 20.0) -> None:
        """Let a backlog from an overloaded step finish, so the next step starts from an idle server."""
        deadline = time.monotonic() + limit_s
        recorder = self.target.recorder
        while time.monotonic() < deadline:
            if time.perf_counter_ns() - recorder.last_frame_ns > quiet_s * 1e9:
                return
            await asyncio.sleep(0.05)

    async def _reconnect_lost(self) -> None:
        # A server may close a client that fell behind (slow_consumer); it resumes after what it has seen.
        for client in self.target.clients:
            if not client.alive:
                await client.close()
                await client.connect()


def format_ms(ns: float) -> str:
    return "lost" if math.isinf(ns) else f"{ns / 1e6:.1f}"


def print_step(name: str, label: str, result: StepResult, recorder: Recorder) -> None:
    errors = ",".join(f"{code}={count}" for code, count in recorder.errors.most_common()) or "-"
    generator_note = " GENERATOR-BOUND" if result.generator_cpu > GENERATOR_BOUND else ""
    noisy_note = " NOISY" if result.other_cpu > NOISY_OTHER_CPU else ""
    print(
        f"  [{name:<16}] {label:<9} offered {result.rate:>8.0f}/s  delivered {result.delivered_per_s:>8.0f}/s"
        f"  accepted {result.accepted_per_s:>8.0f}/s  lost {result.lost:>5}"
        f"  p50 {format_ms(result.p50_ns):>7} ms  p99 {format_ms(result.p99_ns):>7} ms"
        f"  gen CPU {result.generator_cpu:4.0%}  server CPU {result.server_cpu:4.0%}"
        f"  other CPU {result.other_cpu:4.0%}  errors {errors}  {'ok' if result.passed else 'FAIL'}"
        f"{generator_note}{noisy_note}",
        flush=True,
    )
    if recorder.connections_lost:
        print(f"    {recorder.connections_lost} connection(s) closed by the server; reconnecting", flush=True)
    recorder.errors.clear()
    recorder.connections_lost = 0


# --- neighbours ----------------------------------------------------------------------------------------------------
QUIET_OTHER_CPU = 0.3
# How long a measurement waits for neighbours to go quiet (bench/suite.py --quiet-wait sets it).
quiet_wait_seconds = 30.0


async def wait_for_quiet(label: str) -> None:
    """Other people's test runs share this machine: wait (up to --quiet-wait) until they leave the cores alone."""
    deadline = time.monotonic() + quiet_wait_seconds
    started = time.monotonic()
    while True:
        busy, own = machine_busy_seconds(), time.process_time()
        await asyncio.sleep(1.0)
        other = max(0.0, machine_busy_seconds() - busy - (time.process_time() - own))
        if other < QUIET_OTHER_CPU:
            if time.monotonic() - started > 2:
                print(f"  [{label}] machine quiet after {time.monotonic() - started:.0f} s", flush=True)
            return
        if time.monotonic() > deadline:
            print(f"  [{label}] other processes still use {other:.0%} of a core: measuring anyway", flush=True)
            return
        if time.monotonic() - started < 1.5:
            print(
                f"  [{label}] other processes use {other:.0%} of a core; waiting up to {quiet_wait_seconds:.0f} s",
                flush=True,
            )


@dataclass(frozen=True)
class Summary:
    name: str
    saturation: float
    saturation_capped: bool
    at_saturation: StepResult | None
    latency: StepResult


async def measured_step(name: str, label: str, load: Load, rate: float) -> StepResult:
    """A step that failed while other processes took CPU is run once more: the neighbour may be gone."""
    result = await load.run(rate)
    print_step(name, label, result, load.target.recorder)
    if not result.passed and result.other_cpu > NOISY_OTHER_CPU:
        await wait_for_quiet(name)
        result = await load.run(rate)
        print_step(name, "retry", result, load.target.recorder)
    return result


async def saturation_search(
    name: str, load: Load, start_rate: float, max_rate: float, bisect_steps: int
) -> tuple[StepResult | None, bool]:
    """Double until a step fails, then bisect; the answer is the passing step that delivered most."""
    best: StepResult | None = None
    failed_at: float | None = None
    rate = start_rate
    while rate <= max_rate:
        result = await measured_step(name, "ramp", load, rate)
        if not result.passed:
            failed_at = rate
            break
        best = result
        rate *= 2
    if failed_at is None:
        return best, True
    low, high = (best.rate if best else 0.0), failed_at
    for _ in range(bisect_steps):
        middle = (low + high) / 2
        result = await measured_step(name, "bisect", load, middle)
        if result.passed:
            low = middle
            if best is None or result.sustained > best.sustained:
                best = result
        else:
            high = middle
    return best, False


async def bench_target(target: Target, options: Options) -> Summary:
    load = Load(target, options.step_seconds)
    best, capped = await saturation_search(
        target.name, load, options.start_rate, options.max_rate, options.bisect_steps
    )
    saturation = best.sustained if best else 0.0
    latency = await load.run(max(1.0, saturation / 2), seconds=options.latency_seconds)
    print_step(target.name, "50% load", latency, target.recorder)
    return Summary(target.name, saturation, capped, best, latency)


# --- child processes ----------------------------------------------------------------------------------------------
class Children:
    """Every process the bench starts, so that any exit path (Ctrl-C included) stops them."""

    def __init__(self) -> None:
        self._processes: list[tuple[subprocess.Popen[bytes], signal.Signals]] = []

    def spawn(
        self, argv: list[str], env: dict[str, str], log_path: Path, stop_signal: signal.Signals = signal.SIGTERM
    ) -> subprocess.Popen[bytes]:
        with log_path.open("ab") as log:
            process = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=log, stderr=log)
        self._processes.append((process, stop_signal))
        pin(process.pid, SERVER_CORE)
        return process

    def stop_all(self) -> None:
        for process, stop_signal in self._processes:
            if process.poll() is None:
                process.send_signal(stop_signal)
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


def pin(pid: int, core: int) -> None:
    """Best effort: on a machine with fewer cores (or no affinity support) everything shares."""
    if (os.cpu_count() or 1) > core and hasattr(os, "sched_setaffinity"):
        with contextlib.suppress(OSError):
            os.sched_setaffinity(pid, {core})


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def wait_for_http_ready(url: str, process: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + 60
    async with httpx.AsyncClient() as http:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"server exited early:\n{log_path.read_text(errors='replace')[-3000:]}")
            with contextlib.suppress(httpx.HTTPError):
                if (await http.get(f"{url}/ready", timeout=1)).status_code == 200:
                    return
            await asyncio.sleep(0.05)
    raise RuntimeError(f"server did not become ready:\n{log_path.read_text(errors='replace')[-3000:]}")


async def wait_for_port(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("forwarder exited early")
        with contextlib.suppress(OSError):
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            return
        await asyncio.sleep(0.05)
    raise RuntimeError("forwarder did not start")


# --- Haven set-up -------------------------------------------------------------------------------------------------
def server_env(database_url: str, port: int) -> dict[str, str]:
    unlimited = "1000000"
    return {
        **os.environ,
        "HAVEN_DATABASE_URL": database_url,
        "HAVEN_PORT": str(port),
        "HAVEN_SERVER_SECRET": secrets.token_hex(32),
        "HAVEN_SERVER_ID": "haven-bench",
        "HAVEN_REGISTRATION_POW_BITS": "4",
        "HAVEN_SENDS_PER_SECOND": unlimited,
        "HAVEN_SEND_BURST": unlimited,
        "HAVEN_FRAMES_PER_SECOND": unlimited,
        "HAVEN_FRAME_BURST": unlimited,
        "HAVEN_REGISTRATIONS_PER_MINUTE": unlimited,
        "HAVEN_REGISTRATION_BURST": unlimited,
        "HAVEN_LOG_LEVEL": "WARNING",
    }


def migrate(database_url: str) -> None:
    env = {**os.environ, "HAVEN_DATABASE_URL": database_url}
    result = subprocess.run(
        [sys.executable, "-m", "alembic", "upgrade", "head"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if result.returncode != 0:
        raise RuntimeError(f"alembic upgrade head failed:\n{result.stderr}")


async def postgres_admin(statement: str) -> None:
    import asyncpg  # type: ignore[import-untyped]

    connection = await asyncpg.connect(POSTGRES_ADMIN_URL, timeout=5)
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


async def register_all(http_url: str, count: int) -> list[Any]:
    from client.registration import register
    from crypto.keys import IdentityKeyPair

    identities = [IdentityKeyPair.generate() for _ in range(count)]
    limit = asyncio.Semaphore(8)
    async with httpx.AsyncClient(base_url=http_url, timeout=30) as http:

        async def one(identity: IdentityKeyPair) -> None:
            async with limit:
                await register(http, identity)

        await asyncio.gather(*(one(identity) for identity in identities))
    return identities


async def create_direct_conversations(database_url: str, pairs: list[tuple[str, str]]) -> list[str]:
    """Conversations are made by the domain services (groups, counseling), not over the wire: do as they do."""
    from server.config import Settings
    from server.conversations.service import create_conversation
    from server.db import create_engine, create_sessionmaker

    engine = create_engine(Settings(database_url=database_url))
    try:
        async with create_sessionmaker(engine)() as session, session.begin():
            return [await create_conversation(session, "direct", pair) for pair in pairs]
    finally:
        await engine.dispose()


async def haven_handshake(ws: RawWebSocket, member: Member, resume_after: dict[str, int]) -> None:
    """What RelayConnection.connect and .resume do: answer the challenge, then ask for live delivery."""
    from crypto.auth import sign_auth

    challenge = json.loads(await ws.recv())
    time_ms = time.time_ns() // 1_000_000
    signature = sign_auth(
        member.identity.signing,
        base64.b64decode(challenge["challenge"]),
        challenge["server_id"],
        time_ms,
        member.account,
    )
    ws.send_text(
        dumps(
            {
                "type": "auth",
                "account": member.account,
                "time": time_ms,
                "signature": base64.b64encode(signature).decode(),
            }
        )
    )
    answer = json.loads(await ws.recv())
    if answer.get("type") != "ready":
        raise RuntimeError(f"authentication refused: {answer}")
    ws.send_text(dumps({"type": "resume", "after": resume_after}))
    while (frame := json.loads(await ws.recv())).get("type") != "resumed":
        if frame.get("type") == "error":
            raise RuntimeError(f"resume refused: {frame}")


async def preflight_with_sdk(ws_url: str, sender: Member, recipient: Member) -> None:
    """One message through the SDK's RelayConnection first: a broken set-up fails loudly, not as a bad number."""
    from client.relay import RelayConnection

    a = await RelayConnection.connect(ws_url, sender.identity)
    b = await RelayConnection.connect(ws_url, recipient.identity)
    try:
        await a.resume()
        await b.resume()
        accepted = await a.send(sender.conversation, secrets.token_bytes(PAYLOAD_BYTES))
        delivered = await b.next_delivery()
        assert delivered.seq == accepted.seq, "the preflight message came back with another seq"
        await b.ack(delivered.conversation, delivered.seq)
    finally:
        await a.close()
        await b.close()


@dataclass
class Options:
    pairs: int
    step_seconds: float
    latency_seconds: float
    start_rate: float
    max_rate: float
    bisect_steps: int
    database_url: str | None
    profile_server: Path | None


async def start_haven(options: Options, children: Children, workdir: Path, cleanup: list[str]) -> Target:
    database_url = options.database_url or f"sqlite+aiosqlite:///{workdir / 'haven.db'}"
    label = "haven (sqlite)"
    if options.database_url:
        # A fresh database of its own: leftover rows would change what the server has to do.
        name = f"haven_bench_{secrets.token_hex(6)}"
        await postgres_admin(f'CREATE DATABASE "{name}"')
        cleanup.append(name)
        database_url = f"{options.database_url.rsplit('/', 1)[0]}/{name}"
        label = "haven (postgres)"
    await asyncio.to_thread(migrate, database_url)
    port = free_port()
    log_path = workdir / "server.log"
    profile = ["-m", "cProfile", "-o", str(options.profile_server)] if options.profile_server else []
    # SIGINT when profiling: uvicorn re-raises the signal after its graceful shutdown, and only SIGINT's
    # KeyboardInterrupt lets cProfile write its file on the way out (SIGTERM would kill the process first).
    process = children.spawn(
        [sys.executable, *profile, "-m", "server"],
        server_env(database_url, port),
        log_path,
        signal.SIGINT if profile else signal.SIGTERM,
    )
    http_url, ws_url = f"http://127.0.0.1:{port}", f"ws://127.0.0.1:{port}/v1/ws"
    await wait_for_http_ready(http_url, process, log_path)
    identities = await register_all(http_url, 2 * options.pairs)
    accounts = [identity.account_id for identity in identities]
    conversations = await create_direct_conversations(
        database_url, [(accounts[2 * i], accounts[2 * i + 1]) for i in range(options.pairs)]
    )
    senders = [Member(accounts[2 * i], c, identities[2 * i]) for i, c in enumerate(conversations)]
    recipients = [Member(accounts[2 * i + 1], c, identities[2 * i + 1]) for i, c in enumerate(conversations)]
    await preflight_with_sdk(ws_url, senders[0], recipients[0])
    return await connect_target(label, ws_url, process.pid, senders, recipients, haven_handshake)


async def forwarder_handshake(ws: RawWebSocket, member: Member, _resume_after: dict[str, int]) -> None:
    ws.send_text(dumps({"type": "hello", "account": member.account, "conversations": [member.conversation]}))
    json.loads(await ws.recv())


async def start_forwarder(options: Options, children: Children, workdir: Path) -> Target:
    port = free_port()
    argv = [sys.executable, str(Path(__file__).resolve()), "--forwarder-only", "--port", str(port)]
    process = children.spawn(argv, dict(os.environ), workdir / "forwarder.log")
    await wait_for_port(port, process)
    senders, recipients = [], []
    for _ in range(options.pairs):
        conversation = secrets.token_hex(16)
        senders.append(Member(secrets.token_hex(16), conversation))
        recipients.append(Member(secrets.token_hex(16), conversation))
    return await connect_target(
        "forwarder", f"ws://127.0.0.1:{port}", process.pid, senders, recipients, forwarder_handshake
    )


async def connect_target(
    name: str, url: str, pid: int, senders: list[Member], recipients: list[Member], handshake: Handshake
) -> Target:
    recorder = Recorder()
    target = Target(
        name,
        url,
        [BenchClient(url, m, handshake, recorder) for m in senders],
        [BenchClient(url, m, handshake, recorder) for m in recipients],
        pid,
        recorder,
    )
    # Recipients first: nothing is sent before every recipient is live.
    for client in target.recipients + target.senders:
        await client.connect()
    recorder.connections_lost = 0
    return target


async def close_target(target: Target) -> None:
    await asyncio.gather(*(client.close() for client in target.clients), return_exceptions=True)


# --- report -------------------------------------------------------------------------------------------------------
def print_summary(summaries: list[Summary], pairs: int) -> None:
    print()
    print(f"Summary ({pairs} pairs, {PAYLOAD_BYTES}-byte payloads, open loop; CPU % of one core)")
    header = (
        f"{'target':<16} | {'saturation msgs/s':>17} | {'gen/server CPU':>14} | {'50% load msgs/s':>15}"
        f" | {'p50 ms':>7} | {'p99 ms':>7} | {'p99.9 ms':>8} | {'gen/server CPU':>14} | {'other CPU':>9}"
    )
    print(header)
    print("-" * len(header))
    for s in summaries:
        saturation = f"{'>=' if s.saturation_capped else ''}{s.saturation:.0f}"
        at_saturation = s.at_saturation
        saturation_cpu = f"{at_saturation.generator_cpu:.0%}/{at_saturation.server_cpu:.0%}" if at_saturation else "-"
        latency = s.latency
        print(
            f"{s.name:<16} | {saturation:>17} | {saturation_cpu:>14} | {latency.rate:>15.0f}"
            f" | {format_ms(latency.p50_ns):>7} | {format_ms(latency.p99_ns):>7} | {format_ms(latency.p999_ns):>8}"
            f" | {f'{latency.generator_cpu:.0%}/{latency.server_cpu:.0%}':>14} | {latency.other_cpu:>9.0%}"
        )
    haven, forwarder = summaries[0], summaries[-1]
    if forwarder.saturation > 0:
        ratio = haven.saturation / forwarder.saturation
        verdict = f"{'meets' if ratio >= 0.5 else 'MISSES'} the >= 0.50 target"
        if forwarder.saturation_capped:
            verdict = "inconclusive: the forwarder reached --max-rate"
        print(f"\nthroughput ratio {haven.name} / forwarder = {ratio:.2f} ({verdict})")
        best = forwarder.at_saturation
        if best and (best.generator_cpu > GENERATOR_BOUND or best.generator_cpu >= best.server_cpu):
            print(
                "caveat: the generator, not the forwarder, was the busier at the forwarder's best step, so the "
                "forwarder figure is a lower bound and the ratio an upper bound"
            )
    efficiency = [s.at_saturation.server_us_per_message for s in (haven, forwarder) if s.at_saturation]
    if len(efficiency) == 2:
        print(
            f"server CPU per message at the best step: {haven.name} {efficiency[0]:.0f} us, forwarder "
            f"{efficiency[1]:.0f} us ({efficiency[0] / efficiency[1]:.1f}x)"
        )
    if haven.name.endswith("(postgres)"):
        print("note: PostgreSQL runs unpinned, outside the server process: its CPU shows as 'other'")
    if any(s.saturation_capped for s in summaries):
        print("note: '>=' means the search reached --max-rate without failing a step")


def server_log_lines(workdir: Path) -> list[str]:
    """What the server logged (at WARNING and above) while under load; read before it is stopped."""
    log_path = workdir / "server.log"
    if not log_path.exists():
        return []
    return [line for line in log_path.read_text(errors="replace").splitlines() if line.strip()]


def print_server_log(lines: list[str]) -> None:
    if lines:
        print(f"\nserver log: {len(lines)} line(s) at WARNING or above; the last ones:")
        for line in lines[-10:]:
            print(f"  {line[:300]}")


# --- main ----------------------------------------------------------------------------------------------------------
def cancel_on_sigterm() -> None:
    """SIGTERM cancels the running main task. A Python-level handler raising KeyboardInterrupt is not enough: the
    exception can surface inside a loop callback and be swallowed there, and the run goes on."""
    main_task = asyncio.current_task()
    if main_task is not None:
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, main_task.cancel)


async def bench(options: Options, children: Children, workdir: Path, cleanup: list[str]) -> None:
    cancel_on_sigterm()
    summaries: list[Summary] = []
    haven = await start_haven(options, children, workdir, cleanup)
    try:
        summaries.append(await bench_target(haven, options))
    finally:
        await close_target(haven)
        log_lines = server_log_lines(workdir)
        # Stopped before the forwarder starts, so the two never share core 0.
        children.stop_all()
    forwarder = await start_forwarder(options, children, workdir)
    try:
        summaries.append(await bench_target(forwarder, options))
    finally:
        await close_target(forwarder)
    print_summary(summaries, options.pairs)
    print_server_log(log_lines)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--pairs", type=int, default=None, help="sender/recipient pairs (default 50; quick 5)")
    parser.add_argument("--step-seconds", type=float, default=None, help="length of a search step (default 5)")
    parser.add_argument("--max-rate", type=float, default=None, help="highest rate the search tries (msgs/s)")
    parser.add_argument("--database-url", default=None, help="bench PostgreSQL: postgresql+asyncpg://.../<db>")
    parser.add_argument(
        "--profile-server", type=Path, default=None, help="run the Haven server under cProfile, stats to this file"
    )
    parser.add_argument("--quick", action="store_true", help="a tiny run (~20 s) to check the bench works")
    parser.add_argument("--forwarder-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def options_from(args: argparse.Namespace) -> Options:
    quick = args.quick
    step_seconds = args.step_seconds or (1.0 if quick else 5.0)
    return Options(
        pairs=args.pairs or (5 if quick else 50),
        step_seconds=step_seconds,
        latency_seconds=step_seconds * (1 if quick else 2),
        start_rate=500.0,
        max_rate=args.max_rate or (2000.0 if quick else 32000.0),
        bisect_steps=1 if quick else 3,
        database_url=args.database_url,
        profile_server=args.profile_server.resolve() if args.profile_server else None,
    )


def loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    """uvloop when installed: uvicorn picks it for the Haven server, so the forwarder gets it too (a fair
    baseline) and the generator as well (cheaper per frame, so it stays out of the measurement)."""
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop.new_event_loop


def run(coroutine: Coroutine[Any, Any, None]) -> None:
    with asyncio.Runner(loop_factory=loop_factory()) as runner:
        runner.run(coroutine)


def interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


@contextlib.contextmanager
def bench_resources(prefix: str) -> Iterator[tuple[Children, Path, list[str]]]:
    """Child processes, a scratch directory and the PostgreSQL databases a run creates, all removed however the
    run ends. SIGTERM (and SIGINT, even where a shell started us with it ignored) unwinds through here."""
    signal.signal(signal.SIGTERM, interrupt)
    signal.signal(signal.SIGINT, interrupt)
    children = Children()
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    databases: list[str] = []
    try:
        yield children, workdir, databases
    finally:
        children.stop_all()
        for name in databases:
            with contextlib.suppress(Exception):
                asyncio.run(postgres_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        shutil.rmtree(workdir, ignore_errors=True)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    if args.forwarder_only:
        with contextlib.suppress(KeyboardInterrupt):
            run(run_forwarder(args.port))
        return 0
    options = options_from(args)
    print(f"command: {shlex.join([sys.executable, *sys.argv])}")
    print(
        f"cores: {os.cpu_count()}; server/forwarder pinned to core {SERVER_CORE}, generator to core "
        f"{GENERATOR_CORE}; python {sys.version.split()[0]}; websockets {websockets.version.version}; "
        f"event loop {'uvloop' if loop_factory() else 'asyncio'} (forwarder and generator)"
    )
    print(
        f"pairs {options.pairs}, steps of {options.step_seconds:g} s from {options.start_rate:g}/s up to "
        f"{options.max_rate:g}/s; a step passes at >= {PASS_DELIVERED_SHARE:.0%} delivered and p99 <= "
        f"{PASS_P99_NS / 1e9:g} s",
        flush=True,
    )
    pin(0, GENERATOR_CORE)
    try:
        with bench_resources("haven-bench-") as (children, workdir, postgres_databases):
            run(bench(options, children, workdir, postgres_databases))
    except (KeyboardInterrupt, asyncio.CancelledError):
        print("\ninterrupted", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
