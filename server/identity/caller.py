"""Who is calling an HTTP endpoint: the bearer token's identity and its staff roles, as FastAPI dependencies."""

from __future__ import annotations

import base64
import binascii
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from server.identity.exceptions import (
    BearerTokenMalformed,
    BearerTokenMissing,
    BearerTokenUnknown,
    RoleRequired,
    TooManyRequests,
)
from server.identity.roles import roles_of
from server.identity.tokens import TOKEN_BYTES, account_for_token
from server.runtime import runtime_of


async def database(request: Request) -> AsyncIterator[AsyncSession]:
    """One session per request; handlers commit what they change."""
    async with runtime_of(request).sessionmaker() as db:
        yield db


Database = Annotated[AsyncSession, Depends(database)]


@dataclass(frozen=True, slots=True)
class Caller:
    account_id: str
    roles: frozenset[str]

    def has(self, role: str) -> bool:
        return role in self.roles

    def require(self, *roles: str) -> None:
        """Refuse unless the caller holds one of `roles`."""
        if not self.roles.intersection(roles):
            raise RoleRequired(roles=" or ".join(roles))


def bearer_token(request: Request) -> bytes:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value:
        raise BearerTokenMissing()
    try:
        token = base64.urlsafe_b64decode(value.encode("ascii") + b"=" * (-len(value) % 4))
    except (binascii.Error, ValueError, UnicodeEncodeError):
        raise BearerTokenMalformed() from None
    if len(token) != TOKEN_BYTES:
        raise BearerTokenMalformed()
    return token


async def authenticated(request: Request, db: Database) -> Caller:
    runtime = runtime_of(request)
    token = bearer_token(request)
    account = await account_for_token(db, runtime.server_secret, token)
    if account is None:
        raise BearerTokenUnknown()
    # Per identity, never per address (DESIGN decision 8).
    if not await runtime.api_limiter.take(account):
        raise TooManyRequests()
    return Caller(account, await roles_of(db, account))


CallerDep = Annotated[Caller, Depends(authenticated)]


# Permissions in the endpoint's signature: a route that takes `caller: Admin` is refused with 403 `forbidden`
# before its body runs, and a service never checks a role itself.
async def _admin(caller: CallerDep) -> Caller:
    caller.require("admin")
    return caller


async def _moderator(caller: CallerDep) -> Caller:
    caller.require("moderator")
    return caller


async def _counselor(caller: CallerDep) -> Caller:
    caller.require("counselor")
    return caller


async def _auditor(caller: CallerDep) -> Caller:
    # DESIGN.md: moderators see the audit log too (their own actions are in it); both verify it themselves.
    caller.require("admin", "moderator")
    return caller


Admin = Annotated[Caller, Depends(_admin)]
Moderator = Annotated[Caller, Depends(_moderator)]
Counselor = Annotated[Caller, Depends(_counselor)]
Auditor = Annotated[Caller, Depends(_auditor)]
