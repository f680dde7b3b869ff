// The counselor's calls that HavenClient does not carry (docs/counseling.md, "Counselors"): the offer in full (what
// the console shows about the person waiting), the queue, declining, the colleagues a session can go to, cancelling
// a warm transfer. Plain HTTP through the client's HavenApi; nothing here needs a key.
import { ApiError, expectArray, expectBool, expectId, expectInt, expectObject, expectString, type HavenApi } from './api.std.js';

/** An offer as `POST /offers/next` and `GET /queue` give it: no member id until it is accepted. */
export interface CounselorOffer {
  requestId: string;
  language: string;
  topic: string | null;
  priority: number;
  /** How long the request had waited when the server answered (ms). */
  waitedMs: number;
  /** When the offer lapses, ms since the epoch on the server's clock. */
  expiresAtMs: number;
}

export interface Colleague {
  accountId: string;
  languages: string[];
  activeSessions: number;
  maxSessions: number;
}

export interface CounselorProfile {
  available: boolean;
  languages: string[];
  maxSessions: number;
  activeSessions: number;
}

function parseOffer(v: unknown): CounselorOffer {
  const o = expectObject(v, 'offer');
  return { requestId: expectId(o, 'request_id', 'offer'), language: expectString(o, 'language', 'offer'),
    topic: typeof o.topic === 'string' ? o.topic : null, priority: expectInt(o, 'priority', 'offer'),
    waitedMs: expectInt(o, 'waited_ms', 'offer'), expiresAtMs: expectInt(o, 'offer_expires_at', 'offer') };
}

function stringList(v: unknown, what: string): string[] {
  return expectArray(v, what).map((x) => {
    if (typeof x !== 'string') throw new ApiError('invalid_response', `${what}: not a string`);
    return x;
  });
}

function parseProfile(v: unknown): CounselorProfile {
  const o = expectObject(v, 'profile');
  return { available: expectBool(o, 'available', 'profile'), languages: stringList(o.languages, 'profile languages'),
    maxSessions: expectInt(o, 'max_sessions', 'profile'), activeSessions: expectInt(o, 'active_sessions', 'profile') };
}

export async function profile(api: HavenApi): Promise<CounselorProfile> {
  return parseProfile(await api.get('/v1/counseling/profile'));
}

export async function saveProfile(api: HavenApi, available: boolean, languages: string[], maxSessions: number): Promise<CounselorProfile> {
  return parseProfile(await api.put('/v1/counseling/profile', { available, languages, max_sessions: maxSessions }));
}

/** The best waiting request for this counselor, held for it alone until it lapses; null when nothing fits or the
 * counselor cannot take one now (unavailable, at capacity: 409, which the console shows as its own state). */
export async function nextOffer(api: HavenApi): Promise<CounselorOffer | null> {
  try {
    const o = await api.post('/v1/counseling/offers/next');
    return o === null ? null : parseOffer(o);
  } catch (e) {
    if (e instanceof ApiError && (e.code === 'not_available' || e.code === 'at_capacity')) return null;
    throw e;
  }
}

/** The offer this counselor holds (if any) and how many wait in its languages: a read, for the fallback poll. */
export async function queue(api: HavenApi): Promise<{ offer: CounselorOffer | null; waiting: number }> {
  const o = expectObject(await api.get('/v1/counseling/queue'), 'queue');
  return { offer: o.offer === null || o.offer === undefined ? null : parseOffer(o.offer), waiting: expectInt(o, 'waiting', 'queue') };
}

export async function declineOffer(api: HavenApi, requestId: string): Promise<void> {
  await api.post(`/v1/counseling/offers/${requestId}/decline`);
}

/** The other available counselors, whom a session can be handed to. */
export async function colleagues(api: HavenApi): Promise<Colleague[]> {
  return expectArray(await api.get('/v1/counseling/counselors'), 'counselors').map((v) => {
    const o = expectObject(v, 'counselor');
    return { accountId: expectId(o, 'account_id', 'counselor'), languages: stringList(o.languages, 'counselor languages'),
      activeSessions: expectInt(o, 'active_sessions', 'counselor'), maxSessions: expectInt(o, 'max_sessions', 'counselor') };
  });
}

export async function cancelTransfer(api: HavenApi, sessionId: string): Promise<void> {
  await api.post(`/v1/counseling/sessions/${sessionId}/transfer/cancel`);
}
