"""Double Ratchet sessions per (conversation, peer account): start, accept, converge, persist. Pure, synchronous.

Every session is kept under a session id = the X3DH ephemeral public key (32 bytes) of the InitialMessage that
started it, and every kept session keeps receiving. Exactly one is the *send session* for a (conversation, peer):

* no send session: `encrypt` fetches the peer's PreKeyBundle (its identity must hash to the peer's account id),
  runs X3DH and sends InitialMessages (same X3DH header) until a message arrives in that session;
* a peer's InitialMessage for a new session id arrives while our send session is one we initiated and nobody
  answered yet (simultaneous initiation): the session with the lexicographically lower id is the send session —
  both sides compute the same;
* otherwise a new session from the peer (the peer lost its state or forgot us) becomes the send session.

With the relay's per-conversation order (each sender's messages arrive in the order sent, possibly repeated) the two
sides converge on one session, and every message decrypts exactly once: a replayed InitialMessage lands in the
session it created, whose ratchet refuses the consumed message key, so it neither starts a second session nor
touches the (already removed) one-time prekey. A failed decrypt changes nothing: new sessions are inserted only
after they authenticated, and RatchetState.decrypt is copy-then-commit.

Encoding (`to_bytes`), all integers big-endian:
    u8 version=1 || u32 peers || peers × (lp(conversation UTF-8) || lp(peer account UTF-8) || opt(send id (32)) ||
    u8 sessions || sessions × (session id (32) || u8 role (1 = we initiated, 2 = we responded) || u8 confirmed ||
    lp(X3DHHeader) || lp(RatchetState.to_bytes())))      opt(x) = u8 0 | u8 1 || x; sessions oldest first.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from hmac import compare_digest

from client.errors import HavenClientError
from client.payloads import PairwiseEntry
from crypto.encoding import Reader, lp, u8, u32
from crypto.errors import DecryptionError, InvalidKeyError, fail
from crypto.keys import IdentityKeyPair, SignedPreKey
from crypto.ratchet import RatchetMessage, RatchetState
from crypto.rng import Rng
from crypto.session import InitialMessage, accept_session, initial_message, start_session
from crypto.x3dh import OneTimePreKeyStore, PreKeyBundle, X3DHHeader

STATE_VERSION = 1
ROLE_INITIATOR = 1
ROLE_RESPONDER = 2
SESSION_ID_BYTES = 32
MAX_SESSIONS_PER_PEER = 8  # the oldest non-send session is dropped beyond this

BundleProvider = Callable[[str], PreKeyBundle]


class BundleMismatchError(HavenClientError):
    """The server handed out a bundle whose identity is not the account we asked for."""

    def __init__(self) -> None:
        super().__init__("bundle_mismatch", "the prekey bundle does not belong to the requested account")


class _Session:
    __slots__ = ("confirmed", "header", "initiated", "state")

    def __init__(self, state: RatchetState, header: X3DHHeader, *, initiated: bool, confirmed: bool) -> None:
        self.state = state
        self.header = header
        self.initiated = initiated
        self.confirmed = confirmed  # a message arrived in it (always true for sessions we responded to)


class _Peer:
    __slots__ = ("send_id", "sessions")

    def __init__(self) -> None:
        self.sessions: dict[bytes, _Session] = {}
        self.send_id: bytes | None = None

    def add(self, session_id: bytes, session: _Session) -> None:
        """Insert an authenticated session and decide the send session (see the module docstring)."""
        current = None if self.send_id is None else self.sessions.get(self.send_id)
        self.sessions[session_id] = session
        if current is None or self.send_id is None:
            self.send_id = session_id
        elif current.initiated and not current.confirmed:
            self.send_id = min(self.send_id, session_id)
        else:
            self.send_id = session_id
        while len(self.sessions) > MAX_SESSIONS_PER_PEER:
            oldest = next(s for s in self.sessions if s != self.send_id)
            del self.sessions[oldest]


class PairwiseSessions:
    def __init__(self, rng: Rng | None = None) -> None:
        self._peers: dict[tuple[str, str], _Peer] = {}
        self._rng = rng

    # Queries
    def has_session(self, conversation: str, peer: str) -> bool:
        p = self._peers.get((conversation, peer))
        return p is not None and p.send_id is not None

    def send_session_id(self, conversation: str, peer: str) -> bytes | None:
        p = self._peers.get((conversation, peer))
        return None if p is None else p.send_id

    def session_ids(self, conversation: str, peer: str) -> tuple[bytes, ...]:
        p = self._peers.get((conversation, peer))
        return () if p is None else tuple(p.sessions)

    def forget_conversation(self, conversation: str) -> None:
        self._peers = {k: v for k, v in self._peers.items() if k[0] != conversation}

    def forget_peer(self, conversation: str, peer: str) -> None:
        self._peers.pop((conversation, peer), None)

    # Sending
    def encrypt(
        self,
        conversation: str,
        peer_account: str,
        plaintext: bytes,
        bundle_provider: BundleProvider,
        *,
        identity: IdentityKeyPair,
    ) -> PairwiseEntry:
        """Encrypt for one peer in the send session, starting one with X3DH (via `bundle_provider`) if needed."""
        p = self._peers.get((conversation, peer_account))
        if p is not None and p.send_id is not None:
            session = p.sessions[p.send_id]
            if session.initiated and not session.confirmed:
                return PairwiseEntry(
                    peer_account, True, bytes(initial_message(session.state, session.header, plaintext))
                )
            return PairwiseEntry(peer_account, False, bytes(session.state.encrypt(plaintext)))
        bundle = bundle_provider(peer_account)
        if not compare_digest(bundle.identity.account_id, peer_account):
            raise BundleMismatchError
        state, header = start_session(identity, bundle, self._rng)
        wire = bytes(initial_message(state, header, plaintext))
        self._peers.setdefault((conversation, peer_account), _Peer()).add(
            bytes(header.ephemeral), _Session(state, header, initiated=True, confirmed=False)
        )
        return PairwiseEntry(peer_account, True, wire)

    # Receiving
    def decrypt(
        self,
        conversation: str,
        sender_account: str,
        entry: PairwiseEntry,
        *,
        identity: IdentityKeyPair,
        signed_prekeys: Mapping[int, SignedPreKey],
        one_time_prekeys: OneTimePreKeyStore,
    ) -> bytes:
        """Opaque DecryptionError, with nothing changed, for anything that does not authenticate."""
        if not compare_digest(entry.recipient, identity.account_id):
            fail()
        if entry.initial:
            return self._decrypt_initial(
                conversation,
                sender_account,
                InitialMessage.from_bytes(entry.data),
                identity,
                signed_prekeys,
                one_time_prekeys,
            )
        message = RatchetMessage.from_bytes(entry.data)
        p = self._peers.get((conversation, sender_account))
        if p is None:
            fail()
        for session in _candidates(p, message):
            try:
                plaintext = session.state.decrypt(message)
            except DecryptionError:
                continue
            session.confirmed = True
            return plaintext
        fail()

    def _decrypt_initial(
        self,
        conversation: str,
        sender_account: str,
        message: InitialMessage,
        identity: IdentityKeyPair,
        signed_prekeys: Mapping[int, SignedPreKey],
        one_time_prekeys: OneTimePreKeyStore,
    ) -> bytes:
        if not compare_digest(message.x3dh.identity.account_id, sender_account):
            fail()
        session_id = bytes(message.x3dh.ephemeral)
        p = self._peers.get((conversation, sender_account))
        existing = None if p is None else p.sessions.get(session_id)
        if existing is not None:
            # A later InitialMessage of a session we accepted, or a replay (the ratchet refuses that one).
            if existing.initiated or not compare_digest(bytes(existing.header), bytes(message.x3dh)):
                fail()
            return existing.state.decrypt(message.message)
        signed_prekey = signed_prekeys.get(message.x3dh.signed_prekey_id)
        if signed_prekey is None:
            fail()
        state, plaintext, _ = accept_session(identity, signed_prekey, one_time_prekeys, message, self._rng)
        self._peers.setdefault((conversation, sender_account), _Peer()).add(
            session_id, _Session(state, message.x3dh, initiated=False, confirmed=True)
        )
        return plaintext

    # Persistence
    def to_bytes(self) -> bytes:
        out = [u8(STATE_VERSION), u32(len(self._peers))]
        for (conversation, peer), p in sorted(self._peers.items()):
            out += [lp(conversation.encode()), lp(peer.encode())]
            out.append(u8(0) if p.send_id is None else u8(1) + p.send_id)
            out.append(u8(len(p.sessions)))
            for session_id, s in p.sessions.items():
                out += [
                    session_id,
                    u8(ROLE_INITIATOR if s.initiated else ROLE_RESPONDER),
                    u8(int(s.confirmed)),
                    lp(bytes(s.header)),
                    lp(s.state.to_bytes()),
                ]
        return b"".join(out)

    @classmethod
    def from_bytes(cls, data: bytes, rng: Rng | None = None) -> PairwiseSessions:
        """Stored (trusted) data: a malformed encoding is InvalidKeyError."""
        r = Reader(data)
        if r.u8() != STATE_VERSION:
            raise InvalidKeyError("unknown pairwise state version")
        out = cls(rng)
        for _ in range(r.u32()):
            key = (r.text(), r.text())
            p = _Peer()
            flag = r.u8()
            if flag not in (0, 1):
                raise InvalidKeyError("bad optional flag")
            p.send_id = r.take(SESSION_ID_BYTES) if flag else None
            for _ in range(r.u8()):
                session_id = r.take(SESSION_ID_BYTES)
                role, confirmed = r.u8(), r.u8()
                if role not in (ROLE_INITIATOR, ROLE_RESPONDER) or confirmed not in (0, 1):
                    raise InvalidKeyError("bad session flags")
                header = X3DHHeader.from_bytes(r.lp())
                state = RatchetState.from_bytes(r.lp(), rng)
                p.sessions[session_id] = _Session(
                    state, header, initiated=role == ROLE_INITIATOR, confirmed=confirmed == 1
                )
            if p.send_id is not None and p.send_id not in p.sessions:
                raise InvalidKeyError("send session missing")
            out._peers[key] = p
        r.done()
        return out

    def __repr__(self) -> str:
        return f"PairwiseSessions(peers={len(self._peers)}, <secret>)"


def _candidates(p: _Peer, message: RatchetMessage) -> list[_Session]:
    """Sessions to try, most likely first: the one whose chain the header names, then the send session, then the
    rest newest first. Trying several is safe: each trial is copy-then-commit and only one key authenticates."""
    dh = bytes(message.header.dh)

    def rank(item: tuple[int, bytes]) -> tuple[int, int, int]:
        age, session_id = item
        state = p.sessions[session_id].state
        named = (state.dhr is not None and bytes(state.dhr) == dh) or (dh, message.header.n) in state.skipped
        return (0 if named else 1, 0 if session_id == p.send_id else 1, -age)

    order = sorted(enumerate(p.sessions), key=rank)
    return [p.sessions[session_id] for _, session_id in order]
