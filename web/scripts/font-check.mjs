// Proves in Chromium that the Myanmar font cut at build (scripts/font-plugin.mjs) draws Burmese exactly as the
// whole font does: every Burmese line of the moderation corpus (real sentences: stacked consonants, kinzi, medials,
// reordered vowels, Pali letters, digits) plus every kept character is laid out once with each font, and the two
// screenshots must be the same bytes. A third rendering with the system's fallback must differ, so the check fails
// if a font did not load at all. Prints one JSON line; exits 1 on a difference, 2 if Chromium cannot run.
// Run: node scripts/font-check.mjs   (tests/web/test_web_font.py runs it)
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { myanmarCharacters, subsetMyanmarFont } from './font-plugin.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const executablePath = process.env.HAVEN_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  console.error(`chromium not found at ${executablePath}`);
  process.exit(2);
}
const fontPath = join(root, 'node_modules/@fontsource/noto-sans-myanmar/files/noto-sans-myanmar-myanmar-400-normal.woff2');
const whole = readFileSync(fontPath);
const cut = Buffer.from(await subsetMyanmarFont(fontPath));
const corpus = readFileSync(join(root, '..', 'tests/moderation/corpus/my.tsv'), 'utf8')
  .split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t').at(-1));
const lines = [...corpus, myanmarCharacters()];
const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const face = (name, bytes) => `@font-face { font-family: '${name}'; src: url(data:font/woff2;base64,${bytes.toString('base64')}) format('woff2'); }`;
const html = `<!doctype html><meta charset="utf-8"><style>${face('Whole', whole)}${face('Cut', cut)}
  body { margin: 0; background: #fff; } div { width: 900px; font-size: 20px; line-height: 1.6; color: #000; }
  #whole { font-family: 'Whole', monospace; } #cut { font-family: 'Cut', monospace; } #fallback { font-family: monospace; }</style>
  <div id="whole">${lines.map(escape).join('<br>')}</div><div id="cut">${lines.map(escape).join('<br>')}</div>
  <div id="fallback">${lines.map(escape).join('<br>')}</div>`;

let browser;
try {
  browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none'] });
  const page = await browser.newPage({ viewport: { width: 900, height: 800 } });
  await page.setContent(html);
  const loaded = await page.evaluate(async (sample) => {
    await Promise.all([document.fonts.load(`20px Whole`, sample), document.fonts.load(`20px Cut`, sample)]);
    await document.fonts.ready;
    return [...document.fonts].map((f) => `${f.family}:${f.status}`);
  }, myanmarCharacters());
  const shot = async (id) => page.locator(`#${id}`).screenshot();
  const [a, b, c] = [await shot('whole'), await shot('cut'), await shot('fallback')];
  const result = { lines: lines.length, wholeBytes: whole.length, cutBytes: cut.length, loaded,
    same: a.equals(b), fallbackDiffers: !a.equals(c) };
  console.log(JSON.stringify(result));
  process.exitCode = result.same && result.fallbackDiffers && loaded.every((s) => s.endsWith(':loaded')) ? 0 : 1;
} catch (e) {
  console.error(String(e));
  process.exitCode = 2;
} finally {
  await browser?.close();
}
