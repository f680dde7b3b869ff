"""The device's own identity: an Ed25519 signing key and a separate X25519 agreement key."""

from __future__ import annotations

from dataclasses import dataclass

from nacl.public import PrivateKey
from nacl.signing import SigningKey

from crypto.registration import account_id_of


@dataclass(frozen=True)
class LocalIdentity:
    signing: SigningKey
    agreement: PrivateKey

    @classmethod
    def generate(cls) -> LocalIdentity:
        return cls(SigningKey.generate(), PrivateKey.generate())

    @property
    def signing_public(self) -> bytes:
        return bytes(self.signing.verify_key)

    @property
    def agreement_public(self) -> bytes:
        return bytes(self.agreement.public_key)

    @property
    def account_id(self) -> str:
        return account_id_of(self.signing_public, self.agreement_public)

    def __repr__(self) -> str:  # never print private keys
        return f"LocalIdentity(account_id={self.account_id!r})"
