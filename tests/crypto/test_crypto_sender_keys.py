from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crypto.errors import CryptoError, DecryptionError
from crypto.sender_keys import (
    MAX_SKIP,
    EpochPolicy,
    GroupMessage,
    GroupSession,
    SenderKeyDistribution,
)

GID = b"group-0001"
T0 = 1_700_000_000


def _group(names: list[str], policy: EpochPolicy | None = None) -> dict[str, GroupSession]:
    sessions = {n: GroupSession(GID, policy) for n in names}
    for n, s in sessions.items():
        dist = SenderKeyDistribution.from_bytes(bytes(s.rotate(T0)))
        for m, other in sessions.items():
            if m != n:
                other.add_distribution(n, dist)
    return sessions


def test_round_trip_and_serialisation() -> None:
    g = _group(["alice", "bob", "carol"])
    msg = g["alice"].encrypt(b"hello group", T0)
    wire = bytes(msg)
    assert g["bob"].decrypt(wire) == ("alice", b"hello group")
    assert g["carol"].decrypt(GroupMessage.from_bytes(wire)) == ("alice", b"hello group")
    assert g["alice"].decrypt(g["bob"].encrypt(b"back", T0)) == ("bob", b"back")
    restored = GroupSession.from_bytes(g["carol"].to_bytes())
    assert restored.to_bytes() == g["carol"].to_bytes()
    assert restored.decrypt(g["bob"].encrypt(b"again", T0)) == ("bob", b"again")
    alice2 = GroupSession.from_bytes(g["alice"].to_bytes())
    assert g["bob"].decrypt(alice2.encrypt(b"from restored", T0)) == ("alice", b"from restored")
    assert "secret" in repr(g["alice"].distribution())


def test_bit_flips_rejected_state_unchanged() -> None:
    g = _group(["alice", "bob"])
    wire = bytes(g["alice"].encrypt(b"signed and sealed", T0))
    before = g["bob"].to_bytes()
    for bit in range(len(wire) * 8):
        forged = bytearray(wire)
        forged[bit // 8] ^= 1 << (bit % 8)
        with pytest.raises(DecryptionError):
            g["bob"].decrypt(bytes(forged))
        assert g["bob"].to_bytes() == before
    assert g["bob"].decrypt(wire) == ("alice", b"signed and sealed")


def test_forged_by_member_with_chain_key_is_rejected() -> None:
    """Bob knows Alice's chain key but not her signing key: he cannot impersonate her."""
    g = _group(["alice", "bob", "carol"])
    dist = g["alice"].distribution()
    impostor = GroupSession(GID)
    impostor.rotate(T0)
    impostor._own.key_id = dist.sender_key_id  # type: ignore[union-attr]
    impostor._own.chain_key = dist.chain_key  # type: ignore[union-attr]
    impostor._own.epoch = dist.epoch  # type: ignore[union-attr]
    with pytest.raises(DecryptionError):
        g["carol"].decrypt(impostor.encrypt(b"fake", T0))


def test_duplicates_and_skip_bound() -> None:
    g = _group(["alice", "bob"], EpochPolicy(max_messages=5000))
    msgs = [g["alice"].encrypt(b"%d" % i, T0) for i in range(MAX_SKIP + 5)]
    bob = g["bob"]
    assert bob.decrypt(msgs[2])[1] == b"2"
    assert bob.decrypt(msgs[0])[1] == b"0"
    before = bob.to_bytes()
    for m in (msgs[0], msgs[2]):
        with pytest.raises(DecryptionError):
            bob.decrypt(m)
    assert bob.to_bytes() == before
    with pytest.raises(DecryptionError):
        bob.decrypt(msgs[3 + MAX_SKIP + 1])  # bob is at iteration 3: this skips MAX_SKIP + 1 keys
    assert bob.to_bytes() == before
    assert bob.decrypt(msgs[3 + MAX_SKIP])[1] == b"%d" % (3 + MAX_SKIP)


def test_removed_member_cannot_read_next_epoch_newcomer_cannot_read_previous() -> None:
    g = _group(["alice", "bob", "carol"])
    old = g["alice"].encrypt(b"before the change", T0)
    assert g["carol"].decrypt(old)[1] == b"before the change"
    # carol is removed and dave joins: everyone starts a new epoch and distributes only to bob and dave
    dave = GroupSession(GID)
    for n in ("alice", "bob"):
        g[n].remove_member("carol")
        g[n].note_membership_change()
    with pytest.raises(CryptoError):
        g["alice"].encrypt(b"refused until rotated", T0)
    new_sessions = {"alice": g["alice"], "bob": g["bob"], "dave": dave}
    for n, s in new_sessions.items():
        dist = s.rotate(T0 + 5)
        for m, other in new_sessions.items():
            if m != n:
                other.add_distribution(n, dist)
    new = g["alice"].encrypt(b"after the change", T0 + 6)
    assert not g["carol"].has_chain_for(new)
    assert dave.has_chain_for(new)
    assert g["bob"].decrypt(new)[1] == b"after the change"
    assert dave.decrypt(new)[1] == b"after the change"
    with pytest.raises(DecryptionError):
        g["carol"].decrypt(new)
    with pytest.raises(DecryptionError):
        dave.decrypt(old)
    in_flight = old_sessions_message = g["bob"].decrypt(old)  # bob keeps the previous epoch for in-flight
    assert in_flight == old_sessions_message == ("alice", b"before the change")


def test_epoch_limits() -> None:
    s = GroupSession(GID, EpochPolicy(max_messages=3, max_age_seconds=100))
    assert s.needs_new_epoch(T0)
    s.rotate(T0)
    assert s.epoch == 1 and not s.needs_new_epoch(T0)
    for _ in range(3):
        s.encrypt(b"x", T0)
    assert s.needs_new_epoch(T0)
    s.rotate(T0, epoch=10)
    assert s.epoch == 10
    assert not s.needs_new_epoch(T0 + 99) and s.needs_new_epoch(T0 + 100)
    with pytest.raises(CryptoError):
        s.rotate(T0, epoch=10)
    assert EpochPolicy().max_messages == 1000 and EpochPolicy().max_age_seconds == 7 * 86400


def test_replayed_old_distribution_does_not_reopen_keys() -> None:
    g = _group(["alice", "bob"])
    dist = g["alice"].distribution()
    m = g["alice"].encrypt(b"once", T0)
    assert g["bob"].decrypt(m)[1] == b"once"
    g["bob"].add_distribution("alice", dist)
    with pytest.raises(DecryptionError):
        g["bob"].decrypt(m)
    with pytest.raises(CryptoError):
        g["bob"].add_distribution("mallory", dist)


@given(st.permutations(list(range(10))), st.lists(st.integers(0, 9), max_size=5))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_order_with_duplicates(order: list[int], dups: list[int]) -> None:
    g = _group(["alice", "bob"])
    msgs = [g["alice"].encrypt(b"%d" % i, T0) for i in range(10)]
    seen: set[int] = set()
    for i in order + dups:
        if i in seen:
            with pytest.raises(DecryptionError):
                g["bob"].decrypt(msgs[i])
        else:
            assert g["bob"].decrypt(msgs[i]) == ("alice", b"%d" % i)
            seen.add(i)
