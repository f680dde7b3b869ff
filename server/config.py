"""Every setting of the server in one place, read from `HAVEN_*` environment variables."""

from __future__ import annotations

import secrets
from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from server.files import narrow_if_present, write_private

DEFAULT_DATA_DIR = Path("data")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="HAVEN_", extra="ignore")

    # --- storage -------------------------------------------------------------------------------------------
    database_url: str = Field(
        default=f"sqlite+aiosqlite:///./{DEFAULT_DATA_DIR}/haven.db",
        description="SQLAlchemy async URL: sqlite+aiosqlite:///path or postgresql+asyncpg://user@host/db",
    )
    # FULL makes each WAL commit reach the disk before we acknowledge a message; group commit pays for it.
    sqlite_synchronous: str = Field(default="FULL", pattern="^(FULL|NORMAL)$")
    redis_url: str | None = Field(default=None, description="Unset: in-process fan-out (one process only)")
    # Processes share a channel named after this prefix; tests give each run its own.
    redis_prefix: str = Field(default="haven", pattern=r"^[A-Za-z0-9_.:-]{1,64}$")
    redis_outbox_max: int = Field(default=100_000, ge=1, description="payloads waiting for Redis; past it, dropped")

    # --- identity of this deployment -------------------------------------------------------------------------
    server_id: str = Field(default="haven-local", min_length=1, max_length=64)
    server_secret: SecretStr | None = Field(
        default=None, description="32+ bytes as hex; unset: read or create data/server_secret"
    )
    server_secret_file: Path = DEFAULT_DATA_DIR / "server_secret"

    # --- HTTP / websocket --------------------------------------------------------------------------------------
    host: str = "127.0.0.1"
    port: int = 8000
    max_frame_bytes: int = Field(default=64 * 1024, ge=1024)
    # Frames above this are cut off by the websocket layer itself (close 1009) before we ever buffer them.
    hard_frame_ceiling_bytes: int = Field(default=256 * 1024, ge=1024)
    # Each connection's outbound queue is bounded in bytes, so memory per connection does not depend on how
    # large the messages are. Replays and catch-ups are read from the database page by page as the socket
    # drains, so a backlog of any size fits in this; only frames the client provokes faster than it reads
    # (answers, errors, events) can overflow it, which closes the connection as a slow consumer.
    outbound_queue_bytes: int = Field(
        default=4 * 1024 * 1024, ge=256 * 1024, description="per connection; full = slow consumer"
    )
    # A peer that stops answering websocket pings, or takes no bytes for this long, is closed.
    keepalive_interval_seconds: float = Field(default=20.0, gt=0, description="websocket ping interval")
    keepalive_timeout_seconds: float = Field(
        default=20.0, gt=0, description="pong wait, and longest a send to one peer may block"
    )
    max_connections_per_identity: int = Field(
        default=16, ge=1, description="open websockets one account may hold in one process"
    )
    metrics_enabled: bool = Field(default=True, description="serve /metrics (aggregate counters, no ids)")
    auth_timeout_seconds: float = 30.0
    auth_clock_skew_seconds: int = 120
    log_level: str = "INFO"
    # Development only: serve the OpenAPI schema at /openapi.json (never the /docs or /redoc pages).
    api_docs: bool = Field(default=False, description="serve /openapi.json; off in production")

    # --- registration ----------------------------------------------------------------------------------------
    # Registration is never refused for the rate (one attacker would lock out everyone): past the free rate its
    # proof of work costs more (server.ratelimit.AdaptiveDifficulty; issue 10, item 8).
    registration_pow_bits: int = Field(default=20, ge=0, le=32, description="difficulty while the rate is free")
    registration_challenge_ttl_seconds: int = 600
    registrations_per_minute: float = Field(default=60.0, gt=0, description="deployment-wide rate free of extra work")
    registration_burst: int = Field(default=30, ge=1, description="recent registrations before difficulty rises")
    registration_pow_max_extra_bits: int = Field(default=6, ge=0, le=12, description="most bits the load adds")

    # --- relay -----------------------------------------------------------------------------------------------
    message_ttl_seconds: int = Field(default=14 * 24 * 3600, ge=1)
    # A resend of the same client message id inside this window is answered with the original ack.
    dedupe_window_seconds: int = Field(default=24 * 3600, ge=1)
    purge_interval_seconds: float = Field(default=60.0, gt=0)
    commit_batch_max: int = Field(default=512, ge=1)
    # Applies only when the previous batch carried more than one item (see writer.GroupCommit), never to an idle
    # relay; 0.5 ms cut server CPU per send by a fifth in the closed-loop bench (docs/performance.md).
    commit_delay_ms: float = Field(default=0.5, ge=0, le=100, description="wait for more work before a commit")
    # Admission control: sends waiting for the writer past which new ones are refused (rate_limited) at once,
    # so overload shows as refusals the client retries, not as latency and memory growing without bound.
    commit_queue_max: int = Field(default=20_000, ge=1)
    resume_page_size: int = Field(default=500, ge=1)
    sends_per_second: float = Field(default=50.0, gt=0, description="per identity, sustained")
    send_burst: int = Field(default=200, ge=1)
    # With Redis, the send bucket is shared by every process and each leases this many tokens at a time, so a
    # send rarely waits on Redis; N processes together admit at most send_burst + N * send_lease in a burst
    # (server.limits.bucket).
    send_lease: int = Field(default=20, ge=1, description="send tokens a process leases from Redis at once")
    frames_per_second: float = Field(default=200.0, gt=0, description="per connection, any frame")
    frame_burst: int = Field(default=400, ge=1)

    # --- HTTP API sessions and staff roles -------------------------------------------------------------------
    token_ttl_seconds: int = Field(default=3600, ge=60, description="lifetime of an HTTP bearer token")
    login_challenge_ttl_seconds: int = Field(default=120, ge=10)
    api_requests_per_second: float = Field(default=20.0, gt=0, description="per identity, HTTP API")
    api_burst: int = Field(default=100, ge=1)
    role_invite_max_ttl_seconds: int = Field(default=7 * 86400, ge=60)

    # --- prekeys -----------------------------------------------------------------------------------------------
    # Bundle fetches per (requester, owner) pair: a peer needs one per session it opens, an informer draining
    # someone's one-time prekeys to watch for a refill needs many (issue 10, 6b). In memory, or with Redis in one
    # bucket for every process, named by a keyed hash of the pair (server.limits).
    prekey_bundles_per_pair_per_hour: float = Field(default=2.0, gt=0, description="per (requester, owner) pair")
    prekey_bundle_pair_burst: int = Field(default=5, ge=1, description="bundle fetches per pair at once")

    # --- groups ------------------------------------------------------------------------------------------------
    group_max_members: int = Field(default=200, ge=2, description="largest size a group may be given")
    group_invite_max_ttl_seconds: int = Field(default=30 * 86400, ge=60)

    # --- counseling --------------------------------------------------------------------------------------------
    offer_timeout_seconds: int = Field(default=60, ge=1, description="a counselor's time to accept an offer")
    # After a session closes, its row (member, counselor, outcome) stays this long so that a participant who was
    # offline still reads "closed"; then the purge deletes it and its request. Figures live on in id-free counters.
    counseling_retention_seconds: int = Field(
        default=600, ge=0, le=86400, description="grace period before a closed session and its request are deleted"
    )
    # A help request from someone in no group costs a proof of work whose difficulty rises with the recent rate of
    # such requests, per lane (crisis / everything else), instead of being refused once a bucket is empty: one
    # attacker must not lock a person in crisis out (issue 10, item 8; docs/counseling.md).
    help_pow_bits: int = Field(default=18, ge=0, le=32, description="proof of work while the rate is free")
    help_requests_per_minute: float = Field(default=30.0, gt=0, description="per lane, rate free of extra work")
    help_request_burst: int = Field(default=10, ge=1, description="recent requests per lane before difficulty rises")
    help_pow_max_extra_bits: int = Field(default=6, ge=0, le=12, description="most bits the load adds")
    # Per identity outside any group, and cancelling refunds nothing: one identity cannot cycle request/cancel.
    help_requests_per_identity_per_day: float = Field(default=3.0, gt=0, description="per identity, outside groups")
    help_request_identity_burst: int = Field(default=3, ge=1, description="per identity, outside groups, at once")

    # --- crisis alerts -----------------------------------------------------------------------------------------
    alert_min_tier: int = Field(default=2, ge=1, le=4, description="clients raise an alert from this tier up")
    alerts_per_hour: float = Field(default=60.0, gt=0, description="per identity")

    # --- the web app (server/webapp.py) ------------------------------------------------------------------------
    web_dir: Path = Field(default=Path("web/dist/app"), description="the built app (`make web`); absent: a notice")
    # Origins of separately hosted static copies of the app allowed to call the API (CORS). Empty: same origin only.
    web_origins: list[str] = Field(default_factory=list, description='JSON list, e.g. ["https://app.example"]')

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    def server_secret_bytes(self) -> bytes:
        """The deployment's MAC key; created on first use when neither the variable nor the file gives it."""
        if self.server_secret is not None:
            raw = bytes.fromhex(self.server_secret.get_secret_value())
        elif self.server_secret_file.exists():
            narrow_if_present(self.server_secret_file)
            raw = bytes.fromhex(self.server_secret_file.read_text().strip())
        else:
            raw = secrets.token_bytes(32)
            # 0600 in a 0700 folder from the first byte, whatever the umask.
            write_private(self.server_secret_file, raw.hex())
        if len(raw) < 32:
            raise ValueError("the server secret must be at least 32 bytes (64 hex digits)")
        return raw


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
