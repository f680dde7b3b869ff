"""Issue 10, item 8: ten request/cancel cycles used to drain the one deployment-wide bucket for help requests from
people in no group, and a real crisis request then got `rate_limited`. Now cancelling refunds nothing (a small
budget per identity), the proof of work rises with each lane's recent rate instead of refusing, and crisis
requests have a lane of their own. A bounded attacker on the app (in process, on a database of the test's own:
tests/haven_testing/inprocess.py), with small proofs of work, cannot keep a person in crisis out."""

from __future__ import annotations

from collections import Counter

import pytest

from client.api import HavenAPI
from client.api import counseling as api
from client.errors import HavenClientError
from tests.haven_testing.people import new_person

BASE_BITS = 4
SETTINGS = {
    "help_pow_bits": BASE_BITS,
    "help_requests_per_minute": 6,
    "help_request_burst": 3,
    "help_pow_max_extra_bits": 6,
    "help_requests_per_identity_per_day": 3,
    "help_request_identity_burst": 3,
}
LANGUAGE = "en"  # each test has a database of its own, so queue positions are its own


async def _attack(attackers: list[HavenAPI], language: str, topics: list[str | None], cycles: int) -> Counter[str]:
    """Each identity asks and cancels `cycles` times, paying whatever proof of work it is asked for."""
    outcome: Counter[str] = Counter()
    for attacker in attackers:
        for cycle in range(cycles):
            topic = topics[cycle % len(topics)]
            try:
                made = await api.request_help(attacker, language, topic, await api.solve_help_pow(attacker, topic))
            except HavenClientError as exc:
                outcome[exc.code] += 1
                continue
            outcome["accepted"] += 1
            await api.cancel_request(attacker, made.request_id)
    return outcome


async def _difficulty(person: HavenAPI, topic: str | None) -> int:
    return (await api.pow_challenge(person, topic)).pow_bits


async def test_a_request_cancel_flood_does_not_starve_a_crisis_request(app_server_factory):
    async with app_server_factory(**SETTINGS) as server:
        await _flood_outside_the_crisis_lane(server)


async def _flood_outside_the_crisis_lane(server) -> None:
    language = LANGUAGE
    attackers = [await new_person(server) for _ in range(4)]
    person = await new_person(server)
    try:
        # Everything but the crisis lane, 4 identities x 10 cycles: before, the 4th request emptied the bucket.
        outcome = await _attack(attackers, language, [None, "general"], cycles=10)
        # Cancelling refunds nothing: each identity got its budget of 3, then was refused.
        assert outcome == {"accepted": 12, "rate_limited": 28}
        # The flood made its own lane dearer and left the crisis lane at the base difficulty.
        assert await _difficulty(person, "general") > BASE_BITS
        assert await _difficulty(person, "crisis") == BASE_BITS

        made = await api.request_help(person, language, "crisis", await api.solve_help_pow(person, "crisis"))
        assert made.status == "waiting" and made.position == 1
    finally:
        for someone in (*attackers, person):
            await someone.close()


async def test_a_flood_in_the_crisis_lane_costs_more_work_but_never_refuses(app_server_factory):
    async with app_server_factory(**SETTINGS) as server:
        await _flood_in_the_crisis_lane(server)


async def _flood_in_the_crisis_lane(server) -> None:
    language = LANGUAGE
    # The attacker brings fresh identities too (registration costs work of its own, rising the same way).
    attackers = [await new_person(server) for _ in range(8)]
    person = await new_person(server)
    try:
        outcome = await _attack(attackers, language, ["crisis"], cycles=4)
        assert outcome == {"accepted": 24, "rate_limited": 8}
        dearer = await _difficulty(person, "crisis")
        assert BASE_BITS < dearer <= BASE_BITS + 6
        # The person in crisis pays the higher difficulty and gets in: nothing deployment-wide refuses them.
        made = await api.request_help(person, language, "crisis", await api.solve_help_pow(person, "crisis"))
        assert made.status == "waiting"
        # A challenge keeps the lane it was issued for: a cheaper lane's proof does not buy a crisis request.
        other = await new_person(server)
        try:
            general = await api.solve_help_pow(other, "general")
            with pytest.raises(HavenClientError) as caught:
                await api.request_help(other, language, "crisis", general)
            assert caught.value.code == "challenge_invalid"
        finally:
            await other.close()
    finally:
        for someone in (*attackers, person):
            await someone.close()
