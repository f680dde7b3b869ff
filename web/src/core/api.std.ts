// The HTTP API (docs/protocol.md §1, groups.md, counseling.md, alerts.md) over `fetch`, which Node 20, browsers and
// Workers all have. Login (§1.2) signs the same transcript as the websocket; a 401 logs in again once.
// Every answer is checked against the published schema of its route and status (docs/schema/openapi.json, through
// schema.std.ts) before anything reads it, then read with the `expect*` helpers below: a server that sends something
// else gets an ApiError("invalid_response") carrying the SchemaError, never a half-read object.
import { fromBase64, toBase64, type Bytes } from './encoding.std.js';
import type { IdentityKeyPair } from './keys.std.js';
import { signAuth } from './auth.std.js';
import { PreKeyBundle } from './x3dh.std.js';
import { SchemaError, published, type Validator } from './schema.std.js';

export class ApiError extends Error {
  override name = 'ApiError';
  /** `violation`: for `invalid_response`, what in the answer broke the published schema. */
  constructor(readonly code: string, message: string, readonly status = 0, readonly violation: SchemaError | null = null) {
    super(message);
  }
}

/** `fetch` called through globalThis: a browser's fetch called as a method of something else (`this.fetchImpl(...)`
 * with an unbound global) throws "Illegal invocation" in pages and Workers; Node does not mind, which hid it. */
export const globalFetch: typeof fetch = (input, init) => globalThis.fetch(input, init);

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = Record<string, unknown>;

function bad(what: string): never {
  throw new ApiError('invalid_response', `the server sent an invalid ${what}`);
}

export function expectObject(v: unknown, what: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) bad(what);
  return v as Obj;
}
export function expectString(o: Obj, key: string, what: string): string {
  const v = o[key];
  if (typeof v !== 'string') bad(`${what}.${key}`);
  return v;
}
export function expectInt(o: Obj, key: string, what: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) bad(`${what}.${key}`);
  return v;
}
export function expectBool(o: Obj, key: string, what: string): boolean {
  const v = o[key];
  if (typeof v !== 'boolean') bad(`${what}.${key}`);
  return v;
}
export function expectBytes(o: Obj, key: string, what: string): Bytes {
  try {
    return fromBase64(expectString(o, key, what));
  } catch {
    return bad(`${what}.${key}`);
  }
}
const ID = /^[0-9a-f]{32}$/;
export function expectId(o: Obj, key: string, what: string): string {
  const v = expectString(o, key, what);
  if (!ID.test(v)) bad(`${what}.${key}`);
  return v;
}
export function expectArray(v: unknown, what: string): unknown[] {
  if (!Array.isArray(v)) bad(what);
  return v;
}

/** `v` if it is one of the enum `allowed`'s values; anything else is an ApiError. */
export function oneOf<T extends string>(allowed: Record<string, T>, v: unknown, what: string): T {
  if (typeof v !== 'string' || !(Object.values(allowed) as string[]).includes(v)) {
    throw new ApiError('invalid_response', `the server sent an unknown ${what}`);
  }
  return v as T;
}

export const b64 = toBase64;

const REFRESH_MARGIN_MS = 60_000;

export class HavenApi {
  private token: string | null = null;
  private expiresMs = 0;
  private loggingIn: Promise<void> | null = null;

  constructor(readonly serverUrl: string, private readonly identity: IdentityKeyPair,
    private readonly fetchImpl: typeof fetch = globalFetch, private readonly schemas: Validator = published) {}

  get accountId(): string {
    return this.identity.accountId;
  }

  /** An unauthenticated request (registration, config, challenges). */
  async raw(method: string, path: string, body?: Json): Promise<unknown> {
    const init: RequestInit = { method, headers: { 'content-type': 'application/json' } };
    if (body !== undefined) init.body = JSON.stringify(body);
    const response = await this.fetchImpl(this.serverUrl + path, init);
    return this.answer(method, path, response);
  }

  private async answer(method: string, path: string, response: Response): Promise<unknown> {
    const text = await response.text();
    let parsed: unknown = null;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new ApiError('invalid_response', `HTTP ${response.status} with a body that is not JSON`, response.status);
      }
    }
    let checked: boolean;
    try {
      checked = this.schemas.checkResponse(method, path, response.status, parsed);
    } catch (e) {
      if (!(e instanceof SchemaError)) throw e;
      throw new ApiError('invalid_response', `the server sent an invalid answer: ${e.message}`, response.status, e);
    }
    if (!response.ok) {
      // Checked: an ErrorBody with a published code. Unchecked (a status the route does not list, a proxy's 502):
      // nothing is read from the body.
      if (checked && parsed !== null) {
        const err = (parsed as { error: { code: string; message: string } }).error;
        throw new ApiError(err.code, err.message, response.status);
      }
      throw new ApiError('http_error', `HTTP ${response.status}`, response.status);
    }
    return parsed;
  }

  async login(): Promise<void> {
    if (this.token !== null && this.expiresMs - REFRESH_MARGIN_MS > Date.now()) return;
    this.loggingIn ??= (async () => {
      const c = expectObject(await this.raw('GET', '/v1/auth/challenge'), 'login challenge');
      const challenge = expectBytes(c, 'challenge', 'login challenge');
      const time = Date.now();
      const signature = signAuth(this.identity, challenge, expectString(c, 'server_id', 'login challenge'), time);
      const t = expectObject(await this.raw('POST', '/v1/auth/tokens', {
        account: this.accountId, challenge: b64(challenge), time, signature: b64(signature),
      }), 'token');
      this.token = expectString(t, 'token', 'token');
      this.expiresMs = expectInt(t, 'expires_at', 'token');
    })().finally(() => {
      this.loggingIn = null;
    });
    await this.loggingIn;
  }

  async logout(): Promise<void> {
    if (this.token !== null) {
      await this.request('DELETE', '/v1/auth/tokens/current');
      this.token = null;
    }
  }

  async request(method: string, path: string, body?: Json, params?: Record<string, string | number>): Promise<unknown> {
    const query = params ? `?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}` : '';
    for (let attempt = 0; attempt < 2; attempt++) {
      await this.login();
      const init: RequestInit = { method, headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' } };
      if (body !== undefined) init.body = JSON.stringify(body);
      const response = await this.fetchImpl(this.serverUrl + path + query, init);
      if (response.status === 401 && attempt === 0) {
        this.token = null;
        continue;
      }
      return this.answer(method, path, response);
    }
    throw new ApiError('unauthenticated', 'login failed twice');
  }

  get(path: string, params?: Record<string, string | number>): Promise<unknown> {
    return this.request('GET', path, undefined, params);
  }
  post(path: string, body: Json = {}): Promise<unknown> {
    return this.request('POST', path, body);
  }
  put(path: string, body: Json = {}): Promise<unknown> {
    return this.request('PUT', path, body);
  }
  delete(path: string): Promise<unknown> {
    return this.request('DELETE', path);
  }

  // --- prekeys (§1.3) -------------------------------------------------------------------------------------
  async prekeyCount(): Promise<{ signedPrekeyId: number | null; oneTimePrekeys: number; lastResortPrekeyId: number | null }> {
    const o = expectObject(await this.get('/v1/prekeys'), 'prekey count');
    const nullableId = (v: unknown): number | null => {
      if (v === null || v === undefined) return null;
      if (typeof v !== 'number' || !Number.isSafeInteger(v)) return bad('prekey count');
      return v;
    };
    return { signedPrekeyId: nullableId(o.signed_prekey_id), oneTimePrekeys: expectInt(o, 'one_time_prekeys', 'prekey count'),
      lastResortPrekeyId: nullableId(o.last_resort_prekey_id) };
  }

  /** PUT /v1/prekeys: the signed prekey replaces the previous one, one-time prekeys are added, the last-resort
   * prekey (id 0xFFFFFFFF, one-time encoding) replaces the previous one (§1.3). */
  async uploadPrekeys(signed: Bytes | null, oneTime: Bytes[], lastResort: Bytes | null = null): Promise<void> {
    const body: { [k: string]: Json } = { one_time_prekeys: oneTime.map(b64) };
    if (signed) body.signed_prekey = b64(signed);
    if (lastResort) body.last_resort_prekey = b64(lastResort);
    await this.put('/v1/prekeys', body);
  }

  /** A peer's bundle, checked: its identity must hash to the account we asked for. Fetches of one owner's bundles
   * are limited per requester (§1.3): past the budget, ApiError `prekey_fetch_limited` (429, nothing spent) — use
   * the session already opened with that peer, or try later. */
  async bundle(account: string): Promise<PreKeyBundle> {
    const o = expectObject(await this.get(`/v1/prekeys/${account}`), 'bundle');
    let bundle: PreKeyBundle;
    try {
      bundle = PreKeyBundle.fromBytes(expectBytes(o, 'bundle', 'bundle'));
    } catch {
      return bad('bundle');
    }
    if (bundle.identity.accountId !== account) throw new ApiError('bundle_mismatch', 'the server returned a bundle for another identity');
    return bundle;
  }

  async config(): Promise<{ serverId: string; alertMinTier: number; maxFrameBytes: number; messageTtlSeconds: number }> {
    const o = expectObject(await this.raw('GET', '/v1/config'), 'config');
    return { serverId: expectString(o, 'server_id', 'config'), alertMinTier: expectInt(o, 'alert_min_tier', 'config'),
      maxFrameBytes: expectInt(o, 'max_frame_bytes', 'config'), messageTtlSeconds: expectInt(o, 'message_ttl_seconds', 'config') };
  }
}
