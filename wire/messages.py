"""A message as the relay delivers it and a send as the relay accepted it: the content of a `deliver` and an
`accepted` frame (wire/frames.py) as plain slotted dataclasses.

One definition for both sides: the server stores and replays `Delivered` and answers with `Accepted`, the client
receives the same two. Plain dataclasses rather than the pydantic frame models because both sit on hot paths
(one per message, replayed by the thousand) where validation would only re-check what was checked on the way in;
tests/server/test_schemas.py holds their fields to the frame models'."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Accepted:
    """A send stored under `seq` (or a duplicate of one stored before, `duplicate`)."""

    client_id: bytes
    conversation: str
    seq: int
    server_time_ms: int
    duplicate: bool
    # The relay's franking tag over the commitment sent with the message (None when none was sent).
    franking_tag: bytes | None = None


@dataclass(frozen=True, slots=True)
class Delivered:
    """A message in a conversation's order, as stored and as delivered."""

    conversation: str
    seq: int
    sender: str
    client_id: bytes
    ciphertext: bytes
    server_time_ms: int
    # Both or neither: present when the send carried a franking commitment.
    commitment: bytes | None = None
    franking_tag: bytes | None = None
