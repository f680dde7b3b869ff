"""Sender-key group encryption (the Signal/WhatsApp "sender keys" scheme, with Haven's epoch rules).

Every member, per group epoch, owns a sending chain: a 32-byte chain key advanced with the same KDF_CK as the
Double Ratchet (MK = HMAC-SHA256(CK, 0x01), CK' = HMAC-SHA256(CK, 0x02)) and an Ed25519 signing key. The chain
key, its iteration and the signing public key go to each current member in a `SenderKeyDistribution` over the
pairwise ratchet sessions. A group message is

    header     = u8 version=1 || u8 len(group_id) || group_id || u64 epoch || u32 sender_key_id || u32 iteration
    key||nonce = HKDF-SHA256(IKM = MK, salt = 32 zero bytes, info = b"Haven SenderKey MK v1", L = 56)
    ciphertext = XChaCha20-Poly1305-IETF(key, nonce, plaintext, AD = header)
    signature  = Ed25519(signing key, header || ciphertext)
    wire       = header || ciphertext || signature (64)

Epochs: a membership change (join, leave, removal), `max_messages` sent or `max_age_seconds` elapsed make
`needs_new_epoch` true and `encrypt` refuse until `rotate` made a fresh chain and signing key; the new
distribution goes only to the members of the new epoch. A newcomer therefore never holds an earlier chain key
and a removed member never receives a later one.
"""

from __future__ import annotations

from dataclasses import dataclass

from crypto.encoding import Reader, lp, read_untrusted, u8, u32, u64
from crypto.errors import CryptoError, DecryptionError, InvalidKeyError, fail
from crypto.keys import KEY_BYTES, SIGNATURE_BYTES, Ed25519PrivateKey, Ed25519PublicKey
from crypto.primitives import AEAD_TAG_BYTES, aead_decrypt, aead_encrypt, hkdf_sha256
from crypto.ratchet import kdf_ck
from crypto.rng import Rng, resolve

SENDER_KEY_MK_INFO = b"Haven SenderKey MK v1"
MESSAGE_VERSION = 1
DISTRIBUTION_VERSION = 1
STATE_VERSION = 1
MAX_SKIP = 1000  # most message keys skipped in one chain by a single message
MAX_STORED_SKIPPED = 2000  # most skipped keys kept per sender chain, oldest evicted
DEFAULT_MAX_MESSAGES = 1000  # own messages per epoch before a new epoch is required
DEFAULT_MAX_AGE_SECONDS = 7 * 86400  # age of an epoch before a new one is required
MAX_GROUP_ID = 64
MAX_COUNTER = 2**32 - 1


def _check_group_id(group_id: bytes) -> bytes:
    if not 1 <= len(group_id) <= MAX_GROUP_ID:
        raise InvalidKeyError("group id must be 1..64 bytes")
    return bytes(group_id)


def _chain_position(version: int, group_id: bytes, epoch: int, sender_key_id: int, iteration: int) -> bytes:
    """u8 version || u8 len(group_id) || group_id || u64 epoch || u32 sender_key_id || u32 iteration: the opening
    a distribution and a group message share, naming one position in one sender chain."""
    return u8(version) + u8(len(group_id)) + group_id + u64(epoch) + u32(sender_key_id) + u32(iteration)


def _key_nonce(mk: bytes) -> tuple[bytes, bytes]:
    out = hkdf_sha256(mk, bytes(32), SENDER_KEY_MK_INFO, 56)
    return out[:32], out[32:]


@dataclass(frozen=True, slots=True)
class EpochPolicy:
    max_messages: int = DEFAULT_MAX_MESSAGES
    max_age_seconds: int = DEFAULT_MAX_AGE_SECONDS


class SenderKeyDistribution:
    """Encoding: u8 version=1 || u8 len(group_id) || group_id || u64 epoch || u32 sender_key_id ||
    u32 iteration || chain_key (32) || signing_public (32). Secret: send it only inside a ratchet session."""

    __slots__ = ("chain_key", "epoch", "group_id", "iteration", "sender_key_id", "signing_public")

    def __init__(
        self,
        group_id: bytes,
        epoch: int,
        sender_key_id: int,
        iteration: int,
        chain_key: bytes,
        signing_public: Ed25519PublicKey,
    ) -> None:
        if len(chain_key) != KEY_BYTES:
            raise InvalidKeyError("chain key must be 32 bytes")
        if not (0 <= epoch < 2**64 and 0 <= sender_key_id <= MAX_COUNTER and 0 <= iteration <= MAX_COUNTER):
            raise InvalidKeyError("counter out of range")
        self.group_id = _check_group_id(group_id)
        self.epoch = epoch
        self.sender_key_id = sender_key_id
        self.iteration = iteration
        self.chain_key = bytes(chain_key)
        self.signing_public = signing_public

    def __bytes__(self) -> bytes:
        return (
            _chain_position(DISTRIBUTION_VERSION, self.group_id, self.epoch, self.sender_key_id, self.iteration)
            + self.chain_key
            + bytes(self.signing_public)
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> SenderKeyDistribution:
        r = Reader(data)
        if r.u8() != DISTRIBUTION_VERSION:
            raise InvalidKeyError("unknown distribution version")
        group_id = r.take(r.u8())
        out = cls(group_id, r.u64(), r.u32(), r.u32(), r.take(KEY_BYTES), Ed25519PublicKey(r.take(KEY_BYTES)))
        r.done()
        return out

    def __repr__(self) -> str:
        return f"SenderKeyDistribution(epoch={self.epoch}, sender_key_id={self.sender_key_id}, <secret>)"


class GroupMessage:
    __slots__ = ("ciphertext", "epoch", "group_id", "iteration", "sender_key_id", "signature")

    def __init__(
        self, group_id: bytes, epoch: int, sender_key_id: int, iteration: int, ciphertext: bytes, signature: bytes
    ) -> None:
        self.group_id = _check_group_id(group_id)
        self.epoch = epoch
        self.sender_key_id = sender_key_id
        self.iteration = iteration
        self.ciphertext = bytes(ciphertext)
        self.signature = bytes(signature)

    def header(self) -> bytes:
        return _chain_position(MESSAGE_VERSION, self.group_id, self.epoch, self.sender_key_id, self.iteration)

    def signed_part(self) -> bytes:
        return self.header() + self.ciphertext

    def __bytes__(self) -> bytes:
        return self.signed_part() + self.signature

    @classmethod
    def from_bytes(cls, data: bytes) -> GroupMessage:
        """Attacker-controlled input: any malformation is the opaque DecryptionError."""
        return read_untrusted(data, MESSAGE_VERSION, cls._read)

    @classmethod
    def _read(cls, r: Reader) -> GroupMessage:
        group_id = r.take(r.u8())
        epoch, key_id, iteration = r.u64(), r.u32(), r.u32()
        body = r.rest()
        if len(body) < AEAD_TAG_BYTES + SIGNATURE_BYTES:
            fail()
        return cls(group_id, epoch, key_id, iteration, body[:-SIGNATURE_BYTES], body[-SIGNATURE_BYTES:])


class _SendingChain:
    __slots__ = ("chain_key", "epoch", "iteration", "key_id", "signing", "started_at")

    def __init__(
        self, epoch: int, key_id: int, chain_key: bytes, iteration: int, signing: Ed25519PrivateKey, started_at: int
    ) -> None:
        self.epoch = epoch
        self.key_id = key_id
        self.chain_key = chain_key
        self.iteration = iteration
        self.signing = signing
        self.started_at = started_at


class _ReceivingChain:
    __slots__ = ("chain_key", "epoch", "iteration", "key_id", "sender", "signing_public", "skipped")

    def __init__(
        self,
        sender: str,
        epoch: int,
        key_id: int,
        chain_key: bytes,
        iteration: int,
        signing_public: Ed25519PublicKey,
        skipped: dict[int, bytes] | None = None,
    ) -> None:
        self.sender = sender
        self.epoch = epoch
        self.key_id = key_id
        self.chain_key = chain_key
        self.iteration = iteration
        self.signing_public = signing_public
        self.skipped: dict[int, bytes] = dict(skipped or {})

    def clone(self) -> _ReceivingChain:
        return _ReceivingChain(
            self.sender, self.epoch, self.key_id, self.chain_key, self.iteration, self.signing_public, self.skipped
        )

    def message_key(self, iteration: int) -> bytes:
        if iteration < self.iteration:
            mk = self.skipped.pop(iteration, None)  # a duplicate finds nothing here
            if mk is None:
                fail()
            return mk
        if iteration - self.iteration > MAX_SKIP:
            fail()
        while self.iteration < iteration:
            self.chain_key, skipped_mk = kdf_ck(self.chain_key)
            self.skipped[self.iteration] = skipped_mk
            self.iteration += 1
            while len(self.skipped) > MAX_STORED_SKIPPED:
                del self.skipped[next(iter(self.skipped))]
        self.chain_key, mk = kdf_ck(self.chain_key)
        self.iteration += 1
        return mk


class GroupSession:
    """One member's view of one group: its own sending chain and the chains it received from others."""

    def __init__(self, group_id: bytes, policy: EpochPolicy | None = None, rng: Rng | None = None) -> None:
        self.group_id = _check_group_id(group_id)
        self.policy = policy or EpochPolicy()
        self.epoch = 0
        self.membership_changed = False
        self._own: _SendingChain | None = None
        self._receiving: dict[tuple[int, int], _ReceivingChain] = {}
        self._rng = resolve(rng)

    # Epochs
    def note_membership_change(self) -> None:
        """Call on every join, leave or removal; the next send then requires `rotate`."""
        self.membership_changed = True

    def remove_member(self, sender: str) -> None:
        """Forget every chain received from `sender` and require a new epoch."""
        self._receiving = {k: c for k, c in self._receiving.items() if c.sender != sender}
        self.membership_changed = True

    def needs_new_epoch(self, now_s: int) -> bool:
        own = self._own
        return (
            own is None
            or self.membership_changed
            or own.iteration >= self.policy.max_messages
            or now_s - own.started_at >= self.policy.max_age_seconds
        )

    def rotate(self, now_s: int, epoch: int | None = None) -> SenderKeyDistribution:
        """Start a new epoch with a fresh chain key and signing key; send the result to the current members only.
        `epoch` lets the caller adopt a group-wide epoch number (it must increase); default is current + 1."""
        new_epoch = self.epoch + 1 if epoch is None else epoch
        if self._own is not None and new_epoch <= self.epoch:
            raise CryptoError("epochs only increase")
        if not 0 <= new_epoch < 2**64:
            raise InvalidKeyError("epoch out of range")
        draw = self._rng
        key_id = int.from_bytes(draw(4), "big")
        chain_key = draw(KEY_BYTES)
        signing = Ed25519PrivateKey(draw(KEY_BYTES))
        self._own = _SendingChain(new_epoch, key_id, chain_key, 0, signing, now_s)
        self.epoch = new_epoch
        self.membership_changed = False
        return self.distribution()

    def distribution(self) -> SenderKeyDistribution:
        """The own chain's current state (for a member who lost it); a newcomer should get a rotation instead."""
        own = self._own
        if own is None:
            raise CryptoError("no sending chain yet; call rotate")
        return SenderKeyDistribution(
            self.group_id, own.epoch, own.key_id, own.iteration, own.chain_key, own.signing.public_key()
        )

    # Sending
    def encrypt(self, plaintext: bytes, now_s: int) -> GroupMessage:
        own = self._own
        if own is None or self.needs_new_epoch(now_s):
            raise CryptoError("a new epoch is required before sending")
        own.chain_key, mk = kdf_ck(own.chain_key)
        iteration = own.iteration
        own.iteration += 1
        unsigned = GroupMessage(self.group_id, own.epoch, own.key_id, iteration, b"", b"")
        key, nonce = _key_nonce(mk)
        ciphertext = aead_encrypt(key, nonce, plaintext, unsigned.header())
        message = GroupMessage(self.group_id, own.epoch, own.key_id, iteration, ciphertext, b"")
        message.signature = own.signing.sign(message.signed_part())
        return message

    # Receiving
    def add_distribution(self, sender: str, distribution: SenderKeyDistribution) -> None:
        """Install a chain received from `sender` over an authenticated pairwise session. A chain already known
        is never replaced (a replayed, older distribution would re-open consumed message keys)."""
        if distribution.group_id != self.group_id:
            raise CryptoError("distribution for another group")
        slot = (distribution.epoch, distribution.sender_key_id)
        existing = self._receiving.get(slot)
        if existing is not None:
            if existing.sender != sender:
                raise CryptoError("sender key id collision")
            return
        # Keep the sender's previous epoch for messages still in flight; drop anything older.
        self._receiving = {
            k: c for k, c in self._receiving.items() if c.sender != sender or c.epoch + 1 >= distribution.epoch
        }
        self._receiving[slot] = _ReceivingChain(
            sender,
            distribution.epoch,
            distribution.sender_key_id,
            distribution.chain_key,
            distribution.iteration,
            distribution.signing_public,
        )

    def has_chain_for(self, message: GroupMessage) -> bool:
        """Whether the sender's distribution for this message's epoch has arrived (so the client can hold the
        message until it does, instead of dropping it). Says nothing about the message's authenticity."""
        return (message.epoch, message.sender_key_id) in self._receiving

    def decrypt(self, message: GroupMessage | bytes) -> tuple[str, bytes]:
        """Returns (sender, plaintext). Opaque DecryptionError, with the state untouched, on any failure."""
        if not isinstance(message, GroupMessage):
            message = GroupMessage.from_bytes(message)
        if message.group_id != self.group_id:
            fail()
        chain = self._receiving.get((message.epoch, message.sender_key_id))
        if chain is None:
            raise DecryptionError
        chain.signing_public.verify(message.signed_part(), message.signature)
        trial = chain.clone()
        key, nonce = _key_nonce(trial.message_key(message.iteration))
        plaintext = aead_decrypt(key, nonce, message.ciphertext, message.header())
        self._receiving[(message.epoch, message.sender_key_id)] = trial
        return chain.sender, plaintext

    # Persistence
    def to_bytes(self) -> bytes:
        """u8 version=1 || u8 len(gid) || gid || u64 epoch || u8 membership_changed || u32 max_messages ||
        u64 max_age_seconds || u8 has_own || [u64 epoch || u32 key_id || chain_key || u32 iteration ||
        signing seed (32) || u64 started_at] || u32 count || count × (lp(sender UTF-8) || u64 epoch ||
        u32 key_id || chain_key || u32 iteration || signing_public || u32 n || n × (u32 iteration || mk))"""
        out = [
            u8(STATE_VERSION),
            u8(len(self.group_id)),
            self.group_id,
            u64(self.epoch),
            u8(int(self.membership_changed)),
            u32(self.policy.max_messages),
            u64(self.policy.max_age_seconds),
        ]
        own = self._own
        if own is None:
            out.append(u8(0))
        else:
            out += [
                u8(1),
                u64(own.epoch),
                u32(own.key_id),
                own.chain_key,
                u32(own.iteration),
                bytes(own.signing),
                u64(own.started_at),
            ]
        out.append(u32(len(self._receiving)))
        for c in self._receiving.values():
            out += [
                lp(c.sender.encode()),
                u64(c.epoch),
                u32(c.key_id),
                c.chain_key,
                u32(c.iteration),
                bytes(c.signing_public),
                u32(len(c.skipped)),
            ]
            out.extend(u32(i) + mk for i, mk in c.skipped.items())
        return b"".join(out)

    @classmethod
    def from_bytes(cls, data: bytes, rng: Rng | None = None) -> GroupSession:
        r = Reader(data)
        if r.u8() != STATE_VERSION:
            raise InvalidKeyError("unknown group state version")
        group_id = r.take(r.u8())
        epoch = r.u64()
        changed = r.u8() == 1
        session = cls(group_id, EpochPolicy(r.u32(), r.u64()), rng)
        session.epoch = epoch
        session.membership_changed = changed
        if r.u8() == 1:
            session._own = _SendingChain(
                r.u64(), r.u32(), r.take(KEY_BYTES), r.u32(), Ed25519PrivateKey(r.take(KEY_BYTES)), r.u64()
            )
        for _ in range(r.u32()):
            sender = r.text()
            chain = _ReceivingChain(
                sender, r.u64(), r.u32(), r.take(KEY_BYTES), r.u32(), Ed25519PublicKey(r.take(KEY_BYTES))
            )
            for _ in range(r.u32()):
                i = r.u32()
                chain.skipped[i] = r.take(KEY_BYTES)
            session._receiving[(chain.epoch, chain.key_id)] = chain
        r.done()
        return session

    def __repr__(self) -> str:
        return f"GroupSession(epoch={self.epoch}, chains={len(self._receiving)}, <secret>)"
