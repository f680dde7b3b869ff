// Names for counselors. The server gives counselors no pseudonym (counseling.md: `GET /counselors` answers account
// ids), and a 32-hex id is not something a person can pick from a list or say to a colleague. So every device
// derives the same name from the id: a colour and an animal (256 pairs) and the id's first four hex digits, which
// tell apart the rare two who share a pair. It is computed, never stored or sent, and says nothing the id does not.
import type { Lang } from '../i18n.dom.js';

// [English, Burmese]: Burmese puts the colour after the animal ("ကြောင်နီ", a red cat).
const COLOURS: ReadonlyArray<readonly [string, string]> = [
  ['Red', 'နီ'], ['Blue', 'ပြာ'], ['Green', 'စိမ်း'], ['Yellow', 'ဝါ'], ['White', 'ဖြူ'], ['Black', 'နက်'],
  ['Purple', 'ခရမ်း'], ['Orange', 'လိမ္မော်ရောင်'], ['Pink', 'ပန်းရောင်'], ['Brown', 'ညို'], ['Grey', 'မီးခိုးရောင်'],
  ['Silver', 'ငွေရောင်'], ['Golden', 'ရွှေရောင်'], ['Jade', 'ကျောက်စိမ်းရောင်'], ['Sky', 'မိုးပြာရောင်'], ['Amber', 'ပယင်းရောင်'],
];
const ANIMALS: ReadonlyArray<readonly [string, string]> = [
  ['Cat', 'ကြောင်'], ['Tiger', 'ကျား'], ['Elephant', 'ဆင်'], ['Deer', 'သမင်'], ['Fish', 'ငါး'], ['Bird', 'ငှက်'],
  ['Horse', 'မြင်း'], ['Rabbit', 'ယုန်'], ['Peacock', 'ဒေါင်း'], ['Owl', 'ဇီးကွက်'], ['Crane', 'ကြိုးကြာ'], ['Turtle', 'လိပ်'],
  ['Bear', 'ဝက်ဝံ'], ['Monkey', 'မျောက်'], ['Dolphin', 'လင်းပိုင်'], ['Swan', 'ဟင်္သာ'],
];

/** "Red Cat 3fa2" (English) or "ကြောင်နီ 3fa2" (Burmese) for account id `id` (32 lowercase hex digits). */
export function counselorName(id: string, lang: Lang): string {
  const colour = COLOURS[parseInt(id.slice(-2, -1), 16)] ?? COLOURS[0]!;
  const animal = ANIMALS[parseInt(id.slice(-1), 16)] ?? ANIMALS[0]!;
  const tag = id.slice(0, 4);
  return lang === 'my' ? `${animal[1]}${colour[1]} ${tag}` : `${colour[0]} ${animal[0]} ${tag}`;
}
