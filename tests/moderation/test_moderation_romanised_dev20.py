"""Romanised Burmese, dev20 pass (romanised table 2026.12.17): the register of the dev20 round's writers, by class.

The shortest phone style folded ("ng" for nga, "bl" for bal, "ttw" for taw, "pyw" for pyaw, "pyn" for pyan, "apw"
for a paw, "dr" for dar, "mr" alone for mhar, "kg" / "kyg" for kaung / kyaung), the event cue "parade" dropped (it
folded onto "bike"), and these classes: on a bridge, roof or height now with a farewell (don't worry, don't cry, don't
look for me); a floor counted with the urge to jump; a past attempt told as tried (kyi, pho lote); a rope or pills
with a room locked; a means made ready beside an intent; a gun sought for oneself; not wanting to wake again; the arm
cut again or hidden under sleeves; a threat to kill with a knife or gun, or if the writer runs; forced into a car at
gunpoint; a weapon held at the writer and the children; an abuser hitting with an object or every day, a partner who
controls; strangers who photograph the writer, show the writer's photo, call from an unknown number asking where the
writer lives, ask whether the writer was a soldier, tell the police about the writer, know where the writer lives; a
friend arrested with the writer's number; a checkpoint where being found means the end; a tracker found; a threat of
arrest; forces and gunfire or bombs at the village, drones over it; the writer's name posted as a deserter or on a
wanted list; distress (worthlessness, nights without sleep counted, nightmares, no hope or future, the faces of those
one shot, home out of reach, a parent's death missed, a parent who no longer speaks to the writer). Hyperbole (a
hangover "will kill me"), teasing (said teasingly) and a chicken killed for cooking stay quiet. Every message
here was written for this file; none is copied from a corpus.
"""

from __future__ import annotations

import pytest

from moderation import Detector

AT_LEAST = [
    # the shortest phone style
    ("ng bl mr nay lae thi thwar p", 3),
    ("ng lat ko dr nk lhee lite p", 3),
    # at a height now with a farewell; a floor counted with the urge to jump
    ("ta tar paw mhar yat nay tal, nga a twet sate ma pu par nae, a may", 4),
    ("bridge pay mhar tet nay pi. nga atwat ma ngo par nae naw", 4),
    ("a mo pay mhar yat nay tal, ma ma nga ko ma shar par nae", 4),
    ("7 htat a paw ka auk ko kyi nay tal, khone chin lar tal", 3),
    ("8htat apw ka kyi nay tl, khone cha chin la tal", 3),
    # past attempts told as tried
    ("ta lae ka kyo swae kyi khae pi, kyo pyat thwar tal", 3),
    ("ta tar ka khone cha kyi khae tal, lu twe hsel lo", 3),
    # a means with a room locked; a means made ready; a gun sought for oneself; not waking again
    ("a ko ka kyo nae a khan ta khar pate htar pi, khaw lo ma htu bu", 4),
    ("tha nge chin ka ait say ko a khan htae mhar lock lite pi", 4),
    ("ait say pyin htar pi, thay mal", 3),
    ("thanat ta lat ya nai ma lar, nga a twet", 3),
    ("a pyan ma noe par say lo su taung tal", 2),
    # cutting again, sleeves
    ("sleeves shay wut ya tal, pyan lote mi pi", 3),
    ("scars twe shi lo long sleeves wut tal", 3),
    # threats with a weapon; forced into a car; a weapon at the writer and the children
    ("boss ka dar nae that mal lo pyaw tal", 3),
    ("yout kyar ka dar nae a thet that mal lo chain tal", 3),
    ("pwe sar ka pyan pyay yin that mal tae", 3),
    ("thanat nae chein pi kar htae tin thwar pi", 4),
    ("thanat nae nga nae ka lay twy ko chein htar tl", 4),
    # hitting with an object, every day; a controlling partner
    ("a phay ka pu tine nae nga ko yite khae tal", 3),
    ("yk ka bottle nk ng ko yite tl", 3),
    ("yk ka ta nay kone yite tal", 2),
    ("lin ka phone ko a myae check tal, a pyin ma thwar ya bu, khwint pay mha", 2),
    ("a phay ka nga ko lae pin nyit tal", 3),
    # strangers
    ("lu sein ta yout ka nga ko datpone yite thwar tl, ma thi b", 3),
    ("ng datpone pya p mye nay tl", 3),
    ("unknown number ka phone khaw tl, min bal mhar nay lae tae", 2),
    ("ta yout ka nga sit thar ka lar lo mayy tal", 2),
    ("nga a kyaung police ko tate tate pyaw nay tal", 2),
    ("a ko phan khan ya pi, phone hmar nga number pa tal", 2),
    ("checkpoint mhar card sit nay tal, thi yin pi pi", 4),
    ("GPS tracker ta khu nga sai kel mhar twe tal", 3),
    ("motorbike auk mhar tracker twe tl", 3),
    ("broker ka pyan pyay yin phan khai mal tae", 2),
    # forces at the village; the writer posted or listed
    ("ywar ko sit thar twy win lar nay tal, thanat than kyar nay tal", 4),
    ("drone twy ywar paw mhar pyan nay tl", 3),
    ("fb mhar nga photo ko share pi, sit pyay lo yay tal", 3),
    ("nga nar me wanted list htae mhar pa tl", 3),
    # distress
    ("nga bar mha ma hote taw bu", 1),
    ("ate ma ya tar 5 yat shi pi", 1),
    ("ate mat sote ta nya lone mat tal", 1),
    ("ate mat mhar sit a kyaung pyan mat tal", 1),
    ("myaw lint chet ma shi taw bu", 1),
    ("ng anargat ma shi ttw b", 1),
    ("thanat nae pyit khae tae lu tway mat nhar twe mhat mi nay tal", 1),
    ("ywar ko lwan tal, ma pyan nai taw bu", 1),
    ("a phay thay tone ka nga ma shi khae bu", 1),
    ("a may ka nga nae ma pyaw taw bu", 1),
]

AT_MOST = [
    "tada pay mhar yat nay tal, photo yite pay par",
    "kyo ywae htar pi, a wut hlan mal",
    "ait say pyin htar pi, a may a twet",
    "thanat ta lat ya nai lar, game htae mhar",
    "sleeves shay wut tal, a yay chan lo",
    "ka lay ka nga ko photo yite pay tal",
    "a may ka nga dat pone pya pi, kaung lar lo mayy tal",
    "grab ka phone khaw tal, bal hmar lae tae",
    "nga bal hmar nay lae a may thi pi",
    "checkpoint ko kyaw pi, a khu yangon yauk pi",
    "ate ma pyaw bu, a lote myar lo",
    "ate mat kaung tal, ta nya lone",
    "ywar ko ma pyan ya taw bu, a may lar pi",
    "a may ka nga nae pyaw nay tal",
    "hangover thay lite mal kwa",
    "nga ko that pyit mal lo nout pyaw tal haha",
    "a phay ka kyet ko dar nae that mal lo pyaw tal",
    "kar htae tin thwar pi, bal ko thwar mal ma thi bu, surprise tae",
    "drone nae photo yite nay tal, ywar ko lha tal",
    "nga photo ko share pi, kaung tal tae",
    "nga nar me list htae mhar pa tal, exam pass pi",
    "lay yin pyan lar nay tal, ma ma lar pi",
    "pyan pyay yin kaung mal",
]


@pytest.mark.parametrize(("text", "tier"), AT_LEAST)
def test_dev20_at_least(text: str, tier: int) -> None:
    assert Detector.default().scan(text).tier >= tier, text


@pytest.mark.parametrize("text", AT_MOST)
def test_dev20_quiet(text: str) -> None:
    assert Detector.default().scan(text).tier == 0, text
