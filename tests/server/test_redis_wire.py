"""The Redis channel's wire format (server/relay/redis.py): one message carries a committed batch's deliveries."""

from __future__ import annotations

from server.conversations.delivery import Delivery, Event
from server.relay.redis import decode, encode, encode_event
from wire import frames


def _delivery(conversation: str, seq: int, recipients: tuple[str, ...]) -> Delivery:
    frame = frames.deliver_frame(conversation, seq, "a" * 32, b"\x01" * 16, b"ciphertext\n", 1234, None, None)
    return Delivery(conversation=conversation, seq=seq, sender="a" * 32, recipients=recipients, frame=frame)


def test_a_batch_of_deliveries_round_trips_in_order() -> None:
    batch = [
        _delivery("c" * 32, 7, ("b" * 32,)),
        _delivery("c" * 32, 8, ("b" * 32, "d" * 32)),
        _delivery("e" * 32, 1, ()),
    ]
    origin, decoded = decode(encode("origin1", batch))
    assert origin == "origin1"
    assert decoded == batch


def test_an_event_still_decodes_as_an_event() -> None:
    event = Event(recipients=("b" * 32, "d" * 32), frame='{"type":"event","kind":"x"}')
    origin, decoded = decode(encode_event("origin2", event))
    assert (origin, decoded) == ("origin2", event)


def test_frames_carry_no_raw_newline_so_the_line_format_holds() -> None:
    # A ciphertext with newline bytes is base64 in the frame: the frame itself never holds a raw newline.
    assert "\n" not in _delivery("c" * 32, 1, ()).frame
