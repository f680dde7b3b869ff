"""Counseling figures as counters without ids, kept as things happen (security issue 10, item 3).

A closed session and its request are deleted soon after closing (HAVEN_COUNSELING_RETENTION_SECONDS), so the
admin's figures cannot be computed from them: each event adds one to a row keyed by day, event, language and a
label (an outcome code, or the upper bound of a wait bucket). No row names a member, a counselor, a request or a
session, and the day is the finest time kept.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from server.models.base import Base


class CounselingCounter(Base):
    __tablename__ = "counseling_counters"

    # Days since the Unix epoch (server.clock.today).
    day: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    # server.counseling.counters.CounterEvent
    event: Mapped[str] = mapped_column(String(16), primary_key=True)
    language: Mapped[str] = mapped_column(String(8), primary_key=True)
    # An outcome code for "closed", a wait bucket's upper bound in seconds for "accepted", else "".
    label: Mapped[str] = mapped_column(String(24), primary_key=True)
    count: Mapped[int] = mapped_column(BigInteger, default=0)
