"""Romanised Burmese, set 8 pass (romanised table 2026.12.10): the classes set 8's blind writers used.

Set 8 (`dev8_rom.tsv`) was written by someone who never saw the rules; its misses fell into classes that
these tests pin with messages written here (none copied from the set): a means already taken (drank, done,
someone else's too) and means named in English; "kill oneself" spelt "that say"; drowning or jumping
typed "nat" with a height or water; the wrist cut with a frame; forces knocking, at the door or come in;
imminence typed "ahu", as am / pm, "nya 12 nar" or minutes to go. The negatives share the words: medicine
as prescribed, farming, fines and masks ("tat tal" folds like "that thay"), satisfaction (kyay nat), a
spirit festival, cooking, a mother "who will kill me", a game, plans at a clock time.

Every message is respelt with the seeded generator of `test_moderation_romanised_variants.py`, widened
here with the spellings of this pass's own words (pi / pyi / p, hlee / hli, lat / let, khout / khauk,
lone / lon, say / sae / hsay, lar / lr / la, ye / yay, tan kha / tankha).
"""

from __future__ import annotations

import random

import pytest
from test_moderation_romanised_variants import variants

from moderation import Detector
from moderation.romanised import fold_token, romanised_data, scan_romanised

_MORE: dict[str, tuple[str, ...]] = {
    "pi": ("pi", "pyi", "p"),
    "hlee": ("hlee", "hli"),
    "lat": ("lat", "let"),
    "khout": ("khout", "khauk", "khoke"),
    "lone": ("lone", "lon"),
    "say": ("say", "sae", "hsay"),
    "lar": ("lar", "lr", "la"),
    "ye": ("ye", "yay"),
    "tan kha": ("tan kha", "tankha"),
    "thwar": ("thwar", "thwa", "twar"),
    "nat": ("nat", "nut"),
    "ahu": ("ahu", "ahku"),
}


def respellings(text: str, count: int = 8) -> list[str]:
    """The shared generator's respellings, each also with this pass's words respelt (seeded)."""
    rng = random.Random(f"set8:{text}")
    out: set[str] = set()
    for variant in variants(text, count=count):
        spaced = f" {variant} "
        for word, options in _MORE.items():
            if f" {word} " in spaced:
                spaced = spaced.replace(f" {word} ", f" {rng.choice(options)} ")
        out.add(variant)
        out.add(spaced.strip())
    return sorted(out)


# (message, lowest tier it must reach, a category it must carry)
POSITIVES: list[tuple[str, int, str]] = [
    # a means already taken, own or someone else's: imminent
    ("nga say lone 30 lone thout pi", 4, "suicide"),
    ("nyi ma lay ka po that say thout thwar pyi", 4, "suicide"),
    ("ait say tway a kone thout khae pi, mo lal nay tal", 4, "suicide"),
    ("pills a kone myo pi pyi", 4, "suicide"),
    ("tablets 20 thout lite pi", 4, "suicide"),
    ("thu ka paracetamol a lone kone thout thwar tal", 4, "suicide"),
    # the same means in the future or as a wish
    ("pills tway a kone thout mal", 3, "suicide"),
    ("a lone kone myo chin tal", 3, "suicide"),
    ("rat poison ko thout tot mal", 3, "suicide"),
    # kill oneself spelt "that say", with its frames
    ("ngar that say chin tal", 2, "suicide"),
    ("nga that say mal", 2, "suicide"),
    ("kyun taw that say ya mal", 2, "suicide"),
    ("that say lite tot mal", 2, "suicide"),
    # a height or water with nat
    ("ngar bridge ka nat mal", 3, "suicide"),
    ("myit kann ko thwar pyi nat chin tal", 3, "suicide"),
    ("ye nat chin tal", 3, "suicide"),
    ("tower pay ka nat lite mal, bye", 4, "suicide"),
    ("ye kan htae ko nat pi, thu pyan ma twe bu", 3, "suicide"),
    # the wrist cut on purpose
    ("lat ko dar nae hlee chin tal", 3, "self_harm"),
    ("nga lat ko hlee khae tal, thwe kya tal", 3, "self_harm"),
    ("lat mhar blade nae hlee nay tal", 3, "self_harm"),
    # forces knocking, at the door, come in, opening the rooms
    ("sit thar tway tan kha khout nay pyi", 4, "danger"),
    ("tat thar tway ywar ko win lar pi", 4, "danger"),
    ("yae tway tan kha war mhar pi", 4, "danger"),
    ("police tway rooms tine ko phwint nay pi", 4, "danger"),
    ("MI car yout lar pi, eain shae mhar", 4, "danger"),
    # imminence typed otherwise
    ("ahu kyo swae mal", 4, "suicide"),
    ("11 pm kyo swae mal", 4, "suicide"),
    ("nya 12 nar mhar bridge ka nat mal", 4, "suicide"),
    ("10 min yin say a kone thout mal", 4, "suicide"),
    # a threat by someone who is not family keeps its tier
    ("thu ka ngar ko that mal lo pyaw tal", 2, "danger"),
    # a rope on the fan, a beam or a stool
    ("kyoe ko pan ka mhar chi htar tal", 3, "suicide"),
    ("rope ko ceiling mhar chi pi, a khu pae", 4, "suicide"),
    ("stool pay mhar tet pyi kyo ko chi nay tal", 3, "suicide"),
    # pills hoarded or counted as enough; a dose asked as a question of dying
    ("say lone tway ko sone thar pi", 3, "suicide"),
    ("pills 50 lone, lout shi tal", 3, "suicide"),
    ("ait say bal lout thout yin thay mal lae", 3, "suicide"),
    # threats to kill someone named, either order
    ("broker ko ngar that mal", 2, "violence"),
    ("ngar sat mal boss ko", 2, "violence"),
    # forces or their men following, asking about or looking for the writer
    ("sit thar tway ngar ko lite shar nay tal", 3, "danger"),
    ("police 2 yout ngar a kyaung lar mae tal", 3, "danger"),
    ("ward ka lu tway ngar nout ka lite nay pi", 3, "danger"),
    # settling affairs: things given away with nothing needed any more
    ("ngar phone ko nyi lay ko pay lite pi, ngar ma lo tot bu", 3, "suicide"),
    ("a kywe tway pyan pay pyi pi. ba ma shi tot bu", 3, "suicide"),
    # "this is the last message"; not waking again; "if they find me they will kill me"
    ("dar nout sone message par, amay ko chit tal", 3, "suicide"),
    ("ei dar nout sone sar par. kyo swae mal", 4, "suicide"),
    ("ip lite mal, pyan ma nhoe taw bu", 2, "suicide"),
    ("pyan ma nhoe chin tot bu", 1, "suicide"),
    ("dalan tway ngar ko twae yin that mal", 2, "danger"),
]

# Everyday messages sharing the words; no rule may flag one of them or a respelling.
NEGATIVES: list[str] = [
    "say thout pi pyi, a phyar kya pyi",
    "dr pay tae say 2 lone thout pi",
    "pesticide ko lal mhar phyan pi pyi",
    "coffee a kone thout pi pyi",
    "pills tway thout ya mal, dr pyaw lo",
    "kywet that say wel mal, kywet myar lo",
    "po that say phyan ya mal",
    "kar park ma lote lo 500 baht dan tat tal",
    "mask tat par tal, ngo pyi",
    "ngar kyay nat par tal, bridge a thit ka lha tal",
    "myit kann nar mhar nat pwe thwar mal",
    "ye kan mhar ye koo mal",
    "lat sae pi kyet thar hlee mal",
    "kyet thar hlee pi, lat sae pyi",
    "a may ka tan kha khout nay pi, hin pwe pi",
    "amay ka ngar ko that lite mal, phone pyat thwar lo",
    "wife ka ngar ko that mal, anniversary mayt thwar lo",
    "ta tar paw ka khone mal, kazar tar par",
    "11 pm mhar a lote pyi mal",
    "ahu ngar hin chet nay tal",
    "10 min yin yauk mal",
    "pan ka ma lae tot bu, a pu lon tal",
    "say lone tway sone pi, dr pyaw tae a tine thout mal",
    "police tway ngar ko lan pya pay tal",
    "ngar phone ko nyi lay ko pay lite pi, a thit wel pyi lo ma lo tot bu",
    "a kywe pyan pay pyi pi, a khu sate at pyi",
    "nout sone bus ko mi lite tal",
    "a may ko ma nhoe chin bu, ip pa say",
    "ip mal, ma net 6 nar yi nhoe par",
]


@pytest.mark.parametrize(("text", "tier", "category"), POSITIVES)
def test_class_reaches_its_tier(detector: Detector, text: str, tier: int, category: str) -> None:
    for variant in respellings(text):
        verdict = detector.scan(variant)
        assert verdict.tier >= tier, (variant, verdict)
        assert category in verdict.categories, (variant, verdict)
        assert verdict.language == "my", variant


@pytest.mark.parametrize("text", NEGATIVES)
def test_everyday_sharing_the_words_stays_quiet(detector: Detector, text: str) -> None:
    # No rule may flag them (English, Burmese or romanised). The trained model is the lead's to retrain on
    # set 8, so a match it alone makes is left out here.
    for variant in respellings(text):
        verdict = detector.scan(variant)
        by_rules = [m for m in verdict.matches if not any(r.startswith("model") for r in m.reasons)]
        assert by_rules == [], (variant, verdict)


def test_respellings_vary() -> None:
    # The tests above are only as strong as their variety.
    counts = [len(respellings(text)) for text, _, _ in POSITIVES]
    assert sum(counts) / len(counts) >= 6


@pytest.mark.parametrize("text", ["mae mae thi yin ngar ko that mhar", "thi thwar yin nga ko that lite mal"])
def test_if_she_finds_out_she_will_kill_me_is_allowed_by_the_rules(text: str) -> None:
    # The rules drop it (the trained model may still give a respelling tier 1, which the lead retrains).
    for variant in respellings(text):
        assert scan_romanised(variant) == [], variant


def test_done_typed_pyi_pi_or_p_is_one_skeleton() -> None:
    # ပြီ (done) ends a word as "pyi", "pi", "p", "pyii" or "pyee": one skeleton, alone or joined to its verb.
    rules = romanised_data().rules
    assert {fold_token(w, rules) for w in ("pyi", "pi", "p", "pyii", "pyee", "Pyi")} == {"pi"}
    assert fold_token("thwarpyi", rules) == fold_token("thwar", rules) + fold_token("pi", rules)
    assert fold_token("pyit", rules) == "pyit"  # only at a word's end: pyit (become, shoot) keeps its y


@pytest.mark.parametrize("done", ["pyi", "pi", "p", "pyii"])
def test_forces_come_in_with_any_spelling_of_done(detector: Detector, done: str) -> None:
    assert detector.scan(f"sit thar tway ywar ko win lar {done}").tier == 4
    if done != "p":  # a lone "p" is a word of its own only; joined it is just a letter
        assert detector.scan(f"tat thar tway ywar ko winlar{done}").tier == 4
