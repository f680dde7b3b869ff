"""The Myanmar font the app ships is cut to Burmese at build (web/scripts/font-plugin.mjs) to fit the first-load
budget. Cutting a font can drop a glyph its layout tables reach only through a ligature or a reordering, which would
break stacked consonants or kinzi while every single letter still draws: web/scripts/font-check.mjs renders every
Burmese line of the moderation corpus with the whole font and with the cut one in Chromium and requires the same
pixels (and a different picture with the system fallback, so an unloaded font cannot pass)."""

from __future__ import annotations

import json
import re

from tests.web.node_runner import WEB, build, require_chromium, run_node


def test_the_cut_myanmar_font_draws_burmese_exactly_as_the_whole_font() -> None:
    require_chromium()
    output = run_node(["scripts/font-check.mjs"])
    result = json.loads(output.strip().splitlines()[-1])
    assert result["same"] and result["fallbackDiffers"], result
    assert result["loaded"] == ["Whole:loaded", "Cut:loaded"], result
    assert result["lines"] > 100 and result["cutBytes"] < result["wholeBytes"], result


def test_the_app_ships_the_cut_font_and_names_its_ranges() -> None:
    build()
    fonts = list((WEB / "dist" / "app" / "assets").glob("noto-sans-myanmar-*.woff2"))
    assert len(fonts) == 1
    whole = WEB / "node_modules/@fontsource/noto-sans-myanmar/files/noto-sans-myanmar-myanmar-400-normal.woff2"
    assert fonts[0].stat().st_size < whole.stat().st_size * 0.7
    # The CSS the page loads sends only these characters to the cut font; anything else falls back to the system's.
    css = "".join(p.read_text() for p in (WEB / "dist" / "app" / "assets").glob("*.css"))
    ranges = re.findall(r"unicode-range:\s*([^;}]+)", css)
    assert [r.replace(" ", "").upper() for r in ranges] == ["U+1000-1059,U+200B-200D,U+25CC"], ranges
