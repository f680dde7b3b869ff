"""Everything a device keeps, as one passphrase-encrypted file (crypto.keystore: Argon2id + XChaCha20-Poly1305).

`to_keystore`/`from_keystore` are the pure (de)serialisation; `save`/`load` add the file: written to a 0600 temporary
file in the same directory, fsynced, then `os.replace`d over the old one, so a crash leaves either the old state
or the new one, never half of each. Keystore entries (all integers big-endian):

    "state"            u8 version = 1
    "server_url"       UTF-8                       "role"     UTF-8 (a hint: member, counselor, moderator, admin)
    "identity"         IdentityKeyPair (64)
    "signed_prekeys"   u32 current id || u64 previous retired at (seconds, 0 = none) || u8 n || n × SignedPreKey (100)
    "one_time_prekeys" u32 n || n × OneTimePreKey (36); the one with id LAST_RESORT_PREKEY_ID is the last-resort key
    "prekey_ids"       u32 next signed prekey id || u32 next one-time prekey id
    "pairwise"         PairwiseSessions.to_bytes()
    "groups"           u32 n || n × (lp(conversation UTF-8) || lp(GroupSession.to_bytes()))
    "positions"        u32 n || n × (lp(conversation UTF-8) || u64 seq)
    "held"             u32 n || n × (lp(conversation) || u64 seq || lp(sender) || lp(ciphertext) || u64 server_time
                       || lp(commitment) || lp(tag))
    "profile"          JSON, UTF-8, sorted keys, no whitespace
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from client.errors import HavenClientError
from client.pairwise import PairwiseSessions
from crypto.encoding import Reader, lp, u8, u32, u64
from crypto.errors import CryptoError, InvalidKeyError
from crypto.keys import (
    MAX_KEY_ID,
    IdentityKeyPair,
    OneTimePreKey,
    OneTimePreKeyPublic,
    SignedPreKey,
    SignedPreKeyPublic,
)
from crypto.keystore import MEMLIMIT_MODERATE, OPSLIMIT_MODERATE, Keystore, KeystoreKey
from crypto.rng import Rng
from crypto.sender_keys import GroupSession
from crypto.x3dh import MemoryOneTimePreKeyStore

STATE_VERSION = 1
SIGNED_PREKEY_GRACE_SECONDS = 7 * 86400  # how long the previous signed prekey still answers late initial messages
MAX_ONE_TIME_PREKEYS = 2000
# The last-resort prekey (Signal's "last resort" prekey, PQXDH §2.5): the server hands it out once the one-time
# prekeys are gone and never deletes it, so this device never deletes it either. Its id is the last u32, which the
# one-time prekey counter never reaches.
LAST_RESORT_PREKEY_ID = MAX_KEY_ID


class StateFileError(HavenClientError):
    """The state file does not open: wrong passphrase, tampered or damaged — deliberately not told apart."""

    def __init__(self) -> None:
        super().__init__("state_unreadable", "wrong passphrase or damaged state file")


@dataclass(frozen=True, slots=True)
class HeldMessage:
    """A group message that arrived before its sender's key distribution; retried when the key arrives."""

    conversation: str
    seq: int
    sender: str
    ciphertext: bytes
    server_time: int
    commitment: bytes
    tag: bytes

    def encode(self) -> bytes:
        return (
            lp(self.conversation.encode())
            + u64(self.seq)
            + lp(self.sender.encode())
            + lp(self.ciphertext)
            + u64(self.server_time)
            + lp(self.commitment)
            + lp(self.tag)
        )

    @classmethod
    def read(cls, r: Reader) -> HeldMessage:
        return cls(r.text(), r.u64(), r.text(), r.lp(), r.u64(), r.lp(), r.lp())

    def __repr__(self) -> str:
        return f"HeldMessage(conversation={self.conversation}, seq={self.seq}, sender={self.sender})"


class OneTimePreKeyRing(MemoryOneTimePreKeyStore):
    """The private halves of published one-time prekeys (a crypto.x3dh.OneTimePreKeyStore), persisted."""

    def add(self, key: OneTimePreKey) -> None:
        self._keys[key.key_id] = key

    def remove(self, key_id: int) -> None:
        # The last-resort key answers every session opened while the one-time keys are drained: it stays.
        if key_id != LAST_RESORT_PREKEY_ID:
            super().remove(key_id)

    def ids(self) -> list[int]:
        """The one-time prekeys' ids (not the last-resort key's)."""
        return [key_id for key_id in self._keys if key_id != LAST_RESORT_PREKEY_ID]

    def __len__(self) -> int:
        return len(self.ids())

    @property
    def last_resort(self) -> OneTimePreKey | None:
        return self._keys.get(LAST_RESORT_PREKEY_ID)

    def encode(self) -> bytes:
        return u32(len(self._keys)) + b"".join(bytes(k) for k in self._keys.values())


@dataclass(eq=False)
class ClientState:
    server_url: str
    identity: IdentityKeyPair
    signed_prekeys: dict[int, SignedPreKey]
    current_signed_prekey_id: int
    role: str = "member"
    previous_retired_at: int = 0
    one_time_prekeys: OneTimePreKeyRing = field(default_factory=OneTimePreKeyRing)
    next_signed_prekey_id: int = 1
    next_one_time_prekey_id: int = 1
    pairwise: PairwiseSessions = field(default_factory=PairwiseSessions)
    groups: dict[str, GroupSession] = field(default_factory=dict)
    positions: dict[str, int] = field(default_factory=dict)
    held: list[HeldMessage] = field(default_factory=list)
    profile: dict[str, Any] = field(default_factory=dict)
    rng: Rng | None = field(default=None, repr=False)

    def __repr__(self) -> str:
        return f"ClientState(account_id={self.identity.account_id}, server_url={self.server_url!r}, <secret>)"

    @classmethod
    def create(cls, server_url: str, rng: Rng | None = None, *, role: str = "member") -> ClientState:
        """A new identity with its first signed prekey (publish it and some one-time prekeys at registration)."""
        identity = IdentityKeyPair.generate(rng)
        spk = SignedPreKey.generate(identity, 1, rng)
        return cls(
            server_url=server_url,
            identity=identity,
            signed_prekeys={1: spk},
            current_signed_prekey_id=1,
            role=role,
            next_signed_prekey_id=2,
            pairwise=PairwiseSessions(rng),
            rng=rng,
        )

    @property
    def account_id(self) -> str:
        return self.identity.account_id

    # Prekeys
    def signed_prekey(self, key_id: int) -> SignedPreKey | None:
        return self.signed_prekeys.get(key_id)

    @property
    def current_signed_prekey(self) -> SignedPreKey:
        return self.signed_prekeys[self.current_signed_prekey_id]

    def rotate_signed_prekey(self, now_s: int | None = None) -> SignedPreKeyPublic:
        """A new current signed prekey; the previous one stays for the grace period, any older one goes now."""
        key_id = self._take_id("next_signed_prekey_id")
        spk = SignedPreKey.generate(self.identity, key_id, self.rng)
        previous = self.current_signed_prekey_id
        self.signed_prekeys = {previous: self.signed_prekeys[previous], key_id: spk}
        self.current_signed_prekey_id = key_id
        self.previous_retired_at = int(time.time()) if now_s is None else now_s
        return spk.public()

    def prune_signed_prekeys(self, now_s: int | None = None, grace_seconds: int = SIGNED_PREKEY_GRACE_SECONDS) -> None:
        """Drop the previous signed prekey once its grace period is over (forward secrecy for old sessions)."""
        now_s = int(time.time()) if now_s is None else now_s
        if len(self.signed_prekeys) > 1 and now_s - self.previous_retired_at >= grace_seconds:
            self.signed_prekeys = {self.current_signed_prekey_id: self.current_signed_prekey}
            self.previous_retired_at = 0

    def generate_prekeys(self, count: int) -> list[OneTimePreKeyPublic]:
        if not 1 <= count <= MAX_ONE_TIME_PREKEYS - len(self.one_time_prekeys):
            raise ValueError("too many one-time prekeys")
        out = []
        for _ in range(count):
            key = OneTimePreKey.generate(self._take_id("next_one_time_prekey_id"), self.rng)
            self.one_time_prekeys.add(key)
            out.append(key.public())
        return out

    def ensure_last_resort_prekey(self) -> tuple[OneTimePreKeyPublic, bool]:
        """The last-resort prekey's public half, and whether it was made just now (then it must be published)."""
        kept = self.one_time_prekeys.last_resort
        if kept is not None:
            return kept.public(), False
        key = OneTimePreKey.generate(LAST_RESORT_PREKEY_ID, self.rng)
        self.one_time_prekeys.add(key)
        return key.public(), True

    def _take_id(self, name: str) -> int:
        value = int(getattr(self, name))
        if value >= LAST_RESORT_PREKEY_ID:
            raise ValueError("prekey ids exhausted")
        setattr(self, name, value + 1)
        return value

    # (De)serialisation
    def to_keystore(self) -> Keystore:
        spks = sorted(self.signed_prekeys.values(), key=lambda k: k.key_id)
        groups = sorted(self.groups.items())
        positions = sorted(self.positions.items())
        return Keystore(
            {
                "state": u8(STATE_VERSION),
                "server_url": self.server_url.encode(),
                "role": self.role.encode(),
                "identity": bytes(self.identity),
                "signed_prekeys": (
                    u32(self.current_signed_prekey_id)
                    + u64(self.previous_retired_at)
                    + u8(len(spks))
                    + b"".join(bytes(k) for k in spks)
                ),
                "one_time_prekeys": self.one_time_prekeys.encode(),
                "prekey_ids": u32(self.next_signed_prekey_id) + u32(self.next_one_time_prekey_id),
                "pairwise": self.pairwise.to_bytes(),
                "groups": u32(len(groups)) + b"".join(lp(c.encode()) + lp(g.to_bytes()) for c, g in groups),
                "positions": u32(len(positions)) + b"".join(lp(c.encode()) + u64(s) for c, s in positions),
                "held": u32(len(self.held)) + b"".join(h.encode() for h in self.held),
                "profile": json.dumps(self.profile, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(),
            }
        )

    @classmethod
    def from_keystore(cls, ks: Keystore, rng: Rng | None = None) -> ClientState:
        """InvalidKeyError if an entry is missing or malformed."""
        try:
            if ks["state"] != u8(STATE_VERSION):
                raise InvalidKeyError("unknown client state version")
            r = Reader(ks["signed_prekeys"])
            current, retired = r.u32(), r.u64()
            spks = {k.key_id: k for k in (SignedPreKey.from_bytes(r.take(100)) for _ in range(r.u8()))}
            r.done()
            if current not in spks:
                raise InvalidKeyError("current signed prekey missing")
            r = Reader(ks["one_time_prekeys"])
            opks = [OneTimePreKey.from_bytes(r.take(36)) for _ in range(r.u32())]
            r.done()
            r = Reader(ks["prekey_ids"])
            next_spk, next_opk = r.u32(), r.u32()
            r.done()
            r = Reader(ks["groups"])
            groups = {r.text(): GroupSession.from_bytes(r.lp(), rng) for _ in range(r.u32())}
            r.done()
            r = Reader(ks["positions"])
            positions = {r.text(): r.u64() for _ in range(r.u32())}
            r.done()
            r = Reader(ks["held"])
            held = [HeldMessage.read(r) for _ in range(r.u32())]
            r.done()
            profile = json.loads(ks["profile"].decode())
            if not isinstance(profile, dict):
                raise InvalidKeyError("profile must be a JSON object")
            return cls(
                server_url=ks["server_url"].decode(),
                role=ks["role"].decode(),
                identity=IdentityKeyPair.from_bytes(ks["identity"]),
                signed_prekeys=spks,
                current_signed_prekey_id=current,
                previous_retired_at=retired,
                one_time_prekeys=OneTimePreKeyRing(opks),
                next_signed_prekey_id=next_spk,
                next_one_time_prekey_id=next_opk,
                pairwise=PairwiseSessions.from_bytes(ks["pairwise"], rng),
                groups=groups,
                positions=positions,
                held=held,
                profile=profile,
                rng=rng,
            )
        except (KeyError, UnicodeDecodeError, ValueError) as exc:  # json.JSONDecodeError is a ValueError
            if isinstance(exc, InvalidKeyError):
                raise
            raise InvalidKeyError("malformed client state") from None

    def seal(
        self, passphrase: str | bytes, *, opslimit: int = OPSLIMIT_MODERATE, memlimit: int = MEMLIMIT_MODERATE
    ) -> bytes:
        return self.to_keystore().seal(passphrase, opslimit=opslimit, memlimit=memlimit, rng=self.rng)

    @classmethod
    def unseal(cls, data: bytes, passphrase: str | bytes, rng: Rng | None = None) -> ClientState:
        """StateFileError for a wrong passphrase, a tampered file and a malformed one alike."""
        try:
            return cls.from_keystore(Keystore.open(data, passphrase), rng)
        except CryptoError:
            raise StateFileError from None

    # Files
    def save(
        self,
        path: str | os.PathLike[str],
        passphrase: str | bytes,
        *,
        opslimit: int = OPSLIMIT_MODERATE,
        memlimit: int = MEMLIMIT_MODERATE,
    ) -> None:
        write_atomically(Path(path), self.seal(passphrase, opslimit=opslimit, memlimit=memlimit))

    @classmethod
    def load(cls, path: str | os.PathLike[str], passphrase: str | bytes, rng: Rng | None = None) -> ClientState:
        """FileNotFoundError if there is no state yet; StateFileError if it does not open."""
        return cls.unseal(Path(path).read_bytes(), passphrase, rng)


def write_atomically(target: Path, data: bytes) -> None:
    """Write a 0600 temporary file beside `target`, fsync it, rename it over `target`, fsync the directory."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")  # mode 0600
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable where the platform allows
        dir_fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


class StateFile:
    """A device's state file, unlocked once: the passphrase is stretched at unlock, not at every save.

    The SDK saves after every message it processes (before acknowledging it), so a save must be cheap."""

    def __init__(self, path: str | os.PathLike[str], key: KeystoreKey) -> None:
        self.path = Path(path)
        self._key = key

    @classmethod
    def create(
        cls,
        path: str | os.PathLike[str],
        passphrase: str | bytes,
        state: ClientState,
        *,
        opslimit: int = OPSLIMIT_MODERATE,
        memlimit: int = MEMLIMIT_MODERATE,
    ) -> StateFile:
        if Path(path).exists():
            raise HavenClientError("state_exists", "an identity already exists at this path")
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        file = cls(path, KeystoreKey.derive(passphrase, opslimit=opslimit, memlimit=memlimit, rng=state.rng))
        file.save(state)
        return file

    @classmethod
    def open(
        cls, path: str | os.PathLike[str], passphrase: str | bytes, rng: Rng | None = None
    ) -> tuple[StateFile, ClientState]:
        """FileNotFoundError if there is no state; StateFileError if it does not open."""
        data = Path(path).read_bytes()
        try:
            keystore, key = Keystore.open_with_key(data, passphrase)
            state = ClientState.from_keystore(keystore, rng)
        except CryptoError:
            raise StateFileError from None
        return cls(path, key), state

    def save(self, state: ClientState) -> None:
        write_atomically(self.path, state.to_keystore().seal_with(self._key, rng=state.rng))

    def delete(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
