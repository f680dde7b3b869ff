"""What a client seals to the moderators when it raises a crisis alert or a member reports a message.

    packet = u8 version=1 || lp(AlertContent JSON, UTF-8) || FrankingReport bytes (crypto/franking.py)

The content (moderation/alert.py) is what a moderator triages by; the franking report lets the moderator check
locally that the plaintext is what the sender committed to, and ask the server whether it really relayed that
ciphertext from the sender the report names, as that message of that conversation, at that time (franking relay v2;
the report is version 2 and carries the seq). Until the server says so, the report's sender is only a claim.
The whole packet is sealed (crypto/sealed.py version 2, domain "alert") to every current moderator, so the server
never reads either part, nor learns who sealed it (the sealer's identity and signature are inside).
"""

from __future__ import annotations

from dataclasses import dataclass

from client.errors import HavenClientError
from crypto.encoding import Reader, lp, u8
from crypto.errors import CryptoError
from crypto.franking import FrankingReport
from moderation.alert import AlertContent, AlertFormatError

PACKET_VERSION = 1


class AlertPacketError(HavenClientError, ValueError):
    """Sealed alert content that does not parse: show the alert as unreadable, never guess."""

    def __init__(self, message: str) -> None:
        super().__init__("bad_alert_packet", message)


@dataclass(frozen=True, slots=True)
class AlertPacket:
    content: AlertContent
    report: FrankingReport

    def encode(self) -> bytes:
        return u8(PACKET_VERSION) + lp(self.content.to_bytes()) + bytes(self.report)

    @classmethod
    def decode(cls, data: bytes) -> AlertPacket:
        try:
            r = Reader(data)
            if r.u8() != PACKET_VERSION:
                raise AlertPacketError("unknown alert packet version")
            content = AlertContent.from_bytes(r.lp())
            report = FrankingReport.from_bytes(r.rest())
        except (CryptoError, AlertFormatError) as exc:
            raise AlertPacketError(type(exc).__name__) from None
        return cls(content, report)
