"""The per-connection sequencer, without sockets: order, duplicates, gaps, own messages, catch-up fills."""

from __future__ import annotations

from server.ws.sequencer import URGENT_AHEAD, Sequencer

C = "c" * 32


def frame(seq: int) -> str:
    return f"f{seq}"


def test_in_order_passes_through_and_duplicates_drop():
    s = Sequencer()
    s.set_position(C, 0)
    assert s.offer(C, 1, frame(1)) == (["f1"], False)
    assert s.offer(C, 2, frame(2)) == (["f2"], False)
    assert s.offer(C, 2, frame(2)) == ([], False)
    assert s.offer(C, 1, frame(1)) == ([], False)
    assert s.position(C) == 2


def test_own_messages_advance_without_a_frame():
    s = Sequencer()
    s.set_position(C, 0)
    assert s.offer(C, 1, None) == ([], False)
    assert s.offer(C, 2, frame(2)) == (["f2"], False)


def test_ahead_is_held_until_the_gap_fills_by_itself():
    s = Sequencer()
    s.set_position(C, 3)
    assert s.offer(C, 6, frame(6)) == ([], True)
    assert s.offer(C, 5, frame(5)) == ([], True)
    assert s.gap(C) == (3, 6)
    assert s.offer(C, 4, frame(4)) == (["f4", "f5", "f6"], False)
    assert s.gap(C) is None
    assert s.position(C) == 6


def test_catch_up_fills_from_the_database_and_skips_what_is_not_stored():
    s = Sequencer()
    s.set_position(C, 3)
    s.offer(C, 7, frame(7))
    # The database holds 4 and 6 for us; 5 was our own (or expired); 7 is also stored.
    out = s.fill(C, 3, [(4, "db4"), (6, "db6"), (7, "db7")], up_to=7)
    assert out == ["db4", "db6", "db7"]
    assert s.position(C) == 7
    # A late wake-up for something the catch-up covered is a duplicate.
    assert s.offer(C, 6, frame(6)) == ([], False)
    assert s.offer(C, 8, frame(8)) == (["f8"], False)


def test_catch_up_keeps_what_arrived_beyond_it():
    s = Sequencer()
    s.set_position(C, 0)
    s.offer(C, 2, frame(2))
    gap = s.gap(C)
    assert gap == (0, 2)
    s.offer(C, 4, frame(4))  # arrives while the catch-up reads up to 2
    assert s.fill(C, 0, [(1, "db1"), (2, "db2")], up_to=2) == ["db1", "db2"]
    assert s.gap(C) == (2, 4)
    assert s.offer(C, 3, frame(3)) == (["f3", "f4"], False)


def test_a_conversation_joined_later_asks_the_database_where_to_start():
    s = Sequencer()
    assert s.offer(C, 12, frame(12)) == ([], True)
    assert s.gap(C) == (None, 12)
    assert s.fill(C, 10, [(11, "db11"), (12, "db12")], up_to=12) == ["db11", "db12"]
    assert s.position(C) == 12


def test_replay_position_releases_held_deliveries():
    s = Sequencer()
    s.offer(C, 5, frame(5))
    s.offer(C, 6, frame(6))
    assert s.set_position(C, 5) == ["f6"]


def test_many_held_deliveries_make_the_catch_up_urgent():
    s = Sequencer()
    s.set_position(C, 0)
    for seq in range(2, 2 + URGENT_AHEAD):
        s.offer(C, seq, frame(seq))
    assert s.urgent(C)


def test_a_deferred_seq_holds_back_what_follows_until_the_catch_up_fills_it():
    s = Sequencer()
    s.set_position(C, 3)
    s.defer(C, 4)  # the connection had no room for seq 4's frame: only the fact is kept
    assert s.gap(C) == (3, 4)
    # seq 5 may not overtake seq 4, which only the database still has.
    assert s.offer(C, 5, frame(5)) == ([], True)
    assert s.gap(C) == (3, 5)
    assert s.fill(C, 3, [(4, "f4")], 4) == ["f4", "f5"]
    assert s.gap(C) is None
    assert s.position(C) == 5


def test_frames_held_ahead_are_bounded_in_bytes():
    s = Sequencer(max_ahead_bytes=10)
    s.set_position(C, 0)
    for seq in range(2, 12):
        assert s.offer(C, seq, frame(seq)) == ([], True)
    assert s.ahead_bytes <= 10
    # What was not kept is still known to exist, so the catch-up reads up to the highest seq offered.
    assert s.gap(C) == (0, 11)
    stored = [(seq, frame(seq)) for seq in range(1, 12)]
    assert s.fill(C, 0, stored, 11) == [frame(seq) for seq in range(1, 12)]
    assert s.ahead_bytes == 0
