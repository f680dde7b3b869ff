"""Refusals of account deletion (an unknown identity is identity's `UnknownIdentity`)."""

from __future__ import annotations

from server.domain import DomainError
from wire.codes import ApiCode


class LastAdminNotDeletable(DomainError):
    code = ApiCode.LAST_ADMIN
    message = "the last admin cannot delete itself; make another admin first"
