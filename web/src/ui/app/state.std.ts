// The app state, in memory only: the shell's own part (`app`) and one slice per area, declared in the area with
// slice(). Lock and wipe reset every part in place, so whoever holds a reference sees the fresh values; messages,
// keys and anything a screen learnt are gone with them.
import type { HavenClient } from '../../core/client.std.js';
import type { Key } from '../i18n.dom.js';
import type { Screen } from './registry.dom.js';

/** One line of a conversation on screen (group, member's session, counselor's session). */
export interface ChatLine {
  mine: boolean;
  sender: string;
  text: string;
  /** A line from the app itself (transfer, close), in its place among the messages. */
  notice?: Key;
  /** Where a received message sits, for a report (docs/alerts.md: its franking report, sealed to moderators). */
  conversation?: string;
  seq?: number;
  report?: 'asking' | 'sent';
}

export interface AppState {
  screen: Screen;
  client: HavenClient | null;
  busy: boolean;
  status: string;
  progress: number | null;
  error: string;
  confirmWipe: boolean;
  /** Every conversation's lines, by conversation id (memory only: gone on lock). */
  lines: Map<string, ChatLine[]>;
}

const freshApp = (): AppState => ({
  screen: 'welcome', client: null, busy: false, status: '', progress: null, error: '', confirmWipe: false, lines: new Map(),
});

export const app: AppState = freshApp();

interface Slice {
  reset(lock: boolean): void;
}
const slices: Slice[] = [];

/** An area's part of the state: `fresh` makes it empty; `keepOnLock` names what survives a quick lock (an invite
 * code opened before unlocking, say). Declare it at module top level; the object returned is reset in place. */
export function slice<T extends object>(fresh: () => T, keepOnLock: (old: T) => Partial<T> = () => ({})): T {
  const value = fresh();
  slices.push({
    reset: (lock) => {
      const kept = lock ? keepOnLock(value) : {};
      Object.assign(value, fresh(), kept);
    },
  });
  return value;
}

/** Everything back to a fresh start: `lock` keeps what each slice keeps on a quick lock, a wipe keeps nothing. */
export function resetState(lock: boolean): void {
  Object.assign(app, freshApp());
  for (const s of slices) s.reset(lock);
}
