// The Myanmar font, cut at build time to what Burmese uses: the Myanmar letters, signs and digits with the Pali
// letters (U+1000-1059), the zero-width space and joiners that Burmese text carries, and the dotted circle a
// shaper draws under a lone mark. The @fontsource file covers every language written in Myanmar script (Mon, Shan,
// Karen, the Extended-A/B blocks): twice the bytes, on a budget of 350 KB for a member's whole first load (issue 13).
// harfbuzz's subsetter (the same engine Chromium shapes with) keeps every glyph the font's layout tables reach from
// the kept characters, so stacked consonants, kinzi and medials render as with the whole font —
// scripts/font-check.mjs proves it in Chromium. app.css's unicode-range names the same ranges, so any other
// character falls back to the system font instead of a missing glyph.
import { readFileSync } from 'node:fs';
import subsetFont from 'subset-font';

export const MYANMAR_FONT_RANGES = [[0x0020, 0x0020], [0x00a0, 0x00a0], [0x1000, 0x1059], [0x200b, 0x200d], [0x25cc, 0x25cc]];
export const MYANMAR_FONT_FILE = /noto-sans-myanmar-myanmar-400-normal\.woff2$/;

export function myanmarCharacters() {
  let text = '';
  for (const [from, to] of MYANMAR_FONT_RANGES) for (let c = from; c <= to; c++) text += String.fromCodePoint(c);
  return text;
}

export function subsetMyanmarFont(path) {
  return subsetFont(readFileSync(path), myanmarCharacters(), { targetFormat: 'woff2' });
}

/** esbuild: the font file app.css names is emitted cut to MYANMAR_FONT_RANGES (still hashed by its content). */
export function myanmarFontPlugin() {
  return {
    name: 'myanmar-font-subset',
    setup(b) {
      b.onLoad({ filter: MYANMAR_FONT_FILE }, async (args) => ({ contents: await subsetMyanmarFont(args.path), loader: 'file' }));
    },
  };
}
