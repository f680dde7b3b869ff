"""ClientState: everything survives a save/load round trip, the file is atomic and 0600, and it stays locked."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from client.state import ClientState, HeldMessage, OneTimePreKeyRing, StateFileError
from crypto.errors import InvalidKeyError
from crypto.keystore import MEMLIMIT_MIN, OPSLIMIT_MIN, Keystore
from crypto.rng import deterministic_rng
from crypto.sender_keys import GroupSession
from crypto.x3dh import OneTimePreKeyStore, PreKeyBundle
from tests.client.client_fixtures import device

FAST = {"opslimit": OPSLIMIT_MIN, "memlimit": MEMLIMIT_MIN}
CONV = "ab" * 16


def _populated() -> ClientState:
    state = ClientState.create("https://haven.example", deterministic_rng(b"client-state-seed-0001"), role="counselor")
    state.generate_prekeys(5)
    state.rotate_signed_prekey(now_s=1000)
    peer = device(b"client-state-peer-seed")
    entry = state.pairwise.encrypt(CONV, peer.account, b"hello", lambda _: peer.bundle(), identity=state.identity)
    assert entry.initial
    group = GroupSession(b"group-0001")
    group.rotate(0)
    state.groups["cd" * 16] = group
    state.positions.update({CONV: 7, "cd" * 16: 2**40})
    state.held.append(HeldMessage("cd" * 16, 3, peer.account, b"\x01cipher", 1_700_000_000_000, b"c" * 32, b"t" * 32))
    state.profile.update({"groups": {"cd" * 16: {"pseudonym": "ကြယ်", "group_id": "g1"}}, "theme": None})
    return state


def test_keystore_round_trip_preserves_everything() -> None:
    state = _populated()
    ks = state.to_keystore()
    again = ClientState.from_keystore(Keystore(dict(ks)))
    assert again.to_keystore().encode() == ks.encode()
    assert again.identity == state.identity and again.role == "counselor"
    assert again.server_url == "https://haven.example"
    assert sorted(again.signed_prekeys) == [1, 2] and again.current_signed_prekey_id == 2
    assert again.one_time_prekeys.ids() == [1, 2, 3, 4, 5] and again.next_one_time_prekey_id == 6
    assert again.positions == state.positions and again.held == state.held and again.profile == state.profile
    assert again.groups["cd" * 16].to_bytes() == state.groups["cd" * 16].to_bytes()
    assert again.pairwise.to_bytes() == state.pairwise.to_bytes()
    assert "<secret>" in repr(again) and bytes(state.identity).hex() not in repr(again)


def test_save_load_is_atomic_private_and_locked(tmp_path: Path) -> None:
    state = _populated()
    path = tmp_path / "state.haven"
    state.save(path, "correct horse ဘက်", **FAST)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert os.listdir(tmp_path) == ["state.haven"]  # no temporary file left behind
    loaded = ClientState.load(path, "correct horse ဘက်")
    assert loaded.to_keystore().encode() == state.to_keystore().encode()
    with pytest.raises(StateFileError) as wrong:
        ClientState.load(path, "wrong")
    assert wrong.value.code == "state_unreadable" and "horse" not in str(wrong.value)
    data = bytearray(path.read_bytes())
    data[-1] ^= 1
    path.write_bytes(bytes(data))
    with pytest.raises(StateFileError):
        ClientState.load(path, "correct horse ဘက်")
    with pytest.raises(FileNotFoundError):
        ClientState.load(tmp_path / "missing", "x")


def test_save_replaces_and_a_failed_save_keeps_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "s"
    state = _populated()
    state.save(path, "pw", **FAST)
    state.positions[CONV] = 8
    state.save(path, "pw", **FAST)
    assert ClientState.load(path, "pw").positions[CONV] == 8
    old = path.read_bytes()
    with pytest.raises(InvalidKeyError):  # limits out of range: fails before anything is written
        state.save(path, "pw", opslimit=0, memlimit=MEMLIMIT_MIN)
    state.profile["bad"] = object()
    with pytest.raises(TypeError):
        state.save(path, "pw", **FAST)
    assert path.read_bytes() == old and sorted(os.listdir(tmp_path)) == ["s"]


def test_malformed_entries_are_invalid_key_errors() -> None:
    entries = dict(_populated().to_keystore())
    for name, value in (
        ("state", b"\x02"),
        ("signed_prekeys", b"\x00"),
        ("profile", b"[1]"),
        ("profile", b"{"),
        ("positions", b"\x00\x00\x00\x01"),
        ("server_url", b"\xff"),
    ):
        broken = dict(entries, **{name: value})
        with pytest.raises(InvalidKeyError):
            ClientState.from_keystore(Keystore(broken))
    missing = {k: v for k, v in entries.items() if k != "identity"}
    with pytest.raises(InvalidKeyError):
        ClientState.from_keystore(Keystore(missing))


def test_signed_prekey_rotation_keeps_one_previous_for_a_grace_period() -> None:
    state = ClientState.create("https://h", deterministic_rng(b"client-state-seed-0002"))
    first = state.current_signed_prekey.public()
    first.verify(state.identity.public())
    second = state.rotate_signed_prekey(now_s=100)
    second.verify(state.identity.public())
    assert second.key_id == 2 and state.signed_prekey(1) is not None
    state.prune_signed_prekeys(now_s=100 + 3600, grace_seconds=7200)
    assert state.signed_prekey(1) is not None
    third = state.rotate_signed_prekey(now_s=200)
    assert third.key_id == 3 and state.signed_prekey(1) is None and sorted(state.signed_prekeys) == [2, 3]
    state.prune_signed_prekeys(now_s=200 + 7200, grace_seconds=7200)
    assert sorted(state.signed_prekeys) == [3] and state.signed_prekey(2) is None


def test_one_time_prekeys_are_a_store_and_work_with_x3dh() -> None:
    member = ClientState.create("https://h", deterministic_rng(b"client-state-seed-0003"))
    counselor = ClientState.create("https://h", deterministic_rng(b"client-state-seed-0004"))
    published = member.generate_prekeys(2)
    assert [p.key_id for p in published] == [1, 2]
    ring: OneTimePreKeyStore = member.one_time_prekeys
    assert ring.get(1) is not None and ring.get(1) is not None  # get does not remove
    bundle = PreKeyBundle(member.identity.public(), member.current_signed_prekey.public(), published[0])
    entry = counselor.pairwise.encrypt(
        CONV, member.account_id, b"session opened", lambda _: bundle, identity=counselor.identity
    )
    plaintext = member.pairwise.decrypt(
        CONV,
        counselor.account_id,
        entry,
        identity=member.identity,
        signed_prekeys=member.signed_prekeys,
        one_time_prekeys=ring,
    )
    assert plaintext == b"session opened" and member.one_time_prekeys.ids() == [2]
    with pytest.raises(ValueError):
        member.generate_prekeys(0)
    with pytest.raises(ValueError):
        member.generate_prekeys(5000)
    assert isinstance(OneTimePreKeyRing(), OneTimePreKeyRing)


def test_prekey_ids_never_repeat_across_a_reload(tmp_path: Path) -> None:
    state = ClientState.create("https://h", deterministic_rng(b"client-state-seed-0005"))
    state.generate_prekeys(3)
    state.save(tmp_path / "s", "pw", **FAST)
    again = ClientState.load(tmp_path / "s", "pw")
    assert [p.key_id for p in again.generate_prekeys(2)] == [4, 5]
    assert again.rotate_signed_prekey(now_s=0).key_id == 2
