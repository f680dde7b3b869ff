"""Product flows through the SDK against a real server on SQLite: `python bench/flows.py [messages]`.

Prints, for a group of four (one sender, three readers) and a counseling session: how long one message takes
from `send` until every reader's device has decrypted it (p50/p99), the sequential rate that gives, the time
from a tier-4 message to the moderator's pushed alert, and what the device pays per message for its state file.
Everything runs on this machine: client and server share its cores, so these are end-to-end figures for one
device's view, not server capacity (bench/suite.py measures that).
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.relay import Children, free_port, migrate, server_env, wait_for_http_ready
from client.haven import HavenClient
from crypto.keystore import MEMLIMIT_MODERATE, OPSLIMIT_MODERATE

PASSPHRASE = "bench passphrase"


def ms(values: list[float]) -> str:
    ordered = sorted(values)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return f"p50 {statistics.median(ordered) * 1000:7.1f} ms   p99 {p99 * 1000:7.1f} ms"


async def person(url: str, directory: Path, name: str) -> HavenClient:
    # Tests use the minimum KDF; the bench uses what a real device uses, so the save cost below is real.
    return await HavenClient.create(
        url, directory / f"{name}.haven", PASSPHRASE, opslimit=OPSLIMIT_MODERATE, memlimit=MEMLIMIT_MODERATE
    )


async def run(messages: int) -> None:
    children = Children()
    with tempfile.TemporaryDirectory(prefix="haven-flows-") as scratch:
        directory = Path(scratch)
        url_db = f"sqlite+aiosqlite:///{directory / 'haven.db'}"
        migrate(url_db)
        port = free_port()
        env = server_env(url_db, port) | {"HAVEN_API_REQUESTS_PER_SECOND": "100000", "HAVEN_API_BURST": "100000"}
        process = children.spawn([sys.executable, "-m", "server"], env, directory / "server.log")
        url = f"http://127.0.0.1:{port}"
        clients: list[HavenClient] = []
        try:
            await wait_for_http_ready(url, process, directory / "server.log")
            admin = await person(url, directory, "admin")
            await admin.admin.bootstrap(bytes.fromhex(env["HAVEN_SERVER_SECRET"]))
            moderator = await person(url, directory, "moderator")
            counselor = await person(url, directory, "counselor")
            for client, role in ((moderator, "moderator"), (counselor, "counselor")):
                await client.admin.redeem((await admin.admin.invite(role)).code)
            members = [await person(url, directory, f"member{i}") for i in range(3)]
            clients = [admin, moderator, counselor, *members]
            group = await moderator.groups.create("bench")
            invite = await moderator.groups.invite(group.group_id, max_uses=3)
            for member in members:
                await member.groups.join(invite.code, member.account_id[:6])
                await moderator.groups.approve(group.group_id, member.account_id)
            for client in (moderator, counselor, *members):
                await client.connect()
                await client.groups.sync()
            sender, readers = members[0], [*members[1:], moderator]

            async def group_round(text: str) -> float:
                start = time.perf_counter()
                await sender.groups.send(group.group_id, text)
                for reader in readers:
                    await reader.next_message(30)
                return time.perf_counter() - start

            await group_round("warm-up: the first epoch's distributions go out here")
            started = time.perf_counter()
            rounds = [await group_round(f"an ordinary message number {i}") for i in range(messages)]
            elapsed = time.perf_counter() - started
            print(f"group of 4, send → 3 devices decrypted      {ms(rounds)}   {messages / elapsed:6.1f} msgs/s")

            asker = members[1]
            await asker.counseling.request_help("en", "general")
            await counselor.counseling.set_availability(True, ["en"])
            offer = await counselor.counseling.next_offer()
            assert offer is not None
            session = await counselor.counseling.accept(offer.request_id)

            async def session_round(text: str) -> float:
                start = time.perf_counter()
                await counselor.counseling.send(session.session_id, text)
                await asker.next_message(30)
                return time.perf_counter() - start

            await session_round("warm-up: X3DH from the member's prekeys")
            started = time.perf_counter()
            rounds = [await session_round(f"session message {i}") for i in range(messages)]
            elapsed = time.perf_counter() - started
            print(f"counseling session, send → member decrypted {ms(rounds)}   {messages / elapsed:6.1f} msgs/s")

            alerts = []
            for i in range(max(5, messages // 20)):
                start = time.perf_counter()
                await sender.groups.send(group.group_id, f"i am going to kill myself tonight ({i})")
                while (await moderator.next_notice(30)).get("event") != "alert":
                    pass
                alerts.append(time.perf_counter() - start)
                for reader in readers:
                    await reader.next_message(30)
            print(f"tier-4 message → moderator's pushed alert   {ms(alerts)}")

            saves = []
            for _ in range(50):
                start = time.perf_counter()
                sender.save()
                saves.append(time.perf_counter() - start)
            size = sender.state_file.path.stat().st_size
            print(f"device state save (after every message)     {ms(saves)}   file {size / 1024:.0f} KiB")
        finally:
            for client in clients:
                await client.close()
            children.stop_all()


if __name__ == "__main__":
    asyncio.run(run(int(sys.argv[1]) if len(sys.argv) > 1 else 200))
