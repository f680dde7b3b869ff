"""Encoding decided per segment (issue 16 item 5): correct Unicode is never corrupted, Unicode typed
in Zawgyi order is put right, and a Zawgyi clause in a Unicode message is still converted."""

from __future__ import annotations

import pytest

from moderation import Detector
from moderation.normalize import default_normalizer


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector.default()


def test_unicode_typed_in_zawgyi_order_is_reordered_not_converted():
    norm = default_normalizer()
    # ေ typed before သ, everything else Unicode: the same text as the Unicode spelling.
    assert norm.fast("ငါ ေသချင်တယ်")[0] == norm.fast("ငါ သေချင်တယ်")[0]


@pytest.mark.parametrize(
    ("text", "tier"),
    [
        ("ငါ ေသချင်တယ်", 2),  # Unicode in Zawgyi order
        ("ပိုးသတ်ဆေး ေသာက်လိုက်ပြီ", 4),  # a Unicode word beside it must not be corrupted
        ("ဒီနေ့ အလုပ်သွားတယ် ငါ ေသခ်င္တယ္", 4),  # a Zawgyi clause in a Unicode message
        ("ငါ ေသခ်င္တယ္", 2),  # plain Zawgyi still converts
    ],
)
def test_mixed_and_misordered_messages(detector, text, tier):
    v = detector.scan(text)
    assert v.tier == tier
    assert v == detector._scan_full(text)


def test_correct_unicode_is_unchanged_by_the_zawgyi_step():
    norm = default_normalizer()
    text = "မင်္ဂလာပါ နေကောင်းလား ရှင်းပြပါ"
    assert norm.fast(text)[1] is False
