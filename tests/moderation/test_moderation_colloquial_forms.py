"""Colloquial Burmese as people type it on phones (2026.12.13): first-person pronoun spellings folded to the
lexicon's, and U+1039 read as Zawgyi's asat where no Unicode stack could be meant."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from moderation import Detector
from moderation.normalize import default_normalizer

CORPUS = Path(__file__).parent / "corpus"
DATA = Path(__file__).resolve().parents[2] / "moderation" / "data"


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("ကျနော် သေတော့မယ်", "ကျွန်တော်သေတော့မယ်"),
        ("ကျနော့်ကို လိုက်ရှာနေတယ်", "ကျွန်တော့်ကိုလိုက်ရှာနေတယ်"),
        ("ကျမကို ရိုက်တယ်", "ကျွန်မကိုရိုက်တယ်"),
        ("အမေ ပြောတယ်။ ကျမ မနေချင်တော့ဘူး", "အမေပြောတယ်ကျွန်မမနေချင်တော့ဘူး"),
        ("ကျွန်ုပ်သည် အဆုံးသတ်မည်", "ကျွန်တော်သည်အဆုံးသတ်မည်"),
        ("ကျုပ် ဆက်မနေနိုင်တော့ဘူး", "ကျွန်တော်ဆက်မနေနိုင်တော့ဘူး"),
    ],
)
def test_first_person_spellings_fold_to_the_lexicons(typed: str, folded: str) -> None:
    assert default_normalizer().fast(typed)[0] == folded


@pytest.mark.parametrize(
    "text",
    [
        "ရေကျမယ်",  # "water will fall": ကျ + မယ်, no syllable boundary after မ
        "ငရဲကျမလား",  # "will you go to hell?": the verb ကျ after a word
        "ညကျမအိပ်နိုင်ဘူး",  # "at night I can't sleep": ကျ ends a word, မ negates the verb
        "ကျမ်းစာ",  # scripture
        "မိုးကျမှ ပြန်မယ်",  # "only when it rains"
        "ရေကျနော်",  # "the water falls, right?": the tag နော် after a verb
    ],
)
def test_look_alikes_are_not_folded(text: str) -> None:
    assert "ကျွန်" not in default_normalizer().fast(text)[0]


def _burmese_positives() -> list[str]:
    out = []
    for path in sorted(p for p in CORPUS.glob("*my*.tsv") if "zawgyi" not in p.name):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or not line.strip():
                continue
            tier, _, _, text = line.split("\t", 3)
            if int(tier) >= 1 and re.search("(?<![\u1000-\u109f])ကျွန်(?:တော|မ)", text):
                out.append(text)
    return out


def test_colloquial_pronouns_score_as_the_written_ones(detector: Detector) -> None:
    # Every crisis message of these files written with the formal pronouns, retyped the way phones spell them.
    texts = _burmese_positives()
    assert len(texts) >= 20
    for text in texts:
        typed = re.sub("(?<![\u1000-\u109f])ကျွန်တော့်", "ကျနော့်", text)
        typed = re.sub("(?<![\u1000-\u109f])ကျွန်တော်", "ကျနော်", typed)
        typed = re.sub("(?<![\u1000-\u109f])ကျွန်မ", "ကျမ", typed)
        assert detector.scan(typed).tier == detector.scan(text).tier, typed


def test_every_canonical_form_is_gated() -> None:
    # normalize.py skips the canonicalisation regex unless a gate occurs: each key must contain one.
    canon = tomllib.loads((DATA / "normalize_rules.toml").read_text(encoding="utf-8"))["myanmar_canon"]
    for key in canon["map"]:
        assert any(gate in key for gate in canon["gates"]), key


# ---- U+1039: Unicode's stacking sign, or Zawgyi's asat


@pytest.mark.parametrize(
    "unicode",
    ["ကမ္ဘာကြီး", "ဒုက္ခ ရောက်နေတယ်", "ပစ္စည်း ပြန်ပေးပါ", "ဗုဒ္ဓ", "မန္တလေး သွားမယ်", "ပုဂ္ဂိုလ်", "သတ္တဝါ", "ဗြဟ္မာ"],
)
def test_unicode_stacks_are_not_read_as_zawgyi(unicode: str) -> None:
    text, converted = default_normalizer().fast(unicode)
    assert not converted
    assert text == unicode.replace(" ", "")


@pytest.mark.parametrize(
    ("zawgyi", "unicode"),
    [
        ("ဒါ ငါ့ ေနာက္ဆုံး message ပါ", "ဒါ ငါ့ နောက်ဆုံး message ပါ"),  # ka over hsa: no stack, so an asat
        ("ငါ ေသမယ္", "ငါ သေမယ်"),
        ("ဆက္ဆံ ရတာ ခက္တယ္", "ဆက်ဆံ ရတာ ခက်တယ်"),
    ],
)
def test_a_visible_virama_before_a_consonant_of_another_row_is_zawgyi(
    detector: Detector, zawgyi: str, unicode: str
) -> None:
    n = default_normalizer()
    assert n.fast(zawgyi) == (n.fast(unicode)[0], True)
    assert detector.scan(zawgyi).tier == detector.scan(unicode).tier


def test_every_stack_in_the_unicode_corpora_is_one_the_signs_allow() -> None:
    signs = tomllib.loads((DATA / "zawgyi_rules.toml").read_text(encoding="utf-8"))["signs"]
    chunk = re.compile(signs["chunk"])
    files = [p for p in CORPUS.glob("*my*.tsv") if "zawgyi" not in p.name]
    stacks = 0
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            text = line.rsplit("\t", 1)[-1]
            for word in text.split():
                if re.search("[\u1000-\u1021]\u1039[\u1000-\u1021]", word) and not re.search(
                    "[\u1033\u1034\u1060-\u1097]|\u1039(?![\u1000-\u1021])|^[\u1031\u103b]", word
                ):
                    stacks += 1
                    # Zawgyi lines sit in a few Unicode files as written; a word with no other Zawgyi sign is Unicode.
                    if "\u103a" in word or "\u103e" in word:
                        assert chunk.search(word) is None, word
    assert stacks >= 50
