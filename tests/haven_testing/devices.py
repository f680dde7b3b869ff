"""Whole devices (HavenClient) on a test server: people with the weakest KDF, a bootstrapped admin and a
moderator, and a group whose members are approved, connected and in step."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from client.api.groups import GroupCreated
from client.haven import HavenClient
from crypto.keystore import MEMLIMIT_MIN, OPSLIMIT_MIN
from tests.haven_testing.live_server import TEST_SECRET, LiveServer

PASSPHRASE = "a passphrase only tests use"


@dataclass
class Devices:
    """Every client a test made, so one `close_all` in a `finally` closes them whatever happened."""

    server: LiveServer
    directory: Path
    made: list[HavenClient] = field(default_factory=list)

    async def person(self, name: str) -> HavenClient:
        client = await HavenClient.create(
            self.server.http_url,
            self.directory / f"{name}.haven",
            PASSPHRASE,
            opslimit=OPSLIMIT_MIN,
            memlimit=MEMLIMIT_MIN,
        )
        self.made.append(client)
        return client

    async def staff(self) -> tuple[HavenClient, HavenClient]:
        """(admin, moderator): the first admin from the server secret, a moderator through its invite."""
        admin = await self.person("admin")
        await admin.admin.bootstrap(bytes.fromhex(TEST_SECRET))
        moderator = await self.person("moderator")
        await moderator.admin.redeem((await admin.admin.invite("moderator")).code)
        return admin, moderator

    async def group(
        self, moderator: HavenClient, members: Sequence[HavenClient], pseudonyms: Sequence[str] = ()
    ) -> GroupCreated:
        """A group of `moderator`'s with `members` approved, connected and synced."""
        group = await moderator.groups.create("mod")
        invite = await moderator.groups.invite(group.group_id, max_uses=max(1, len(members)))
        names = list(pseudonyms) or [f"member-{i}" for i in range(len(members))]
        for member, name in zip(members, names, strict=True):
            await member.groups.join(invite.code, name)
            await moderator.groups.approve(group.group_id, member.account_id)
        for member in members:
            await member.connect()
            await member.groups.sync()
        return group

    async def close_all(self) -> None:
        for client in self.made:
            await client.close()
