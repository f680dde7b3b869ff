// The screen registry: where each area (member/, counselor/, moderator/, admin/) plugs its screens into the shell.
//
// README — adding a screen or an area:
//   1. Name the screen in the area's own file, by augmenting `Screens` (the name is what go() and the fragment
//      `#/<name>` use, type-checked everywhere):
//        declare module '../app/registry.dom.js' { interface Screens { dashboard: true } }
//   2. Register it at module top level:  registerScreens({ dashboard: { render: dashboardScreen, poll: refresh } });
//      render() returns the screen's elements (use h(), header(), errorLine() ... from app/; text via textContent only).
//   3. Area state: `export const mine = slice(() => ({ ... }))` (app/state.std.ts), typed and kept in the area.
//      Strings: the area's strings.std.ts (`en` + `my`), merged by i18n.dom.ts; t('key') is type-checked.
//   4. Server notices: onNotice(async (event, client) => ...) — every handler sees every notice.
//      Invite-style fragments: onFragment({ read, changed }) (see FragmentReader).
//   5. A new area: one folder with an index.dom.ts importing its screen modules, plus one import line in
//      ui/areas.dom.ts and one merge() in i18n.dom.ts.
// Screens that need no unlocked client say `public: true`; any other falls back to the unlock screen while locked.
import type { HavenClient } from '../../core/client.std.js';

/** Every screen name, declared by the areas (module augmentation). The shell itself navigates to these three,
 * which the member area provides. */
export interface Screens {
  welcome: true;
  unlock: true;
  home: true;
}
export type Screen = keyof Screens;

/** A conversation shown on a screen: incoming messages re-render it, the compose box sends to it. */
export interface ChatSource {
  conversation(): string | null;
  nameOf(sender: string): string;
  /** Sends `body`; returns the conversation it went to, or null when there was nowhere to send. */
  send(client: HavenClient, body: string): Promise<string | null>;
}

export interface ScreenDef {
  /** A stand-in until the chunk with the real screen has loaded (app/lazy.dom.ts); the real one replaces it. */
  lazy?: boolean;
  render(): HTMLElement[];
  /** Shown without an unlocked client (the identity screens). */
  public?: boolean;
  /** Focus the compose box when drawn. */
  focusCompose?: boolean;
  /** The conversation this screen shows, if any. */
  chat?: ChatSource;
  /** Every few seconds while shown: the backstop for a lost server notice. */
  poll?(client: HavenClient): Promise<void>;
  /** After a poll or a notice refreshed the state while this screen is shown (re-render, or move on). */
  refreshed?(): void;
  /** A message arrived in `conversation` (any conversation, not only the one `chat` names): for a screen that shows
   * several at once (the counselor console's sessions side by side). */
  message?(conversation: string): void;
}

const screens = new Map<Screen, ScreenDef>();

export function registerScreens(defs: { [S in Screen]?: ScreenDef }): void {
  for (const [name, def] of Object.entries(defs) as Array<[Screen, ScreenDef | undefined]>) {
    if (!def) continue;
    if (screens.has(name) && !screens.get(name)!.lazy) throw new Error(`screen ${name} registered twice`);
    screens.set(name, def);
  }
}

export function screenDef(name: Screen): ScreenDef {
  const def = screens.get(name);
  if (!def) throw new Error(`no screen ${name}`);
  return def;
}

/** A server notice as the client hands it over (docs/protocol.md). */
export interface Notice {
  event?: unknown;
  mode?: unknown;
}
type NoticeHandler = (notice: Notice, client: HavenClient) => Promise<void>;
const noticeHandlers: NoticeHandler[] = [];

/** Called for every notice, in registration order; a handler ignores the events that are not its own. */
export function onNotice(handler: NoticeHandler): void {
  noticeHandlers.push(handler);
}

export function noticeHandlersList(): readonly NoticeHandler[] {
  return noticeHandlers;
}

/** Takes something from the URL fragment into memory (an invite code), so it stays out of the address bar. */
export interface FragmentReader {
  /** Reads `hash`; if it was this reader's, replaces it and returns the fragment left in its place, else null. */
  read(hash: string): string | null;
  /** After a hashchange was read. */
  changed?(): void;
}
const fragmentReaders: FragmentReader[] = [];

export function onFragment(reader: FragmentReader): void {
  fragmentReaders.push(reader);
}

export function fragmentReadersList(): readonly FragmentReader[] {
  return fragmentReaders;
}
