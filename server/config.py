"""Every setting of the server in one place, read from `HAVEN_*` environment variables."""

from __future__ import annotations

import secrets
from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

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
    outbound_queue_frames: int = Field(default=2048, ge=16, description="per connection; full = slow consumer")
    auth_timeout_seconds: float = 30.0
    auth_clock_skew_seconds: int = 120
    log_level: str = "INFO"

    # --- registration ----------------------------------------------------------------------------------------
    registration_pow_bits: int = Field(default=20, ge=0, le=32)
    registration_challenge_ttl_seconds: int = 600
    registrations_per_minute: float = Field(default=60.0, gt=0, description="whole-deployment token bucket")
    registration_burst: int = 30

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
    frames_per_second: float = Field(default=200.0, gt=0, description="per connection, any frame")
    frame_burst: int = Field(default=400, ge=1)

    # --- HTTP API sessions and staff roles -------------------------------------------------------------------
    token_ttl_seconds: int = Field(default=3600, ge=60, description="lifetime of an HTTP bearer token")
    login_challenge_ttl_seconds: int = Field(default=120, ge=10)
    api_requests_per_second: float = Field(default=20.0, gt=0, description="per identity, HTTP API")
    api_burst: int = Field(default=100, ge=1)
    role_invite_max_ttl_seconds: int = Field(default=7 * 86400, ge=60)

    # --- groups ------------------------------------------------------------------------------------------------
    group_max_members: int = Field(default=200, ge=2, description="largest size a group may be given")
    group_invite_max_ttl_seconds: int = Field(default=30 * 86400, ge=60)

    # --- counseling --------------------------------------------------------------------------------------------
    offer_timeout_seconds: int = Field(default=60, ge=1, description="a counselor's time to accept an offer")
    # A help request from someone in no group costs a proof of work and draws on one deployment-wide bucket.
    help_pow_bits: int = Field(default=18, ge=0, le=32, description="proof of work for a help request")
    help_requests_per_minute: float = Field(default=30.0, gt=0, description="deployment-wide, outside any group")
    help_request_burst: int = Field(default=10, ge=1)

    # --- crisis alerts -----------------------------------------------------------------------------------------
    alert_min_tier: int = Field(default=2, ge=1, le=4, description="clients raise an alert from this tier up")
    alerts_per_hour: float = Field(default=60.0, gt=0, description="per identity")

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    def server_secret_bytes(self) -> bytes:
        """The deployment's MAC key; created on first use when neither the variable nor the file gives it."""
        if self.server_secret is not None:
            raw = bytes.fromhex(self.server_secret.get_secret_value())
        elif self.server_secret_file.exists():
            raw = bytes.fromhex(self.server_secret_file.read_text().strip())
        else:
            raw = secrets.token_bytes(32)
            self.server_secret_file.parent.mkdir(parents=True, exist_ok=True)
            self.server_secret_file.touch(mode=0o600)
            self.server_secret_file.write_text(raw.hex())
        if len(raw) < 32:
            raise ValueError("the server secret must be at least 32 bytes (64 hex digits)")
        return raw


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
