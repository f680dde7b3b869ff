"""Which conversation is what, on this device: kept in the state file's profile, never asked of anyone else
except the device's own server when a conversation is new to it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Kind = Literal["group", "pair", "session"]


@dataclass(frozen=True, slots=True)
class ConversationInfo:
    kind: Kind
    # The group of a group conversation or a pair channel; the counseling session of a session conversation.
    group_id: str | None = None
    session_id: str | None = None
    peer: str | None = None


class Directory:
    """A view over `profile["conversations"]` and `profile["groups"]` (plain JSON, saved with the state)."""

    def __init__(self, profile: dict[str, Any]) -> None:
        self._conversations: dict[str, dict[str, str]] = profile.setdefault("conversations", {})
        self._groups: dict[str, dict[str, Any]] = profile.setdefault("groups", {})

    def lookup(self, conversation: str) -> ConversationInfo | None:
        row = self._conversations.get(conversation)
        if row is None:
            return None
        kind = row["kind"]
        if kind not in ("group", "pair", "session"):
            return None
        return ConversationInfo(kind, row.get("group"), row.get("session"), row.get("peer"))  # type: ignore[arg-type]

    def remember(self, conversation: str, info: ConversationInfo) -> None:
        row: dict[str, str] = {"kind": info.kind}
        for key, value in (("group", info.group_id), ("session", info.session_id), ("peer", info.peer)):
            if value is not None:
                row[key] = value
        self._conversations[conversation] = row

    def forget(self, conversation: str) -> None:
        self._conversations.pop(conversation, None)

    # Groups the device belongs to
    def remember_group(self, group_id: str, conversation: str, pseudonym: str | None = None) -> None:
        row = self._groups.setdefault(group_id, {})
        row["conversation"] = conversation
        if pseudonym is not None:
            row["pseudonym"] = pseudonym
        self.remember(conversation, ConversationInfo("group", group_id=group_id))

    def group_conversation(self, group_id: str) -> str | None:
        row = self._groups.get(group_id)
        return None if row is None else str(row["conversation"])

    def groups(self) -> dict[str, str]:
        return {gid: str(row["conversation"]) for gid, row in self._groups.items()}

    def forget_group(self, group_id: str) -> None:
        row = self._groups.pop(group_id, None)
        if row is not None:
            self.forget(str(row["conversation"]))
        for conversation, info in list(self._conversations.items()):
            if info.get("group") == group_id:
                del self._conversations[conversation]
