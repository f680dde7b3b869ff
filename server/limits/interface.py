"""What a caller of a limit sees: an awaitable yes/no per key, and a difficulty that rises with the load.

Both own their clock (a shared limit must not trust each process's monotonic clock), so a caller passes only
the key. In-process implementations answer without suspending; shared ones go to Redis now and then."""

from __future__ import annotations

from typing import Protocol


class RateLimiter(Protocol):
    async def take(self, key: str, cost: float = 1.0) -> bool:
        """Spend `cost` tokens of `key`'s bucket; False (and nothing spent) when it holds fewer."""
        ...


class Difficulty(Protocol):
    async def bits(self) -> int:
        """The proof-of-work difficulty a challenge issued now carries."""
        ...

    async def record(self) -> None:
        """One paid request was accepted."""
        ...
