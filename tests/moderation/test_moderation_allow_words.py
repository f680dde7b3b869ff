"""Allow-listed idioms and allow-listed ordinary words (2026.12.13): both cancel the readings they overlap; only an
idiom silences the trained model for the whole message."""

from __future__ import annotations

from pathlib import Path

import pytest

from moderation import Detector
from moderation.lexicon import LexiconError, parse_lexicon
from moderation.model import bundled_model
from moderation.normalize import default_normalizer

CORPUS = Path(__file__).parent / "corpus"

_LEXICON = """
[meta]
language = "my"
name = "test"
version = "1"

[[terms]]
category = "suicide"
tier = 2
phrases = ["မနေချင်တော့"]

[[cues]]
kind = "negation"
position = "prefix"
phrases = ["မ"]

[allow]
{field} = ["ကျွန်မ"]
"""


def _detector(field: str) -> Detector:
    normalizer = default_normalizer()
    lexicon = parse_lexicon(_LEXICON.replace("{field}", field), "test.toml", normalizer)
    return Detector([lexicon], normalizer, bundled_model())


def _messages_with_the_word() -> list[str]:
    out = []
    for path in sorted(p for p in CORPUS.glob("*my*.tsv") if "zawgyi" not in p.name):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.startswith("#") and line.strip() and "ကျွန်မ" in line:
                out.append(line.split("\t", 3)[3])
    return out


def test_a_word_leaves_the_model_free_where_an_idiom_silences_it() -> None:
    idiom, word = _detector("phrases"), _detector("words")
    raised = 0
    for text in _messages_with_the_word():
        by_idiom, by_word = idiom.scan(text), word.scan(text)
        assert not any(m.term == "model" for m in by_idiom.matches), text
        if any(m.term == "model" for m in by_word.matches):
            raised += 1
    # Until 2026.12.13 every allow-listed phrase silenced the model, so none of these could be raised.
    assert raised >= 10


def test_a_word_still_keeps_a_cue_out_of_itself() -> None:
    # The final syllable of ကျွန်မ ("I", a woman speaking) is no negation of the verb after it.
    for field in ("phrases", "words"):
        verdict = _detector(field).scan("ကျွန်မ မနေချင်တော့ဘူး")
        assert verdict.tier == 2, field


def test_the_bundled_burmese_words_do_not_silence_the_model(detector: Detector) -> None:
    by_text = {a.text: a for lexicon in detector.lexicons for a in lexicon.allow}
    for word in ("ကျွန်မ", "ညီမ", "အခုထိ", "ကြိုးစား", "ဓာတ်ပုံရိုက်", "တဲ့အခါ"):
        assert not by_text[word].silences_model, word
    for idiom in ("ကြွက်အတွက်", "သေချင်စော်", "deadline", "killer"):
        assert by_text[idiom].silences_model, idiom


def test_words_must_be_a_list_of_phrases() -> None:
    with pytest.raises(LexiconError, match="allow words"):
        parse_lexicon(
            _LEXICON.replace('{field} = ["ကျွန်မ"]', 'phrases = ["x"]\nwords = "ကျွန်မ"'), "t.toml", default_normalizer()
        )


@pytest.mark.parametrize(
    ("text", "tier"),
    [
        ("သူဌေးက ဓာတ်ပုံ ရိုက်ပေးတယ်", 0),  # the boss took a photo (for me): the photo cancels the combo's "hit"
        ("သူငယ်ချင်းက ငါ့ကို ဓာတ်ပုံ ရိုက်ပေးတယ်", 0),  # a friend took my photo
        ("သူဌေးက ငါ့ကို ရိုက်တယ်", 2),  # the boss hit me: the combo still reads it
        ("အရပ်ဝတ်တွေ ကျွန်တော့်ကို ဓာတ်ပုံ ရိုက်သွားတယ်", 3),  # plain-clothes men photographed me and left
        ("ဆိုင်မှာ တစ်ယောက်ယောက် ဓာတ်ပုံ ခိုးရိုက်နေတယ်", 3),  # someone photographing covertly
    ],
)
def test_an_allow_listed_word_over_a_combos_part_cancels_the_combo(detector: Detector, text: str, tier: int) -> None:
    # 2026.12.13: the allow-listed ဓာတ်ပုံ ရိုက် lies inside the span of the boss ... hit combo, not over it; it now
    # cancels the part it overlaps. Being photographed covertly is a danger phrase of its own.
    assert detector.scan(text).tier == tier
