"""The compact export (moderation/export_pack.py) is lossless: decoded here the way web/src/core/detect/unpack.std.ts
decodes it, every form gives back exactly what the Python pipeline holds, in order. The TypeScript side is checked
end to end by the vectors (tests/web/test_web_vectors.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest

from moderation import export
from moderation.bundled import read_text
from moderation.detector import Detector
from moderation.export_pack import digits, fold_ranges, front_code, table, weights
from moderation.fold import message_table
from moderation.lexicon import expand
from moderation.normalize import default_normalizer


def front_decode(packed: str) -> list[str]:
    out: list[str] = []
    previous = ""
    for line in packed.split("\n") if packed else []:
        previous = previous[: ord(line[0]) - 0x30] + line[1:]
        out.append(previous)
    return out


def table_rows(packed: dict[str, Any]) -> list[list[Any]]:
    rests = [rest for count, *rest in packed["rest"] for _ in range(count)]
    rows: list[list[Any]] = []
    for source, rest in zip(front_decode(packed["src"]), rests, strict=True):
        for text in expand(source):
            rows.append([text, default_normalizer().phrase(text), *rest])
    return rows


def test_front_code_round_trips_shared_prefixes_astral_and_empty_texts() -> None:
    texts = ["kill myself", "kill myself now", "kill", "", "😀 sad", "😀 sad again", "x" * 200, "x" * 201]
    assert front_decode(front_code(texts)) == texts
    assert front_decode(front_code([])) == []
    with pytest.raises(ValueError, match="newline"):
        front_code(["two\nlines"])


def test_fold_ranges_give_back_the_fold_table() -> None:
    fold = {cp: out for cp, out in message_table().items() if out != chr(cp)}
    rebuilt: dict[int, str] = {}
    end = 0
    for gap, length, out, step in fold_ranges(fold):
        start = end + gap
        for i in range(length):
            rebuilt[start + i] = chr(ord(out) + i) if step else out
        end = start + length
    assert rebuilt == fold


def undigits(text: str) -> list[int]:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    out: list[int] = []
    z = shift = 0
    for ch in text:
        d = alphabet.index(ch)
        z |= (d & 31) << shift
        shift += 5
        if d < 32:
            out.append(z // 2 if z % 2 == 0 else -(z + 1) // 2)
            z = shift = 0
    assert shift == 0
    return out


def test_digits_round_trip_both_signs_and_large_numbers() -> None:
    values = [0, -1, 1, 15, -16, 16, 1000, -1000, 262143, -735, 869]
    assert undigits(digits(values)) == values


def test_weights_give_back_the_model() -> None:
    model = json.loads(read_text("data", "model.json"))
    packed = weights(model["weights"])
    gaps = undigits(packed["gaps"])
    assert len(gaps) == packed["rows"] and len(packed["columns"]) == packed["width"] == len(model["heads"])
    rebuilt_rows = [[0] * packed["width"] for _ in gaps]
    for head, (skips, values) in enumerate(packed["columns"]):
        row = -1
        for skip, value in zip(undigits(skips), undigits(values), strict=True):
            row += skip + 1
            assert value != 0
            rebuilt_rows[row][head] = value
    rebuilt: dict[str, list[int]] = {}
    bucket = 0
    for row, gap in enumerate(gaps):
        bucket += gap
        rebuilt[str(bucket)] = rebuilt_rows[row]
    assert rebuilt == model["weights"]


def test_weights_keep_a_row_of_zeros_and_a_last_row() -> None:
    # A row whose every weight is zero still has its bucket (its gap); a weight on the last row ends its column.
    rows = {"3": [0, 0], "9": [5, 0], "40": [0, -7]}
    packed = weights(rows)
    assert packed["rows"] == 3 and packed["width"] == 2
    assert [undigits(s) for s, _ in packed["columns"]] == [[1], [2]]
    assert [undigits(v) for _, v in packed["columns"]] == [[5], [-7]]


def test_lexicon_tables_expand_back_to_the_detectors_rows() -> None:
    detector = Detector.default()
    lx = export.build()["lexicon"]
    terms = [[t.text, t.key, t.category, t.tier, t.language] for x in detector.lexicons for t in x.terms]
    allow = [[a.text, a.key, a.language, int(a.silences_model)] for x in detector.lexicons for a in x.allow]
    cues = [[c.text, c.key, c.kind, c.position, c.language] for x in detector.lexicons for c in x.cues]
    assert table_rows(lx["terms"]) == terms
    assert table_rows(lx["allow"]) == allow
    assert table_rows(lx["cues"]) == cues
    assert len(table_rows(lx["anchors"])) == sum(len(x.anchors) for x in detector.lexicons)
    assert len(table_rows(lx["contexts"])) == sum(len(x.contexts) for x in detector.lexicons)


def test_a_source_phrase_that_does_not_give_the_rows_is_refused() -> None:
    rows = [["i want to die", "i want to die", "suicide", 3], ["i need to die", "i need to die", "suicide", 3]]
    assert table(rows, ["i {want|need} to die"])["n"] == 2
    with pytest.raises(ValueError, match="does not expand"):
        table(rows, ["i {need|want} to die"])
    with pytest.raises(ValueError, match="past the last"):
        table(rows, ["i want to die"])
    with pytest.raises(ValueError, match="does not expand"):
        table([rows[0], [*rows[1][:3], 2]], ["i {want|need} to die"])  # one source, two tiers


def test_export_is_deterministic_across_processes() -> None:
    # Different hash seeds: no set or dict order of one run may leak into the file (the build hashes what it ships).
    def run(seed: str) -> bytes:
        env = {**os.environ, "PYTHONHASHSEED": seed}
        return subprocess.run(
            [sys.executable, "-m", "moderation.export"], env=env, capture_output=True, check=True
        ).stdout

    assert run("1") == run("2")
