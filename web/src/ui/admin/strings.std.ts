// The admin area's strings (empty until its screens exist). Add a key to `en` and the same key to `my`: a string
// missing from either is a type error, and so is a key another area already defines (i18n.dom.ts).

export const en = {} as const;

export const my: Record<keyof typeof en, string> = {};
