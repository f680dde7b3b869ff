"""Romanised Burmese (issue 16, 2026.12.6): each concept, respelt many ways, keeps its tier.

Burglish has no fixed spelling, so a phrase list can never name every spelling people type. These
tests respell each message with a seeded generator of the variation phone users produce (th / t,
ay / ae / e, ar / a / ah, ee / i, ky / gy / ch / j, the sentence ending tal / tl / dl / tel, an
aspirated h before or after m, n, l, doubled final vowels, words run together, a capital letter) and
check that every respelling scores like the canonical message: the fold of `data/romanised.toml`,
not a list of spellings, is what makes them meet. The messages are written for these tests (none
is a held-out message); negatives share the positives' words.
"""

from __future__ import annotations

import random

import pytest

from moderation import Detector
from moderation.romanised import fold_token, romanised_data

# Each: a canonical spelling, and the spellings of the same sound a phone user may type instead.
_SWAPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("thay", ("thay", "thae", "tay", "the")),
    ("nay", ("nay", "nae", "ne")),
    ("tal", ("tal", "tl", "dl", "tel", "dal", "te")),
    ("mal", ("mal", "myal", "me", "mel")),
    ("chin", ("chin", "gyin", "jin", "chinn")),
    ("buu", ("buu", "bu", "boo")),
    ("tot", ("tot", "taw", "tawt")),
    ("thout", ("thout", "thauk", "taut", "thaut")),
    ("pyi", ("pyi", "pi", "pyii")),
    ("kyo", ("kyo", "kyoe", "gyo")),
    ("swae", ("swae", "swel", "hswe", "sway")),
    ("khone", ("khone", "khon", "kone")),
    ("mhar", ("mhar", "hmar", "mha")),
    ("nhote", ("nhote", "hnote", "note")),
    ("thar", ("thar", "tha", "thah")),
    ("sate", ("sate", "seik", "sait")),
    ("lite", ("lite", "laik", "lait")),
    ("a khu", ("a khu", "akhu", "a hku")),
    ("dee nya", ("dee nya", "di nyar", "deenya")),
    ("shar", ("shar", "sha", "shah")),
    ("tway", ("tway", "dway", "twe")),
    ("that", ("that", "thet", "tat")),
)
_SWAP = dict(_SWAPS)


def _joins(left: str, right: str) -> bool:
    rules = romanised_data().rules
    return fold_token(left + right, rules) == fold_token(left, rules) + fold_token(right, rules)


def respell(text: str, rng: random.Random) -> str:
    """One respelling: a spelling swapped per word, now and then two words run together or a capital."""
    words: list[str] = []
    raw = text.split()
    i = 0
    while i < len(raw):
        two = f"{raw[i]} {raw[i + 1]}" if i + 1 < len(raw) else ""
        if two in _SWAP:
            words.append(rng.choice(_SWAP[two]))
            i += 2
            continue
        words.append(rng.choice(_SWAP.get(raw[i], (raw[i],))))
        i += 1
    out: list[str] = []
    for w in words:
        # Runs together a word with the one before it now and then ("manaychintotbu") where the fold of
        # the joined word is the two folds joined: a fold rule that reaches across the join ("ko that" as
        # "kothat": "ot" -> "o"), or letters that meet doubled ("nga a" as "ngaa"), fold apart (a known limit).
        if out and (out[-1] + w).isalpha() and _joins(out[-1], w) and rng.random() < 0.15:
            out[-1] += w
        else:
            out.append(w)
    result = " ".join(out)
    return result.capitalize() if rng.random() < 0.3 else result


def variants(text: str, count: int = 12, seed: int = 16) -> list[str]:
    rng = random.Random(f"{seed}:{text}")
    return sorted({text, *(respell(text, rng) for _ in range(count))})


# (canonical message, lowest tier every respelling must reach, a category it must carry)
POSITIVES = [
    # intent with its endings and particles
    ("nga thay chin tal", 2, "suicide"),
    ("nga ma nay chin tot buu", 2, "suicide"),
    ("nga ko ko ko that mal", 2, "suicide"),
    # hanging, poison, pesticide, rat poison, pills counted, gun, knife, grenade, train
    ("kyo swae thay mal", 3, "suicide"),
    ("dee nya kyo swae mal", 4, "suicide"),
    ("nga a sate thout mal", 3, "suicide"),
    ("a khu kywet that say thout mal", 4, "suicide"),
    ("paung that say thout lite pyi", 4, "suicide"),
    ("say 40 lone thout mal", 3, "suicide"),
    ("nga thanat nae ko ko ko pyit mal", 3, "suicide"),
    ("bal lite nae lat ko hlee mal", 3, "self_harm"),
    ("lat pyit bome nae thay mal", 3, "suicide"),
    ("yahtar lan paw mhar ait mal", 3, "suicide"),
    # a high place with an intent, or with no return
    ("a moe paw mhar nga thay chin tal", 3, "suicide"),
    ("ta tar paw mhar pyan ma hsin chin tot buu", 4, "suicide"),
    # farewells with finality; an English "sorry" to family next to a means
    ("a may khwint lut par tal, nout ta khar ma twae ya tot buu", 3, "suicide"),
    ("kyo swae mal, sorry mae mae", 4, "suicide"),
    # someone else in danger, now
    ("nga nyi ma a sate thout lite pyi", 4, "suicide"),
    ("nga thu nge chin ta tar paw ka khone cha lite pyi", 4, "suicide"),
    # forces: at the door, searching the house, looking for or asking about the writer, arrest
    ("sit thar tway ta gar wa mhar yauk nay pyi", 4, "danger"),
    ("yae tway eain ko shar nay pyi", 4, "danger"),
    ("ya dway nga ko lite shar nay tal", 3, "danger"),
    ("ka ka tha tway nga a kyaung lar may nay tal", 3, "danger"),
    ("nga ko lar phan mal", 3, "danger"),
    # tonight and a clock time as deadlines, a poison being drunk now, abuse euphemisms
    ("ya nay nya nga kyo swae mal", 4, "suicide"),
    ("nga thay chin tal 11 nar yi", 4, "suicide"),
    ("kywet that say thout nay pyi", 4, "suicide"),
    ("nga ma taw ma ta ya lote khan ya tal", 2, "abuse"),
    ("ait say 30 lone thout lite pyi", 4, "suicide"),
    ("nga a may ko khwint lut par, dee nya nga ma shi tot buu", 4, "suicide"),
    ("thu nge chin ka a seik thout thwar pyi", 4, "suicide"),
    ("nga ko ko ko a sone that chin tal", 2, "suicide"),
    ("nga ko ko ko hlee chin nay tal", 2, "self_harm"),
    ("thadinpoe tway ka tin pay lite pyi", 3, "danger"),
    # threats, hopelessness of defectors, meaninglessness
    ("a yar shi ko that pyit mal", 2, "violence"),
    ("nga pyan ma thwar nai tot buu", 1, "distress"),
    ("bar mha a deik pae ma shi tot buu", 1, "suicide"),
]


@pytest.mark.parametrize(("text", "tier", "category"), POSITIVES)
def test_every_respelling_reaches_the_tier(detector: Detector, text: str, tier: int, category: str) -> None:
    for variant in variants(text):
        verdict = detector.scan(variant)
        assert verdict.tier >= tier, (variant, verdict)
        assert category in verdict.categories, (variant, verdict)
        assert verdict.language == "my", variant


# Everyday messages sharing the positives' words: medicine as prescribed, devices that "die", a
# tug of war, a boat tied with rope, a train ride, cooking, a bridge as a meeting place, a film,
# hyperbole, politeness. Each respelling must stay 0.
NEGATIVES = [
    "nga bite sar lo thay tot mal",
    "phone battery thay tot mal",
    "nga net thay pyi, wifi ma ya buu",
    "kyo swae pwal kyi mal",
    "kyo nae hlay ko chi htar tal",
    "sayawon ka ait say ta lone thout khine tal",
    "movie htae mhar thanat nae pyit tal",
    "yahtar paw mhar ait mal",
    "dar nae kyet thar hlee mal",
    "ta tar paw mhar yat nay tal, lar kyo par",
    "a may kadaw par tal, thadingyut pwal taw",
    "kyay zu tin par tal",
    "11 nar yi mhar twae mal",
    "kywet that say wel mal, eain mhar kywet myar lo",
    "say thout nay tal, kaung lar pyi",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_everyday_respellings_stay_quiet(detector: Detector, text: str) -> None:
    for variant in variants(text):
        assert detector.scan(variant).tier == 0, (variant, detector.scan(variant))


def test_generator_makes_many_spellings() -> None:
    # The test above is only as strong as its variety: most concepts get ten or more spellings.
    counts = [len(variants(text)) for text, _, _ in POSITIVES]
    assert sum(counts) / len(counts) >= 8


@pytest.mark.parametrize(
    "text",
    ["manaychintotbu kwar", "dee nya kyo swae mal", "Thay chin p"],
)
def test_short_message_with_one_particle_is_read_as_burmese(detector: Detector, text: str) -> None:
    # One Burmese particle and no English function word: Burmese, if a romanised phrase matches.
    verdict = detector.scan(text)
    assert verdict.tier >= 2
    assert verdict.language == "my"


@pytest.mark.parametrize("text", ["ok see you", "tomato potato", "great game today"])
def test_short_message_without_a_phrase_keeps_its_language(detector: Detector, text: str) -> None:
    # Particle-like syllables ("lai", "to") and no romanised phrase: the English reading stands.
    verdict = detector.scan(text)
    assert verdict.tier == 0
    assert verdict.language == "en"


def test_locative_spellings_do_not_negate(detector: Detector) -> None:
    # "hmar" / "mhar" (at, in) fold alike and neither is the negative prefix "ma".
    for text in ("myit htae hmar khone cha mal", "myit htae mhar khone cha mal"):
        assert detector.scan(text).tier == 3, text
