"""One attacker machine against the help queue for an hour (issue 10, item 8), in simulated time.

Run from the repository root:  .venv/bin/python bench/help_starvation.py [hashes_per_second]

The attacker computes H proof-of-work hashes a second (default 10^7: a fast many-core machine; BLAKE2b in Python
does about 1.5·10^6 a core) and spends all of it on help requests from outside any group: each needs a fresh
identity every HAVEN_HELP_REQUEST_IDENTITY_BURST requests (a registration, whose difficulty rises the same way)
and the help request's own proof of work. The server side is the real server.ratelimit.AdaptiveDifficulty with the
default settings; the clock is simulated, so the figures take a second to print. Printed: how many requests the
attacker lands in the hour, and what a person in crisis pays at the end of it (hashes, and seconds at 3·10^5
hashes a second, a modest phone), in their own lane and in the flooded one.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from server.config import Settings
from server.ratelimit import AdaptiveDifficulty

PHONE_HASHES_PER_SECOND = 3e5
HOUR = 3600.0


def simulate(hashes_per_second: float, settings: Settings) -> None:
    registration = AdaptiveDifficulty(
        settings.registration_pow_bits,
        settings.registrations_per_minute / 60.0,
        settings.registration_burst,
        settings.registration_pow_max_extra_bits,
    )
    flooded = AdaptiveDifficulty(
        settings.help_pow_bits,
        settings.help_requests_per_minute / 60.0,
        settings.help_request_burst,
        settings.help_pow_max_extra_bits,
    )
    crisis = AdaptiveDifficulty(
        settings.help_pow_bits,
        settings.help_requests_per_minute / 60.0,
        settings.help_request_burst,
        settings.help_pow_max_extra_bits,
    )
    now, landed, identities, budget = 0.0, 0, 0, 0
    while now < HOUR:
        if budget == 0:
            now += 2 ** registration.bits(now) / hashes_per_second
            registration.record(now)
            identities += 1
            budget = settings.help_request_identity_burst
        now += 2 ** flooded.bits(now) / hashes_per_second
        flooded.record(now)
        landed += 1
        budget -= 1
    print(f"attacker at {hashes_per_second:.0e} hashes/s for an hour, flooding one lane:")
    print(f"  help requests landed: {landed} ({landed / HOUR:.2f}/s) with {identities} identities")
    for name, lane in (("own (crisis) lane", crisis), ("flooded lane", flooded)):
        bits = lane.bits(now)
        print(
            f"  a person in crisis, {name}: {bits} bits = {2**bits:.2e} hashes"
            f" = {2**bits / PHONE_HASHES_PER_SECOND:.1f} s on a phone; never refused"
        )
    bits = registration.bits(now)
    print(f"  registering first: {bits} bits = {2**bits / PHONE_HASHES_PER_SECOND:.1f} s on a phone; never refused")


def main() -> None:
    rate = float(sys.argv[1]) if len(sys.argv) > 1 else 1e7
    simulate(rate, Settings())


if __name__ == "__main__":
    main()
