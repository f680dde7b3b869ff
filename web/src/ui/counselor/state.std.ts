// The counselor's console state, in memory: the offer on screen, the sessions this counselor is in, the one open,
// and the availability they saved.
import { expectObject, expectString } from '../../core/api.std.js';
import type { CounselingSession, HavenClient } from '../../core/client.std.js';
import { slice } from '../app/state.std.js';

export interface Offer {
  requestId: string;
  language: string;
  topic: string | null;
  priority: number;
  waitedMs: number;
  expiresAtMs: number;
}

export interface ConsoleState {
  offer: Offer | null;
  counselSessions: CounselingSession[];
  counsel: CounselingSession | null;
  available: boolean;
  availabilitySaved: boolean;
}

export const consoleState = slice<ConsoleState>(() => ({
  offer: null, counselSessions: [], counsel: null, available: false, availabilitySaved: false,
}));

export async function refreshConsole(client: HavenClient): Promise<void> {
  const me = client.accountId;
  consoleState.counselSessions = (await client.syncSessions())
    .filter((s) => s.status === 'active' && (s.counselorId === me || s.transferTo === me));
  if (consoleState.offer && consoleState.offer.expiresAtMs <= Date.now()) consoleState.offer = null;
  // Offers only once this counselor has said it is available (the server refuses the call before).
  if (!consoleState.offer && consoleState.available) {
    const o = await client.api.post('/v1/counseling/offers/next');
    if (o !== null) {
      const r = expectObject(o, 'offer');
      consoleState.offer = { requestId: expectString(r, 'request_id', 'offer'), language: expectString(r, 'language', 'offer'),
        topic: typeof r.topic === 'string' ? r.topic : null, priority: Number(r.priority ?? 0), waitedMs: Number(r.waited_ms ?? 0),
        expiresAtMs: Number(r.offer_expires_at ?? Date.now() + 60_000) }; // ms since the epoch (server clock)
    }
  }
}
