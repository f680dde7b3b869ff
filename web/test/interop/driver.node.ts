// A TypeScript Haven device driven over stdin/stdout (one JSON command per line, one JSON answer per line), so
// pytest can put it in a conversation with the Python SDK against a real server (tests/web/test_web_interop.py).
// Node-only: reads stdin. Run with `node --experimental-websocket dist/interop-driver.mjs`.
import { createInterface } from 'node:readline';
import { HavenClient, MemoryStateStore } from '../../src/core/client.std.js';
import { fromBase64, toBase64, toHex, utf8 } from '../../src/core/encoding.std.js';
import { ARGON2ID, randomBytes, ready } from '../../src/core/sodium.std.js';
import type { Json } from '../../src/core/api.std.js';
import * as counselor from '../../src/core/counselor.std.js';
import * as staff from '../../src/core/staff.std.js';
import { IdentityKeyPair } from '../../src/core/keys.std.js';
import { RelayConnection, type RelayError } from '../../src/core/relay.std.js';

type Command = Record<string, unknown> & { op: string };

await ready();
let client: HavenClient | null = null;
const store = new MemoryStateStore();
const PASSPHRASE = 'a passphrase only tests use';

function c(): HavenClient {
  if (!client) throw new Error('no client yet');
  return client;
}

async function handle(cmd: Command): Promise<Record<string, unknown>> {
  switch (cmd.op) {
    case 'create':
      client = await HavenClient.create(String(cmd.server), store, PASSPHRASE, { opslimit: ARGON2ID.OPSLIMIT_MIN, memlimit: ARGON2ID.MEMLIMIT_MIN,
        ...(Array.isArray(cmd.prekey_wait) ? { prekeyRefillWait: [Number(cmd.prekey_wait[0]), Number(cmd.prekey_wait[1])] as const } : {}) });
      return { account: client.accountId };
    case 'reopen': {
      // Lock (every key dropped), then unlock from the sealed state alone: what a reloaded tab does.
      await c().lock();
      client = await HavenClient.open(store, PASSPHRASE);
      return { account: client.accountId };
    }
    case 'join':
      return { ...(await c().joinGroup(String(cmd.code), String(cmd.pseudonym))) };
    case 'connect':
      await c().connect();
      return {};
    case 'sync':
      await c().syncGroups();
      return {};
    case 'send_group': {
      const sent = await c().sendGroup(String(cmd.group_id), String(cmd.text));
      return { conversation: sent.conversation, seq: sent.seq, payload: toBase64(sent.payload) };
    }
    case 'send_pairwise': {
      const sent = await c().sendPairwise(String(cmd.conversation), cmd.recipients as string[], String(cmd.text),
        typeof cmd.content_type === 'number' ? cmd.content_type : 1);
      return { conversation: sent.conversation, seq: sent.seq };
    }
    case 'remember_session':
      c().rememberSession(String(cmd.conversation), String(cmd.session));
      await c().save();
      return {};
    case 'next_message': {
      const m = await c().nextMessage(Number(cmd.timeout_ms ?? 10_000));
      return { conversation: m.conversation, seq: m.seq, sender: m.sender, text: m.text, kind: m.kind, message_id: toHex(m.messageId) };
    }
    case 'api':
      return { body: (await c().api.request(String(cmd.method), String(cmd.path), cmd.body as Json | undefined)) as Json };
    case 'relay_probe': {
      // A bare RelayConnection to `url` with a fresh identity: what it refuses (typed errors) and what it still
      // delivers after that, from a websocket server that sends frames the published schema forbids.
      const relay = await RelayConnection.connect(String(cmd.url), IdentityKeyPair.generate());
      const errors: Array<{ code: string; path: string | null }> = [];
      for (let i = 0; i < Number(cmd.errors); i++) {
        const e: RelayError = await relay.errors.take(10_000);
        errors.push({ code: e.code, path: e.violation?.path ?? null });
      }
      const delivered = await relay.deliveries.take(10_000);
      const send = relay.send('0123456789abcdef0123456789abcdef', utf8('x'), randomBytes(16), null, 10_000).then(
        () => null, (e: RelayError) => ({ code: e.code, path: e.violation?.path ?? null }));
      const refusedSend = await send;
      relay.close();
      return { errors, delivered_seq: delivered.seq, invalid_frames: relay.invalidFrames, refused_send: refusedSend };
    }
    case 'staff': {
      // One call by name of the module the staff screens use (src/core/staff.std.ts, or `module: "counselor"` for
      // counselor.std.ts), with the account's HavenApi first.
      const name = String(cmd.fn);
      const args = Array.isArray(cmd.args) ? cmd.args : [];
      if (name === 'auditLog') {
        const { entries, check } = await staff.auditLog(c().api, ...(args as [number?]));
        return { check: { ...check }, actions: entries.map((r) => r.action) };
      }
      const module = cmd.module === 'counselor' ? counselor : staff;
      const fn = (module as unknown as Record<string, unknown>)[name];
      if (typeof fn !== 'function') throw new Error(`${String(cmd.module ?? 'staff')} has no ${name}`);
      const result = (await (fn as (...a: unknown[]) => Promise<unknown>)(c().api, ...args)) ?? null;
      return { result: result as Json };
    }
    case 'send_direct': {
      const sent = await c().sendDirect(String(cmd.group_id), String(cmd.peer), String(cmd.text));
      return { conversation: sent.conversation, seq: sent.seq };
    }
    case 'seal_to_moderators':
      return { sealed: toBase64(await c().sealToModerators(utf8(String(cmd.text)))) };
    case 'open_sealed': {
      const [sender, plaintext] = c().openSealed(fromBase64(String(cmd.data)), String(cmd.domain));
      return { sender: sender.accountId, plaintext: toBase64(plaintext) };
    }
    case 'request_help':
      return { ...(await c().requestHelp(String(cmd.language), cmd.topic === undefined ? undefined : String(cmd.topic))) };
    case 'raw_send': {
      // Bytes of `size` relayed as they are (no payload, no budget check): what the server answers to the frame.
      const accepted = await c().relay!.send(String(cmd.conversation), randomBytes(Number(cmd.size)), null);
      return { seq: accepted.seq };
    }
    case 'set_availability':
      await c().setAvailability(true, cmd.languages as string[]);
      return {};
    case 'next_offer':
      return { offer: await c().nextOffer() };
    case 'accept_offer':
      return { ...(await c().acceptOffer(String(cmd.request_id))) };
    case 'sync_sessions':
      return { sessions: (await c().syncSessions()).map((x) => ({ ...x })) };
    case 'send_session': {
      const sent = await c().sendSession(String(cmd.session_id), String(cmd.text));
      return { conversation: sent.conversation, seq: sent.seq };
    }
    case 'transfer':
      return { ...(await c().transfer(String(cmd.session_id), String(cmd.to), 'warm', cmd.notes === undefined ? undefined : String(cmd.notes))) };
    case 'session_notes':
      return { notes: await c().sessionNotes(String(cmd.session_id)) };
    case 'complete_transfer':
      return { ...(await c().completeTransfer(String(cmd.session_id))) };
    case 'report':
      return { alert_id: await c().reportMessage(String(cmd.conversation), Number(cmd.seq)) };
    case 'open_alert': {
      // The moderator flow of client/alert_ops.py: claim, verify (local checks, then the server's tag check), open.
      await c().claimAlert(String(cmd.alert_id));
      const v = await c().verifyAlert(String(cmd.alert_id));
      const r = await c().openAlert(String(cmd.alert_id));
      return { raised_by: r.raisedBy, verified: v.verified, verify_subject: v.subject, subject: r.subject,
        claimed_sender: r.claimedSender, content: r.packet.content as unknown as Json,
        reported_text: new TextDecoder().decode(r.packet.report.plaintext) };
    }
    case 'verify_alert':
      return { ...(await c().verifyAlert(String(cmd.alert_id))) };
    case 'escalate_alert':
      return { ...(await c().escalateAlert(String(cmd.alert_id), String(cmd.language ?? 'en'))) };
    case 'second_connection': {
      // The same identity unlocked a second time (another tab) and connected: the server's per-identity cap answers
      // the auth with too_many_connections, and the first client keeps its connection.
      const second = await HavenClient.open(store, PASSPHRASE);
      try {
        await second.connect();
        await second.close();
        return { connected: true };
      } catch (e) {
        return { connected: false, code: (e as { code?: string }).code ?? String(e) };
      }
    }
    case 'export_state':
      await c().save();
      return { sealed: toBase64((await store.load())!), passphrase: PASSPHRASE };
    case 'known': {
      // What this device keeps about its groups and sessions (the state's profile), as the tests read it.
      const profile = c().profileSnapshot();
      const groups = (profile.groups ?? {}) as Record<string, { members?: string[] }>;
      const conversations = (profile.conversations ?? {}) as Record<string, { kind: string; session?: string }>;
      return {
        groups: Object.fromEntries(Object.entries(groups).map(([g, row]) => [g, row.members ?? []])),
        sessions: Object.values(conversations).filter((row) => row.kind === 'session').map((row) => row.session),
      };
    }
    case 'stats':
      return { reconnects: c().relay?.reconnects ?? 0, undecryptable: c().undecryptable, failure: c().failure?.message ?? null };
    case 'close':
      await c().close();
      return {};
    default:
      throw new Error(`unknown op ${cmd.op}`);
  }
}

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  let answer: Record<string, unknown>;
  try {
    answer = { ok: true, ...(await handle(JSON.parse(line) as Command)) };
  } catch (e) {
    const err = e as { name?: string; code?: string; message?: string };
    answer = { ok: false, error: `${err.name ?? 'Error'}${err.code ? `(${err.code})` : ''}: ${err.message ?? String(e)}` };
  }
  process.stdout.write(`${JSON.stringify(answer)}\n`);
  if ((JSON.parse(line) as Command).op === 'close') break;
}
process.exit(0);
