// The tiny DOM helper every screen is built with, and the one element the app draws into. Strings become text
// nodes (never markup), so nothing a peer sends can become HTML.

/** The page's <main>: each render replaces its children. */
export const root = document.getElementById('app')!;

export type Child = Node | string | null | false | undefined;

/** An element from tag, attributes (a function is an event listener, true a bare attribute, false none) and
 * children; strings become text nodes. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | boolean | ((e: Event) => void)> = {},
  ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (typeof v === 'function') el.addEventListener(k, v);
    else if (v === true) el.setAttribute(k, '');
    else if (v !== false) el.setAttribute(k, v);
  }
  for (const c of children) if (c) el.append(c);
  return el;
}
