"""Per-connection ordering: each conversation's messages leave in seq order, each at most once.

With one process, fan-out already happens in commit order. With several, wake-ups from different processes
race through Redis, so a connection may be offered seq 7 before seq 6. The sequencer holds what arrives
ahead of a gap and asks for a catch-up from the database, which is the truth: seq allocation takes the
conversation's row lock until commit, so once seq n is visible every lower seq is committed and visible too.
No I/O here: the caller runs the catch-up and feeds the rows back.
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


class Sequencer:
    def __init__(self) -> None:
        self._lanes: dict[str, _Lane] = {}

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

    def offer(self, conversation: str, seq: int, frame: str | None) -> tuple[list[str], bool]:
        """Frames to send now, and whether a catch-up from the database is needed for this conversation."""
        lane = self._lanes.setdefault(conversation, _Lane())
        if lane.position is None:
            # A conversation joined since the last replay: where it starts is for the database to say.
            lane.ahead[seq] = frame
            return [], True
        if seq <= lane.position or seq in lane.ahead:
            return [], False
        if seq == lane.position + 1:
            lane.position = seq
            out = [frame] if frame is not None else []
            out.extend(self._drain(lane))
            return out, False
        lane.ahead[seq] = frame
        return [], True

    def urgent(self, conversation: str) -> bool:
        lane = self._lanes.get(conversation)
        return lane is not None and len(lane.ahead) >= URGENT_AHEAD

    def gap(self, conversation: str) -> tuple[int | None, int] | None:
        """(after, up_to) the catch-up must read, or None when the gap closed meanwhile."""
        lane = self._lanes.get(conversation)
        if lane is None or not lane.ahead:
            return None
        return lane.position, max(lane.ahead)

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
            del lane.ahead[seq]
        lane.position = max(lane.position, up_to)
        out.extend(self._drain(lane))
        return out

    @staticmethod
    def _drain(lane: _Lane) -> list[str]:
        out: list[str] = []
        assert lane.position is not None
        for seq in sorted(s for s in lane.ahead if s <= lane.position):
            del lane.ahead[seq]
        while lane.position + 1 in lane.ahead:
            lane.position += 1
            frame = lane.ahead.pop(lane.position)
            if frame is not None:
                out.append(frame)
        return out
