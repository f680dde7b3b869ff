"""Refusals of the admin domain: bootstrapping the deployment and revoking staff roles."""

from __future__ import annotations

from server.domain import DomainError
from wire.codes import ApiCode


class BootstrapProofInvalid(DomainError):
    code = ApiCode.BOOTSTRAP_INVALID
    message = "the proof was not made with this server's secret"


class AlreadyInitialized(DomainError):
    code = ApiCode.ALREADY_INITIALIZED
    message = "this deployment already has an admin"


class LastAdminNotRevocable(DomainError):
    code = ApiCode.LAST_ADMIN
    message = "the last admin cannot be revoked"


class RoleNotHeld(DomainError):
    code = ApiCode.NO_SUCH_ROLE
    message = "this identity does not hold this role"
