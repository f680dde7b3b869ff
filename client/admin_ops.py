"""Admin actions of the SDK: the first admin, staff invites and revocations, the roster, the audit chain."""

from __future__ import annotations

from client.api import admin as admin_api
from client.port import Facade
from crypto.audit import AuditRecord, ChainCheck, verify_chain


class AdminOps(Facade):
    async def bootstrap(self, server_secret: bytes) -> None:
        """Make this identity the deployment's first admin (needs the server secret: run on its host)."""
        await admin_api.bootstrap(self._api, server_secret)

    async def whoami(self) -> tuple[str, frozenset[str]]:
        return await admin_api.me(self._api)

    async def invite(self, role: str, ttl_seconds: int = 86400) -> admin_api.RoleInvite:
        return await admin_api.create_role_invite(self._api, role, ttl_seconds)

    async def revoke_invite(self, invite_id: str) -> None:
        await admin_api.revoke_role_invite(self._api, invite_id)

    async def redeem(self, code: str) -> str:
        """Spend a role invite on this identity (any identity may; the invite decides the role)."""
        role = await admin_api.redeem_role_invite(self._api, code)
        self._client.state.role = role
        self._client.save()
        return role

    async def revoke_role(self, account_id: str, role: str) -> None:
        await admin_api.revoke_role(self._api, account_id, role)

    async def roster(self) -> dict[str, frozenset[str]]:
        return await admin_api.roster(self._api)

    async def audit_log(self) -> list[AuditRecord]:
        return await admin_api.audit_entries(self._api)

    async def verify_audit(self) -> ChainCheck:
        """Fetch the whole audit log and check its hash chain here, on this device — not on the server."""
        return verify_chain(await self.audit_log())
