"""The tamper-evident audit log: each entry's hash commits to the previous entry's (crypto/audit.py, v2).

Who acted (`actor`) and whom the action was about (`subject`, e.g. the member a moderator approved) are the
linking fields. The chain covers only a salted commitment to each (`*_commit`), so the value and its salt can be
erased — on identity deletion, when a membership ends — and every entry still verifies. `object_id` names what
was acted on (a group, session, alert, invite) and never a person.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from server.models.base import Base, BigIntId


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True, autoincrement=True)
    # NULL once erased; the salt goes with it, the commitment stays.
    actor: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    actor_salt: Mapped[bytes | None] = mapped_column(LargeBinary(16), nullable=True)
    actor_commit: Mapped[bytes] = mapped_column(LargeBinary(32))
    action: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[str] = mapped_column(String(80))
    # "" when the action is about no one; NULL once erased.
    subject: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    subject_salt: Mapped[bytes | None] = mapped_column(LargeBinary(16), nullable=True)
    subject_commit: Mapped[bytes] = mapped_column(LargeBinary(32))
    time_ms: Mapped[int] = mapped_column(BigInteger)
    prev_hash: Mapped[bytes] = mapped_column(LargeBinary(32))
    entry_hash: Mapped[bytes] = mapped_column(LargeBinary(32), unique=True)
