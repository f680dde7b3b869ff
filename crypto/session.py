"""X3DH followed by the Double Ratchet (Double Ratchet §5.1 "Integration with X3DH"): SK is the ratchet's SK,
AD is the X3DH associated data, and Bob's signed prekey is his first ratchet keypair.

InitialMessage encoding: u8 version=1 || X3DHHeader || RatchetMessage (to the end).
Until the initiator has received a reply it should send every message as an InitialMessage (same X3DH header)
so that Bob can start the session from whichever arrives first; the caller decides that.
"""

from __future__ import annotations

from crypto.encoding import read_untrusted, u8
from crypto.keys import IdentityKeyPair, SignedPreKey
from crypto.ratchet import RatchetMessage, RatchetState
from crypto.rng import Rng
from crypto.x3dh import OneTimePreKeyStore, PreKeyBundle, X3DHHeader, X3DHResult, initiate, respond

INITIAL_VERSION = 1


class InitialMessage:
    __slots__ = ("message", "x3dh")

    def __init__(self, x3dh: X3DHHeader, message: RatchetMessage) -> None:
        self.x3dh = x3dh
        self.message = message

    def __bytes__(self) -> bytes:
        return u8(INITIAL_VERSION) + bytes(self.x3dh) + bytes(self.message)

    @classmethod
    def from_bytes(cls, data: bytes) -> InitialMessage:
        """Attacker-controlled input: any malformation is the opaque DecryptionError."""
        return read_untrusted(
            data, INITIAL_VERSION, lambda r: cls(X3DHHeader.read(r), RatchetMessage.from_bytes(r.rest()))
        )


def start_session(
    identity: IdentityKeyPair, bundle: PreKeyBundle, rng: Rng | None = None
) -> tuple[RatchetState, X3DHHeader]:
    """Alice: verify the bundle, run X3DH, initialise her ratchet. Send with `initial_message`."""
    result = initiate(identity, bundle, rng)
    state = RatchetState.init_initiator(result.shared_secret, result.associated_data, bundle.signed_prekey.public, rng)
    return state, result.header


def initial_message(state: RatchetState, header: X3DHHeader, plaintext: bytes) -> InitialMessage:
    return InitialMessage(header, state.encrypt(plaintext))


def accept_session(
    identity: IdentityKeyPair,
    signed_prekey: SignedPreKey,
    one_time_prekeys: OneTimePreKeyStore,
    message: InitialMessage | bytes,
    rng: Rng | None = None,
) -> tuple[RatchetState, bytes, X3DHResult]:
    """Bob: X3DH §3.4 then decrypt the first ratchet message. The one-time prekey is removed from the store only
    after that message authenticated, so it is consumed exactly once and a forgery cannot burn it.
    The caller must still decide whether it trusts `result.header.identity` (safety numbers)."""
    if not isinstance(message, InitialMessage):
        message = InitialMessage.from_bytes(message)
    result = respond(identity, signed_prekey, message.x3dh, one_time_prekeys)
    state = RatchetState.init_responder(result.shared_secret, result.associated_data, signed_prekey.private, rng)
    plaintext = state.decrypt(message.message)
    if result.used_one_time_prekey_id is not None:
        one_time_prekeys.remove(result.used_one_time_prekey_id)
    return state, plaintext, result
