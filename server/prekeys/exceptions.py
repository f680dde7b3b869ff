"""Refusals of the prekey domain: publishing a bundle and fetching another identity's."""

from __future__ import annotations

from server.domain import DomainError
from wire.codes import ApiCode


class SignedPreKeyInvalid(DomainError):
    code = ApiCode.PREKEY_INVALID
    message = "the signed prekey's signature does not verify"


class LastResortPreKeyMalformed(DomainError):
    code = ApiCode.PREKEY_INVALID
    message = "the last-resort prekey is malformed"


class OneTimePreKeyMalformed(DomainError):
    code = ApiCode.PREKEY_INVALID
    message = "a one-time prekey is malformed"


class OneTimePreKeyExists(DomainError):
    code = ApiCode.PREKEY_EXISTS
    message = "a one-time prekey with this id was already published"


class TooManyOneTimePreKeys(DomainError):
    code = ApiCode.TOO_MANY_PREKEYS
    message = "at most {limit} one-time prekeys"


class NoSharedConversation(DomainError):
    code = ApiCode.FORBIDDEN
    message = "you share no conversation with this identity"


class PreKeyFetchLimited(DomainError):
    code = ApiCode.PREKEY_FETCH_LIMITED
    message = "too many prekey bundles for this identity; use the session you opened"


class NoPreKeys(DomainError):
    code = ApiCode.NO_PREKEYS
    message = "this identity has published no prekeys"
