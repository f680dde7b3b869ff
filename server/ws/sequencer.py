"""Per-connection ordering: each conversation's messages leave in seq order, each at most once.

With one process, fan-out already happens in commit order. With several, wake-ups from different processes
race through Redis, so a connection may be offered seq 7 before seq 6. The sequencer holds what arrives
ahead of a gap and asks for a catch-up from the database, which is the truth: seq allocation takes the
conversation's row lock until commit, so once seq n is visible every lower seq is committed and visible too.
No I/O here: the caller runs the catch-up and feeds the rows back.

What it holds is bounded in bytes: past `max_ahead_bytes` a frame is not kept, only the fact that seqs up to
it exist (`wanted`), and the catch-up reads them from the database like any other gap. The connection does the
same with a live delivery its queue has no room for (`defer`), so memory never follows a backlog's size.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Held deliveries per conversation past which the catch-up is wanted at once rather than after a grace delay.
URGENT_AHEAD = 256


@dataclass(slots=True)
class _Lane:
    position: int | None = None
    # seq -> frame (None: a seq this connection will never be sent, e.g. its own message)
    ahead: dict[int, str | None] = field(default_factory=dict)
    # The highest seq known to exist whose frame was not kept; 0 when none.
    wanted: int = 0


class Sequencer:
    def __init__(self, max_ahead_bytes: int = 1 << 62) -> None:
        self._lanes: dict[str, _Lane] = {}
        self._max_ahead_bytes = max_ahead_bytes
        self.ahead_bytes = 0

    def position(self, conversation: str) -> int | None:
        lane = self._lanes.get(conversation)
        return None if lane is None else lane.position

    def positions(self) -> dict[str, int]:
        return {c: lane.position for c, lane in self._lanes.items() if lane.position is not None}

    def set_position(self, conversation: str, seq: int) -> list[str]:
        """The connection holds everything up to `seq` (after a replay); returns held frames now in order."""
        lane = self._lanes.setdefault(conversation, _Lane())
        lane.position = seq
        return self._drain(lane)

    def defer(self, conversation: str, seq: int) -> None:
        """`seq` exists but its frame is not kept: a catch-up reads it (and anything before it) from the database."""
        lane = self._lanes.setdefault(conversation, _Lane())
        if lane.position is None or seq > lane.position:
            lane.wanted = max(lane.wanted, seq)

    def offer(self, conversation: str, seq: int, frame: str | None) -> tuple[list[str], bool]:
        """Frames to send now, and whether a catch-up from the database is needed for this conversation."""
        lane = self._lanes.setdefault(conversation, _Lane())
        if lane.position is None:
            # A conversation joined since the last replay: where it starts is for the database to say.
            self._hold(lane, seq, frame)
            return [], True
        if seq <= lane.position or seq in lane.ahead:
            return [], False
        if seq == lane.position + 1 and lane.wanted <= lane.position:
            lane.position = seq
            out = [frame] if frame is not None else []
            out.extend(self._drain(lane))
            return out, False
        self._hold(lane, seq, frame)
        return [], True

    def _hold(self, lane: _Lane, seq: int, frame: str | None) -> None:
        size = len(frame) if frame is not None else 0
        if self.ahead_bytes + size > self._max_ahead_bytes:
            lane.wanted = max(lane.wanted, seq)
            return
        lane.ahead[seq] = frame
        self.ahead_bytes += size

    def lanes_with_gaps(self) -> list[str]:
        return [conversation for conversation in self._lanes if self.gap(conversation) is not None]

    def urgent(self, conversation: str) -> bool:
        lane = self._lanes.get(conversation)
        return lane is not None and (len(lane.ahead) >= URGENT_AHEAD or lane.wanted > (lane.position or 0))

    def gap(self, conversation: str) -> tuple[int | None, int] | None:
        """(after, up_to) the catch-up must read, or None when the gap closed meanwhile."""
        lane = self._lanes.get(conversation)
        if lane is None:
            return None
        up_to = max(max(lane.ahead, default=0), lane.wanted)
        if not lane.ahead and ((lane.position is not None and up_to <= lane.position) or up_to == 0):
            return None
        return lane.position, up_to

    def fill(self, conversation: str, start: int, rows: list[tuple[int, str]], up_to: int) -> list[str]:
        """Apply a catch-up that read every stored seq in (start, up_to]: whatever it lacks is not for us."""
        lane = self._lanes.setdefault(conversation, _Lane())
        if lane.position is None:
            lane.position = start
        out: list[str] = []
        stored = dict(rows)
        position = lane.position
        wanted = sorted(s for s in stored.keys() | lane.ahead.keys() if position < s <= up_to)
        for seq in wanted:
            frame = stored.get(seq) or lane.ahead.get(seq)
            if frame is not None:
                out.append(frame)
        for seq in [s for s in lane.ahead if s <= up_to]:
            self._release(lane.ahead.pop(seq))
        lane.position = max(lane.position, up_to)
        if lane.wanted <= lane.position:
            lane.wanted = 0
        out.extend(self._drain(lane))
        return out

    def _release(self, frame: str | None) -> None:
        if frame is not None:
            self.ahead_bytes -= len(frame)

    def _drain(self, lane: _Lane) -> list[str]:
        out: list[str] = []
        assert lane.position is not None
        for seq in sorted(s for s in lane.ahead if s <= lane.position):
            self._release(lane.ahead.pop(seq))
        if lane.wanted <= lane.position:
            lane.wanted = 0
        # Past a seq whose frame was not kept, nothing may leave before the catch-up has read it.
        while lane.wanted == 0 and lane.position + 1 in lane.ahead:
            lane.position += 1
            frame = lane.ahead.pop(lane.position)
            self._release(frame)
            if frame is not None:
                out.append(frame)
        return out
