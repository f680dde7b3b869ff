"""The frame budget: a text no single `send` frame could carry is refused before anything is encrypted (the
server would answer frame_too_large, which names no request, and the send would wait for an answer that never
comes) — so nothing was sent and no key advanced."""

from __future__ import annotations

from client.errors import MessageTooLarge
from client.payloads import max_body_bytes


def check_frame_budget(text: str, recipients: int, *, group: bool, max_frame_bytes: int) -> int:
    """The text's UTF-8 size if it fits one frame to `recipients` (a group counts once); MessageTooLarge if not."""
    size = len(text.encode("utf-8"))
    limit = max_body_bytes(max(recipients, 1), group=group, max_frame_bytes=max_frame_bytes)
    if size > limit:
        raise MessageTooLarge(size, limit, recipients, group=group)
    return size
