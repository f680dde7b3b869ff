"""What people see (issue 16 item 11): resources in Burmese for Burmese, and a reader's notice
that says how to help and whether the moderators were told, not "you are not alone"."""

from __future__ import annotations

from moderation import Audience, crisis_notice, resources_for
from moderation.script import MYANMAR_RE


def test_resources_are_in_burmese_when_the_language_is_burmese():
    burmese = resources_for("my", "MM")
    assert burmese
    assert all(MYANMAR_RE.search(r.name) for r in burmese)
    # Same entries, same order, same contacts: only the words change.
    english = resources_for("en", "MM")
    assert [r.id for r in burmese] == [r.id for r in english]
    assert [r.phone for r in burmese] == [r.phone for r in english]
    assert not any(MYANMAR_RE.search(r.name) for r in english)
    # The English original follows the translation, for counselors and for review.
    assert all(e.name in b.name for b, e in zip(burmese, english, strict=True))


def test_unverified_caveats_survive_translation():
    police = next(r for r in resources_for("my", "MM") if r.id == "mm-police-199")
    assert not police.verified and MYANMAR_RE.search(police.note) and "DANGER for defectors" in police.note


def test_writer_and_reader_see_different_notices():
    writer = crisis_notice("en", Audience.WRITER)
    reader = crisis_notice("en", Audience.READER, alerted=True)
    assert "not alone" in writer.headline
    assert "not alone" not in reader.headline and "not alone" not in " ".join(reader.lines)
    assert any("moderators have been told" in line for line in reader.lines)
    assert any("counselor" in line for line in reader.lines)
    not_told = crisis_notice("en", Audience.READER, alerted=False)
    assert not any("have been told" in line for line in not_told.lines)


def test_notices_in_burmese_and_fallback_to_english():
    reader = crisis_notice("my", Audience.READER, alerted=True)
    assert reader.language == "my" and MYANMAR_RE.search(reader.headline)
    assert all(MYANMAR_RE.search(line) for line in reader.lines)
    assert crisis_notice("th", Audience.WRITER).language == "en"
