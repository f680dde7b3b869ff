// The counselor's console state, in memory only (gone on lock and wipe like every slice): the offer on screen, the
// sessions this counselor is in (each with what the offer said about the member, and its notes), the colleagues a
// session can go to, and the availability saved. Nothing of it reaches the member's screens: the member area keeps
// its own slice (member/helpState.std.ts).
import type { CounselingSession, HavenClient } from '../../core/client.std.js';
import * as counselor from '../../core/counselor.std.js';
import type { Colleague, CounselorOffer } from '../../core/counselor.std.js';
import { slice } from '../app/state.std.js';

/** What the accepted offer said about the person: the console shows it in the session's column. A session that
 * came by transfer has none (the offer was someone else's; the note carries what they knew). */
export interface AboutMember {
  language: string;
  topic: string | null;
  /** How long they had waited when the offer was accepted (ms). */
  waitedMs: number;
}

export interface SessionNote {
  author: string;
  text: string;
}

export interface SessionView {
  session: CounselingSession;
  /** "Member 1", "Member 2"…: numbered in the order this console first saw them, never by anything of theirs. */
  label: number;
  about: AboutMember | null;
  notes: SessionNote[];
}

export enum OfferState {
  /** The counselor has not said it is available: the server refuses offers. */
  Unavailable = 'unavailable',
  Waiting = 'waiting',
  AtCapacity = 'at_capacity',
}

export interface ConsoleState {
  /** Set once the console has been opened: server notices are the console's only after that (a member's client
   * gets session notices too, and must not spend requests on the console's behalf). */
  opened: boolean;
  offer: CounselorOffer | null;
  /** performance.now() when the offer arrived, for its waiting time on screen (monotonic, unlike Date.now()). */
  offerSeenAt: number;
  offerState: OfferState;
  sessions: Map<string, SessionView>;
  nextLabel: number;
  /** The session shown when the screen is too narrow for columns side by side (tabs). */
  selected: string | null;
  colleagues: Colleague[];
  available: boolean;
  languages: string[];
  maxSessions: number;
  availabilitySaved: boolean;
  /** performance.now() of the last full refresh, so the 3 s poll only backs up the pushed notices. */
  lastSync: number;
}

export const consoleState = slice<ConsoleState>(() => ({
  opened: false, offer: null, offerSeenAt: 0, offerState: OfferState.Unavailable, sessions: new Map(), nextLabel: 1,
  selected: null, colleagues: [], available: false, languages: [], maxSessions: 3, availabilitySaved: false, lastSync: -Infinity
}));

/** The sessions from the server (the truth), keeping what this console knew of each; notes reloaded for new ones
 * and for `reloadNotes`. Returns the ids that went away (closed, or handed over). */
export async function syncSessions(client: HavenClient, reloadNotes: ReadonlySet<string> = new Set()): Promise<string[]> {
  const me = client.accountId;
  const found = (await client.syncSessions())
    .filter((s) => s.status === 'active' && (s.counselorId === me || s.transferTo === me));
  const gone = [...consoleState.sessions.keys()].filter((id) => !found.some((s) => s.sessionId === id));
  for (const id of gone) consoleState.sessions.delete(id);
  for (const s of found) {
    const known = consoleState.sessions.get(s.sessionId);
    const view = known ?? { session: s, label: consoleState.nextLabel++, about: null, notes: [] };
    view.session = s;
    if (!known || reloadNotes.has(s.sessionId)) view.notes = await client.sessionNotes(s.sessionId);
    consoleState.sessions.set(s.sessionId, view);
  }
  if (consoleState.selected === null || !consoleState.sessions.has(consoleState.selected)) {
    consoleState.selected = consoleState.sessions.keys().next().value ?? null;
  }
  consoleState.lastSync = performance.now();
  return gone;
}

/** Asks the server for an offer when this counselor can take one and holds none. True when a new one arrived. */
export async function fetchOffer(client: HavenClient): Promise<boolean> {
  if (consoleState.offer || !consoleState.available) return false;
  const active = [...consoleState.sessions.values()].length;
  consoleState.offerState = active >= consoleState.maxSessions ? OfferState.AtCapacity : OfferState.Waiting;
  if (consoleState.offerState === OfferState.AtCapacity) return false;
  const offer = await counselor.nextOffer(client.api);
  if (!offer || consoleState.offer) return false;
  consoleState.offer = offer;
  consoleState.offerSeenAt = performance.now();
  return true;
}
