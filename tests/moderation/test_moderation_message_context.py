"""Whole-message context (issue 16 item 6): signals that are weak alone add up across sentences."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "I paid back all my debts. Thank you for everything, take care of mom.",
        "i gave away my guitar and my books. i feel calm now",
        "how many paracetamol would it take? anyway goodbye",
        "အကြွေး ဆပ်ပြီးပြီ။ နှုတ်ဆက်ပါတယ်",
    ],
)
def test_signals_add_up_across_sentences(detector, text):
    v = detector.scan(text)
    assert v.tier >= 3 and "suicide" in v.categories


@pytest.mark.parametrize(
    "text",
    ["goodbye! see you tomorrow", "you can have my umbrella, goodbye", "thank you for everything, the party was great"],
)
def test_one_signal_alone_stays_quiet(detector, text):
    assert detector.scan(text).tier == 0
