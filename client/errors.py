"""Errors the client raises, under one root: every one is a `HavenClientError` with a stable `code`.

The server's refusals carry the server's code; the client's own failures carry theirs: `PayloadError`
("bad_payload", client/payloads.py), `AlertPacketError` ("bad_alert_packet", client/alert_packet.py),
`StateFileError` (client/state.py), `BundleMismatchError` (client/pairwise.py), `MessageTooLarge`, and the CLI's
`CliError` ("cli_usage") and `Unreachable` ("unreachable", client/cli/core.py). The format errors also stay
`ValueError`s, as they were.
"""

from __future__ import annotations


class HavenClientError(Exception):
    """The client's one error root. `code` is stable (the server's code where the server refused)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


class MessageTooLarge(HavenClientError):
    """A text over what one frame can carry to this many recipients (client.payloads.max_body_bytes), refused
    before anything is encrypted: nothing was sent and no key advanced."""

    def __init__(self, size: int, limit: int, recipients: int, *, group: bool) -> None:
        to = "a group" if group else f"{recipients} recipient{'s' if recipients != 1 else ''}"
        super().__init__(
            "message_too_large",
            f"the message is {size:,} bytes; at most {limit:,} bytes (UTF-8) fit in one message to {to}",
        )
        self.size = size
        self.limit = limit
        self.recipients = recipients
