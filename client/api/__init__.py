"""Typed wrappers of the server's HTTP API, one module per domain, over one authenticated transport."""

from client.api.transport import HavenAPI

__all__ = ["HavenAPI"]
