"""Romanised Burmese by class (issue 16 item 4, 2026.12.7): a regression set written for this test.

Every concept of the Burmese (Myanmar-script) lexicon should have a romanised counterpart: the means
(pills, pesticide, rat poison, rope, gun, grenade, knife, bridge, river, sea, train, height), the
intents (want to die, kill myself, end my life, cannot go on, no point living), farewells and
apologies, settling one's affairs, the forces and their informers (sit tat, sayapa, MI, dalan,
police, soldiers, raids, arrests), abuse, danger to others, and the time words that make a message
imminent (today, tonight, now, soon). Messages mix spellings (th / t, ay / ae / e, tal / tl / dl,
mal / myal / me, chin / gyin / jin), English words, capitals and words run together. None is a
held-out message. The negatives share the positives' words in everyday talk: films and games,
cooking, farming, police and soldiers in the news or on the road, the past told as over, apologies
for being late. Each message is also respelt with the seeded generator of
`test_moderation_romanised_variants.py`.
"""

from __future__ import annotations

import pytest
from test_moderation_romanised_variants import variants

from moderation import Detector

# (message, lowest tier it must reach, categories of which it must carry one)
POSITIVES: list[tuple[str, int, tuple[str, ...]]] = [
    # intent: kill myself, want to die, end my life, not wanting to live
    ("ngar ko ngar that thay mal", 2, ("suicide",)),
    ("kyun taw ko kyun taw that thay chin tal", 2, ("suicide",)),
    ("nga ko nga that lite tot mal", 2, ("suicide",)),
    ("a thet ma shin chin tot bu", 2, ("suicide",)),
    ("A thet ma shin jin tawt buu", 2, ("suicide",)),
    ("nga die chin tal", 2, ("suicide",)),
    ("nga die lite tot myal", 2, ("suicide",)),
    ("nga that thay mal", 2, ("suicide",)),
    ("bawa ko a sone that lite tot mal", 2, ("suicide",)),
    ("nga thay thwar yin kaung mal", 1, ("suicide",)),
    ("ma noe tot yin kaung mal", 1, ("suicide",)),
    # cannot go on, no point living, nobody needs me, no hope
    ("ma khan nai tot bu, sate pin pan lwan pi", 1, ("distress", "suicide")),
    ("shin nay lo ba a deik pe lae", 1, ("suicide",)),
    ("bal thu mha nga ko ma lo chin tot bu", 1, ("suicide", "distress")),
    ("myaw lint chat ma shi tot bu", 1, ("distress", "suicide")),
    ("nga lat shaw chin pyi", 1, ("suicide", "distress")),
    # means: pills counted, pesticide, rat poison bought and a time, a gun at oneself, a knife, a grenade
    ("say pyar 50 thout mal", 3, ("suicide",)),
    ("pesticide thout mal", 3, ("suicide",)),
    ("kywet that say wel htar pyi, dee nya thout mal", 4, ("suicide",)),
    ("thanat ya htar pyi, ko ko ko pyit mal", 3, ("suicide", "violence")),
    ("lat pyit bome nae thay mal", 3, ("suicide",)),
    ("dar nae ko ko ko htoe mal", 3, ("suicide", "self_harm")),
    ("blade nae lat ko hlee lite pyi", 3, ("self_harm", "suicide")),
    # places: bridge, river, sea, building, train
    ("ta tar paw ka khone cha mal", 3, ("suicide",)),
    ("myit htae ko khone cha tot mal", 3, ("suicide",)),
    ("pin lae htae ko khone cha mal", 3, ("suicide",)),
    ("tike paw ka khone cha tot myal", 3, ("suicide",)),
    ("ya htar shay ko khone mal", 3, ("suicide",)),
    # farewells and apologies with an intent or finality
    ("a may taung pan par tal, nga thay chin pi", 3, ("suicide",)),
    ("a may ko chit tal naw, di ka nga nout sone sar par", 3, ("suicide",)),
    ("nga ko ma mae par nae naw, kyo swae mal", 4, ("suicide",)),
    ("a may ko gayu sike pay par, nga thay tot mal", 4, ("suicide",)),
    # settling affairs next to a farewell
    ("a kyway tway a kone shin pyi, khwint lut par tal", 3, ("suicide",)),
    ("nga pyit si tway a kone pay lite pyi, nhote sat par tal", 3, ("suicide",)),
    # forces by every name: army, soldiers, police, MI, raids, arrests, informers
    ("sit tat ka nga ko lite shar nay tal", 3, ("danger",)),
    ("sit tat tway ywar ko win lar pyi", 4, ("danger",)),
    ("police tway eain shay mhar yauk nay pyi", 4, ("danger",)),
    ("soldiers tway ywar ko yauk lar pyi", 4, ("danger",)),
    ("MI tway nga a kyaung lar may tal", 3, ("danger",)),
    ("military tway nga ko lite shar nay tal", 3, ("danger",)),
    ("dalan ka nga ko tin pay lite pyi", 3, ("danger",)),
    ("thadinpay ka nga nay yar ko pyaw lite pyi", 3, ("danger",)),
    ("nga nay yar ko thi thwar pyi, kal par", 3, ("danger",)),
    ("nga pone nay ya tal, sit thar tway shar nay lo", 3, ("danger",)),
    ("nga htwet pyay ya mal, dalan tway ka thi thwar pyi", 3, ("danger",)),
    ("tonight raid lar mal tae, sit thar tway", 3, ("danger",)),
    ("nga ko lar phan mal tae", 3, ("danger",)),
    ("sit thar tway ka ta gar khout nay pyi", 4, ("danger",)),
    # abuse
    ("a phay ka nga ko yite tal", 2, ("abuse",)),
    ("a lote shin ka nga ko pate htar tal, a pyin ma htwet ya bu", 2, ("abuse",)),
    ("a lote shin ka passport thein htar tal", 3, ("abuse",)),
    ("nga ko a dama kyint khan ya tal", 3, ("abuse",)),
    # danger to others
    ("thu ko that pyit mal", 2, ("violence",)),
    ("thu ko that mal", 2, ("violence",)),
    ("a kone ko bome nae pauk mal", 3, ("violence",)),
    ("dar nae thu ko khote mal", 3, ("violence",)),
    # time: today, tonight, now, right now, soon
    ("dee nay nga thay mal", 4, ("suicide",)),
    ("tonight kyo swae mal", 4, ("suicide",)),
    ("ait say a kone a khu chet chin thout mal", 4, ("suicide",)),
    ("ma kyar khin nga thay tot mal", 4, ("suicide",)),
    ("nga thay chin tal, now", 4, ("suicide",)),
    ("Ngathaychintl dee nay", 4, ("suicide",)),
    # vowels left out: a final r after a consonant is -ar ("ngr", "myr", "hmr"), "p" alone is pyi, "myl" is myal
    ("ngr ko ngr that chin tl", 2, ("suicide",)),
    ("di nya ngr thay tot myl", 4, ("suicide",)),
    ("ait say tway a myr gyi thout lite p", 4, ("suicide",)),
    ("sit tar tway ywar htl yauk nay p", 4, ("danger",)),
    ("ya htar lan paw hmr ait nay tl", 3, ("suicide",)),
    # English words inside Burmese; threats against the writer; villages burnt or bombed; violence at home
    ("nga life ko end lite mal", 2, ("suicide",)),
    ("nga suicide lote tot mal", 2, ("suicide",)),
    ("nga ko that mal lo pyaw tal", 3, ("danger",)),
    ("we ko sit thar tway phan mal", 3, ("danger",)),
    ("thet tar tway ywar ko mi shoe nay p", 4, ("danger",)),
    ("ngar tot ywar ko bome kya nay tl", 4, ("danger",)),
    ("nga a phay ka a may ko yite nay tl", 2, ("abuse",)),
    ("a thet shin chin sate ma shi tot bu", 1, ("suicide", "distress")),
    # more ways to say it: thy, twy / dwy, forces on their way or searching, chasing to arrest, burning
    ("thy chin tl", 2, ("suicide",)),
    ("ya dwy nga ko shar nay tl", 3, ("danger",)),
    ("sit thar tway lar nay p, help me", 4, ("danger",)),
    ("we are hiding, sit thar tway shar nay tl", 3, ("danger",)),
    ("Sit tat ka nga ko lite phan nay tal", 3, ("danger",)),
    ("Nga tot ywar ko sit thar tway mee shoe nay tal", 4, ("danger",)),
    ("Dalan tway ka nga a kyaung pyaw lite pi", 3, ("danger",)),
    ("Ngar ko ko ngar that lite mal", 2, ("suicide",)),
    ("Nga a thet ko nga yu lite mal", 2, ("suicide",)),
    ("Ngar a thet shin nay ya tar ko ma lo chin tot bu", 2, ("suicide",)),
    ("Ma nat phyan ma shi tot bu", 2, ("suicide",)),
    ("Ngar ko ko ngar nar kyin aung lote nay tal", 2, ("self_harm",)),
    # particles inside a phrase (the `skip` cues: par, lite, kya, pyit, pae, naw), read without them too
    ("nga thay lite chin pyi", 2, ("suicide",)),
    ("thay pyit lite chin tal", 2, ("suicide",)),
    ("nga ma nay chin tot par bu", 2, ("suicide",)),
    ("nga a thet ma shin chin tot par buu", 2, ("suicide",)),
    ("nga a thet ko a sone that pyit lite tot mal", 2, ("suicide",)),
    # vanishing, regretting being born, weariness, meaning spelt a di pe, a threat, a life in danger, beating
    ("Nga pyauk thwar chin tal", 1, ("suicide",)),
    ("Ma mwe khae yin kaung mal", 1, ("suicide",)),
    ("bawa ka a dik pe ma shi tot bu", 1, ("suicide",)),
    ("Nga a thet shin nay ya tar ko ngyi ngwe lar pyi", 1, ("suicide",)),
    ("a phay ka that mal lo pyaw tal", 2, ("danger",)),
    ("nga a thet a ntaryae shi nay tal", 3, ("danger",)),
    ("ngar yout kyar ka ngar ko yite nhet tal", 2, ("abuse",)),
    # forces standing outside or coming to the house; poison or counted pills already taken; a letter left
    ("sit thar tway ein a pyin mhar yat nay tal", 4, ("danger",)),
    ("sit thar tway eain ko lar nay pyi", 4, ("danger",)),
    ("Ait say 20 lone thout htar tal", 4, ("suicide",)),
    ("a sate thout htar tal, gaung mu lar pyi", 4, ("suicide",)),
    ("ngar sa yay htar tae sar ko phat par, nga ma shi tot bu", 3, ("suicide",)),
    # the contracted "I" of chat (ကျနော်)
    ("kya naw ko kya naw that thay mal", 2, ("suicide",)),
    ("sayapa tway kyanaw a kyaung lar may nay tal", 3, ("danger",)),
]

# English function words outnumbering the particles ("mixed"): Burmese when a whole-word phrase matches.
# Not respelt: a respelling may join the particles into one word ("gyindal") or spell thay as "the".
MIXED: list[tuple[str, int, tuple[str, ...]]] = [
    ("so tired, i just thay chin tal", 2, ("suicide",)),
    ("it is the end for me, thay tot mal", 2, ("suicide",)),
    ("I really thay chin tal, i am so tired", 2, ("suicide",)),
    ("we are so scared, sit thar tway lar nay pyi", 3, ("danger",)),
]

# Everyday messages sharing the positives' words; each must stay at tier 0.
NEGATIVES: list[str] = [
    "sit tat yote shin kyi nay tal, kaung tal",
    "police tway lan paw mhar shi tal, traffic kyat tal",
    "sit tat nay a kyo pwal taw kyi mal",
    "MI phone a thit wel mal",
    "raid boss lote mal, game htae mhar",
    "pow that say pyan nay tal, lal mhar sa pa pin",
    "ta tar paw ka myit ko kyi nay tal, hla tal",
    "ya htar nae yangon thwar mal dee nay",
    "thanat pyit tae game kaung tal",
    "dar nae kyet thar hlee nay tal, dee nya htamin chet mal",
    "sit thar tway ywar ko lar khae tal, a khu pyan thwar pyi",
    "taung pan par tal naw, nout kya thwar lo",
    "a may ko chit tal naw, dee nya pyan lar mal",
    "yae tway ka lan pyaw pay tal, kyay zu tin par tal",
    "dee nay ma ah bu, ma net phyan twe mal",
    "myit kann mhar nga nga hpan nay tal",
    "pin lae kan mhar yay koo mal, dee nay a pu lo",
    "kyo nae nwar ko chi htar tal",
    "kywet that say wel khae tal, kywet myar lo",
    "a kyway tway a kone shin pyi, wan thar tal",
    "ma khan nai tot bu, bite sar lo",
    "nga a phay ka taxi mhar yauk nay pyi",
    "tonight pwal taw thwar mal, a pyaw",
    "now nga eain pyan yauk pyi",
    "a khu chet chin lar ka, htamin sar mal",
    "pin lae ko kyi chin tal, ma kyar khin thwar mal",
    # the final-r rule holds at a token's end only: English "try", "three", "pray" keep their letters
    "nga try chin tal, dee nay",
    "three nar yi mhar twae mal",
    "nga pray nay tal, a may nae",
    "nga a phay ka mee shoe nay tal, htamin chet bo",
    "bome pauk tae a than kya tal, thingyan pwal",
    "a ko ka ball ko kan tal, goal win tal",
    # English sentences with particle-like words: a phrase inside a word ("that de|cision") does not count
    "she shot herself in the foot with that decision",
    "the police man is my uncle, kaung tal naw",
    "yae tway ka ka lay pyauk ko shar nay tal",
    "sit thar tway lar nay tal lo movie htae mhar pyaw tal",
    # particles left out must not turn everyday talk into a phrase: hyperbole, devices, thanks
    "nga bite sar lo thay lite tot mal naw",
    "phone battery thay lite pyi naw",
    "kyay zu tin par tal naw, a kone pyi par pyi",
    "ho mhar an ta yae shi tal, ma thwar par nae",
    "phone pyauk thwar tal, shar ma twe bu",
    "doctor pay tae say thout htar tal, nay kaung lar pyi",
    "thu nge chin tway eain shay mhar yat nay tal, a pyin thwar mal",
    "a may ko sa yay htar tae, ma net phyan pyan lar mal",
]


@pytest.mark.parametrize(("text", "tier", "categories"), POSITIVES + MIXED)
def test_class_reaches_its_tier(detector: Detector, text: str, tier: int, categories: tuple[str, ...]) -> None:
    verdict = detector.scan(text)
    assert verdict.tier >= tier, (text, verdict)
    assert set(categories) & set(verdict.categories), (text, verdict)
    assert verdict.language == "my", text


@pytest.mark.parametrize("text", NEGATIVES)
def test_everyday_sharing_the_words_stays_quiet(detector: Detector, text: str) -> None:
    assert detector.scan(text).tier == 0, (text, detector.scan(text))


@pytest.mark.parametrize(("text", "tier", "categories"), POSITIVES)
def test_respellings_keep_the_tier(detector: Detector, text: str, tier: int, categories: tuple[str, ...]) -> None:
    for variant in variants(text, count=6):
        verdict = detector.scan(variant)
        assert verdict.tier >= tier, (variant, verdict)
        assert set(categories) & set(verdict.categories), (variant, verdict)


@pytest.mark.parametrize("text", NEGATIVES)
def test_respelt_negatives_stay_quiet(detector: Detector, text: str) -> None:
    for variant in variants(text, count=6):
        assert detector.scan(variant).tier == 0, (variant, detector.scan(variant))
