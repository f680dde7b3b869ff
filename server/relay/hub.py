"""This process's live connections, by account, and the hand-off of committed messages to them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Protocol

from server.conversations.delivery import Delivery, Event


class Subscriber(Protocol):
    account: str | None

    def deliver(self, delivery: Delivery) -> None: ...

    def push(self, frame: str) -> None:
        """Queue a frame that is not part of any conversation's order (an event)."""

    def skip(self, conversation: str, seq: int) -> None:
        """A seq this subscriber will never be sent (its own account sent it)."""

    def request_resync(self) -> None:
        """Wake-ups may have been lost: catch up from the database."""


class Hub:
    def __init__(self) -> None:
        self._by_account: dict[str, set[Subscriber]] = defaultdict(set)

    def add(self, subscriber: Subscriber) -> None:
        assert subscriber.account is not None
        self._by_account[subscriber.account].add(subscriber)

    def remove(self, subscriber: Subscriber) -> None:
        if subscriber.account is None:
            return
        connections = self._by_account.get(subscriber.account)
        if connections is not None:
            connections.discard(subscriber)
            if not connections:
                del self._by_account[subscriber.account]

    def dispatch(self, deliveries: Sequence[Delivery]) -> None:
        by_account = self._by_account
        for delivery in deliveries:
            for recipient in delivery.recipients:
                for subscriber in by_account.get(recipient, ()):
                    subscriber.deliver(delivery)
            for subscriber in by_account.get(delivery.sender, ()):
                subscriber.skip(delivery.conversation, delivery.seq)

    def notify(self, event: Event) -> None:
        for recipient in event.recipients:
            for subscriber in self._by_account.get(recipient, ()):
                subscriber.push(event.frame)

    def resync_all(self) -> None:
        for subscribers in list(self._by_account.values()):
            for subscriber in list(subscribers):
                subscriber.request_resync()

    def count(self, account: str) -> int:
        """Connections `account` holds in this process (the per-identity cap is checked against it)."""
        return len(self._by_account.get(account, ()))

    @property
    def identity_count(self) -> int:
        return len(self._by_account)

    @property
    def connection_count(self) -> int:
        return sum(len(s) for s in self._by_account.values())
