"""HavenClient's rules driven directly, without a socket, a server or a clock: time and randomness are passed in,
and what the core returns is checked (the client-side counterpart of tests/server/test_protocol_machine.py)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path
from random import Random

import pytest

from client.alert_packet import AlertPacket, AlertPacketError
from client.core import crisis, epochs, held, prekeys, receive
from client.core.budget import check_frame_budget
from client.errors import HavenClientError, MessageTooLarge
from client.payloads import GroupPayload, PayloadError, decode_payload, max_body_bytes
from client.state import ClientState, HeldMessage, StateFile
from crypto.envelope import ContentType, Envelope
from crypto.keystore import MEMLIMIT_MIN, OPSLIMIT_MIN
from crypto.sender_keys import GroupSession
from moderation import Audience

ROOT = Path(__file__).resolve().parents[2]
GROUP = bytes(range(16))
CONVERSATION = GROUP.hex()
ALICE = "a" * 32
BOB = "b" * 32
CAROL = "c" * 32
NOW = 1_750_000_000
NOW_MS = NOW * 1000
TTL = 7 * 86400


def held_message(seq: int, *, conversation: str = CONVERSATION, server_time: int = NOW_MS) -> HeldMessage:
    return HeldMessage(conversation, seq, ALICE, b"ciphertext-%d" % seq, server_time, b"c" * 32, b"t" * 32)


# --- held group messages ---------------------------------------------------------------------------------------
def test_a_message_waits_for_its_senders_chain_and_is_released_in_order_when_it_comes() -> None:
    """Real sender keys: Bob holds Alice's messages (no chain yet); her distribution makes them readable, in seq
    order, and each one then decrypts — the order matters, a sender chain only moves forward cheaply."""
    alice = GroupSession(GROUP)
    distribution = alice.rotate(NOW)
    bob = GroupSession(GROUP)
    texts = [b"first", b"second", b"third"]
    waiting: list[HeldMessage] = []
    for seq, text in zip((7, 5, 6), texts, strict=True):  # delivered out of seq order on purpose
        payload = GroupPayload(alice.encrypt(Envelope.new(ContentType.TEXT, text).seal(), NOW)).encode()
        message = decode_payload(payload)
        assert isinstance(message, GroupPayload) and not bob.has_chain_for(message.message)
        waiting = held.hold(waiting, HeldMessage(CONVERSATION, seq, ALICE, payload, NOW_MS, b"", b""))
    waiting = held.hold(waiting, held_message(3, conversation="f" * 32))  # another group's message stays put

    def readable(h: HeldMessage) -> bool:
        payload = decode_payload(h.ciphertext)
        return isinstance(payload, GroupPayload) and bob.has_chain_for(payload.message)

    assert held.releasable(waiting, CONVERSATION, readable) == []  # the chain has not come: all stay held
    bob.add_distribution(ALICE, distribution)
    released = held.releasable(waiting, CONVERSATION, readable)
    assert [h.seq for h in released] == [5, 6, 7]
    opened = []
    for h in released:
        payload = decode_payload(h.ciphertext)
        assert isinstance(payload, GroupPayload)
        sender, padded = bob.decrypt(payload.message)
        assert sender == ALICE
        opened.append(Envelope.open(padded).body)
    assert opened == [b"second", b"third", b"first"]  # seq 5, 6, 7 = the 2nd, 3rd and 1st encrypted


def test_a_redelivered_message_is_held_once() -> None:
    waiting = held.hold([], held_message(1))
    assert held.hold(waiting, held_message(1)) == waiting
    assert [h.seq for h in held.hold(waiting, held_message(2))] == [1, 2]


def test_held_messages_go_once_the_message_ttl_has_passed() -> None:
    now_ms = NOW_MS + TTL * 1000
    on_the_edge = held_message(1, server_time=NOW_MS)  # exactly TTL old: the server still has it
    too_old = held_message(2, server_time=NOW_MS - 1)
    fresh = held_message(3, server_time=now_ms)
    kept = held.drop_stale([on_the_edge, too_old, fresh], ttl_seconds=TTL, now_ms=now_ms)
    assert kept == [on_the_edge, fresh]
    assert held.drop_stale([too_old], ttl_seconds=TTL, now_ms=NOW_MS - 1) == [too_old]  # time is the caller's


# --- epochs ----------------------------------------------------------------------------------------------------
def recorded(version: int, members: dict[str, str]) -> dict[str, object]:
    return {"conversation": CONVERSATION, "version": version, "members": sorted(members), "pseudonyms": members}


def test_an_unchanged_membership_changes_nothing() -> None:
    members = {ALICE: "Ko Aung", BOB: "Ma Thida"}
    decision = epochs.reconcile_membership(recorded(3, members), conversation=CONVERSATION, version=3, members=members)
    assert decision == epochs.MembershipDecision(unchanged=True, new_epoch=False, gone=frozenset())


def test_a_removal_starts_a_new_epoch_that_the_removed_member_is_not_part_of() -> None:
    before = {ALICE: "Ko Aung", BOB: "Ma Thida", CAROL: "informer"}
    after = {ALICE: "Ko Aung", BOB: "Ma Thida"}
    decision = epochs.reconcile_membership(recorded(3, before), conversation=CONVERSATION, version=4, members=after)
    assert decision.new_epoch and not decision.unchanged and decision.gone == {CAROL}
    # Carried out on real sender keys: Carol's chain goes and the next send needs a new epoch.
    me = GroupSession(GROUP)
    me.rotate(NOW)
    carol = GroupSession(GROUP)
    me.add_distribution(CAROL, carol.rotate(NOW))
    carols = carol.encrypt(b"x" * 64, NOW)
    assert me.has_chain_for(carols) and not me.needs_new_epoch(NOW)
    for gone in decision.gone:
        me.remove_member(gone)
    me.note_membership_change()
    assert not me.has_chain_for(carols) and me.needs_new_epoch(NOW)


def test_a_join_and_a_first_sight_start_a_new_epoch_a_renamed_pseudonym_does_not() -> None:
    members = {ALICE: "Ko Aung"}
    joined = {ALICE: "Ko Aung", BOB: "Ma Thida"}
    join = epochs.reconcile_membership(recorded(1, members), conversation=CONVERSATION, version=2, members=joined)
    assert join.new_epoch and join.gone == frozenset()
    first = epochs.reconcile_membership({}, conversation=CONVERSATION, version=1, members=members)
    assert first.new_epoch and not first.unchanged
    renamed = {ALICE: "U Aung"}
    rename = epochs.reconcile_membership(recorded(1, members), conversation=CONVERSATION, version=1, members=renamed)
    assert not rename.unchanged and not rename.new_epoch  # recorded again, but no new epoch


# --- save before ack -------------------------------------------------------------------------------------------
def test_consume_saves_before_it_delivers_and_acks() -> None:
    positions = {CONVERSATION: 4}
    effects = receive.consume(positions, CONVERSATION, 5, ["m1", "m2"])
    assert effects == [
        receive.SaveState(),
        receive.Deliver("m1"),
        receive.Deliver("m2"),
        receive.Ack(CONVERSATION, 5),
    ]
    assert positions == {CONVERSATION: 5}
    # A delivery that yielded nothing (undecryptable, held) is still consumed, saved and acknowledged.
    assert receive.consume(positions, CONVERSATION, 6, []) == [receive.SaveState(), receive.Ack(CONVERSATION, 6)]


def test_by_the_time_the_ack_is_carried_out_the_state_file_already_has_the_position(tmp_path: Path) -> None:
    """The adapter's loop, with a real state file: a crash at the ack would redeliver, never lose."""
    state = ClientState.create("http://127.0.0.1:1")
    path = tmp_path / "me.haven"
    state_file = StateFile.create(path, "pass", state, opslimit=OPSLIMIT_MIN, memlimit=MEMLIMIT_MIN)
    acked = []
    for effect in receive.consume(state.positions, CONVERSATION, 9, ["m"]):
        if isinstance(effect, receive.SaveState):
            state_file.save(state)
        elif isinstance(effect, receive.Ack):
            _, on_disk = StateFile.open(path, "pass")
            assert on_disk.positions[effect.conversation] == effect.seq == 9
            acked.append(effect.seq)
    assert acked == [9]


# --- prekeys ---------------------------------------------------------------------------------------------------
def test_the_refill_wait_is_drawn_from_the_window_never_at_once() -> None:
    rng = Random(7)
    waits = [prekeys.next_refill_wait(rng) for _ in range(200)]
    low, high = prekeys.PREKEY_REFILL_WAIT_SECONDS
    assert all(low <= w <= high for w in waits)
    assert len(set(waits)) == len(waits)  # random, not a fixed period a drainer could line up with
    assert prekeys.next_refill_wait(Random(1), (5.0, 5.0)) == 5.0


def plan(**overrides: int | bool) -> prekeys.PrekeyPlan:
    inputs: dict[str, int | bool] = {
        "now_s": NOW,
        "signed_published_at": NOW - 60,
        "server_has_signed": True,
        "server_one_time": prekeys.ONE_TIME_PREKEY_LOW_WATER,
        "server_has_last_resort": True,
        "last_resort_made_now": False,
    }
    inputs.update(overrides)
    return prekeys.plan_refresh(**inputs)  # type: ignore[arg-type]


def test_a_stocked_server_needs_nothing() -> None:
    assert not plan().publishes


def test_a_new_identity_publishes_its_current_signed_prekey_a_batch_and_the_last_resort_key() -> None:
    first = plan(signed_published_at=0, server_has_signed=False, server_one_time=0, server_has_last_resort=False)
    assert first == prekeys.PrekeyPlan(
        signed=True, rotate_signed=False, one_time=prekeys.ONE_TIME_PREKEY_BATCH, last_resort=True
    )


def test_below_the_low_water_mark_a_batch_is_made() -> None:
    assert plan(server_one_time=prekeys.ONE_TIME_PREKEY_LOW_WATER - 1).one_time == prekeys.ONE_TIME_PREKEY_BATCH
    assert plan(server_one_time=prekeys.ONE_TIME_PREKEY_LOW_WATER).one_time == 0


def test_the_signed_prekey_rotates_after_a_week() -> None:
    week = prekeys.SIGNED_PREKEY_ROTATE_SECONDS
    assert not plan(signed_published_at=NOW - week + 1).signed
    due = plan(signed_published_at=NOW - week)
    assert due.signed and due.rotate_signed and due.publishes
    # The server lost it (e.g. restored from a backup): published again, rotated since one was published before.
    assert plan(server_has_signed=False).rotate_signed


def test_a_last_resort_key_is_published_when_made_or_missing_on_the_server() -> None:
    assert plan(last_resort_made_now=True).last_resort
    assert plan(server_has_last_resort=False).last_resort


# --- frame budget ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("recipients", "group"), [(1, True), (1, False), (2, False), (12, False), (16, False)])
def test_the_frame_budget_takes_the_limit_and_refuses_one_byte_more(recipients: int, group: bool) -> None:
    frame = 65536
    limit = max_body_bytes(recipients, group=group, max_frame_bytes=frame)
    assert check_frame_budget("a" * limit, recipients, group=group, max_frame_bytes=frame) == limit
    with pytest.raises(MessageTooLarge) as refused:
        check_frame_budget("a" * (limit + 1), recipients, group=group, max_frame_bytes=frame)
    assert (refused.value.size, refused.value.limit, refused.value.code) == (limit + 1, limit, "message_too_large")


def test_the_frame_budget_counts_utf8_bytes_not_characters() -> None:
    limit = max_body_bytes(1, group=True)
    burmese = "\u1000" * (limit // 3 + 1)  # three bytes each in UTF-8
    assert len(burmese) <= limit
    with pytest.raises(MessageTooLarge):
        check_frame_budget(burmese, 1, group=True, max_frame_bytes=65536)


# --- crisis ----------------------------------------------------------------------------------------------------
def test_the_writer_and_a_reader_get_different_notices() -> None:
    mine = crisis.decide(tier=2, manual=False, threshold=2, sender=ALICE, me=ALICE, reportable=True)
    theirs = crisis.decide(tier=2, manual=False, threshold=2, sender=ALICE, me=BOB, reportable=True)
    assert mine.audience is Audience.WRITER and theirs.audience is Audience.READER
    assert mine.notice and mine.alert and theirs.alert


def test_below_the_threshold_a_notice_but_no_alert_and_a_calm_message_nothing() -> None:
    low = crisis.decide(tier=1, manual=False, threshold=2, sender=ALICE, me=BOB, reportable=True)
    assert low.notice and not low.alert
    calm = crisis.decide(tier=0, manual=False, threshold=1, sender=ALICE, me=BOB, reportable=True)
    assert not calm.notice and not calm.alert


def test_a_manual_report_alerts_at_tier_one_but_never_without_franking() -> None:
    report = crisis.decide(tier=0, manual=True, threshold=3, sender=ALICE, me=BOB, reportable=True)
    assert report.notice and report.alert and report.tier == 1
    unverifiable = crisis.decide(tier=3, manual=True, threshold=1, sender=ALICE, me=BOB, reportable=False)
    assert unverifiable.notice and not unverifiable.alert


# --- shape: purity, no cycle, one error root -------------------------------------------------------------------
IO_MODULES = {"asyncio", "httpx", "websockets", "socket", "anyio", "trio"}
PURE = [
    "client.core.held",
    "client.core.epochs",
    "client.core.receive",
    "client.core.prekeys",
    "client.core.budget",
    "client.core.crisis",
    "client.payloads",
    "client.alert_packet",
    "client.pairwise",
]
FACADES = ["client.group_ops", "client.counseling_ops", "client.alert_ops", "client.admin_ops"]


def imports_of(module: str) -> set[str]:
    """Every module `module` imports, TYPE_CHECKING blocks and function bodies included (a static read)."""
    path = ROOT / (module.replace(".", "/") + ".py")
    if not path.exists():
        path = ROOT / module.replace(".", "/") / "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def ours(name: str) -> bool:
    top = name.split(".")[0]
    if top not in {"client", "crypto", "moderation", "wire"}:
        return False
    path = ROOT / name.replace(".", "/")
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def closure(module: str) -> set[str]:
    seen: set[str] = set()
    todo = [module]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        todo += [name for name in imports_of(current) if ours(name)]
        parts = current.split(".")
        todo += [".".join(parts[:i]) for i in range(1, len(parts)) if ours(".".join(parts[:i]))]
    return seen | {name for m in seen for name in imports_of(m)}


@pytest.mark.parametrize("module", PURE)
def test_the_pure_side_imports_no_io_library(module: str) -> None:
    reached = {name.split(".")[0] for name in closure(module)}
    assert not reached & IO_MODULES, f"{module} reaches {sorted(reached & IO_MODULES)}"


WIRE = ["wire.frames", "wire.codes", "wire.messages", "wire.b64"]


@pytest.mark.parametrize("module", WIRE)
def test_the_wire_package_is_pure_and_stands_alone(module: str) -> None:
    """Server and client both import wire/; it imports neither, nor any I/O (docs/architecture.md)."""
    reached = {name.split(".")[0] for name in closure(module)}
    assert not reached & (IO_MODULES | {"server", "client", "crypto", "moderation", "fastapi", "sqlalchemy"})


def test_the_client_reads_the_wire_from_wire_not_from_the_server() -> None:
    assert not any(name.split(".")[0] == "server" for name in closure("client.haven"))
    assert "wire.frames" in closure("client.relay")


@pytest.mark.parametrize("facade", FACADES)
def test_no_facade_imports_the_adapter(facade: str) -> None:
    assert "client.haven" not in closure(facade)
    assert not any(name.startswith("client.haven") for name in closure(facade))


@pytest.mark.parametrize("module", ["client.haven", *FACADES])
def test_each_module_imports_alone_in_a_fresh_interpreter(module: str) -> None:
    done = subprocess.run([sys.executable, "-c", f"import {module}"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]


def test_every_client_error_shares_one_root_and_keeps_its_code() -> None:
    from client.cli.core import CliError, Unreachable
    from client.pairwise import BundleMismatchError
    from client.state import StateFileError

    for cls in (PayloadError, AlertPacketError, CliError, Unreachable, MessageTooLarge, StateFileError):
        assert issubclass(cls, HavenClientError), cls
    assert issubclass(BundleMismatchError, HavenClientError)
    with pytest.raises(PayloadError) as bad:
        decode_payload(b"\xff")
    assert bad.value.code == "bad_payload" and isinstance(bad.value, ValueError)
    with pytest.raises(AlertPacketError) as damaged:
        AlertPacket.decode(b"\x09")
    assert damaged.value.code == "bad_alert_packet"
    usage = CliError("give --languages my,en", 3)
    assert (usage.code, usage.exit_code, usage.message) == ("cli_usage", 3, "give --languages my,en")
    assert Unreachable().code == "unreachable"


def test_no_facade_accessor_is_typed_any() -> None:
    for facade in FACADES:
        tree = ast.parse((ROOT / (facade.replace(".", "/") + ".py")).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.returns is not None:
                assert ast.unparse(node.returns) != "Any", f"{facade}.{node.name} -> Any"
