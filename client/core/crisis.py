"""What a crisis scan leads to (docs/threat-model.md, crisis detection): a notice for the person at the keyboard —
worded for the writer or for a reader — and, from the deployment's threshold up, an alert sealed to moderators."""

from __future__ import annotations

from dataclasses import dataclass

from moderation import Audience


@dataclass(frozen=True, slots=True)
class CrisisDecision:
    notice: bool  # show crisis resources on this device
    alert: bool  # raise an alert sealed to the moderators
    audience: Audience  # who the notice speaks to
    tier: int  # the alert's tier (a manual report is at least 1)


def decide(*, tier: int, manual: bool, threshold: int, sender: str, me: str, reportable: bool) -> CrisisDecision:
    """`reportable`: the message has a franking commitment and a relay tag, without which no report can be
    verified, so no alert is raised."""
    notice = tier > 0 or manual
    return CrisisDecision(
        notice=notice,
        alert=notice and (manual or tier >= threshold) and reportable,
        audience=Audience.WRITER if sender == me else Audience.READER,
        tier=max(tier, 1),
    )
