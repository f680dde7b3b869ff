"""Public prekeys an identity published so that others can open an X3DH session to it while it is offline."""

from __future__ import annotations

from sqlalchemy import BigInteger, ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from server.models.base import Base


class SignedPreKeyRecord(Base):
    __tablename__ = "signed_prekeys"

    account_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("identities.account_id", ondelete="CASCADE"), primary_key=True
    )
    key_id: Mapped[int] = mapped_column(BigInteger)
    # crypto.keys.SignedPreKeyPublic encoding: key id, X25519 public key, Ed25519 signature by the identity.
    public: Mapped[bytes] = mapped_column(LargeBinary(128))


class OneTimePreKeyRecord(Base):
    __tablename__ = "one_time_prekeys"

    account_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("identities.account_id", ondelete="CASCADE"), primary_key=True
    )
    key_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    # crypto.keys.OneTimePreKeyPublic encoding; handed out once, deleted in the same transaction.
    public: Mapped[bytes] = mapped_column(LargeBinary(64))


class LastResortPreKeyRecord(Base):
    """The one prekey that is never deleted: handed out once the one-time prekeys are gone, so draining them never
    blocks a session and a drained bundle looks like any other (Signal's "last resort" prekey; PQXDH §2.5)."""

    __tablename__ = "last_resort_prekeys"

    account_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("identities.account_id", ondelete="CASCADE"), primary_key=True
    )
    # crypto.keys.OneTimePreKeyPublic encoding; replaced by a new upload, never deleted by a fetch.
    public: Mapped[bytes] = mapped_column(LargeBinary(64))
