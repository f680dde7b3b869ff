// The validator of what the server sends (src/core/schema.std.ts) against the published schemas, in Node and in
// Chromium: frames and answers the server does send pass; deliberately wrong ones are refused with a SchemaError
// that says where; HavenApi over the runtime's own fetch (unbound, the way a page or Worker calls it) refuses them too.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ready } from '../src/core/sodium.std.js';
import { IdentityKeyPair } from '../src/core/keys.std.js';
import { SchemaError, published } from '../src/core/schema.std.js';
import { RelayError, parseServerFrame } from '../src/core/relay.std.js';
import { ApiError, HavenApi } from '../src/core/api.std.js';

before(async () => {
  await ready();
});

const ID = '0123456789abcdef0123456789abcdef';
const B64_16 = 'AAAAAAAAAAAAAAAAAAAAAA==';
const B64_32 = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

// One frame of every type the server sends (docs/protocol.md §3.3), as the server writes them.
const good: Record<string, Record<string, unknown>> = {
  challenge: { type: 'challenge', challenge: B64_32, server_id: 'haven-test', server_time: 1_780_000_000_000, max_frame_bytes: 1_048_576 },
  ready: { type: 'ready', account: ID },
  accepted: { type: 'accepted', client_id: B64_16, conversation: ID, seq: 7, server_time: 1, duplicate: false, franking_tag: B64_32 },
  deliver: { type: 'deliver', conversation: ID, seq: 7, sender: ID, client_id: B64_16, ciphertext: 'AAECAw==', server_time: 1, commitment: B64_32 },
  resumed: { type: 'resumed', conversations: { [ID]: 3 } },
  event: { type: 'event', event: 'membership', group: ID, conversation: ID, version: 2, change: 'joined', account: ID },
  pong: { type: 'pong' },
  error: { type: 'error', code: 'rate_limited', message: 'slow down', fatal: false, ref: B64_16 },
};

function violation(value: unknown): SchemaError {
  try {
    published.checkFrame(value);
  } catch (e) {
    assert.ok(e instanceof SchemaError, String(e));
    return e;
  }
  throw new assert.AssertionError({ message: `accepted ${JSON.stringify(value)}` });
}

test('schema: every frame type the server sends passes', () => {
  for (const frame of Object.values(good)) published.checkFrame(frame);
  published.checkFrame({ type: 'event', event: 'alert', alert_id: ID, tier: 4, conversation: ID });
  published.checkFrame({ type: 'resumed', conversations: {} });
});

test('schema: a wrong frame is refused and the error says where', () => {
  const cases: Array<[unknown, string]> = [
    [{ ...good.deliver, seq: undefined }, ''], // JSON drops undefined: a missing required member
    [{ ...good.deliver, seq: -1 }, '/seq'],
    [{ ...good.deliver, seq: 1.5 }, '/seq'],
    [{ ...good.deliver, seq: '7' }, '/seq'],
    [{ ...good.deliver, conversation: ID.toUpperCase() }, '/conversation'],
    [{ ...good.deliver, client_id: 'AAAA' }, '/client_id'],
    [{ ...good.deliver, ciphertext: 'not base64!' }, '/ciphertext'],
    [{ ...good.deliver, recipient: ID }, '/recipient'],
    [{ ...good.accepted, duplicate: 'no' }, '/duplicate'],
    [{ ...good.error, code: 'no_such_code' }, '/code'],
    [{ ...good.event, change: 'promoted' }, '/change'],
    [{ ...good.event, event: 'gossip' }, '/event'],
    [{ ...good.resumed, conversations: { [ID]: 'three' } }, `/conversations/${ID}`],
    [{ type: 'hello' }, '/type'],
    [{ seq: 1 }, '/type'],
    [[good.pong], '/type'],
    [null, '/type'],
  ];
  for (const [frame, path] of cases) {
    const e = violation(JSON.parse(JSON.stringify(frame)));
    assert.equal(e.path, path, `${JSON.stringify(frame)}: ${e.message}`);
    assert.equal(e.schema, 'frame');
  }
  assert.match(violation(JSON.parse(JSON.stringify({ ...good.ready, account: undefined, extra: 1 }))).reason, /lacks/);
});

test('schema: parseServerFrame refuses with a typed RelayError that carries the violation', () => {
  assert.deepEqual(parseServerFrame(JSON.stringify(good.deliver)), good.deliver);
  for (const raw of ['{"type":"deliver"', JSON.stringify({ ...good.deliver, sender: 'x' })]) {
    assert.throws(() => parseServerFrame(raw), (e: unknown) => {
      assert.ok(e instanceof RelayError);
      assert.equal(e.code, 'invalid_server_frame');
      return true;
    });
  }
  try {
    parseServerFrame(JSON.stringify({ ...good.deliver, sender: 'x' }));
  } catch (e) {
    assert.equal((e as RelayError).violation?.path, '/sender');
  }
});

test('schema: lengths count code points, as JSON Schema does', () => {
  const v = published;
  const s = { type: 'string', maxLength: 2, minLength: 2 } as const;
  v.check(s, '😀😀', 'emoji'); // four UTF-16 units, two code points
  assert.throws(() => v.check(s, '😀😀😀', 'emoji'), SchemaError);
  assert.throws(() => v.check(s, 'a', 'emoji'), SchemaError);
  v.check({ anyOf: [{ type: 'integer' }, { type: 'null' }] }, null, 'nullable');
  assert.throws(() => v.check({ anyOf: [{ type: 'integer' }, { type: 'null' }] }, 'x', 'nullable'), SchemaError);
  assert.throws(() => v.check({ oneOf: [{ type: 'integer' }, { type: 'number' }] }, 3, 'both'), /more than one/);
});

test('schema: HTTP answers are checked by route and status', () => {
  const v = published;
  const alert = { alert_id: ID, tier: 4, status: 'open', source: 'detector', conversation: ID, seq: 3, reports: 1,
    created_at: 1, updated_at: 2, claimed_by: null, verified: null };
  assert.equal(v.checkResponse('GET', '/v1/alerts', 200, [alert]), true);
  assert.equal(v.checkResponse('POST', `/v1/alerts/${ID}/claim`, 200, { ...alert, status: 'claimed', claimed_by: ID }), true);
  assert.equal(v.checkResponse('GET', `/v1/groups/${ID}`, 404, { error: { code: 'unknown_group', message: 'no such group' } }), true);
  assert.equal(v.checkResponse('DELETE', '/v1/identities/me', 204, null), true);
  // A status the route does not list: an error is left unread (false), a success is refused.
  assert.equal(v.checkResponse('GET', '/v1/alerts', 502, null), false);
  const refused: Array<[string, string, number, unknown, string]> = [
    ['GET', '/v1/alerts', 200, [{ ...alert, status: 'forgotten' }], '/0/status'],
    ['GET', '/v1/alerts', 200, [{ ...alert, verified: 'yes' }], '/0/verified'],
    ['GET', '/v1/alerts', 200, { alerts: [] }, ''],
    ['GET', `/v1/groups/${ID}`, 404, { error: { code: 'a_code_nobody_published', message: '' } }, '/error/code'],
    ['GET', `/v1/groups/${ID}`, 404, { detail: 'Not Found' }, ''],
    ['DELETE', '/v1/identities/me', 204, { deleted: true }, ''],
    ['GET', '/v1/alerts', 201, [], ''],
    ['GET', '/v1/no-such-route', 200, {}, ''],
  ];
  for (const [method, path, status, body, where] of refused) {
    assert.throws(() => v.checkResponse(method, path, status, body), (e: unknown) => {
      assert.ok(e instanceof SchemaError, String(e));
      assert.equal(e.path, where, e.message);
      return true;
    }, `${method} ${path} ${status} ${JSON.stringify(body)}`);
  }
});

test('schema: a literal path segment is matched before a parameter', () => {
  // GET /v1/counseling/requests/mine is its own route; were it read as /v1/counseling/requests/{request_id} (a
  // DELETE), the GET would be "not a published route".
  assert.throws(() => published.checkResponse('GET', '/v1/counseling/requests/mine', 200, {}), (e: unknown) =>
    e instanceof SchemaError && e.schema === 'GET /v1/counseling/requests/mine 200');
});

// A data: URL answers 200 with the body it carries, through the runtime's real fetch; the path HavenApi appends
// lands in the fragment, which fetch drops.
const answering = (body: unknown): string => `data:application/json,${encodeURIComponent(JSON.stringify(body))}#`;

test('api: the default fetch is called through globalThis, so it works unbound in a page or Worker', async () => {
  // Before, `this.fetchImpl(...)` called the global fetch with the HavenApi as `this`: Chromium throws
  // "Illegal invocation" for that (Node does not), so every request from the web app failed.
  const api = new HavenApi(answering({ server_id: 'haven-test', alert_min_tier: 2, max_frame_bytes: 1_048_576, message_ttl_seconds: 60 }),
    IdentityKeyPair.generate());
  assert.deepEqual(await api.config(), { serverId: 'haven-test', alertMinTier: 2, maxFrameBytes: 1_048_576, messageTtlSeconds: 60 });
});

test('api: an answer that breaks its schema is refused with invalid_response and the violation', async () => {
  const api = new HavenApi(answering({ server_id: 'haven-test', max_frame_bytes: true }), IdentityKeyPair.generate());
  await assert.rejects(api.config(), (e: unknown) => {
    assert.ok(e instanceof ApiError);
    assert.equal(e.code, 'invalid_response');
    assert.equal(e.violation?.path, '/max_frame_bytes');
    assert.equal(e.violation?.schema, 'GET /v1/config 200');
    return true;
  });
});
