"""Server time in the units the schema and the wire use."""

from __future__ import annotations

import time

MS_PER_DAY = 86_400_000


def now_ms() -> int:
    return time.time_ns() // 1_000_000


def today() -> int:
    """Days since the epoch: the only granularity at which the server records when something was created."""
    return now_ms() // MS_PER_DAY
