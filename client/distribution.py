"""Sender-key distributions a new epoch still owes, kept in the state file until the relay accepted each one.

A new epoch is all or nothing: every pair channel and every missing prekey bundle is fetched BEFORE the sender
key rotates (a member whose bundle cannot be had fails the send and leaves the epoch where it was). Once it
rotates, the encrypted distribution for every member is saved with the new key, in the same save, and goes
from this list only when the relay accepted it — so a send that stops half-way (an outage that outlasts the
caller, a crash, a cancelled task) leaves the rest owed, and the next send to the group delivers them first,
under the same client ids, which the relay deduplicates.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

_KEY = "owed_distributions"  # profile key: conversation -> [owed distribution, ...]


@dataclass(frozen=True, slots=True)
class OwedDistribution:
    conversation: str  # the group's conversation whose epoch this is
    channel: str  # the pair channel it goes over
    peer: str
    payload: bytes  # the PairwisePayload, already encrypted (its ratchet step is saved with it)
    client_id: bytes  # the same on every attempt, so the relay accepts it once

    def to_json(self) -> dict[str, str]:
        return {
            "channel": self.channel,
            "peer": self.peer,
            "payload": base64.b64encode(self.payload).decode(),
            "client_id": base64.b64encode(self.client_id).decode(),
        }


def owe(profile: dict[str, Any], owed: list[OwedDistribution]) -> None:
    for item in owed:
        profile.setdefault(_KEY, {}).setdefault(item.conversation, []).append(item.to_json())


def owed_for(profile: dict[str, Any], conversation: str) -> list[OwedDistribution]:
    return [
        OwedDistribution(
            conversation,
            str(row["channel"]),
            str(row["peer"]),
            base64.b64decode(row["payload"]),
            base64.b64decode(row["client_id"]),
        )
        for row in profile.get(_KEY, {}).get(conversation, [])
    ]


def settle(profile: dict[str, Any], item: OwedDistribution) -> None:
    """The relay accepted it (or it can never be delivered): it is owed no longer."""
    table = profile.get(_KEY, {})
    rows = [row for row in table.get(item.conversation, []) if row != item.to_json()]
    if rows:
        table[item.conversation] = rows
    else:
        table.pop(item.conversation, None)
    if not table:
        profile.pop(_KEY, None)


def forget(profile: dict[str, Any], conversation: str) -> None:
    """The group is gone from this device: nothing is owed to it any more."""
    table = profile.get(_KEY, {})
    table.pop(conversation, None)
    if not table:
        profile.pop(_KEY, None)
