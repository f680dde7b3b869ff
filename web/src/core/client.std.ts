// HavenClient: one identity on one server (client/haven.py and client/group_ops.py, in TypeScript). Everything the
// server must not see happens here: X3DH and the ratchet for pair channels and counseling sessions, sender keys
// for groups, franking commitments, sealing to moderators. The state is saved (sealed under the unlock key) after
// every delivery it processes and BEFORE that delivery is acknowledged, so a closed tab or a crash loses neither
// a message nor a key. `lock()` drops every key from memory.
import { ApiError, HavenApi, expectArray, expectBool, expectId, expectInt, expectObject, expectString, type Json } from './api.std.js';
import { AlertPacket, AlertPacketError, type AlertContent } from './alertPacket.std.js';
import * as alertQueue from './alerts.std.js';
import type { AlertRow } from './alerts.std.js';
import { registrationProofs } from './auth.std.js';
import { fromBase64, fromHex, toBase64, toHex, utf8, fromUtf8, type Bytes } from './encoding.std.js';
import { CryptoError } from './errors.std.js';
import { ContentType, Envelope } from './envelope.std.js';
import * as franking from './franking.std.js';
import { IdentityPublic } from './keys.std.js';
import * as keystore from './keystore.std.js';
import { GroupPayload, PairwisePayload, PayloadError, decodePayload, maxBodyBytes, type PairwiseEntry } from './payloads.std.js';
import { AsyncQueue, sleep } from './queue.std.js';
import { ReliableRelay, type Delivered, type ServerEvent, type WebSocketFactory } from './relay.std.js';
import { solvePow } from './pow.std.js';
import { ARGON2ID, randomBytes } from './sodium.std.js';
import { GroupSession, SenderKeyDistribution, type GroupMessage } from './senderKeys.std.js';
import { ClientState, type HeldMessage } from './state.std.js';
import type { PreKeyBundle } from './x3dh.std.js';
import * as sealedBox from './sealed.std.js';

const ONE_TIME_PREKEY_BATCH = 50;
const ONE_TIME_PREKEY_LOW_WATER = 20;
const SIGNED_PREKEY_ROTATE_SECONDS = 7 * 86400;
const REPORTABLE_KEPT = 1000;
/** While connected, prekeys are checked after a uniformly random wait in this range (seconds), again and again —
 * never at connect and never in reply to a message, so an attacker draining one-time prekeys cannot tell when this
 * device came online from when they are refilled (protocol.md §1.3; client/haven.py PREKEY_REFILL_WAIT_SECONDS). */
export const PREKEY_REFILL_WAIT_SECONDS: readonly [number, number] = [60, 3600];
const GONE = new Set(['forbidden', 'unknown_group', 'not_member']);
// API failures a resync after a reconnect waits out (the network, a proxy's 502, a rate limit), as TRANSIENT_CODES
// in client/link.py; any other refusal is left to the next reconnect.
const RESYNC_RETRIED = new Set(['http_error', 'rate_limited']);

/** Where the sealed state lives. Browser: IndexedDB (stateStore.dom.ts); Node: memory or a file. */
export interface StateStore {
  load(): Promise<Bytes | null>;
  save(sealed: Bytes): Promise<void>;
  clear(): Promise<void>;
}

export class MemoryStateStore implements StateStore {
  data: Bytes | null = null;
  async load(): Promise<Bytes | null> {
    return this.data;
  }
  async save(sealed: Bytes): Promise<void> {
    this.data = sealed;
  }
  async clear(): Promise<void> {
    this.data = null;
  }
}

/** Solves the registration proof of work; the browser passes one that runs in a Web Worker (powWorker.dom.ts). */
export type PowSolver = (challenge: Bytes, payload: Bytes, bits: number) => Promise<number>;
export const inlinePowSolver: PowSolver = async (c, p, b) => solvePow(c, p, b);

export interface ClientOptions {
  opslimit?: number;
  memlimit?: number;
  pow?: PowSolver;
  webSocket?: WebSocketFactory;
  fetch?: typeof fetch;
  /** [low, high] seconds between background prekey checks (tests shorten it); default PREKEY_REFILL_WAIT_SECONDS. */
  prekeyRefillWait?: readonly [number, number];
}

export type ConversationKind = 'group' | 'direct' | 'session';

export interface IncomingMessage {
  conversation: string;
  seq: number;
  sender: string;
  text: string;
  messageId: Bytes;
  serverTime: number;
  kind: ConversationKind;
  groupId: string | null;
  sessionId: string | null;
}

export interface SentMessage {
  conversation: string;
  /** The exact bytes relayed (what the server and every member's device see). */
  payload: Bytes;
  seq: number;
  messageId: Bytes;
  serverTime: number;
  frankingTag: Bytes | null;
}

interface ConversationRow {
  kind: 'group' | 'pair' | 'session';
  group?: string;
  session?: string;
  peer?: string;
}

export interface GroupMember {
  accountId: string;
  pseudonym: string;
  groupRole: string;
}

export interface GroupInfo {
  groupId: string;
  status: string;
  groupRole: string;
  conversationId: string | null;
  dmEnabled: boolean;
  membershipVersion: number | null;
  members: GroupMember[];
}

function wsUrlFor(serverUrl: string): string {
  if (serverUrl.startsWith('https://')) return `wss://${serverUrl.slice(8)}/v1/ws`;
  if (serverUrl.startsWith('http://')) return `ws://${serverUrl.slice(7)}/v1/ws`;
  throw new ApiError('bad_url', 'the server URL must start with http:// or https://');
}

/** Serialises async work: one message processed (or sent) at a time, as the Python client's lock. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn);
    this.tail = result.then(() => undefined, () => undefined);
    return result;
  }
}

/** What an alert about a message needs (its franking report), kept for the last messages sent and received. */
interface Reportable {
  envelope: Envelope;
  sender: string;
  commitment: Bytes;
  ciphertext: Bytes;
  tag: Bytes | null;
  serverTime: number;
}

export class HavenClient {
  readonly api: HavenApi;
  relay: ReliableRelay | null = null;
  undecryptable = 0;
  private readonly inbox = new AsyncQueue<IncomingMessage>();
  readonly notices = new AsyncQueue<ServerEvent>();
  private readonly lockMutex = new Mutex();
  private running = false;
  // The last messages shown, with what a report needs (memory only: a report is made while reading).
  private readonly reportable = new Map<string, Reportable>();
  /** Why message processing stopped, if it did (see receiveLoop); the state was not saved past the last good save. */
  failure: Error | null = null;
  private loops: Promise<void>[] = [];

  private constructor(
    private state: ClientState | null,
    private readonly store: StateStore,
    private key: keystore.KeystoreKey | null,
    private readonly options: ClientOptions,
  ) {
    this.api = new HavenApi(this.s.serverUrl, this.s.identity, options.fetch ?? fetch);
  }

  private get s(): ClientState {
    if (!this.state) throw new CryptoError('the client is locked');
    return this.state;
  }

  get accountId(): string {
    return this.s.accountId;
  }

  get identityPublic(): IdentityPublic {
    return this.s.identity.public();
  }

  /** A new identity: register (paying the proof of work), seal the state, publish prekeys. */
  static async create(serverUrl: string, store: StateStore, passphrase: string, options: ClientOptions = {}): Promise<HavenClient> {
    const state = ClientState.create(serverUrl.replace(/\/+$/, ''));
    const api = new HavenApi(state.serverUrl, state.identity, options.fetch ?? fetch);
    await register(api, state, options.pow ?? inlinePowSolver);
    const key = keystore.KeystoreKey.derive(passphrase, options.opslimit ?? ARGON2ID.OPSLIMIT_MODERATE,
      options.memlimit ?? ARGON2ID.MEMLIMIT_MODERATE);
    const client = new HavenClient(state, store, key, options);
    await client.save();
    await client.refreshPrekeys();
    return client;
  }

  /** Unlock the state kept in `store` (the opaque DecryptionError for a wrong passphrase or a damaged state). */
  static async open(store: StateStore, passphrase: string, options: ClientOptions = {}): Promise<HavenClient> {
    const sealed = await store.load();
    if (!sealed) throw new ApiError('no_identity', 'no identity in this store; create one first');
    const [entries, key] = keystore.openWithKey(sealed, passphrase);
    return new HavenClient(ClientState.fromEntries(entries), store, key, options);
  }

  async save(): Promise<void> {
    if (!this.key) throw new CryptoError('the client is locked');
    await this.store.save(keystore.sealWith(this.s.toEntries(), this.key));
  }

  /** Seal app data of this device (the web app's message history) under the state's own key (Argon2id of the
   * passphrase, a fresh nonce each time), as its own keystore file: readable only while unlocked. */
  sealLocal(entries: ReadonlyMap<string, Bytes>): Bytes {
    if (!this.key) throw new CryptoError('the client is locked');
    return keystore.sealWith(entries, this.key);
  }

  /** Open what sealLocal wrote (the opaque DecryptionError for another identity's or a damaged file). */
  openLocal(data: Bytes): Map<string, Bytes> {
    if (!this.key) throw new CryptoError('the client is locked');
    return keystore.openWith(data, this.key);
  }

  /** Stop, save, and drop every key from memory; `HavenClient.open` again to continue. */
  async lock(): Promise<void> {
    await this.close();
    this.key?.wipe();
    this.key = null;
    this.state = null;
  }

  // --- prekeys ----------------------------------------------------------------------------------------
  /** Publish a signed prekey (rotated weekly) and the last-resort prekey when the server has none, and keep enough
   * one-time prekeys on the server (§1.3). Runs at registration and from the randomised background timer only. */
  async refreshPrekeys(): Promise<void> {
    const s = this.s;
    const now = Math.floor(Date.now() / 1000);
    let signed: Bytes | null = null;
    const rotatedAt = Number(s.profile.signed_prekey_published_at ?? 0);
    const { signedPrekeyId, oneTimePrekeys, lastResortPrekeyId } = await this.api.prekeyCount();
    const [lastResortKey, madeNow] = s.ensureLastResortPrekey();
    const lastResort = madeNow || lastResortPrekeyId === null ? lastResortKey.toBytes() : null;
    if (signedPrekeyId === null || now - rotatedAt >= SIGNED_PREKEY_ROTATE_SECONDS) {
      signed = rotatedAt ? s.rotateSignedPrekey(now).toBytes() : s.currentSignedPrekey.public().toBytes();
      s.profile.signed_prekey_published_at = now;
    }
    s.pruneSignedPrekeys(now);
    const oneTime = oneTimePrekeys < ONE_TIME_PREKEY_LOW_WATER ? s.generatePrekeys(ONE_TIME_PREKEY_BATCH).map((k) => k.toBytes()) : [];
    if (!signed && !oneTime.length && !lastResort) return;
    await this.save(); // a published key whose private half was lost would make a peer's first message unreadable
    await this.api.uploadPrekeys(signed, oneTime, lastResort);
  }

  private prekeyTimer: ReturnType<typeof setTimeout> | null = null;

  /** The background refill: a uniformly random wait (CSPRNG), then a check, again and again while connected. */
  private schedulePrekeyCheck(): void {
    const [low, high] = this.options.prekeyRefillWait ?? PREKEY_REFILL_WAIT_SECONDS;
    const r = randomBytes(4);
    const uniform = ((r[0]! << 24) >>> 0 | (r[1]! << 16) | (r[2]! << 8) | r[3]!) / 2 ** 32;
    this.prekeyTimer = setTimeout(() => {
      this.prekeyTimer = null;
      if (!this.running) return;
      void this.lockMutex.run(() => this.refreshPrekeys())
        .catch(() => undefined) // a failed check is retried at the next one; the last-resort prekey covers the gap
        .finally(() => {
          if (this.running) this.schedulePrekeyCheck();
        });
    }, (low + uniform * (high - low)) * 1000);
  }

  // --- connection -------------------------------------------------------------------------------------
  async connect(): Promise<void> {
    if (this.relay) return;
    const relay = new ReliableRelay(wsUrlFor(this.s.serverUrl), this.s.identity, new Map(this.s.positions), this.options.webSocket);
    // Refused (too_many_connections, auth_failed, no network): the caller sees the code and may call connect() again.
    await relay.start();
    this.relay = relay;
    this.running = true;
    this.loops = [this.receiveLoop(), this.eventLoop(), this.resyncLoop()];
    this.schedulePrekeyCheck();
  }

  async close(): Promise<void> {
    this.running = false;
    if (this.prekeyTimer !== null) clearTimeout(this.prekeyTimer);
    this.prekeyTimer = null;
    const relay = this.relay;
    this.relay = null;
    if (relay) await this.lockMutex.run(async () => relay.close());
    if (this.state && this.key && !this.failure) await this.save();
  }

  nextMessage(timeoutMs?: number): Promise<IncomingMessage> {
    return this.inbox.take(timeoutMs);
  }

  private async receiveLoop(): Promise<void> {
    const relay = this.relay!;
    while (this.running) {
      let delivered: Delivered;
      try {
        delivered = await relay.receive(1000);
      } catch {
        continue;
      }
      let messages: IncomingMessage[];
      try {
        messages = await this.processAndSave(delivered);
      } catch (e) {
        // Something other than a refusal (the network failed mid-way, storage is full): the in-memory state may
        // be ahead of the last save, so behave as a crash — stop without acking or saving; the sealed state and
        // the server still hold this delivery, and the next unlock replays it.
        this.failure = e instanceof Error ? e : new Error(String(e));
        this.running = false;
        this.relay = null;
        void relay.close();
        return;
      }
      for (const m of messages) this.inbox.put(m);
      // No refill here: one right after a message would tell a drainer this device is online (§1.3).
      relay.ack(delivered.conversation, delivered.seq);
    }
  }

  private processAndSave(delivered: Delivered): Promise<IncomingMessage[]> {
    return this.lockMutex.run(async () => {
      let out: IncomingMessage[] = [];
      try {
        out = await this.process(delivered);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        this.undecryptable += 1;
      }
      // Consumed only now: the keys it advanced and the position move together, in one save, before the ack.
      this.s.positions.set(delivered.conversation, delivered.seq);
      await this.save();
      return out;
    });
  }

  /** After every reconnect, read the groups and sessions again (as client/haven.py does): the relay never replays
   * notices, so a member who joined or left, a removal of this device, or a session opened or closed while it was
   * offline would otherwise go unnoticed until the next send or delivery. Retried with backoff until the server
   * answers or the client closes; a refusal other than a network failure waits for the next reconnect. */
  private async resyncLoop(): Promise<void> {
    const relay = this.relay!;
    while (this.running && this.relay === relay) {
      try {
        await relay.reconnections.take(1000);
      } catch {
        continue;
      }
      for (let wait = 100; this.running && this.relay === relay; wait = Math.min(wait * 2, 2000)) {
        try {
          await this.lockMutex.run(async () => {
            await this.syncGroups();
            await this.syncSessions();
          });
          break;
        } catch (e) {
          if (e instanceof ApiError && !RESYNC_RETRIED.has(e.code)) break;
          await sleep(wait);
        }
      }
    }
  }

  private async eventLoop(): Promise<void> {
    const relay = this.relay!;
    while (this.running) {
      let event: ServerEvent;
      try {
        event = await relay.events.take(1000);
      } catch {
        continue;
      }
      try {
        if (event.event === 'membership' && typeof event.group === 'string') {
          if (event.account === this.accountId && ['removed', 'banned', 'left'].includes(String(event.change))) this.forgetGroup(event.group);
          else await this.groupInfo(event.group).catch((e: unknown) => {
            if (!(e instanceof ApiError && GONE.has(e.code))) throw e;
          });
        }
      } catch {
        /* events are hints: the HTTP API is the truth */
      }
      this.notices.put(event);
    }
  }

  /** A copy of what this device keeps about its groups and conversations (plain JSON; for tests and tools). */
  profileSnapshot(): Record<string, Json> {
    return JSON.parse(JSON.stringify(this.s.profile)) as Record<string, Json>;
  }

  // --- directory (profile["conversations"], profile["groups"], as client/directory.py) ---------------------
  private conversations(): Record<string, ConversationRow> {
    return ((this.s.profile.conversations ??= {}) as Record<string, ConversationRow>);
  }
  private groupsProfile(): Record<string, Record<string, Json>> {
    return ((this.s.profile.groups ??= {}) as Record<string, Record<string, Json>>);
  }
  private remember(conversation: string, row: ConversationRow): void {
    this.conversations()[conversation] = row;
  }
  private rememberGroup(groupId: string, conversation: string): void {
    (this.groupsProfile()[groupId] ??= {}).conversation = conversation;
    this.remember(conversation, { kind: 'group', group: groupId });
  }
  private forgetGroup(groupId: string): void {
    const row = this.groupsProfile()[groupId];
    const conversation = row ? String(row.conversation) : null;
    for (const [c, info] of Object.entries(this.conversations())) {
      if (info.group === groupId) {
        if (info.kind === 'pair') this.s.pairwise.forgetConversation(c);
        delete this.conversations()[c];
      }
    }
    if (conversation) {
      this.s.groups.delete(conversation);
      this.s.held = this.s.held.filter((h) => h.conversation !== conversation);
      delete this.conversations()[conversation];
    }
    delete this.groupsProfile()[groupId];
  }

  private groupSession(conversation: string): GroupSession {
    let g = this.s.groups.get(conversation);
    if (!g) {
      g = new GroupSession(fromHex(conversation));
      this.s.groups.set(conversation, g);
    }
    return g;
  }

  // --- groups (docs/groups.md) --------------------------------------------------------------------------
  async joinGroup(code: string, pseudonym: string): Promise<{ groupId: string; status: string }> {
    const o = expectObject(await this.api.post('/v1/groups/join', { code, pseudonym }), 'join');
    return { groupId: expectId(o, 'group_id', 'join'), status: expectString(o, 'status', 'join') };
  }

  /** The group as the server has it now, reconciled with this device's sender-key state. */
  async groupInfo(groupId: string): Promise<GroupInfo> {
    let o: Record<string, unknown>;
    try {
      o = expectObject(await this.api.get(`/v1/groups/${groupId}`), 'group');
    } catch (e) {
      if (e instanceof ApiError && GONE.has(e.code)) this.forgetGroup(groupId);
      throw e;
    }
    const members = expectArray(o.members ?? [], 'group.members').map((m) => {
      const r = expectObject(m, 'group member');
      return { accountId: expectId(r, 'account_id', 'member'), pseudonym: expectString(r, 'pseudonym', 'member'),
        groupRole: expectString(r, 'group_role', 'member') };
    });
    const info: GroupInfo = {
      groupId: expectId(o, 'group_id', 'group'), status: expectString(o, 'status', 'group'),
      groupRole: expectString(o, 'group_role', 'group'),
      conversationId: typeof o.conversation_id === 'string' ? expectId(o, 'conversation_id', 'group') : null,
      dmEnabled: o.dm_enabled === true,
      membershipVersion: typeof o.membership_version === 'number' ? expectInt(o, 'membership_version', 'group') : null,
      members,
    };
    if (info.status === 'active' && info.conversationId) await this.reconcile(groupId, info);
    return info;
  }

  /** A changed membership version means a new epoch; a member gone means their chains are dropped. */
  private async reconcile(groupId: string, info: GroupInfo): Promise<void> {
    const conversation = info.conversationId!;
    const row = (this.groupsProfile()[groupId] ??= {});
    const now = info.members.map((m) => m.accountId).sort();
    const pseudonyms = Object.fromEntries(info.members.map((m) => [m.accountId, m.pseudonym]));
    const unchanged = row.conversation === conversation && row.version === info.membershipVersion
      && JSON.stringify(row.members) === JSON.stringify(now) && JSON.stringify(row.pseudonyms) === JSON.stringify(pseudonyms);
    if (unchanged) return;
    this.rememberGroup(groupId, conversation);
    const known = new Set((row.members as string[] | undefined) ?? []);
    if (row.version !== info.membershipVersion) {
      const session = this.groupSession(conversation);
      for (const gone of known) if (!now.includes(gone)) session.removeMember(gone);
      session.noteMembershipChange();
    }
    row.version = info.membershipVersion;
    row.members = now;
    row.pseudonyms = pseudonyms;
    await this.save();
  }

  /** Learn every active group's conversation and pair channels (after a restart or an unknown delivery). */
  async syncGroups(): Promise<void> {
    const listed = expectArray(await this.api.get('/v1/groups'), 'groups').map((g) => expectObject(g, 'group'));
    // A group this device knows that the server no longer lists as active: removed, banned or left while offline.
    const active = new Set(listed.filter((row) => row.status === 'active').map((row) => expectId(row, 'group_id', 'group')));
    for (const known of Object.keys(this.groupsProfile())) if (!active.has(known)) this.forgetGroup(known);
    for (const row of listed) {
      if (row.status !== 'active') continue;
      const groupId = expectId(row, 'group_id', 'group');
      await this.groupInfo(groupId);
      for (const p of expectArray(await this.api.get(`/v1/groups/${groupId}/pairs`), 'pairs')) {
        const pr = expectObject(p, 'pair');
        this.remember(expectId(pr, 'conversation_id', 'pair'), { kind: 'pair', group: groupId, peer: expectId(pr, 'peer', 'pair') });
      }
    }
    await this.save();
  }

  /** Send to a group: membership read fresh first, so a new epoch never reaches a removed member. A body over the
   * C8 frame budget is refused (ApiError `message_too_large`) before anything is encrypted; when a new epoch is due,
   * every pair channel and every bundle it needs is fetched before the epoch is made, so a refusal there (403, 429
   * `prekey_fetch_limited`) fails the send with no epoch that some member would never receive. */
  async sendGroup(groupId: string, text: string): Promise<SentMessage> {
    const body = utf8(text);
    await this.checkBody(body, 0, true);
    const info = await this.groupInfo(groupId);
    if (info.status !== 'active' || !info.conversationId) throw new ApiError('not_member', 'you are not an active member of this group yet');
    const conversation = info.conversationId;
    const members = info.members.map((m) => m.accountId).filter((m) => m !== this.accountId);
    const channels = this.groupSession(conversation).needsNewEpoch(Math.floor(Date.now() / 1000))
      ? await this.prepareDistribution(groupId, members) : null;
    const [payload, envelope, commitment, distributions] = await this.lockMutex.run(async () => {
      const session = this.groupSession(conversation);
      const now = Math.floor(Date.now() / 1000);
      let out: Array<[string, Bytes]> = [];
      if (session.needsNewEpoch(now)) {
        const prepared = channels ?? await this.prepareDistribution(groupId, members);
        const distribution = Envelope.create(ContentType.SenderKeyDistribution, session.rotate(now).toBytes());
        out = prepared.map(({ channel, peer, bundle }) => [channel, new PairwisePayload([this.s.pairwise.encrypt(channel, peer,
          distribution.seal(), () => bundle!, this.s.identity)]).encode()]);
      }
      const env = Envelope.create(ContentType.Text, body);
      const c = franking.commit(env.frankingKey, env.messageId, this.accountId, conversation, env.body);
      const p = new GroupPayload(session.encrypt(env.seal(), now)).encode();
      await this.save(); // the epoch, the pair sessions and the chain step are on disk before anything leaves
      return [p, env, c, out] as const;
    });
    if (!this.relay) throw new ApiError('not_connected', 'call connect() first');
    for (const [channel, distribution] of distributions) await this.relay.send(channel, distribution, null);
    return this.sendRaw(conversation, payload, envelope, commitment);
  }

  /** Pair channels with every other member, and a bundle for each peer with no session yet (network only). */
  private async prepareDistribution(groupId: string, members: string[]): Promise<Array<{ channel: string; peer: string; bundle: PreKeyBundle | null }>> {
    const out: Array<{ channel: string; peer: string; bundle: PreKeyBundle | null }> = [];
    for (const peer of members) {
      const ch = expectObject(await this.api.post(`/v1/groups/${groupId}/pairs/${peer}`), 'pair channel');
      const channel = expectId(ch, 'conversation_id', 'pair channel');
      this.remember(channel, { kind: 'pair', group: groupId, peer });
      out.push({ channel, peer, bundle: this.s.pairwise.hasSession(channel, peer) ? null : await this.api.bundle(peer) });
    }
    return out;
  }

  private maxFrameBytes: number | null = null;

  /** C8: refuse, before encrypting, a body no `send` frame could carry to this many recipients. */
  private async checkBody(body: Bytes, recipients: number, group: boolean): Promise<void> {
    this.maxFrameBytes ??= (await this.api.config()).maxFrameBytes;
    const limit = maxBodyBytes(recipients, { group, maxFrameBytes: this.maxFrameBytes });
    if (body.length > limit) {
      throw new ApiError('message_too_large', `the message is ${body.length} bytes; at most ${limit} fit one frame for ${group ? 'a group' : `${recipients} recipient(s)`}`);
    }
  }

  /** One message to every other member of a pairwise conversation (a counseling session, a direct message). */
  async sendPairwise(conversation: string, recipients: string[], text: string, contentType: number = ContentType.Text): Promise<SentMessage> {
    const peers = [...new Set(recipients)].filter((r) => r !== this.accountId);
    if (!peers.length) throw new ApiError('no_recipients', 'nobody else is in this conversation');
    const body = utf8(text);
    await this.checkBody(body, peers.length, false);
    const envelope = Envelope.create(contentType, body);
    const commitment = franking.commit(envelope.frankingKey, envelope.messageId, this.accountId, conversation, envelope.body);
    const bundles = new Map<string, PreKeyBundle>();
    // Every bundle first: a refusal (429 prekey_fetch_limited) fails the send before any session advances.
    for (const p of peers) if (!this.s.pairwise.hasSession(conversation, p)) bundles.set(p, await this.api.bundle(p));
    const payload = await this.lockMutex.run(async () => {
      const entries = peers.map((p) => this.s.pairwise.encrypt(conversation, p, envelope.seal(), (x) => bundles.get(x)!, this.s.identity));
      await this.save();
      return new PairwisePayload(entries).encode();
    });
    return this.sendRaw(conversation, payload, envelope, commitment);
  }

  /** A direct message to another member of a group, over their pair channel (client/group_ops.py `direct`): only
   * where the group enables direct messages, else ApiError `direct_messages_off` before anything is encrypted. */
  async sendDirect(groupId: string, peer: string, text: string): Promise<SentMessage> {
    const ch = expectObject(await this.api.post(`/v1/groups/${groupId}/pairs/${peer}`), 'pair channel');
    if (!expectBool(ch, 'dm_enabled', 'pair channel')) throw new ApiError('direct_messages_off', 'this group does not allow direct messages');
    const channel = expectId(ch, 'conversation_id', 'pair channel');
    this.remember(channel, { kind: 'pair', group: groupId, peer });
    return this.sendPairwise(channel, [peer], text);
  }

  /** Relayed as is; a refusal with `ref` (frame_too_large, unknown_conversation, ...) fails this send at once. */
  private async sendRaw(conversation: string, payload: Bytes, envelope: Envelope, commitment: Bytes): Promise<SentMessage> {
    if (!this.relay) throw new ApiError('not_connected', 'call connect() first');
    const accepted = await this.relay.send(conversation, payload, commitment);
    // The writer's own message can raise an alert too (client/haven.py scans what is sent): keep what it needs.
    this.keepReportable(`${conversation}:${accepted.seq}`, { envelope, sender: this.accountId, commitment, ciphertext: payload,
      tag: accepted.frankingTag, serverTime: accepted.serverTime });
    return { conversation, payload, seq: accepted.seq, messageId: envelope.messageId, serverTime: accepted.serverTime, frankingTag: accepted.frankingTag };
  }

  /** Register a conversation this device learnt about from the HTTP API (a counseling session). */
  rememberSession(conversation: string, sessionId: string): void {
    this.remember(conversation, { kind: 'session', session: sessionId });
  }

  // --- receiving --------------------------------------------------------------------------------------
  private async process(d: Delivered): Promise<IncomingMessage[]> {
    let payload: GroupPayload | PairwisePayload;
    try {
      payload = decodePayload(d.ciphertext);
    } catch (e) {
      if (!(e instanceof PayloadError)) throw e;
      this.undecryptable += 1;
      return [];
    }
    const info = await this.conversationInfo(d.conversation);
    if (payload instanceof GroupPayload) {
      if (!info || info.kind !== 'group') {
        this.undecryptable += 1;
        return [];
      }
      return this.processGroup(d, payload.message, info, false);
    }
    const entry = payload.entryFor(this.accountId);
    return entry ? this.processPairwise(d, entry, info) : [];
  }

  private async conversationInfo(conversation: string): Promise<ConversationRow | null> {
    let row = this.conversations()[conversation];
    if (!row) {
      await this.syncGroups();
      await this.syncSessions();
      row = this.conversations()[conversation];
    }
    return row ?? null;
  }

  private processGroup(d: Delivered, message: GroupMessage, info: ConversationRow, held: boolean): IncomingMessage[] {
    const session = this.groupSession(d.conversation);
    if (!session.hasChainFor(message)) {
      // Its sender's chain travels on a pair channel and may arrive later: keep it until then.
      if (!held) {
        this.s.held.push({ conversation: d.conversation, seq: d.seq, sender: d.sender, ciphertext: d.ciphertext,
          serverTime: d.serverTime, commitment: d.commitment ?? new Uint8Array(0), tag: d.frankingTag ?? new Uint8Array(0) });
      }
      return [];
    }
    let envelope: Envelope;
    try {
      const [sender, padded] = session.decrypt(message);
      if (sender !== d.sender) throw new CryptoError('chain of another sender');
      envelope = Envelope.open(padded);
    } catch (e) {
      if (!(e instanceof CryptoError)) throw e;
      this.undecryptable += 1;
      return [];
    }
    return this.acceptText(d, envelope, 'group', info);
  }

  private async processPairwise(d: Delivered, entry: PairwiseEntry, info: ConversationRow | null): Promise<IncomingMessage[]> {
    const s = this.s;
    let envelope: Envelope;
    try {
      envelope = Envelope.open(s.pairwise.decrypt(d.conversation, d.sender, entry, s.identity, s.signedPrekeys, s.oneTimePrekeys));
    } catch (e) {
      if (!(e instanceof CryptoError)) throw e;
      this.undecryptable += 1;
      return [];
    }
    if (envelope.contentType === ContentType.SenderKeyDistribution) return this.installDistribution(d.sender, envelope.body);
    if (envelope.contentType !== ContentType.Text) return [];
    if (!info) {
      this.undecryptable += 1;
      return [];
    }
    if (info.kind === 'pair') {
      const allowed = info.group ? (await this.groupInfo(info.group)).dmEnabled : false;
      return allowed ? this.acceptText(d, envelope, 'direct', info) : [];
    }
    return this.acceptText(d, envelope, 'session', info);
  }

  private async installDistribution(sender: string, body: Bytes): Promise<IncomingMessage[]> {
    let distribution: SenderKeyDistribution;
    try {
      distribution = SenderKeyDistribution.fromBytes(body);
    } catch {
      this.undecryptable += 1;
      return [];
    }
    const conversation = toHex(distribution.groupId);
    const info = await this.conversationInfo(conversation);
    if (!info || info.kind !== 'group') return [];
    const session = this.groupSession(conversation);
    try {
      session.addDistribution(sender, distribution);
    } catch {
      this.undecryptable += 1;
      return [];
    }
    const released: IncomingMessage[] = [];
    const waiting = this.s.held.filter((h) => h.conversation === conversation).sort((a, b) => a.seq - b.seq);
    for (const h of waiting) {
      const payload = decodePayload(h.ciphertext);
      if (!(payload instanceof GroupPayload) || !session.hasChainFor(payload.message)) continue;
      this.s.held = this.s.held.filter((x) => x !== h);
      released.push(...this.processGroup(heldToDelivered(h), payload.message, info, true));
    }
    return released;
  }

  private acceptText(d: Delivered, envelope: Envelope, kind: ConversationKind, info: ConversationRow): IncomingMessage[] {
    if (!d.commitment) {
      this.undecryptable += 1; // every Haven client frankes; a message without a commitment is not shown
      return [];
    }
    let text: string;
    try {
      franking.openCommitment(envelope.frankingKey, d.commitment, envelope.messageId, d.sender, d.conversation, envelope.body);
      text = fromUtf8(envelope.body);
    } catch {
      this.undecryptable += 1;
      return [];
    }
    this.keepReportable(`${d.conversation}:${d.seq}`, { envelope, sender: d.sender, commitment: d.commitment, ciphertext: d.ciphertext,
      tag: d.frankingTag, serverTime: d.serverTime });
    return [{ conversation: d.conversation, seq: d.seq, sender: d.sender, text, messageId: envelope.messageId, serverTime: d.serverTime,
      kind, groupId: info.group ?? null, sessionId: info.session ?? null }];
  }

  private keepReportable(key: string, value: Reportable): void {
    this.reportable.set(key, value);
    while (this.reportable.size > REPORTABLE_KEPT) this.reportable.delete(this.reportable.keys().next().value!);
  }

  // --- counseling (docs/counseling.md) ---------------------------------------------------------------------
  /** Ask for a counselor; pays the proof of work the server asks of someone in no group (payload = account id), in
   * the lane of `topic` (`crisis` has its own, counseling.md). */
  async requestHelp(language: string, topic?: string): Promise<{ requestId: string; status: string; position: number }> {
    const body: { [k: string]: Json } = { language };
    if (topic !== undefined) body.topic = topic;
    let answer: unknown;
    try {
      answer = await this.api.post('/v1/counseling/requests', body);
    } catch (e) {
      if (!(e instanceof ApiError && e.code === 'pow_required')) throw e;
      // The challenge names its lane (crisis has its own count and difficulty) and carries its own difficulty,
      // which rises with the lane's recent rate instead of a refusal: solve the pow_bits given, never a constant.
      const c = expectObject(await this.api.get('/v1/counseling/pow', topic !== undefined ? { topic } : undefined), 'help pow');
      const challenge = fromBase64Field(c, 'challenge');
      const counter = await (this.options.pow ?? inlinePowSolver)(challenge, utf8(this.accountId), expectInt(c, 'pow_bits', 'help pow'));
      body.pow = { challenge: toBase64(challenge), counter };
      answer = await this.api.post('/v1/counseling/requests', body);
    }
    const o = expectObject(answer, 'help request');
    return { requestId: expectString(o, 'request_id', 'help request'), status: expectString(o, 'status', 'help request'),
      position: expectInt(o, 'position', 'help request') };
  }

  async setAvailability(available: boolean, languages: string[], maxSessions = 3): Promise<void> {
    await this.api.put('/v1/counseling/profile', { available, languages, max_sessions: maxSessions });
  }

  async nextOffer(): Promise<{ requestId: string; priority: number } | null> {
    const o = await this.api.post('/v1/counseling/offers/next');
    if (o === null) return null;
    const r = expectObject(o, 'offer');
    return { requestId: expectString(r, 'request_id', 'offer'), priority: expectInt(r, 'priority', 'offer') };
  }

  async acceptOffer(requestId: string): Promise<CounselingSession> {
    const session = parseSession(await this.api.post(`/v1/counseling/offers/${requestId}/accept`));
    this.rememberSession(session.conversationId, session.sessionId);
    await this.save();
    return session;
  }

  async counselingSession(sessionId: string): Promise<CounselingSession> {
    return parseSession(await this.api.get(`/v1/counseling/sessions/${sessionId}`));
  }

  /** Every active session this identity is in, remembered so their messages can be read. */
  async syncSessions(): Promise<CounselingSession[]> {
    const found = expectArray(await this.api.get('/v1/counseling/sessions'), 'sessions').map(parseSession);
    for (const s of found) if (s.status === 'active') this.rememberSession(s.conversationId, s.sessionId);
    // Those no longer active for this identity (closed, or transferred away, also while offline) are forgotten.
    const active = new Set(found.filter((s) => s.status === 'active').map((s) => s.sessionId));
    for (const [conversation, info] of Object.entries(this.conversations())) {
      if (info.kind === 'session' && !active.has(String(info.session))) {
        this.s.pairwise.forgetConversation(conversation);
        delete this.conversations()[conversation];
      }
    }
    await this.save();
    return found;
  }

  /** To everyone else in the session (both counselors during a warm transfer), each through its own ratchet. */
  async sendSession(sessionId: string, text: string): Promise<SentMessage> {
    const session = await this.counselingSession(sessionId);
    if (session.status !== 'active') throw new ApiError('session_closed', 'this session is closed');
    this.rememberSession(session.conversationId, session.sessionId);
    const participants = [session.memberId, session.counselorId, ...(session.transferTo ? [session.transferTo] : [])];
    return this.sendPairwise(session.conversationId, participants, text);
  }

  /** An identity's public keys, checked against its account id (for sealing a note to a counselor). */
  async identityOf(account: string): Promise<IdentityPublic> {
    const o = expectObject(await this.api.get(`/v1/identities/${account}`), 'identity');
    const pub = new IdentityPublic(fromBase64Field(o, 'signing_key'), fromBase64Field(o, 'agreement_key'));
    if (pub.accountId !== account) throw new ApiError('invalid_response', 'the identity does not match its account');
    return pub;
  }

  /** Hand the session to counselor `to`; `notes` are sealed to `to` alone before they leave this device. */
  async transfer(sessionId: string, to: string, mode: 'warm' | 'cold' = 'warm', notes?: string): Promise<CounselingSession> {
    const body: { [k: string]: Json } = { to, mode };
    if (notes !== undefined) {
      body.note = toBase64(sealedBox.seal(utf8(notes), sealedBox.DOMAIN_SESSION_NOTE, this.s.identity, [await this.identityOf(to)]).toBytes());
    }
    return parseSession(await this.api.post(`/v1/counseling/sessions/${sessionId}/transfer`, body));
  }

  /** A private note on the session, sealed to this counselor alone before it leaves the device (the server keeps
   * opaque bytes; counseling.md "notes"). Returns the note's id. */
  async addSessionNote(sessionId: string, text: string): Promise<string> {
    const sealed = sealedBox.seal(utf8(text), sealedBox.DOMAIN_SESSION_NOTE, this.s.identity, [this.s.identity.public()]).toBytes();
    const o = expectObject(await this.api.post(`/v1/counseling/sessions/${sessionId}/notes`, { sealed: toBase64(sealed) }), 'note');
    return expectId(o, 'note_id', 'note');
  }

  /** The session's notes addressed to this counselor, opened here; one that does not open, or whose sealer is not
   * the author the server names, is skipped. */
  async sessionNotes(sessionId: string): Promise<Array<{ author: string; text: string }>> {
    const out: Array<{ author: string; text: string }> = [];
    for (const row of expectArray(await this.api.get(`/v1/counseling/sessions/${sessionId}/notes`), 'notes')) {
      const o = expectObject(row, 'note');
      try {
        const [author, text] = sealedBox.openSealed(fromBase64Field(o, 'sealed'), sealedBox.DOMAIN_SESSION_NOTE, this.s.identity);
        if (author.accountId !== expectId(o, 'author', 'note')) continue;
        out.push({ author: author.accountId, text: fromUtf8(text) });
      } catch (e) {
        if (!(e instanceof CryptoError)) throw e;
      }
    }
    return out;
  }

  async completeTransfer(sessionId: string): Promise<CounselingSession> {
    return parseSession(await this.api.post(`/v1/counseling/sessions/${sessionId}/transfer/complete`));
  }

  async closeSession(sessionId: string, outcome: string): Promise<void> {
    const session = await this.counselingSession(sessionId);
    await this.api.post(`/v1/counseling/sessions/${sessionId}/close`, { outcome });
    this.s.pairwise.forgetConversation(session.conversationId);
    delete this.conversations()[session.conversationId];
    await this.save();
  }

  /** A member's own report of a message it received (docs/alerts.md, C16): the message's franking report (v2, with
   * the deliver frame's sender, seq and time) in an alert packet sealed to every current moderator, raised as a
   * manual alert. Who sent it is not the reporter's to say: the alert carries no subject until a moderator's
   * verification makes the relay's tag name one. Returns the alert id. */
  async reportMessage(conversation: string, seq: number): Promise<string> {
    return this.raiseAlert(conversation, seq, (messageId) => ({ v: 1, message_id: messageId, tier: 1, categories: ['distress'],
      language: 'und', excerpts: [] }), 'manual');
  }

  /** An alert about a message this device sent or received lately (client/haven.py `_raise_alert`): `content` is
   * given the message id (hex) and says what detection found; `automatic` for a crisis scan, `manual` for a report.
   * The server keeps one alert per message (each report its own), so the writer and every reader may all raise it. */
  async raiseAlert(conversation: string, seq: number, content: (messageId: string) => AlertContent,
    source: 'automatic' | 'manual'): Promise<string> {
    const kept = this.reportable.get(`${conversation}:${seq}`);
    if (!kept) throw new ApiError('not_reportable', 'this message is no longer held on this device');
    if (!kept.tag) throw new ApiError('not_reportable', 'the server gave this message no franking tag');
    const { envelope } = kept;
    const body = content(toHex(envelope.messageId));
    const language = body.language === 'en' || body.language === 'my' ? body.language : 'und';
    const report = franking.FrankingReport.build({ messageId: envelope.messageId, sender: kept.sender, conversation, seq,
      plaintext: envelope.body, frankingKey: envelope.frankingKey, commitment: kept.commitment, ciphertext: kept.ciphertext,
      serverTime: kept.serverTime, tag: kept.tag });
    const sealed = await this.sealToModerators(new AlertPacket(body, report).encode());
    const o = expectObject(await this.api.post('/v1/alerts', { conversation, seq, tier: Math.max(1, body.tier), source,
      language, sealed: toBase64(sealed) }), 'alert');
    return expectString(o, 'alert_id', 'alert');
  }

  /** Moderator: take an open alert (verifying it is allowed only to the moderator who claimed it). */
  async claimAlert(alertId: string): Promise<AlertRow> {
    return alertQueue.claimAlert(this.api, alertId);
  }

  async alertDetail(alertId: string): Promise<AlertDetail> {
    const o = expectObject(await this.api.get(`/v1/alerts/${alertId}`), 'alert');
    return { summary: alertQueue.alertRow(o), subject: typeof o.subject === 'string' ? expectId(o, 'subject', 'alert') : null,
      reports: expectArray(o.sealed_reports, 'alert reports').map(parseSealedReport) };
  }

  /** Moderator: open an alert sealed to this identity (client/alert_ops.py `open`): its first verified report, else
   * its oldest one that opens (a later, unverified report never takes a verified one's place). Throws ApiError
   * `alert_unreadable` (no report sealed to this moderator), `alert_damaged` (sealed to us but does not parse, e.g. a
   * version-1 report) or `alert_mismatch` (the report is about another conversation). The result's `subject` is the
   * server's, and only while the alert is verified; `claimedSender` is the report's unproven claim and must never be
   * shown as the sender. */
  async openAlert(alertId: string): Promise<OpenedAlert> {
    const detail = await this.alertDetail(alertId);
    const ordered = [...detail.reports.filter((r) => r.verified === true), ...detail.reports.filter((r) => r.verified !== true)];
    let refusal = new ApiError('alert_unreadable', 'this alert carries no content sealed to you');
    for (const report of ordered) {
      try {
        return this.openReport(detail, report);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        refusal = e;
      }
    }
    throw refusal;
  }

  private openReport(detail: AlertDetail, report: SealedReport): OpenedAlert {
    let sealer: IdentityPublic;
    let plaintext: Bytes;
    try {
      [sealer, plaintext] = sealedBox.openSealed(report.sealed, sealedBox.DOMAIN_ALERT, this.s.identity);
    } catch (e) {
      if (!(e instanceof CryptoError)) throw e;
      throw new ApiError('alert_unreadable', 'this report was not sealed to you, or is damaged');
    }
    let packet: AlertPacket;
    try {
      packet = AlertPacket.decode(plaintext);
    } catch (e) {
      if (!(e instanceof AlertPacketError)) throw e;
      throw new ApiError('alert_damaged', "this alert's sealed report does not parse");
    }
    if (packet.report.conversation !== detail.summary.conversation) {
      throw new ApiError('alert_mismatch', 'the sealed report is about another conversation');
    }
    return { summary: detail.summary, reportId: report.reportId, raisedBy: sealer.accountId, packet,
      claimedSender: packet.report.sender, subject: detail.summary.verified === true ? detail.subject : null };
  }

  /** Moderator (the claimer): verify each of the alert's reports not checked yet (C16), each on its own. Checked here
   * first, as client/alert_ops.py does: the plaintext opens the commitment, the report is about this alert's
   * conversation and seq, and its message id is the one the content names. If any fails, `local_check: "failed"` is
   * recorded for that report; otherwise only sender, commitment, ciphertext hash, time and tag go to the server —
   * never the plaintext or the franking key — and the server's recomputed tag decides. A report not sealed to this
   * moderator is left for another. `verified`: whether the alert is verified afterwards; `subject`: the sender a
   * report verified here proved (null if none did). */
  async verifyAlert(alertId: string): Promise<Verification> {
    const detail = await this.alertDetail(alertId);
    let verified = detail.summary.verified === true;
    let subject: string | null = null;
    for (const report of detail.reports) {
      if (report.verified !== null) continue;
      let opened: OpenedAlert | null;
      try {
        opened = this.openReport(detail, report);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        if (e.code !== 'alert_mismatch' && e.code !== 'alert_damaged') continue; // not sealed to us: another may check it
        opened = null; // sealed to us but unparseable or about another conversation: unsound
      }
      const body: { [k: string]: Json } = opened && locallySound(opened)
        ? { local_check: 'passed', report: report.reportId, sender: opened.packet.report.sender,
          commitment: toBase64(opened.packet.report.commitment), ciphertext_hash: toBase64(opened.packet.report.ciphertextHash),
          server_time: opened.packet.report.serverTime, franking_tag: toBase64(opened.packet.report.tag) }
        : { local_check: 'failed', report: report.reportId };
      const answer = expectObject(await this.api.post(`/v1/alerts/${alertId}/verify`, body), 'verification');
      if (expectBool(answer, 'verified', 'verification')) {
        verified = true;
        subject = typeof answer.subject === 'string' ? expectId(answer, 'subject', 'verification') : subject;
      }
    }
    return { verified, subject };
  }

  /** Moderator: a priority counseling request for the alert's subject; refused 409 `unverified` unless verified. */
  async escalateAlert(alertId: string, language: string): Promise<{ alertId: string; requestId: string }> {
    const o = expectObject(await this.api.post(`/v1/alerts/${alertId}/escalate`, { language }), 'escalation');
    return { alertId: expectString(o, 'alert_id', 'escalation'), requestId: expectString(o, 'request_id', 'escalation') };
  }

  // --- alerts (docs/alerts.md, C14, C16) ----------------------------------------------------------------
  async moderatorKeys(): Promise<IdentityPublic[]> {
    return expectArray(await this.api.get('/v1/moderators/keys'), 'moderator keys').map((row) => {
      const o = expectObject(row, 'moderator key');
      const pub = new IdentityPublic(fromBase64Field(o, 'signing_key'), fromBase64Field(o, 'agreement_key'));
      if (pub.accountId !== expectId(o, 'account_id', 'moderator key')) throw new ApiError('invalid_response', 'a moderator key does not match its account');
      return pub;
    });
  }

  /** Seal `plaintext` to every current moderator under `domain` (alerts) — the server never reads it. */
  async sealToModerators(plaintext: Bytes): Promise<Bytes> {
    return sealedBox.seal(plaintext, sealedBox.DOMAIN_ALERT, this.s.identity, await this.moderatorKeys()).toBytes();
  }

  /** Open something sealed to this identity (an alert for a moderator, a transfer note for a counselor). */
  openSealed(data: Bytes, domain: string): [IdentityPublic, Bytes] {
    return sealedBox.openSealed(data, domain, this.s.identity);
  }
}

function fromBase64Field(o: Record<string, unknown>, key: string): Bytes {
  const v = o[key];
  if (typeof v !== 'string') throw new ApiError('invalid_response', `missing ${key}`);
  try {
    return fromBase64(v);
  } catch {
    throw new ApiError('invalid_response', `bad ${key}`);
  }
}

/** One report of an alert's message, as it came: no later report replaces it (docs/alerts.md). */
export interface SealedReport {
  reportId: string;
  /** The reporter's claim; it counts for the alert only once this report verified. */
  tier: number;
  source: string;
  verified: boolean | null;
  createdAt: number;
  sealed: Bytes;
}

export interface AlertDetail {
  summary: AlertRow;
  /** The sender the relay's tag named at verification; null until then (and never shown unless verified). */
  subject: string | null;
  /** Oldest first. */
  reports: SealedReport[];
}

export interface OpenedAlert {
  summary: AlertRow;
  /** Which of the alert's reports this is. */
  reportId: string;
  /** Whose identity sealed the packet (the reporting member's device), proven by the signature inside the sealed
   * message (version 2: the server never sees it; version 1, stored before: in the clear). */
  raisedBy: string;
  packet: AlertPacket;
  /** The sender the report *claims*: the sender chose what its commitment names. Never shown as the sender. */
  claimedSender: string;
  /** The sender the server's franking check proved, only while the alert is verified. */
  subject: string | null;
}

export interface Verification {
  verified: boolean;
  subject: string | null;
}

/** What only the moderator's device can check (client/alert_ops.py `_locally_sound`). Who sent it is the server's
 * tag to say. */
function parseSealedReport(v: unknown): SealedReport {
  const o = expectObject(v, 'alert report');
  const verified = o.verified;
  if (verified !== null && typeof verified !== 'boolean') throw new ApiError('invalid_response', 'bad verified');
  return { reportId: expectId(o, 'report_id', 'alert report'), tier: expectInt(o, 'tier', 'alert report'),
    source: expectString(o, 'source', 'alert report'), verified, createdAt: expectInt(o, 'created_at', 'alert report'),
    sealed: fromBase64Field(o, 'sealed') };
}

export function locallySound(opened: OpenedAlert): boolean {
  const r = opened.packet.report;
  try {
    r.checkCommitment();
  } catch (e) {
    if (!(e instanceof CryptoError)) throw e;
    return false;
  }
  return r.conversation === opened.summary.conversation && r.seq === opened.summary.seq
    && toHex(r.messageId) === opened.packet.content.message_id;
}

export interface CounselingSession {
  sessionId: string;
  requestId: string;
  conversationId: string;
  memberId: string;
  counselorId: string;
  transferTo: string | null;
  status: string;
}

function parseSession(v: unknown): CounselingSession {
  const o = expectObject(v, 'session');
  return { sessionId: expectString(o, 'session_id', 'session'), requestId: expectString(o, 'request_id', 'session'),
    conversationId: expectId(o, 'conversation_id', 'session'), memberId: expectId(o, 'member_id', 'session'),
    counselorId: expectId(o, 'counselor_id', 'session'),
    transferTo: typeof o.transfer_to === 'string' ? expectId(o, 'transfer_to', 'session') : null,
    status: expectString(o, 'status', 'session') };
}

function heldToDelivered(h: HeldMessage): Delivered {
  return { conversation: h.conversation, seq: h.seq, sender: h.sender, clientId: new Uint8Array(0), ciphertext: h.ciphertext,
    serverTime: h.serverTime, commitment: h.commitment.length ? h.commitment : null, frankingTag: h.tag.length ? h.tag : null };
}

/** Registration (§1.1): challenge, proof of work (the solver may run in a Worker), both key proofs. */
async function register(api: HavenApi, state: ClientState, pow: PowSolver): Promise<string> {
  const c = expectObject(await api.raw('GET', '/v1/registration/challenge'), 'registration challenge');
  const challenge = fromBase64Field(c, 'challenge');
  const ephemeral = fromBase64Field(c, 'server_ephemeral');
  const bits = expectInt(c, 'pow_bits', 'registration challenge');
  const pub = state.identity.public();
  const counter = await pow(challenge, pub.toBytes(), bits);
  const [proof, signature] = registrationProofs(state.identity, challenge, ephemeral);
  try {
    const o = expectObject(await api.raw('POST', '/v1/identities', {
      signing_key: toBase64(pub.signing), agreement_key: toBase64(pub.agreement), challenge: toBase64(challenge),
      pow_counter: counter, agreement_proof: toBase64(proof), signature: toBase64(signature),
    }), 'registration');
    return expectId(o, 'account_id', 'registration');
  } catch (e) {
    if (e instanceof ApiError && e.code === 'identity_exists') return pub.accountId;
    throw e;
  }
}
