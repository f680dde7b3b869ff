"""Counters instead of per-event log lines: what the relay does, in aggregate, never who did it.

Served at `GET /metrics` in the Prometheus text exposition format (version 0.0.4). Every label value comes from
a closed set the server defines (a frame type, an error code, a close reason), never from anything a client
chose or from an id, so the page says how busy the relay is and how it fails, not who uses it or when.

One registry per process: the numbers describe this process, as a scraper expects of a target.
"""

from __future__ import annotations

from enum import StrEnum

from wire.codes import ErrorCode

# Frame types the server sends; anything else (it cannot happen) is counted as "other" so a label never grows.
OUTBOUND_TYPES = frozenset({"challenge", "ready", "accepted", "deliver", "resumed", "event", "pong", "error"})


class InboundKind(StrEnum):
    """What an inbound frame turned out to be, decided by the protocol machine (never read from the frame)."""

    AUTH = "auth"
    SEND = "send"
    ACK = "ack"
    RESUME = "resume"
    PING = "ping"
    REFUSED = "refused"


class CloseReason(StrEnum):
    """Why the server ended a connection itself (a client closing is not counted here)."""

    SLOW_CONSUMER = "slow_consumer"
    STALLED = "stalled"
    TOO_MANY_CONNECTIONS = "too_many_connections"
    AUTH_TIMEOUT = "auth_timeout"
    INTERNAL_ERROR = "internal_error"


_ERROR_CODES = frozenset(code.value for code in ErrorCode)


class Metrics:
    """Plain counters and gauges; touched only from the event loop's thread, so no lock."""

    def __init__(self) -> None:
        self.connections_opened = 0
        self.connections_open = 0
        self.authenticated_open = 0
        self.queued_bytes = 0
        self.messages_accepted = 0
        self.messages_delivered = 0
        self.frames_in: dict[str, int] = {kind.value: 0 for kind in InboundKind}
        self.frames_out: dict[str, int] = {kind: 0 for kind in sorted(OUTBOUND_TYPES)}
        self.errors: dict[str, int] = {}
        self.closed: dict[str, int] = {reason.value: 0 for reason in CloseReason}

    # --- updates (cheap: called per frame) --------------------------------------------------------------------
    def connection_opened(self) -> None:
        self.connections_opened += 1
        self.connections_open += 1

    def connection_closed(self, authenticated: bool) -> None:
        self.connections_open -= 1
        if authenticated:
            self.authenticated_open -= 1

    def authenticated(self) -> None:
        self.authenticated_open += 1

    def server_closed(self, reason: CloseReason) -> None:
        self.closed[reason.value] += 1

    def frame_in(self, kind: InboundKind) -> None:
        self.frames_in[kind.value] += 1

    def frame_out(self, kind: str) -> None:
        if kind not in OUTBOUND_TYPES:
            kind = "other"
        self.frames_out[kind] = self.frames_out.get(kind, 0) + 1
        if kind == "deliver":
            self.messages_delivered += 1

    def accepted(self) -> None:
        self.messages_accepted += 1

    def error(self, code: str) -> None:
        if code not in _ERROR_CODES:
            code = "other"
        self.errors[code] = self.errors.get(code, 0) + 1

    def queue_changed(self, delta: int) -> None:
        self.queued_bytes += delta

    # --- exposition ------------------------------------------------------------------------------------------
    def render(self, extra_gauges: dict[str, tuple[str, float]] | None = None) -> str:
        """The Prometheus text format: HELP and TYPE once per family, then its samples."""
        lines: list[str] = []

        def family(name: str, kind: str, help_text: str, samples: list[tuple[str, float]]) -> None:
            lines.append(f"# HELP {name} {help_text}")
            lines.append(f"# TYPE {name} {kind}")
            for labels, value in samples:
                lines.append(f"{name}{labels} {_number(value)}")

        family(
            "haven_connections_opened_total",
            "counter",
            "Websocket connections accepted.",
            [("", self.connections_opened)],
        )
        family("haven_connections_open", "gauge", "Websocket connections open now.", [("", self.connections_open)])
        family(
            "haven_connections_authenticated",
            "gauge",
            "Open websocket connections that authenticated.",
            [("", self.authenticated_open)],
        )
        family(
            "haven_connections_closed_total",
            "counter",
            "Connections the server ended, by reason.",
            _by("reason", self.closed),
        )
        family(
            "haven_frames_in_total",
            "counter",
            "Inbound websocket frames, by what they turned out to be.",
            _by("type", self.frames_in),
        )
        family(
            "haven_frames_out_total",
            "counter",
            "Outbound websocket frames written, by type.",
            _by("type", self.frames_out),
        )
        family(
            "haven_errors_total",
            "counter",
            "Error frames sent, by code.",
            _by("code", self.errors),
        )
        family(
            "haven_messages_accepted_total",
            "counter",
            "Sends answered with accepted (durable).",
            [("", self.messages_accepted)],
        )
        family(
            "haven_messages_delivered_total",
            "counter",
            "Deliver frames written to recipients' sockets.",
            [("", self.messages_delivered)],
        )
        family(
            "haven_outbound_queue_bytes",
            "gauge",
            "Bytes queued for all connections' sockets.",
            [("", self.queued_bytes)],
        )
        for name, (help_text, value) in sorted((extra_gauges or {}).items()):
            family(name, "gauge", help_text, [("", value)])
        return "\n".join(lines) + "\n"


def _by(label: str, counts: dict[str, int]) -> list[tuple[str, float]]:
    """One sample a value of `label`, in the order of the values."""
    return [(f'{{{label}="{value}"}}', n) for value, n in sorted(counts.items())]


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


METRICS = Metrics()
"""This process's registry."""

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
