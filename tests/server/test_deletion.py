"""`DELETE /v1/identities/me` removes everything the server holds about an identity, in one step."""

from __future__ import annotations

import pytest

from client.api import admin as admin_api
from client.errors import HavenClientError
from crypto.audit import verify_chain
from tests.haven_testing.devices import Devices
from tests.haven_testing.inspect import every_row

# Nothing is kept for the audit any more: the audit log's entries about the member (approving its join) lose
# their erasable subject on deletion, and the chain still verifies (crypto/audit.py v2; issue 10, item 4).
KEPT_FOR_AUDIT: set[str] = set()


async def rows_mentioning(url: str, needle: str, skip: set[str]) -> dict[str, int]:
    """How many rows of each table (but `skip`) contain `needle` in any column."""
    found: dict[str, int] = {}
    for table, row in await every_row(url, skip):
        if needle in repr(row) or needle.encode() in b"".join(v for v in row if isinstance(v, bytes)):
            found[table.name] = found.get(table.name, 0) + 1
    return found


async def test_deleting_an_identity_leaves_nothing_of_it(server_factory, fresh_database_url, tmp_path):
    devices = Devices(server_factory(fresh_database_url), tmp_path)
    try:
        admin, moderator = await devices.staff()
        leaving, staying = await devices.person("leaving"), await devices.person("staying")
        group = await devices.group(moderator, [leaving], pseudonyms=["soon-gone"])
        invite = await moderator.groups.invite(group.group_id)
        await staying.groups.join(invite.code, "still-here")  # approved, and offline from here on
        await moderator.groups.approve(group.group_id, staying.account_id)
        await moderator.connect()
        # Queued for `staying`, who is offline; and a crisis alert with `leaving` as its subject.
        await leaving.groups.send(group.group_id, "i have the rope ready for tonight")
        await leaving.counseling.request_help("en", "general")
        assert (await moderator.alerts.list())[0].tier >= 3
        before = await rows_mentioning(fresh_database_url, leaving.account_id, KEPT_FOR_AUDIT)
        assert {"audit_log", "group_members", "help_requests"} <= set(before)

        await leaving.delete_identity()
        devices.made.remove(leaving)
        assert not (tmp_path / "leaving.haven").exists()

        assert await rows_mentioning(fresh_database_url, leaving.account_id, KEPT_FOR_AUDIT) == {}
        assert await rows_mentioning(fresh_database_url, "soon-gone", set()) == {}
        alert = (await moderator.alerts.list())[0]
        assert alert.tier >= 3  # the alert stays for review and audit, without its subject
        detail = await admin_api.identity_public(moderator.api, moderator.account_id)
        assert detail.account_id == moderator.account_id
        with pytest.raises(HavenClientError) as gone:
            await admin_api.identity_public(moderator.api, leaving.account_id)
        assert gone.value.code == "unknown_identity"
        # The others carry on: the group still works for the remaining members.
        info = await moderator.groups.info(group.group_id)
        assert {m.account_id for m in info.members} == {moderator.account_id, staying.account_id}
        assert info.membership_version is not None
        # The audit log still verifies, with the deleted member's links erased and the staff's actions kept.
        records = await admin_api.audit_entries(admin.api)
        check = verify_chain(records)
        assert check.ok and check.erased >= 1, check
        approvals = [r for r in records if r.action == "group.approve" and r.object_id == group.group_id]
        assert {r.actor for r in approvals} == {moderator.account_id}
        assert None in {r.subject for r in approvals} and staying.account_id in {r.subject for r in approvals}
    finally:
        await devices.close_all()


async def test_the_last_admin_cannot_delete_itself(server_factory, fresh_database_url, tmp_path):
    devices = Devices(server_factory(fresh_database_url), tmp_path)
    try:
        admin, _moderator = await devices.staff()
        with pytest.raises(HavenClientError) as refused:
            await admin.delete_identity()
        assert refused.value.code == "last_admin"
        assert (tmp_path / "admin.haven").exists()
    finally:
        await devices.close_all()
