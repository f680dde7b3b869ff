"""Prekey refill and rotation (docs/protocol.md §1.3): what to publish, and when to look again."""

from __future__ import annotations

from dataclasses import dataclass
from random import Random

ONE_TIME_PREKEY_BATCH = 50
ONE_TIME_PREKEY_LOW_WATER = 20
SIGNED_PREKEY_ROTATE_SECONDS = 7 * 86400
# While connected, the device checks its prekeys after a uniformly random wait in this range (seconds), again and
# again: never at connect, so an informer who drained this identity's one-time prekeys cannot read the moment the
# device came online from the moment they are refilled (issue 10, 6b).
PREKEY_REFILL_WAIT_SECONDS = (60.0, 3600.0)


def next_refill_wait(rng: Random, window: tuple[float, float] = PREKEY_REFILL_WAIT_SECONDS) -> float:
    """Seconds until the next check: uniform in `window`, drawn from `rng` (the adapter passes SystemRandom)."""
    low, high = window
    return rng.uniform(low, high)


@dataclass(frozen=True, slots=True)
class PrekeyPlan:
    signed: bool  # publish a signed prekey
    rotate_signed: bool  # ...a new one (a week has passed), not the current one (first publication)
    one_time: int  # how many one-time prekeys to make and publish
    last_resort: bool  # publish the last-resort prekey

    @property
    def publishes(self) -> bool:
        return self.signed or self.one_time > 0 or self.last_resort


def plan_refresh(
    *,
    now_s: int,
    signed_published_at: int,
    server_has_signed: bool,
    server_one_time: int,
    server_has_last_resort: bool,
    last_resort_made_now: bool,
) -> PrekeyPlan:
    """What to upload, from what the server holds now and when this device last published a signed prekey."""
    signed = not server_has_signed or now_s - signed_published_at >= SIGNED_PREKEY_ROTATE_SECONDS
    return PrekeyPlan(
        signed=signed,
        rotate_signed=signed and signed_published_at != 0,
        one_time=ONE_TIME_PREKEY_BATCH if server_one_time < ONE_TIME_PREKEY_LOW_WATER else 0,
        last_resort=last_resort_made_now or not server_has_last_resort,
    )
