"""A small English inflector for lexicon phrases: "kill~" -> kill, kills, killed, killing.

Messages are not stemmed (that would cost time on every message and blur offsets); instead the
lexicon's marked words are expanded to their inflected forms at load time, so the automaton meets
"he hits me", "they tortured me" and "cutting again" from one phrase each. A word marked with
a trailing "~" expands; the rest of the phrase is left alone. Irregular verbs are listed; regular
forms follow the usual spelling rules (stop -> stopped, die -> dying, cry -> cried).
"""

from __future__ import annotations

# Only words the regular rules below get wrong (stab and swallow were listed with exactly the forms the
# rules produce, and are left to them); tests/moderation/test_moderation_morphology.py checks this.
IRREGULAR: dict[str, tuple[str, ...]] = {
    "beat": ("beats", "beaten", "beating"),
    "become": ("becomes", "became", "becoming"),
    "bleed": ("bleeds", "bled", "bleeding"),
    "break": ("breaks", "broke", "broken", "breaking"),
    "bring": ("brings", "brought", "bringing"),
    "burn": ("burns", "burned", "burnt", "burning"),
    "buy": ("buys", "bought", "buying"),
    "catch": ("catches", "caught", "catching"),
    "choose": ("chooses", "chose", "chosen", "choosing"),
    "come": ("comes", "came", "coming"),
    "cut": ("cuts", "cutting"),
    "die": ("dies", "died", "dying"),
    "do": ("does", "did", "done", "doing"),
    "drink": ("drinks", "drank", "drunk", "drinking"),
    "drive": ("drives", "drove", "driven", "driving"),
    "eat": ("eats", "ate", "eaten", "eating"),
    "fall": ("falls", "fell", "fallen", "falling"),
    "feel": ("feels", "felt", "feeling"),
    "fight": ("fights", "fought", "fighting"),
    "find": ("finds", "found", "finding"),
    "forget": ("forgets", "forgot", "forgotten", "forgetting"),
    "get": ("gets", "got", "gotten", "getting"),
    "give": ("gives", "gave", "given", "giving"),
    "go": ("goes", "went", "gone", "going"),
    "hang": ("hangs", "hung", "hanged", "hanging"),
    "have": ("has", "had", "having"),
    "hide": ("hides", "hid", "hidden", "hiding"),
    "hit": ("hits", "hitting"),
    "hold": ("holds", "held", "holding"),
    "hurt": ("hurts", "hurting"),
    "keep": ("keeps", "kept", "keeping"),
    "know": ("knows", "knew", "known", "knowing"),
    "leave": ("leaves", "left", "leaving"),
    "lie": ("lies", "lied", "lying"),
    "lose": ("loses", "lost", "losing"),
    "make": ("makes", "made", "making"),
    "put": ("puts", "putting"),
    "run": ("runs", "ran", "running"),
    "say": ("says", "said", "saying"),
    "see": ("sees", "saw", "seen", "seeing"),
    "sell": ("sells", "sold", "selling"),
    "send": ("sends", "sent", "sending"),
    "shoot": ("shoots", "shot", "shooting"),
    "sleep": ("sleeps", "slept", "sleeping"),
    "slit": ("slits", "slitting"),
    "steal": ("steals", "stole", "stolen", "stealing"),
    "take": ("takes", "took", "taken", "taking"),
    "tell": ("tells", "told", "telling"),
    "think": ("thinks", "thought", "thinking"),
    "throw": ("throws", "threw", "thrown", "throwing"),
    "wake": ("wakes", "woke", "woken", "waking"),
    "write": ("writes", "wrote", "written", "writing"),
    "tie": ("ties", "tied", "tying"),
    "lay": ("lays", "laid", "laying"),
    "knife": ("knives",),
    "life": ("lives",),
    "wife": ("wives",),
    "man": ("men",),
    "child": ("children",),
}
_VOWELS = "aeiou"


def inflections(word: str) -> tuple[str, ...]:
    """The word and its inflected forms (verb -s/-ed/-ing, which also covers noun plurals)."""
    if word in IRREGULAR:
        return (word, *IRREGULAR[word])
    if word.endswith("e"):
        return word, word + "s", word + "d", word[:-1] + "ing"
    if word.endswith("y") and len(word) > 2 and word[-2] not in _VOWELS:
        return word, word[:-1] + "ies", word[:-1] + "ied", word + "ing"
    if word.endswith(("s", "sh", "ch", "x", "z")):
        return word, word + "es", word + "ed", word + "ing"
    # One-syllable consonant-vowel-consonant words double the last letter: stop -> stopped.
    if (
        len(word) >= 3
        and word[-1] not in _VOWELS + "wxy"
        and word[-2] in _VOWELS
        and word[-3] not in _VOWELS
        and sum(ch in _VOWELS for ch in word) == 1
    ):
        return word, word + "s", word + word[-1] + "ed", word + word[-1] + "ing"
    return word, word + "s", word + "ed", word + "ing"


def inflect_phrase(phrase: str) -> list[str]:
    """Expand every "word~" in an (already brace-expanded) phrase into its inflections."""
    if "~" not in phrase:
        return [phrase]
    out = [""]
    for token in phrase.split(" "):
        forms = inflections(token[:-1]) if token.endswith("~") and len(token) > 1 else (token,)
        out = [f"{prefix} {form}" if prefix else form for prefix in out for form in forms]
    return out
