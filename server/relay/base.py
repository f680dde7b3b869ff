"""Fan-out of committed messages to every process that may hold a recipient's connection."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from server.conversations.delivery import Delivery, Event
from server.relay.hub import Hub


class Relay(Protocol):
    name: str

    def publish(self, deliveries: Sequence[Delivery]) -> None: ...

    def publish_event(self, event: Event) -> None: ...

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


class InProcessRelay:
    """The embedded default: one process, so the hub is all there is."""

    name = "in-process"

    def __init__(self, hub: Hub) -> None:
        self._hub = hub

    def publish(self, deliveries: Sequence[Delivery]) -> None:
        self._hub.dispatch(deliveries)

    def publish_event(self, event: Event) -> None:
        self._hub.notify(event)

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        return None
