"""Generate the crisis-detection vectors in this folder: `python tests/vectors/moderation/generate.py`.

For a second engine (the browser client) to reproduce: every message's normalised text (the fast
path, `Normalizer.fast`), whether it was read as Zawgyi, the matches with spans into the ORIGINAL
text (UTF-16 code units are NOT used: offsets count Unicode code points, as Python str does), the
trained model's integer head scores, and the verdict (tier, categories, language, reasons).
Messages: every labelled corpus, held-out and split file in tests/moderation/corpus/, their
Zawgyi copies, and evasion variants (leetspeak, spacing, stretching, look-alike letters, curly
apostrophes, emoji), deterministic. `tests/moderation/test_moderation_vectors.py` regenerates the
vectors and compares them with the committed JSON, and checks `Detector.scan` (fast paths
included) against every vector.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "moderation"))

from make_zawgyi_corpus import unicode_to_zawgyi  # noqa: E402
from test_moderation_act_object import VECTOR_MESSAGES as ACT_OBJECT  # noqa: E402
from test_moderation_doubles import VECTOR_MESSAGES as DOUBLES  # noqa: E402
from test_moderation_en_transfer import VECTOR_MESSAGES as EN_TRANSFER  # noqa: E402
from test_moderation_everyday_frames import VECTOR_MESSAGES as EVERYDAY_FRAMES  # noqa: E402
from test_moderation_everyday_negatives_2 import VECTOR_MESSAGES as EVERYDAY_2  # noqa: E402
from test_moderation_fifth_pass import AT_LEAST as FIFTH_AT_LEAST  # noqa: E402
from test_moderation_fifth_pass import AT_LEAST_2 as FIFTH_AT_LEAST_2  # noqa: E402
from test_moderation_fifth_pass import NOT_CRISIS as FIFTH_NOT_CRISIS  # noqa: E402
from test_moderation_fifth_pass import NOT_CRISIS_2 as FIFTH_NOT_CRISIS_2  # noqa: E402
from test_moderation_fourth_pass import AT_LEAST, AT_MOST  # noqa: E402
from test_moderation_my_means_acts import VECTOR_MESSAGES as MY_MEANS_ACTS  # noqa: E402
from test_moderation_romanised import EMOJI_VECTOR_MESSAGES as ROM_EMOJI  # noqa: E402
from test_moderation_romanised import FIFTH_VARIANTS  # noqa: E402
from test_moderation_romanised_mechanisms import NEGATIVES as MECH_NEGATIVES  # noqa: E402
from test_moderation_romanised_mechanisms import POSITIVES as MECH_POSITIVES  # noqa: E402
from test_moderation_romanised_transfer import VECTOR_MESSAGES as ROM_TRANSFER  # noqa: E402
from test_moderation_romanised_variants import NEGATIVES as ROM_NEGATIVES  # noqa: E402
from test_moderation_romanised_variants import POSITIVES as ROM_POSITIVES  # noqa: E402
from test_moderation_romanised_variants import variants as rom_variants  # noqa: E402
from test_moderation_segments import typed_in_zawgyi_order  # noqa: E402

from moderation import Detector, Verdict  # noqa: E402
from moderation.model import bundled_model  # noqa: E402
from moderation.normalize import default_normalizer  # noqa: E402

HERE = Path(__file__).resolve().parent
CORPUS = ROOT / "tests" / "moderation" / "corpus"
# One file per family keeps each reviewable.
FILES = {
    "en": "en.json",
    "my": "my.json",
    "my-zawgyi": "my_zawgyi.json",
    "rom": "romanised.json",
    "evasion": "evasion.json",
    "rules": "rules.json",
    "everyday": "everyday.json",
    "my-typed-order": "my_typed_order.json",
    "rom-mechanisms": "romanised_mechanisms.json",
    "set8-en": "set8_en.json",
    "set8-my": "set8_my.json",
    "set8-my-zawgyi": "set8_my_zawgyi.json",
    "set8-rom": "set8_rom.json",
    "acts-emoji": "acts_emoji.json",
    "blind2-en": "blind2_en.json",
    "blind2-my": "blind2_my.json",
    "blind2-my-zawgyi": "blind2_my_zawgyi.json",
    "blind2-rom": "blind2_rom.json",
    "blind3-en": "blind3_en.json",
    "blind3-my": "blind3_my.json",
    "blind3-my-zawgyi": "blind3_my_zawgyi.json",
    "blind3-rom": "blind3_rom.json",
    "blind4-en": "blind4_en.json",
    "blind4-my": "blind4_my.json",
    "blind4-my-zawgyi": "blind4_my_zawgyi.json",
    "blind4-rom": "blind4_rom.json",
    "transfer": "transfer.json",
    "blind5-en": "blind5_en.json",
    "blind5-my": "blind5_my.json",
    "blind5-my-zawgyi": "blind5_my_zawgyi.json",
    "blind5-rom": "blind5_rom.json",
    "blind6-en": "blind6_en.json",
    "blind6-my": "blind6_my.json",
    "blind6-my-zawgyi": "blind6_my_zawgyi.json",
    "blind6-rom": "blind6_rom.json",
    "blind7-en": "blind7_en.json",
    "blind7-my": "blind7_my.json",
    "blind7-my-zawgyi": "blind7_my_zawgyi.json",
    "blind7-rom": "blind7_rom.json",
    "blind8-en": "blind8_en.json",
    "blind8-my": "blind8_my.json",
    "blind8-my-zawgyi": "blind8_my_zawgyi.json",
    "blind8-rom": "blind8_rom.json",
    "blind9-en": "blind9_en.json",
    "blind9-my": "blind9_my.json",
    "blind9-my-zawgyi": "blind9_my_zawgyi.json",
    "blind9-rom": "blind9_rom.json",
}
# The blind-written rounds (set 8, set 9, dev10, sets 11-16, dev11-17; 2026-12-05) have families of their
# own, so adding them left the earlier families' messages as they were (the corpus glob below is sorted and every
# family is capped).
BLIND_ROUNDS = {
    "dev8_en.tsv": "set8-en",
    "heldout8_en.tsv": "set8-en",
    "dev8_my.tsv": "set8-my",
    "heldout8_my.tsv": "set8-my",
    "dev8_rom.tsv": "set8-rom",
    "heldout8_rom.tsv": "set8-rom",
    # The second blind round (held-out set 9, the dev10 training half), in families of their own for the same reason.
    "heldout9_en.tsv": "blind2-en",
    "dev10_en.tsv": "blind2-en",
    "heldout9_my.tsv": "blind2-my",
    "dev10_my.tsv": "blind2-my",
    "heldout9_rom.tsv": "blind2-rom",
    "dev10_rom.tsv": "blind2-rom",
    # The third (held-out set 11, the dev11 training round); each family is capped at 600 like every other.
    "heldout11_en.tsv": "blind3-en",
    "dev11_en.tsv": "blind3-en",
    "dev11_en_b.tsv": "blind3-en",
    "heldout11_my.tsv": "blind3-my",
    "dev11_my.tsv": "blind3-my",
    "heldout11_rom.tsv": "blind3-rom",
    "dev11_rom_a.tsv": "blind3-rom",
    "dev11_rom_b.tsv": "blind3-rom",
    # The fourth (held-out set 12, the dev12 round).
    "heldout12_en.tsv": "blind4-en",
    "dev12_en.tsv": "blind4-en",
    "dev12_en_b.tsv": "blind4-en",
    "heldout12_my.tsv": "blind4-my",
    "dev12_my.tsv": "blind4-my",
    "heldout12_rom.tsv": "blind4-rom",
    "dev12_rom.tsv": "blind4-rom",
    # The fifth (held-out set 13, the dev13 round).
    "heldout13_en.tsv": "blind5-en",
    "dev13_en.tsv": "blind5-en",
    "heldout13_my.tsv": "blind5-my",
    "dev13_my.tsv": "blind5-my",
    "heldout13_rom.tsv": "blind5-rom",
    "dev13_rom.tsv": "blind5-rom",
    # The sixth (held-out set 14, the dev14 round, in registers new to the rounds).
    "heldout14_en.tsv": "blind6-en",
    "dev14_en.tsv": "blind6-en",
    "heldout14_my.tsv": "blind6-my",
    "dev14_my.tsv": "blind6-my",
    "heldout14_rom.tsv": "blind6-rom",
    "dev14_rom_a.tsv": "blind6-rom",
    "dev14_rom_b.tsv": "blind6-rom",
    # Held-out set 15, a measurement after set 14 chose.
    "heldout15_en.tsv": "blind7-en",
    "heldout15_my.tsv": "blind7-my",
    "heldout15_rom.tsv": "blind7-rom",
    # Held-out set 16 (this stop's chooser) and the dev15 round; the dev16 and dev17 rounds.
    "heldout16_en.tsv": "blind8-en",
    "dev15_en.tsv": "blind8-en",
    "heldout16_my.tsv": "blind8-my",
    "dev15_my_a.tsv": "blind8-my",
    "dev15_my_b.tsv": "blind8-my",
    "heldout16_rom.tsv": "blind8-rom",
    "dev15_rom_a.tsv": "blind8-rom",
    "dev15_rom_b.tsv": "blind8-rom",
    "dev16_en.tsv": "blind9-en",
    "dev17_en_a.tsv": "blind9-en",
    "dev17_en_b.tsv": "blind9-en",
    "dev16_my_a.tsv": "blind9-my",
    "dev16_my_b.tsv": "blind9-my",
    "dev17_my_a.tsv": "blind9-my",
    "dev17_my_b.tsv": "blind9-my",
    "dev16_rom_a.tsv": "blind9-rom",
    "dev16_rom_b.tsv": "blind9-rom",
    "dev16_rom_c.tsv": "blind9-rom",
    "dev17_rom_a.tsv": "blind9-rom",
    "dev17_rom_b.tsv": "blind9-rom",
    "dev17_rom_c.tsv": "blind9-rom",
}
_LEET = str.maketrans({"i": "1", "e": "3", "a": "4", "o": "0", "s": "$"})
_LOOKALIKE = str.maketrans({"a": "а", "e": "е", "o": "о", "c": "с", "p": "р"})  # Cyrillic


def _messages() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {family: [] for family in FILES}
    for path in sorted(CORPUS.rglob("*.tsv")):
        if path.name.replace("_zawgyi", "") in BLIND_ROUNDS:  # families of their own (below)
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            text = line.split("\t")[-1]
            parts = line.split("\t")
            language = parts[3] if len(parts) == 5 else ("rom" if "rom" in path.name else "")
            if not language:
                language = (
                    "my-zawgyi"
                    if "zawgyi" in path.name
                    else ("my" if "_my" in path.name or path.name == "my.tsv" else "en")
                )
            if language == "my-zawgyi":
                out["my-zawgyi"].append(text)
            elif language == "my":
                out["my"].append(text)
                out["my-zawgyi"].append(unicode_to_zawgyi(text))
            elif language == "rom":
                out["rom"].append(text)
            else:
                out["en"].append(text)
    for text in out["en"][:400:4]:
        out["evasion"].extend(
            (
                text.translate(_LEET),
                " ".join(text[:30]),
                text.replace("e", "eeee", 1),
                text.translate(_LOOKALIKE),
                text.replace("'", "\u2019") + " \U0001f48a",
                text.upper(),
            )
        )
    # The messages written for the rule tests of the latest pass (2026.12.4: romanised combos,
    # mishap frames, imminence), which the corpus families above, capped, may not reach.
    out["rules"].extend(text for text, _ in (*AT_LEAST, *AT_MOST))
    # 2026.12.5: the fifth pass's classes and everyday sentences (the intent cue against mishaps).
    out["rules"].extend(text for text, _ in (*FIFTH_AT_LEAST, *FIFTH_AT_LEAST_2))
    out["rules"].extend((*FIFTH_NOT_CRISIS, *FIFTH_NOT_CRISIS_2))
    out["rules"].extend(text for texts, _, _ in FIFTH_VARIANTS for text in texts)
    out["rules"].extend(DOUBLES)
    out["rules"].extend(EVERYDAY_FRAMES)
    # 2026.12.6: the romanised respellings (words run together are cut into syllables by both engines).
    out["rules"].extend(v for text in (*(t for t, _, _ in ROM_POSITIVES), *ROM_NEGATIVES) for v in rom_variants(text))
    # 2026.12.7: the second everyday hard-negative set and its crisis messages (rules.json is full), Burmese also
    # re-encoded in Zawgyi.
    out["everyday"].extend(EVERYDAY_2)
    out["everyday"].extend(unicode_to_zawgyi(t) for t in EVERYDAY_2 if any("\u1000" <= c <= "\u109f" for c in t))
    # 2026.12.7: Burmese Unicode as a Zawgyi user types it (E and medial RA before their consonant).
    out["my-typed-order"].extend(t for t in map(typed_in_zawgyi_order, out["my"]) if t not in out["my"])
    # 2026.12.8: the romanised mechanisms pass (wide combos, time after the verb), every other file being full.
    out["rom-mechanisms"] = [*(t for t, _ in MECH_POSITIVES), *MECH_NEGATIVES]
    for name, family in BLIND_ROUNDS.items():
        path = CORPUS / name
        if not path.exists():
            continue
        texts = [line.split("\t")[-1] for line in path.read_text("utf-8").splitlines() if line and line[0] != "#"]
        out[family].extend(texts)
        if family.endswith("-my"):
            out[family + "-zawgyi"].extend(unicode_to_zawgyi(t) for t in texts)
    # 2026.12.10: English acts meeting their object across a few words; emoji as romanised tokens.
    out["acts-emoji"].extend((*ACT_OBJECT, *ROM_EMOJI))
    # A number after an astral letter (leetspeak or not is decided on whole characters in both engines; seed 12 of
    # tests/web/test_web_detection.py found the browser reading half a surrogate pair).
    # 2026-12-05: the classes-crossed-with-classes passes (English 2026.12.12, Burmese 2026.12.10 also in Zawgyi,
    # romanised 2026.12.12), their authors' own sentences.
    out["transfer"].extend((*EN_TRANSFER, *MY_MEANS_ACTS, *map(unicode_to_zawgyi, MY_MEANS_ACTS), *ROM_TRANSFER))
    out["acts-emoji"].extend(("the house\U00020000" + "10\u0130PUBG", "\U0001d41a10pm", "kill\U0001d7ce0 tonight"))
    # A time word exactly 80 code points (CONTEXT_WINDOW) before a hit with an astral letter between: 81 UTF-16 units,
    # which the browser once counted (a fuzz seed, 2026-12-05); and one code point further, out of reach in both.
    out["acts-emoji"].extend(
        (
            "I've booked the hotel room for tonight. Bought the bottle and the pills on the way. I won't check out"
            " \U00020000 တစ်ယောက်ယောက် ငါ့နောက် လိုက်နေတယ်",
            "I've booked the hotel room for tonight. Bought the bottle and the pills on the way. I won't check out"
            " \U00020000\U00020000 တစ်ယောက်ယောက် ငါ့နောက် လိုက်နေတယ်",
        )
    )
    # De-duplicate, keeping order, and cap each family so the files stay reviewable.
    return {family: list(dict.fromkeys(texts))[:600] for family, texts in out.items()}


def vector(detector: Detector, text: str) -> dict[str, Any]:
    normalizer = default_normalizer()
    norm, zawgyi = normalizer.fast(text)
    model = bundled_model()
    verdict: Verdict = detector.scan(text)
    return {
        "input": text,
        "normalised": norm,
        "zawgyi": zawgyi,
        "model_scores": list(model.score(norm).scores) if model is not None else None,
        "tier": verdict.tier,
        "categories": sorted(verdict.categories),
        "language": verdict.language,
        "matches": [
            {
                "start": m.start,
                "end": m.end,
                "term": m.term,
                "category": m.category,
                "tier": m.tier,
                "base_tier": m.base_tier,
                "language": m.language,
                "reasons": list(m.reasons),
            }
            for m in verdict.matches
        ],
    }


def build() -> dict[str, dict[str, Any]]:
    detector = Detector.default()
    versions = {**detector.versions}
    model = bundled_model()
    out: dict[str, dict[str, Any]] = {}
    for family, texts in _messages().items():
        out[FILES[family]] = {
            "about": "moderation pipeline vectors; see tests/vectors/moderation/generate.py and docs/moderation.md",
            "lexicons": versions,
            "model": model.version if model is not None else None,
            "vectors": [vector(detector, t) for t in texts],
        }
    return out


def render(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def main() -> int:
    total = 0
    for name, data in build().items():
        (HERE / name).write_text(render(data), encoding="utf-8")
        total += len(data["vectors"])
        print(f"{name}: {len(data['vectors'])} vectors")
    print(f"total {total}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
