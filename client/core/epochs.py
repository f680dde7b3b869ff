"""Sender-key epochs and membership (docs/protocol.md C16): a new epoch on every membership change, so a removed
member never receives the next chain, and the chains of a member who left are dropped."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class MembershipDecision:
    """What a fresh read of a group's membership means for this device's sender-key state."""

    unchanged: bool  # nothing moved: no state write
    new_epoch: bool  # the membership version changed: the next send starts a new epoch
    gone: frozenset[str]  # members whose receiving chains are dropped


def reconcile_membership(
    row: Mapping[str, Any],
    *,
    conversation: str,
    version: int | None,
    members: Mapping[str, str],
) -> MembershipDecision:
    """Compare what this device last recorded for a group (`row`: conversation, version, members, pseudonyms)
    with the server's view now (`members`: account id -> pseudonym)."""
    now_members = set(members)
    unchanged = (
        row.get("conversation") == conversation
        and row.get("version") == version
        and row.get("members") == sorted(now_members)
        and row.get("pseudonyms") == dict(members)
    )
    if unchanged:
        return MembershipDecision(True, False, frozenset())
    if row.get("version") == version:
        return MembershipDecision(False, False, frozenset())
    return MembershipDecision(False, True, frozenset(set(row.get("members", [])) - now_members))
