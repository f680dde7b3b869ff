"""Group messages that arrived before their sender's chain (docs/protocol.md C15): kept until the chain comes,
never longer than the server would have kept them (the deployment's message time-to-live)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from client.state import HeldMessage


def hold(held: Sequence[HeldMessage], message: HeldMessage) -> list[HeldMessage]:
    """The held list with `message` added; a redelivery of one already held is not held twice."""
    if any(h.conversation == message.conversation and h.seq == message.seq for h in held):
        return list(held)
    return [*held, message]


def drop_stale(held: Sequence[HeldMessage], *, ttl_seconds: int, now_ms: int) -> list[HeldMessage]:
    """What is still worth holding at `now_ms`: a chain that has not come within the TTL (the sender was removed,
    or lost its state) will not come, and the server has deleted the message anyway."""
    cutoff = now_ms - ttl_seconds * 1000
    return [h for h in held if h.server_time >= cutoff]


def releasable(
    held: Sequence[HeldMessage], conversation: str, has_chain: Callable[[HeldMessage], bool]
) -> list[HeldMessage]:
    """The messages of `conversation` a newly installed chain makes readable, in seq order (the order they
    were sent in, which the ratchet of a sender chain needs)."""
    waiting = [h for h in held if h.conversation == conversation]
    return [h for h in sorted(waiting, key=lambda h: h.seq) if has_chain(h)]
