"""Refusals of the conversations package, under the one root `server.domain.DomainError` (so `server/errors.py`
maps them like every other domain's). Groups and counseling open and change conversations they hold the ids of,
with kinds the server names itself, so no request reaches either today: they guard the package's own rules."""

from __future__ import annotations

from server.domain import DomainError
from wire.codes import ApiCode


class UnknownConversation(DomainError):
    code = ApiCode.NOT_FOUND
    message = "no such conversation"


class UnknownConversationKind(DomainError):
    code = ApiCode.INVALID_REQUEST
    message = "unknown conversation kind"
