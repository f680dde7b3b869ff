"""Every abuse limit of a deployment, from its settings: in this process without Redis (exactly the behaviour of
a single relay), shared through Redis when `redis_url` is set so that N processes give an attacker one budget
and raise the proof-of-work difficulty as fast as one process would."""

from __future__ import annotations

from dataclasses import dataclass

from server.config import Settings
from server.counseling.schemas import HELP_LANES
from server.limits.bucket import SharedRateLimiter
from server.limits.difficulty import SharedDifficulty
from server.limits.interface import Difficulty, RateLimiter
from server.limits.keys import LimitKeys
from server.limits.local import LocalDifficulty, LocalRateLimiter
from server.limits.store import LimitStore, connect
from server.ratelimit import AdaptiveDifficulty, KeyedRateLimiter


@dataclass(frozen=True, slots=True)
class BucketSpec:
    name: str
    rate_per_second: float
    burst: int
    # Tokens a process leases at once from the shared bucket (bucket.SharedRateLimiter); 1 = ask per request.
    chunk: int = 1


@dataclass(frozen=True, slots=True)
class DifficultySpec:
    lane: str
    base_bits: int
    free_rate_per_second: float
    burst: int
    max_extra_bits: int


@dataclass
class Limits:
    send: RateLimiter
    api: RateLimiter
    help_identity: RateLimiter
    alert: RateLimiter
    prekey: RateLimiter
    registration: Difficulty
    help: dict[str, Difficulty]
    store: LimitStore | None

    async def close(self) -> None:
        if self.store is not None:
            await self.store.close()


def build_limits(settings: Settings, server_secret: bytes) -> Limits:
    store = LimitStore(connect(settings.redis_url)) if settings.redis_url else None
    keys = LimitKeys(settings.redis_prefix, server_secret)

    def bucket(spec: BucketSpec) -> RateLimiter:
        if store is None:
            return LocalRateLimiter(KeyedRateLimiter(spec.rate_per_second, spec.burst))
        return SharedRateLimiter(spec.name, spec.rate_per_second, spec.burst, store, keys, chunk=spec.chunk)

    def difficulty(spec: DifficultySpec) -> Difficulty:
        if store is None:
            return LocalDifficulty(
                AdaptiveDifficulty(spec.base_bits, spec.free_rate_per_second, spec.burst, spec.max_extra_bits)
            )
        return SharedDifficulty(
            keys.difficulty(spec.lane),
            spec.base_bits,
            spec.free_rate_per_second,
            spec.burst,
            spec.max_extra_bits,
            store,
        )

    return Limits(
        # The hot path: leased in chunks, so sends rarely wait on Redis.
        send=bucket(BucketSpec("send", settings.sends_per_second, settings.send_burst, settings.send_lease)),
        api=bucket(BucketSpec("api", settings.api_requests_per_second, settings.api_burst)),
        help_identity=bucket(
            BucketSpec(
                "help",
                settings.help_requests_per_identity_per_day / 86400.0,
                settings.help_request_identity_burst,
            )
        ),
        alert=bucket(BucketSpec("alert", settings.alerts_per_hour / 3600.0, max(1, int(settings.alerts_per_hour)))),
        prekey=bucket(
            BucketSpec("prekey", settings.prekey_bundles_per_pair_per_hour / 3600.0, settings.prekey_bundle_pair_burst)
        ),
        registration=difficulty(
            DifficultySpec(
                "registration",
                settings.registration_pow_bits,
                settings.registrations_per_minute / 60.0,
                settings.registration_burst,
                settings.registration_pow_max_extra_bits,
            )
        ),
        help={
            lane: difficulty(
                DifficultySpec(
                    f"help:{lane}",
                    settings.help_pow_bits,
                    settings.help_requests_per_minute / 60.0,
                    settings.help_request_burst,
                    settings.help_pow_max_extra_bits,
                )
            )
            for lane in HELP_LANES
        },
        store=store,
    )
