"""The Double Ratchet (https://signal.org/docs/specifications/doubleratchet/), §3 "Double Ratchet with header
in the clear" (revision 1, 2016-11-20), with the recommended algorithms of §5.2 instantiated as:

GENERATE_DH  X25519 keypair from 32 random bytes
DH           X25519
KDF_RK       HKDF-SHA256(salt = RK, IKM = DH output, info = b"Haven Ratchet RK v1", L = 64) -> RK' || CK
KDF_CK       MK = HMAC-SHA256(CK, 0x01), CK' = HMAC-SHA256(CK, 0x02)
ENCRYPT      HKDF-SHA256(IKM = MK, salt = 32 zero bytes, info = b"Haven Ratchet MK v1", L = 56)
             -> key (32) || nonce (24); XChaCha20-Poly1305-IETF(key, nonce, plaintext, CONCAT(AD, header))
CONCAT       u32be(len(AD)) || AD || u8 message version || header (40)

Decryption works on a copy of the state and commits only after the AEAD check, so a forged, corrupted,
replayed or out-of-bounds message leaves the state exactly as it was and the session keeps working.
"""

from __future__ import annotations

import copy

from crypto.encoding import Reader, lp, u8, u32
from crypto.errors import CryptoError, InvalidKeyError, fail
from crypto.keys import KEY_BYTES, X25519PrivateKey, X25519PublicKey
from crypto.primitives import AEAD_TAG_BYTES, aead_decrypt, aead_encrypt, hkdf_sha256, hmac_sha256, x25519
from crypto.rng import Rng, resolve

MAX_SKIP = 1000  # §3.2: most message keys skipped in one chain by a single message
MAX_STORED_SKIPPED = 2000  # most skipped keys kept over all chains; the oldest are evicted first
RK_INFO = b"Haven Ratchet RK v1"
MK_INFO = b"Haven Ratchet MK v1"
MESSAGE_VERSION = 1
STATE_VERSION = 1
HEADER_BYTES = 40
MAX_COUNTER = 2**32 - 1


def kdf_rk(rk: bytes, dh_out: bytes) -> tuple[bytes, bytes]:
    """§5.2 KDF_RK: HKDF with RK as salt and the DH output as input key material."""
    out = hkdf_sha256(dh_out, rk, RK_INFO, 64)
    return out[:32], out[32:]


def kdf_ck(ck: bytes) -> tuple[bytes, bytes]:
    """§5.2 KDF_CK: returns (next chain key, message key)."""
    return hmac_sha256(ck, b"\x02"), hmac_sha256(ck, b"\x01")


def message_key_material(mk: bytes) -> tuple[bytes, bytes]:
    """§5.2 ENCRYPT key derivation, with XChaCha20-Poly1305's 32-byte key and 24-byte nonce instead of
    AES-CBC + HMAC. The nonce is deterministic; that is safe because each message key encrypts once."""
    out = hkdf_sha256(mk, bytes(32), MK_INFO, 56)
    return out[:32], out[32:]


class Header:
    """§3.1 HEADER(dh_pair, pn, n). Encoding: dh (32) || u32be pn || u32be n = 40 bytes."""

    __slots__ = ("dh", "n", "pn")

    def __init__(self, dh: X25519PublicKey, pn: int, n: int) -> None:
        if not (0 <= pn <= MAX_COUNTER and 0 <= n <= MAX_COUNTER):
            raise InvalidKeyError("counter out of range")
        self.dh = dh
        self.pn = pn
        self.n = n

    def __bytes__(self) -> bytes:
        return bytes(self.dh) + u32(self.pn) + u32(self.n)

    @classmethod
    def from_bytes(cls, data: bytes) -> Header:
        if len(data) != HEADER_BYTES:
            raise InvalidKeyError("header must be 40 bytes")
        return cls(X25519PublicKey(data[:32]), int.from_bytes(data[32:36], "big"), int.from_bytes(data[36:], "big"))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Header) and bytes(self) == bytes(other)

    def __hash__(self) -> int:
        return hash(bytes(self))

    def __repr__(self) -> str:
        return f"Header(dh={bytes(self.dh).hex()}, pn={self.pn}, n={self.n})"


class RatchetMessage:
    """Encoding: u8 version=1 || header (40) || AEAD ciphertext (plaintext length + 16)."""

    __slots__ = ("ciphertext", "header")

    def __init__(self, header: Header, ciphertext: bytes) -> None:
        self.header = header
        self.ciphertext = bytes(ciphertext)

    def __bytes__(self) -> bytes:
        return u8(MESSAGE_VERSION) + bytes(self.header) + self.ciphertext

    @classmethod
    def from_bytes(cls, data: bytes) -> RatchetMessage:
        """Parses attacker-controlled bytes: any malformation is the opaque DecryptionError."""
        if len(data) < 1 + HEADER_BYTES + AEAD_TAG_BYTES or data[0] != MESSAGE_VERSION:
            fail()
        return cls(Header.from_bytes(data[1 : 1 + HEADER_BYTES]), data[1 + HEADER_BYTES :])


def _concat(ad: bytes, header: Header) -> bytes:
    # §3.4 CONCAT must be injective: AD is length-prefixed and the header has a fixed size.
    return u32(len(ad)) + ad + u8(MESSAGE_VERSION) + bytes(header)


class RatchetState:
    """One side of a 1:1 session (§3.2 state variables) plus the X3DH associated data."""

    __slots__ = ("_rng", "ad", "ckr", "cks", "dhr", "dhs", "nr", "ns", "pn", "rk", "skipped")

    def __init__(
        self,
        *,
        dhs: X25519PrivateKey,
        dhr: X25519PublicKey | None,
        rk: bytes,
        cks: bytes | None,
        ckr: bytes | None,
        ns: int,
        nr: int,
        pn: int,
        ad: bytes,
        skipped: dict[tuple[bytes, int], bytes] | None = None,
        rng: Rng | None = None,
    ) -> None:
        for key in (rk, cks, ckr):
            if key is not None and len(key) != KEY_BYTES:
                raise InvalidKeyError("ratchet keys are 32 bytes")
        self.dhs = dhs
        self.dhr = dhr
        self.rk = rk
        self.cks = cks
        self.ckr = ckr
        self.ns = ns
        self.nr = nr
        self.pn = pn
        self.ad = bytes(ad)
        # (ratchet public key, message number) -> message key, in insertion order for eviction.
        self.skipped: dict[tuple[bytes, int], bytes] = dict(skipped or {})
        self._rng = resolve(rng)

    # §3.3 Initialization
    @classmethod
    def init_initiator(
        cls,
        shared_secret: bytes,
        associated_data: bytes,
        remote_ratchet_key: X25519PublicKey,
        rng: Rng | None = None,
    ) -> RatchetState:
        """RatchetInitAlice: Bob's signed prekey is his first ratchet public key (X3DH §3.3 / DR §3.3)."""
        dhs = X25519PrivateKey.generate(rng)
        rk, cks = kdf_rk(shared_secret, x25519(bytes(dhs), bytes(remote_ratchet_key)))
        return cls(
            dhs=dhs, dhr=remote_ratchet_key, rk=rk, cks=cks, ckr=None, ns=0, nr=0, pn=0, ad=associated_data, rng=rng
        )

    @classmethod
    def init_responder(
        cls,
        shared_secret: bytes,
        associated_data: bytes,
        own_ratchet_key: X25519PrivateKey,
        rng: Rng | None = None,
    ) -> RatchetState:
        """RatchetInitBob: his signed prekey pair is his first ratchet keypair."""
        return cls(
            dhs=own_ratchet_key,
            dhr=None,
            rk=shared_secret,
            cks=None,
            ckr=None,
            ns=0,
            nr=0,
            pn=0,
            ad=associated_data,
            rng=rng,
        )

    # §3.4 Encrypting messages
    def encrypt(self, plaintext: bytes) -> RatchetMessage:
        if self.cks is None:
            raise CryptoError("cannot send before the first message from the initiator arrived")
        if self.ns >= MAX_COUNTER:
            raise CryptoError("sending chain exhausted")
        self.cks, mk = kdf_ck(self.cks)
        header = Header(self.dhs.public_key(), self.pn, self.ns)
        self.ns += 1
        key, nonce = message_key_material(mk)
        return RatchetMessage(header, aead_encrypt(key, nonce, plaintext, _concat(self.ad, header)))

    # §3.5 Decrypting messages
    def decrypt(self, message: RatchetMessage | bytes) -> bytes:
        """Copy, try, commit. Raises the opaque DecryptionError and leaves `self` unchanged on any failure
        (§3.5: "If an exception is raised ... changes to the state object are discarded")."""
        if not isinstance(message, RatchetMessage):
            message = RatchetMessage.from_bytes(message)
        trial = copy.copy(self)
        trial.skipped = dict(self.skipped)
        plaintext = trial._decrypt(message.header, message.ciphertext)
        for name in self.__slots__:
            setattr(self, name, getattr(trial, name))
        return plaintext

    def _decrypt(self, header: Header, ciphertext: bytes) -> bytes:
        dh = bytes(header.dh)
        mk = self.skipped.pop((dh, header.n), None)  # TrySkippedMessageKeys
        if mk is not None:
            return self._open(mk, header, ciphertext)
        if self.dhr is None or dh != bytes(self.dhr):
            self._skip(header.pn)
            self._dh_ratchet(header)
        self._skip(header.n)
        if self.ckr is None:
            fail()
        self.ckr, mk = kdf_ck(self.ckr)
        self.nr += 1
        return self._open(mk, header, ciphertext)

    def _open(self, mk: bytes, header: Header, ciphertext: bytes) -> bytes:
        key, nonce = message_key_material(mk)
        return aead_decrypt(key, nonce, ciphertext, _concat(self.ad, header))

    def _skip(self, until: int) -> None:
        """SkipMessageKeys, plus the global cap: the oldest stored key is evicted beyond MAX_STORED_SKIPPED."""
        if self.nr + MAX_SKIP < until:
            fail()
        if self.ckr is None or self.dhr is None:
            return
        dhr = bytes(self.dhr)
        while self.nr < until:
            self.ckr, mk = kdf_ck(self.ckr)
            self.skipped[(dhr, self.nr)] = mk
            self.nr += 1
            while len(self.skipped) > MAX_STORED_SKIPPED:
                del self.skipped[next(iter(self.skipped))]

    def _dh_ratchet(self, header: Header) -> None:
        """DHRatchet: one receiving and one sending step with a fresh ratchet keypair."""
        self.pn = self.ns
        self.ns = 0
        self.nr = 0
        self.dhr = header.dh
        self.rk, self.ckr = kdf_rk(self.rk, x25519(bytes(self.dhs), bytes(self.dhr)))
        self.dhs = X25519PrivateKey.generate(self._rng)
        self.rk, self.cks = kdf_rk(self.rk, x25519(bytes(self.dhs), bytes(self.dhr)))

    # Persistence
    def to_bytes(self) -> bytes:
        """u8 version=1 || DHs priv (32) || opt(DHr) || RK (32) || opt(CKs) || opt(CKr) || u32 Ns || u32 Nr ||
        u32 PN || lp(AD) || u32 count || count × (dh (32) || u32 n || mk (32)); opt(x) = u8 0 | u8 1 || x."""

        def opt(value: bytes | None) -> bytes:
            return u8(0) if value is None else u8(1) + value

        out = [
            u8(STATE_VERSION),
            bytes(self.dhs),
            opt(None if self.dhr is None else bytes(self.dhr)),
            self.rk,
            opt(self.cks),
            opt(self.ckr),
            u32(self.ns),
            u32(self.nr),
            u32(self.pn),
            lp(self.ad),
            u32(len(self.skipped)),
        ]
        out.extend(dh + u32(n) + mk for (dh, n), mk in self.skipped.items())
        return b"".join(out)

    @classmethod
    def from_bytes(cls, data: bytes, rng: Rng | None = None) -> RatchetState:
        r = Reader(data)
        if r.u8() != STATE_VERSION:
            raise InvalidKeyError("unknown ratchet state version")

        def opt() -> bytes | None:
            flag = r.u8()
            if flag not in (0, 1):
                raise InvalidKeyError("bad optional flag")
            return r.take(KEY_BYTES) if flag else None

        dhs = X25519PrivateKey(r.take(KEY_BYTES))
        dhr_raw = opt()
        rk = r.take(KEY_BYTES)
        cks, ckr = opt(), opt()
        ns, nr, pn = r.u32(), r.u32(), r.u32()
        ad = r.lp()
        skipped: dict[tuple[bytes, int], bytes] = {}
        for _ in range(r.u32()):
            dh = r.take(KEY_BYTES)
            n = r.u32()
            skipped[(dh, n)] = r.take(KEY_BYTES)
        r.done()
        return cls(
            dhs=dhs,
            dhr=None if dhr_raw is None else X25519PublicKey(dhr_raw),
            rk=rk,
            cks=cks,
            ckr=ckr,
            ns=ns,
            nr=nr,
            pn=pn,
            ad=ad,
            skipped=skipped,
            rng=rng,
        )

    def __repr__(self) -> str:
        return f"RatchetState(ns={self.ns}, nr={self.nr}, pn={self.pn}, skipped={len(self.skipped)}, <secret>)"
