"""A pseudonymous identity: two public keys and nothing else about the person."""

from __future__ import annotations

from sqlalchemy import BigInteger, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from server.models.base import Base


class Identity(Base):
    __tablename__ = "identities"

    account_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    signing_key: Mapped[bytes] = mapped_column(LargeBinary(32), unique=True)
    agreement_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    # Day granularity: enough to expire abandoned identities, too coarse to correlate with traffic.
    created_day: Mapped[int] = mapped_column(BigInteger)
