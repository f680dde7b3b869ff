"""The cascade when an account stops holding a staff role, written once: for a revocation (server/admin/) and
for an account deletion (deletion.py), which ends every role it held."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from server.alerts.service import release_claims
from server.counseling.service import release_counselor

# The roles with work of their own that must not be left with nobody: a counselor's sessions, a moderator's claims.
ROLES_WITH_WORK = ("counselor", "moderator")


async def end_role_work(db: AsyncSession, account_id: str, role: str) -> dict[str, list[str]]:
    """What only `role` allowed ends with it: a counselor leaves its sessions (they go on with the receiving
    counselor of a warm transfer, or back to the queue); a moderator's claimed alerts reopen. Returns the
    sessions the counselor left (session id -> the others in it, to tell once committed). Does not commit."""
    if role == "counselor":
        return await release_counselor(db, account_id)
    if role == "moderator":
        await release_claims(db, account_id)
    return {}
