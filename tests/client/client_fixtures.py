"""Two or three real devices (identity, prekeys, PairwiseSessions) and an honest prekey server, for the tests."""

from __future__ import annotations

from dataclasses import dataclass, field

from client.pairwise import PairwiseSessions
from crypto.keys import IdentityKeyPair, OneTimePreKey, SignedPreKey
from crypto.rng import Rng, deterministic_rng
from crypto.x3dh import PreKeyBundle


class Store:
    """A OneTimePreKeyStore the tests can top up."""

    def __init__(self, keys: list[OneTimePreKey]) -> None:
        self._keys = {k.key_id: k for k in keys}

    def get(self, key_id: int) -> OneTimePreKey | None:
        return self._keys.get(key_id)

    def remove(self, key_id: int) -> None:
        self._keys.pop(key_id, None)

    def add(self, key: OneTimePreKey) -> None:
        self._keys[key.key_id] = key

    def __len__(self) -> int:
        return len(self._keys)


@dataclass
class Device:
    identity: IdentityKeyPair
    spk: SignedPreKey
    opks: Store
    published: list[OneTimePreKey]
    sessions: PairwiseSessions
    rng: Rng = field(repr=False)

    @property
    def account(self) -> str:
        return self.identity.account_id

    def add_prekey(self, key_id: int) -> None:
        key = OneTimePreKey.generate(key_id, self.rng)
        self.published.append(key)
        self.opks.add(key)

    def bundle(self) -> PreKeyBundle:
        """What the server hands out: each one-time prekey once, then none."""
        opk = self.published.pop(0).public() if self.published else None
        return PreKeyBundle(self.identity.public(), self.spk.public(), opk)


def device(seed: bytes, opk_count: int = 3) -> Device:
    rng = deterministic_rng(seed)
    identity = IdentityKeyPair.generate(rng)
    spk = SignedPreKey.generate(identity, 1, rng)
    opks = [OneTimePreKey.generate(100 + i, rng) for i in range(opk_count)]
    return Device(identity, spk, Store(opks), list(opks), PairwiseSessions(rng), rng)
