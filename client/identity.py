"""Transitional alias: the device identity is `crypto.keys.IdentityKeyPair`.

Kept only while test and bench modules written against the earlier name move over; remove it then.
"""

from __future__ import annotations

from crypto.keys import IdentityKeyPair


class LocalIdentity(IdentityKeyPair):
    __slots__ = ()

    @property
    def signing_public(self) -> bytes:
        return bytes(self.signing.public_key())

    @property
    def agreement_public(self) -> bytes:
        return bytes(self.agreement.public_key())
