"""Means, places and times make hits by themselves (issue 16 item 1): the tier-4 messages that
scored 0, and everyday talk of the same means that must stay quiet."""

from __future__ import annotations

import pytest

IMMINENT = [
    "I have the pills ready, tonight I will end it",
    "tonight I will end it",
    "I am standing on the bridge right now",
    "im standing on the bridge now",
    "I tied the rope. sorry mom",
    "the gun is in my mouth now",
    "💊 all of them tonight",
    "my cousin took weed killer minutes ago",
    "my cousin drank weedkiller, minutes ago, please hurry",
    "there is a military intelligence car outside our hiding place",
    "sayapa car parked outside our safe house",
    "the militia are outside my house today",
    "standing at the edge of the train tracks now, i am not scared anymore",
]

METHOD = [
    "i have the pistol loaded",
    "goodbye everyone, the rope is ready",
    "i saved up paracetamol",
    "my brother swallowed rat poison",
]

QUIET = [
    "I take my pills every morning",
    "the doctor said take two sleeping pills before bed",
    "we are standing on the bridge taking photos",
    "my mom took her pills",
    "I'm ready for the exam tonight",
    "sorry I forgot my medicine",
    "the kids jumped off the pier into the sea, so fun",
    "I'm on the roof fixing the antenna",
    "goodbye, see you tomorrow at the market",
    "we sat at the edge of the river fishing",
    "my friends are outside my house, lets go",
]


@pytest.mark.parametrize("text", IMMINENT)
def test_imminent_means_place_time(detector, text):
    assert detector.scan(text).tier == 4


@pytest.mark.parametrize("text", METHOD)
def test_named_means_in_a_frame_is_a_method(detector, text):
    assert detector.scan(text).tier >= 3


@pytest.mark.parametrize("text", QUIET)
def test_everyday_means_stay_quiet(detector, text):
    assert detector.scan(text).tier == 0


def test_the_reason_names_the_time(detector):
    v = detector.scan("my cousin took weed killer minutes ago")
    assert any("time:minutes ago" in m.reasons for m in v.matches)
