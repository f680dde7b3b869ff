"""Alert content and crisis resources."""

from __future__ import annotations

import pytest

from moderation import AlertContent, AlertFormatError, Detector, resources_for
from moderation.resources import all_resources


def test_alert_round_trip_and_minimal_content():
    message = "blah blah " * 20 + "I took all my pills, goodbye" + " more text" * 20
    verdict = Detector.default().scan(message)
    alert = AlertContent.from_verdict(verdict, message, "msg-1")
    assert alert.tier == 4 and alert.categories == ("suicide",)
    excerpt = alert.excerpts[0]
    assert excerpt.snippet[excerpt.start : excerpt.end] == "took all my pills"
    assert len(excerpt.snippet) < len(message)
    assert AlertContent.from_bytes(alert.to_bytes()) == alert
    assert AlertContent.from_json(alert.to_json()) == alert
    assert b'"v":1' in alert.to_bytes()


def test_alert_survives_lone_surrogates():
    message = "\ud800 I want to die \udfff"
    alert = AlertContent.from_verdict(Detector.default().scan(message), message, "m")
    assert AlertContent.from_bytes(alert.to_bytes()).tier == 2


def test_no_alert_for_tier_zero():
    with pytest.raises(ValueError):
        AlertContent.from_verdict(Detector.default().scan("hello"), "hello", "m")


@pytest.mark.parametrize(
    "data",
    [
        b"not json",
        b"[]",
        b'{"v":2}',
        b'{"v":1,"message_id":"m","tier":9,"categories":["suicide"],"language":"en","excerpts":[]}',
        b"\xff\xfe",
        b'{"v":1,"message_id":"m","tier":2,"categories":["x"],"language":"en","excerpts":[]}',
    ],
)
def test_malformed_alerts_are_rejected(data):
    with pytest.raises(AlertFormatError):
        AlertContent.from_bytes(data)


def test_resources():
    thai = resources_for("th", "TH")
    phones = {r.phone for r in thai}
    assert {"1323", "02-113-6789", "1669", "191"} <= phones
    assert thai[-1].country == "INTL"
    burmese = resources_for("my", "MM")
    assert any(not r.verified for r in burmese)
    assert all(r.note for r in burmese if not r.verified)
    assert {r.country for r in resources_for("en", None)} == {"INTL"}
    assert all(r.verified for r in resources_for("my", "MM", include_unverified=False))
    assert len({r.id for r in all_resources()}) == len(all_resources())
