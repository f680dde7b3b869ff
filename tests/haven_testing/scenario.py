"""The issue's end-to-end scenario, shared by its SDK and command-line versions: what people say in it (so each
test can scan the server for every word afterwards), and the audit row a test tampers with at the end."""

from __future__ import annotations

from sqlalchemy import text

from server.config import Settings
from server.db import create_engine, create_sessionmaker

# "I will die tonight", in Zawgyi, as most phones in Myanmar still type it.
ZAWGYI_TIER4 = "ဒီည ေသမယ္"
GROUP_HELLO = "hello everyone, it is my first week in Mae Sot"
GROUP_REPLY = "welcome, we are glad you made it out"
SESSION_OPEN = "I am a counselor. I am here with you now. Are you somewhere safe?"
MEMBER_REPLY = "i am in my room, i have the pills here"
NOTES = "Member in Mae Sot, has pills at hand; agreed to stay on the line. Follow up on housing."
SECOND_COUNSELOR = "Hello, I am taking over from my colleague, who has told me what I need to know."
PLAINTEXTS = [GROUP_HELLO, GROUP_REPLY, ZAWGYI_TIER4, SESSION_OPEN, MEMBER_REPLY, NOTES, SECOND_COUNSELOR]


async def tamper_audit_entry(database_url: str) -> int:
    """Rewrite the actor of the fourth audit entry behind the server's back; the id of the entry changed."""
    engine = create_engine(Settings(database_url=database_url))
    try:
        async with create_sessionmaker(engine)() as db, db.begin():
            target = await db.scalar(text("SELECT id FROM audit_log ORDER BY id LIMIT 1 OFFSET 3"))
            await db.execute(text("UPDATE audit_log SET actor = :a WHERE id = :i"), {"a": "f" * 32, "i": target})
    finally:
        await engine.dispose()
    return int(target)
