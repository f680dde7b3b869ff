"""Errors the client SDK raises; each carries the server's stable code."""

from __future__ import annotations


class HavenClientError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
