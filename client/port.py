"""What the role facades (`client/group_ops.py` and the others) need of the client, as a Protocol, and their base.

The facades depend on this, not on `client.haven`, so `client.haven` imports them at the top and there is no
import cycle between the adapter and its facades (tests/client/test_client_core.py checks the import graph).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from client.api import HavenAPI
from client.directory import Directory
from client.messages import SentMessage
from client.state import ClientState
from crypto.envelope import ContentType
from crypto.sender_keys import GroupSession


class ClientPort(Protocol):
    api: HavenAPI
    state: ClientState
    directory: Directory

    @property
    def account_id(self) -> str: ...

    def save(self) -> None: ...

    def group_session(self, conversation: str) -> GroupSession: ...

    async def send_group_text(self, group_conversation: str, members: Sequence[str], text: str) -> SentMessage: ...

    async def send_pairwise_text(
        self, conversation: str, recipients: Sequence[str], text: str, content_type: int = ContentType.TEXT
    ) -> SentMessage: ...


class Facade:
    """The base of every role facade (`client/*_ops.py`): the client it works for, and that client's API."""

    def __init__(self, client: ClientPort) -> None:
        self._client = client

    @property
    def _api(self) -> HavenAPI:
        return self._client.api
