"""Burmese in Latin letters ("Burglish", issue 16 item 4): recognised as Burmese, matched across
the spelling variants people actually type, and English left alone."""

from __future__ import annotations

import pytest

from moderation.romanised import fold_token, romanised_data

# (variants of one message, expected tier, category)
VARIANTS = [
    (
        ["nga thay chin tal", "ngar tay gyin dal", "Nga thae jin pyi", "nga thay chinn tel", "ngar sae chin te"],
        2,
        "suicide",
    ),
    (["ngar dee nya thay mal", "nga di nyar thay me", "nga de nya tay mel"], 4, "suicide"),
    (["nga ma nay chin tot buu", "ngar mha nae gyin taw boo", "nga ma nay chin tawt bu"], 2, "suicide"),
    (
        ["ait say tway a kone thout lite pyi", "eik hsay dway akone thauk laik pyi", "ate say twe a kon thaut lite pi"],
        4,
        "suicide",
    ),
    (["nga a sate thauk mal", "ngar a seik thout me", "nga asate taut mal"], 3, "suicide"),
    # 4 since 2026.12.4, as its Burmese source (စစ်သားတွေ ... ရောက်နေပြီ, a tier-4 combo): the romanised combo
    # transliterated from it now meets the phrase (it was 3 through the enumerated phrase alone).
    (["sit thar tway yauk nay pyi", "sitt thar dway yout nae pyi", "sit tar twe yauk ne pi"], 4, "danger"),
    (["ngar ko lite shar nay tal", "nga koh laik shar nae dal", "sayapa kyun taw ko lite shar nay tel"], 3, "danger"),
]


@pytest.mark.parametrize(("texts", "tier", "category"), VARIANTS)
def test_spelling_variants_meet_one_phrase(detector, texts, tier, category):
    for text in texts:
        v = detector.scan(text)
        assert v.tier == tier, text
        assert category in v.categories, text
        assert v.language == "my", text
        assert all(0 <= m.start < m.end <= len(text) for m in v.matches)


@pytest.mark.parametrize("text", ["nga bite sar lo thay tot mal", "ngar pu lite tar tay taw me"])
def test_hyperbole_is_not_ideation(detector, text):
    # "so hungry / hot I could die", as the Burmese lexicon's X-လို့ သေတော့မယ် rule.
    assert detector.scan(text).tier == 0
    assert detector.scan("nga thay tot mal").tier == 2


def test_negated_wish_is_lower(detector):
    assert detector.scan("nga ma thay chin buu").tier == 1


@pytest.mark.parametrize(
    "text",
    [
        "mingalar par, nay kaung lar",
        "nga mont hin gar sar chin tal",
        "I will be there tonight",
        "the tay is on the table",
    ],
)
def test_everyday_text_stays_quiet(detector, text):
    assert detector.scan(text).tier == 0


def test_english_is_not_read_as_romanised(detector):
    assert detector.scan("I want to die tonight").language == "en"
    assert detector.scan("hello how are you").language == "en"


def test_folding_is_plain_replacement():
    rules = romanised_data().rules
    assert all(isinstance(a, str) and a and isinstance(b, str) for a, b in rules)
    assert fold_token("thay", rules) == fold_token("tay", rules) == fold_token("thae", rules)
    assert fold_token("chin", rules) == fold_token("gyin", rules) == fold_token("jin", rules)


def test_scan_equals_full_pipeline(detector):
    for texts, _, _ in VARIANTS:
        for text in texts:
            assert detector.scan(text) == detector._scan_full(text)


# 2026.12.5: endings typed without their vowel (tl, dl), the future particle spelt "myal", the
# locative "mhar" no longer read as the negative prefix, and three more suicide phrases.
FIFTH_VARIANTS = [
    (["nga thay chin tl", "ngar tay gyin dl", "nga thae chin tal"], 2, "suicide"),
    (
        ["nga ko yae mhar khone cha mal", "nga ko ye hmar khone cha myal", "ngar ko yae mhar khon chat mel"],
        3,
        "suicide",
    ),
    (["nga a thet shin nay chin bu", "ngar a that shin nae gyin buu", "nga ah thet shin ne chin boo"], 2, "suicide"),
    (["nga a thet ko a sone that mal", "ngar a thet koh a sohn thet me"], 2, "suicide"),
    (["nga thay thwar chin tal", "ngar tay thwa gyin dal", "nga thae twa chin tl"], 2, "suicide"),
]


@pytest.mark.parametrize(("texts", "tier", "category"), FIFTH_VARIANTS)
def test_fifth_pass_spelling_variants(detector, texts, tier, category):
    for text in texts:
        verdict = detector.scan(text)
        assert verdict.language == "my", text
        assert verdict.tier >= tier, (text, verdict)
        assert category in verdict.categories, (text, verdict)
        assert verdict == detector._scan_full(text)


def test_locative_mhar_is_not_negation(detector):
    """'mhar' (at) folds like 'mha'; only 'ma' is the negative prefix, so a jump into the water
    keeps its tier while 'ma' before the same verb still lowers it."""
    kept = detector.scan("nga ko yae mhar khone cha mal")
    assert not any("lowered:negation" in m.reasons for m in kept.matches)
    negated = detector.scan("nga ma khone cha tot buu, yae mhar ma thwar buu")
    assert all(m.tier <= 2 for m in negated.matches)


@pytest.mark.parametrize("text", ["kyay zu tin par dl", "nga bite sar lo thay tot mal", "nga html ko lote nay tl"])
def test_fifth_pass_everyday_romanised_stays_quiet(detector, text):
    assert detector.scan(text).tier == 0


# 2026.12.9: English words that fold onto a particle ("the", "to", "day", "late") do not make a message mixed.
@pytest.mark.parametrize(
    "text",
    [
        "i can't forget the screaming from that day",
        "my dad gave me a lot of food for the trip",
        "do not tell me the ending, i will see the film today",
    ],
)
def test_english_lookalike_words_do_not_make_a_message_mixed(text):
    from moderation.romanised import scan_romanised

    assert scan_romanised(text) is None


@pytest.mark.parametrize(
    ("text", "tier"),
    [
        ("so tired of everything, i just thay chin tal", 2),
        ("sorry everyone, tonight nga thay mal pyi", 4),
    ],
)
def test_mixed_english_and_romanised_still_reads_the_particles(detector, text, tier):
    assert detector.scan(text).tier >= tier


# 2026.12.10: an emoji that stands for a means is a romanised token too, folded to its word, in both engines.
@pytest.mark.parametrize(
    ("with_emoji", "with_word", "tier"),
    [
        ("ngar 💊 a kone thout pi", "ngar pills a kone thout pi", 4),
        ("ngar 🪢 nae thay mal dee nya", "ngar kyo nae thay mal dee nya", 4),
    ],
)
def test_an_emoji_means_reads_as_its_word(detector, with_emoji, with_word, tier):
    assert detector.scan(with_word).tier >= tier
    verdict = detector.scan(with_emoji)
    assert verdict.tier >= tier
    assert any(m.start <= with_emoji.index(with_emoji.split()[1]) < m.end for m in verdict.matches)


@pytest.mark.parametrize(
    "text",
    [
        "doctor ka 💊 nay tine thout ya mal tae",
        "mae mae 🔪 nae kyet thar hlee nay tal",
        "dee nya 🌉 mhar photo yite mal 📸",
    ],
)
def test_an_emoji_in_everyday_romanised_stays_quiet(detector, text):
    assert detector.scan(text).tier == 0


EMOJI_VECTOR_MESSAGES = (
    "ngar 💊 a kone thout pi",
    "ngar 🪢 nae thay mal dee nya",
    "doctor ka 💊 nay tine thout ya mal tae",
    "mae mae 🔪 nae kyet thar hlee nay tal",
    "dee nya 🌉 mhar photo yite mal 📸",
    "⚰ ⚰ nga thay chin tal",
    # An emoji that stands for nothing is not a token: it must not sit between a combo's parts (a fuzzed message the
    # TypeScript engine once read otherwise).
    "\u200bhahanga ko pow that say tout lite pyi, kal par 😭 Nga koko ko thet mal",
)
