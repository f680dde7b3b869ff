"""Errors the client SDK raises; each carries the server's stable code."""

from __future__ import annotations


class HavenClientError(Exception):
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
