"""PairwiseSessions with real X3DH and Double Ratchet: start, accept, replay, tamper, persist, converge."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from client.pairwise import MAX_SESSIONS_PER_PEER, BundleMismatchError, PairwiseSessions
from client.payloads import PairwiseEntry
from crypto.errors import DecryptionError
from crypto.session import InitialMessage
from tests.client.client_fixtures import Device, device

CONV = "c0" * 16


def _send(src: Device, dst: Device, text: bytes, conv: str = CONV) -> PairwiseEntry:
    return src.sessions.encrypt(conv, dst.account, text, lambda _: dst.bundle(), identity=src.identity)


def _recv(dst: Device, src: Device, entry: PairwiseEntry, conv: str = CONV) -> bytes:
    return dst.sessions.decrypt(
        conv, src.account, entry, identity=dst.identity, signed_prekeys={1: dst.spk}, one_time_prekeys=dst.opks
    )


def _pair(tag: bytes = b"0") -> tuple[Device, Device]:
    return device(b"pairwise-alice-seed-" + tag), device(b"pairwise-bob-seed-00" + tag)


def test_initiator_repeats_initial_until_answered() -> None:
    alice, bob = _pair()
    assert not alice.sessions.has_session(CONV, bob.account)
    e1, e2 = _send(alice, bob, b"one"), _send(alice, bob, b"two")
    assert e1.initial and e2.initial and e1.recipient == bob.account
    assert isinstance(m1 := e1.message(), InitialMessage) and isinstance(m2 := e2.message(), InitialMessage)
    assert bytes(m1.x3dh) == bytes(m2.x3dh) and m1.x3dh.one_time_prekey_id == 100
    assert alice.sessions.has_session(CONV, bob.account)
    assert _recv(bob, alice, e2) == b"two"  # either InitialMessage can start the session
    assert _recv(bob, alice, e1) == b"one"
    assert len(bob.opks) == 2 and bob.opks.get(100) is None
    reply = _send(bob, alice, b"reply")
    assert not reply.initial
    assert _recv(alice, bob, reply) == b"reply"
    e3 = _send(alice, bob, b"three")
    assert not e3.initial and _recv(bob, alice, e3) == b"three"
    assert alice.sessions.send_session_id(CONV, bob.account) == bob.sessions.send_session_id(CONV, alice.account)


def test_bundle_must_belong_to_the_peer() -> None:
    alice, bob = _pair()
    mallory = device(b"pairwise-mallory-seed")
    with pytest.raises(BundleMismatchError):
        alice.sessions.encrypt(CONV, bob.account, b"x", lambda _: mallory.bundle(), identity=alice.identity)
    assert not alice.sessions.has_session(CONV, bob.account)


def test_sender_identity_must_match_sender_account() -> None:
    alice, bob = _pair()
    mallory = device(b"pairwise-mallory-seed")
    entry = _send(alice, bob, b"hi")
    with pytest.raises(DecryptionError):
        _recv(bob, mallory, entry)
    assert len(bob.opks) == 3 and not bob.sessions.has_session(CONV, mallory.account)
    assert _recv(bob, alice, entry) == b"hi"


def test_replayed_initial_creates_nothing_and_keeps_prekeys_consumed() -> None:
    alice, bob = _pair()
    entry = _send(alice, bob, b"hi")
    assert _recv(bob, alice, entry) == b"hi"
    before = bob.sessions.to_bytes()
    for _ in range(2):
        with pytest.raises(DecryptionError):
            _recv(bob, alice, entry)
    assert bob.sessions.to_bytes() == before
    assert len(bob.sessions.session_ids(CONV, alice.account)) == 1
    restored = PairwiseSessions.from_bytes(before)
    with pytest.raises(DecryptionError):
        restored.decrypt(
            CONV, alice.account, entry, identity=bob.identity, signed_prekeys={1: bob.spk}, one_time_prekeys=bob.opks
        )


def test_failures_change_nothing() -> None:
    alice, bob = _pair()
    assert _recv(bob, alice, _send(alice, bob, b"hi")) == b"hi"
    good = _send(alice, bob, b"next")
    before = bob.sessions.to_bytes()
    tampered = PairwiseEntry(good.recipient, good.initial, good.data[:-1] + bytes([good.data[-1] ^ 1]))
    other = PairwiseEntry(alice.account, good.initial, good.data)
    for bad, sender in ((tampered, alice), (other, alice), (good, device(b"pairwise-nobody-seed"))):
        with pytest.raises(DecryptionError):
            _recv(bob, sender, bad)
        assert bob.sessions.to_bytes() == before
    with pytest.raises(DecryptionError):  # unknown signed prekey
        bob.sessions.decrypt(
            CONV,
            alice.account,
            _send(alice, device(b"pairwise-carol-seed0"), b"x"),
            identity=bob.identity,
            signed_prekeys={},
            one_time_prekeys=bob.opks,
        )
    assert _recv(bob, alice, good) == b"next"


def test_unknown_signed_prekey_keeps_the_one_time_prekey() -> None:
    alice, bob = _pair()
    entry = _send(alice, bob, b"hi")
    with pytest.raises(DecryptionError):
        bob.sessions.decrypt(
            CONV, alice.account, entry, identity=bob.identity, signed_prekeys={}, one_time_prekeys=bob.opks
        )
    assert len(bob.opks) == 3 and _recv(bob, alice, entry) == b"hi"


def test_persistence_mid_conversation() -> None:
    alice, bob = _pair()
    assert _recv(bob, alice, _send(alice, bob, b"a")) == b"a"
    late = _send(bob, alice, b"late")  # delivered after a restart, out of order
    assert _recv(alice, bob, _send(bob, alice, b"b")) == b"b"
    raw = alice.sessions.to_bytes()
    assert raw[0] == 1
    alice.sessions = PairwiseSessions.from_bytes(raw, alice.rng)
    assert alice.sessions.to_bytes() == raw
    assert _recv(alice, bob, late) == b"late"
    assert _recv(bob, alice, _send(alice, bob, b"c")) == b"c"
    assert "PairwiseSessions(" in repr(alice.sessions) and raw.hex() not in repr(alice.sessions)


def test_conversations_are_separate_and_forgettable() -> None:
    alice, bob = _pair()
    other = "c1" * 16
    e1, e2 = _send(alice, bob, b"one"), _send(alice, bob, b"two", other)
    assert bytes(e1.message().x3dh) != bytes(e2.message().x3dh)  # type: ignore[union-attr]
    assert _recv(bob, alice, e2, other) == b"two"
    with pytest.raises(DecryptionError):  # the session of `other` does not answer in CONV
        _recv(bob, alice, _send(bob, alice, b"x", other), CONV)
    assert _recv(bob, alice, e1) == b"one"
    bob.sessions.forget_peer(CONV, alice.account)
    assert not bob.sessions.has_session(CONV, alice.account) and bob.sessions.has_session(other, alice.account)
    bob.sessions.forget_conversation(other)
    assert not bob.sessions.has_session(other, alice.account)


def test_peer_that_lost_its_state_is_followed() -> None:
    alice, bob = _pair()
    assert _recv(bob, alice, _send(alice, bob, b"a")) == b"a"
    assert _recv(alice, bob, _send(bob, alice, b"b")) == b"b"
    for round_ in range(MAX_SESSIONS_PER_PEER + 2):
        bob.sessions = PairwiseSessions(bob.rng)  # reinstall: Bob starts afresh with a new bundle of Alice's
        alice.add_prekey(500 + round_)
        fresh = _send(bob, alice, b"again %d" % round_)
        assert fresh.initial and _recv(alice, bob, fresh) == b"again %d" % round_
        answer = _send(alice, bob, b"answer %d" % round_)
        assert not answer.initial and _recv(bob, alice, answer) == b"answer %d" % round_
    assert len(alice.sessions.session_ids(CONV, bob.account)) == MAX_SESSIONS_PER_PEER


# Simultaneous initiation -------------------------------------------------------------------------------------------


class _World:
    """Both devices send their first message before hearing from the other; the relay keeps each sender's order."""

    def __init__(self, tag: bytes) -> None:
        self.a, self.b = _pair(tag)
        self.queues: dict[str, list[tuple[bytes, PairwiseEntry]]] = {"a": [], "b": []}
        self.sent: dict[str, list[tuple[bytes, PairwiseEntry]]] = {"a": [], "b": []}
        self.received: dict[str, list[bytes]] = {"a": [], "b": []}
        self.count = 0

    def dev(self, name: str) -> Device:
        return self.a if name == "a" else self.b

    def send(self, name: str) -> None:
        src, dst = self.dev(name), self.dev("b" if name == "a" else "a")
        text = b"%s-%d" % (name.encode(), self.count)
        self.count += 1
        item = (text, _send(src, dst, text))
        self.queues[name].append(item)
        self.sent[name].append(item)

    def deliver(self, name: str) -> None:
        text, entry = self.queues[name].pop(0)
        other = "b" if name == "a" else "a"
        assert _recv(self.dev(other), self.dev(name), entry) == text
        self.received[other].append(text)

    def settle(self) -> None:
        for _ in range(3):
            self.send("a")
            self.send("b")
            while self.queues["a"] or self.queues["b"]:
                for name in ("a", "b"):
                    if self.queues[name]:
                        self.deliver(name)

    def check(self) -> None:
        a_id = self.a.sessions.send_session_id(CONV, self.b.account)
        assert a_id is not None and a_id == self.b.sessions.send_session_id(CONV, self.a.account)
        assert not self.sent["a"][-1][1].initial and not self.sent["b"][-1][1].initial
        for name, other in (("a", "b"), ("b", "a")):
            assert self.received[other] == [t for t, _ in self.sent[name]]  # each exactly once, in order
            before = self.dev(other).sessions.to_bytes()
            for _, entry in self.sent[name]:  # every redelivery is refused and changes nothing
                with pytest.raises(DecryptionError):
                    _recv(self.dev(other), self.dev(name), entry)
            assert self.dev(other).sessions.to_bytes() == before


def _interleavings(counts: dict[str, int], queued: dict[str, int]) -> Iterator[list[str]]:
    """Every order of the remaining sends ("sa", "sb") and deliveries ("da", "db"); a delivery needs a queued one."""
    if not any(counts.values()):
        yield []
        return
    for token, left in counts.items():
        if not left or (token[0] == "d" and queued[token[1]] == 0):
            continue
        counts[token] -= 1
        delta = 1 if token[0] == "s" else -1
        queued[token[1]] += delta
        for rest in _interleavings(counts, queued):
            yield [token, *rest]
        queued[token[1]] -= delta
        counts[token] += 1


SEEDS = [b"s0", b"s1", b"s2", b"s3"]


def _run(tag: bytes, script: list[str]) -> None:
    world = _World(tag)
    world.send("a")
    world.send("b")
    for token in script:
        (world.send if token[0] == "s" else world.deliver)(token[1])
    world.settle()
    world.check()


@pytest.mark.parametrize("tag", SEEDS[:2])
@pytest.mark.parametrize("extra", [(1, 1), (2, 1)])
def test_every_interleaving_of_simultaneous_initiation_converges(tag: bytes, extra: tuple[int, int]) -> None:
    """Exhaustive over the relay's freedom (when each side sends, when each queue is delivered)."""
    sa, sb = extra
    scripts = list(_interleavings({"sa": sa, "sb": sb, "da": sa + 1, "db": sb + 1}, {"a": 1, "b": 1}))
    assert len(scripts) > 50
    for script in scripts:
        _run(tag, script)


def test_tie_break_is_the_lower_session_id_on_both_sides() -> None:
    outcomes = set()
    for tag in SEEDS:
        world = _World(tag)
        world.send("a")
        world.send("b")
        ids = {
            name: bytes(world.sent[name][0][1].message().x3dh.ephemeral)  # type: ignore[union-attr]
            for name in ("a", "b")
        }
        world.deliver("a")
        world.deliver("b")
        expected = min(ids.values())
        assert world.a.sessions.send_session_id(CONV, world.b.account) == expected
        assert world.b.sessions.send_session_id(CONV, world.a.account) == expected
        outcomes.add("a" if expected == ids["a"] else "b")
        world.settle()
        world.check()
    assert outcomes == {"a", "b"}  # the seeds exercise both winners


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["sa", "sb", "da", "db"]), max_size=24), st.sampled_from(SEEDS))
def test_random_longer_interleavings_converge(tokens: list[str], tag: bytes) -> None:
    world = _World(tag)
    world.send("a")
    world.send("b")
    for token in tokens:
        if token[0] == "d" and not world.queues[token[1]]:
            continue
        (world.send if token[0] == "s" else world.deliver)(token[1])
    world.settle()
    world.check()
