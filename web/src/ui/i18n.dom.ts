// Every string the web app shows, one catalogue per language (English and Burmese in Unicode), merged here from
// one table per area (app/, member/, counselor/, moderator/, admin/ strings.std.ts) so that areas worked on in
// parallel never edit the same file. A key missing from an area's Burmese table is a type error there, so no screen
// can fall back to English by accident; a key two areas both define is a type error here (merge() below), so one
// area can never silently replace another's string.
// `{name}` placeholders are filled by t(); nothing else is interpreted (text is always set as textContent).
import * as app from './app/strings.std.js';
import * as member from './member/strings.std.js';
import * as counselor from './counselor/strings.std.js';
import * as moderator from './moderator/strings.std.js';
import * as admin from './admin/strings.std.js';

/** Two tables as one; a key in both makes `b`'s type demand `never` for it, which no string is. */
function merge<A extends object, B extends object>(a: A, b: B & { [K in keyof A & keyof B]: never }): A & B {
  return { ...a, ...b };
}

const en = merge(merge(merge(merge(app.en, member.en), counselor.en), moderator.en), admin.en);

export type Key = keyof typeof en;
export type Catalogue = Record<Key, string>;

const my: Catalogue = { ...app.my, ...member.my, ...counselor.my, ...moderator.my, ...admin.my };

export type Lang = 'my' | 'en';
const catalogues: Record<Lang, Catalogue> = { en, my };

/** Burmese first when the browser lists a Burmese locale before any English one; English otherwise. */
export function preferredLanguage(languages: readonly string[]): Lang {
  for (const l of languages) {
    const base = l.toLowerCase().split('-')[0];
    if (base === 'my') return 'my';
    if (base === 'en') return 'en';
  }
  return 'en';
}

let current: Lang = 'en';

export function setLanguage(lang: Lang): void {
  current = lang;
  document.documentElement.lang = lang;
}

export function language(): Lang {
  return current;
}

export function t(key: Key, values: Record<string, string | number> = {}): string {
  return catalogues[current][key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}
