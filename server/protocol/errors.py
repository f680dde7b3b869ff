"""Stable, machine-readable refusal codes. docs/protocol.md lists each with its meaning; never rename one."""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    MALFORMED_JSON = "malformed_json"
    INVALID_FRAME = "invalid_frame"
    UNKNOWN_TYPE = "unknown_type"
    FRAME_TOO_LARGE = "frame_too_large"
    BINARY_NOT_SUPPORTED = "binary_not_supported"
    BAD_BASE64 = "bad_base64"
    BAD_LENGTH = "bad_length"
    NOT_AUTHENTICATED = "not_authenticated"
    ALREADY_AUTHENTICATED = "already_authenticated"
    AUTH_FAILED = "auth_failed"
    AUTH_STALE = "auth_stale"
    AUTH_TIMEOUT = "auth_timeout"
    UNKNOWN_CONVERSATION = "unknown_conversation"
    ACK_OUT_OF_RANGE = "ack_out_of_range"
    RATE_LIMITED = "rate_limited"
    SLOW_CONSUMER = "slow_consumer"
    TOO_MANY_CONNECTIONS = "too_many_connections"
    SHUTTING_DOWN = "shutting_down"
    INTERNAL_ERROR = "internal_error"


# Websocket close codes (4000-4999 is the application range of RFC 6455 §7.4.2).
CLOSE_AUTH_FAILED = 4001
CLOSE_AUTH_TIMEOUT = 4002
CLOSE_POLICY = 4008
CLOSE_SLOW_CONSUMER = 4009
CLOSE_TOO_MANY_CONNECTIONS = 4010
CLOSE_SHUTTING_DOWN = 1001
