// The websocket relay (docs/protocol.md §2, §3; client/relay.py and client/reliable.py): authenticate, send,
// accepted, deliver, ack, resume — and a ReliableRelay that reconnects, resumes and resends so the application
// sees every message exactly once and in order per conversation. It moves opaque ciphertext only.
// Every server frame is checked against the published schema (docs/schema/websocket-server-frames.json, through
// schema.std.ts) and then read with strict helpers (ids, safe integers, strict base64). A frame that fails is refused
// with RelayError("invalid_server_frame") carrying the SchemaError — it rejects the send it answers if it names one,
// otherwise it goes to `errors` — and is counted; the connection keeps serving.
import { fromBase64, toBase64, type Bytes } from './encoding.std.js';
import type { IdentityKeyPair } from './keys.std.js';
import { signAuth } from './auth.std.js';
import { randomBytes } from './sodium.std.js';
import { AsyncQueue, TimeoutError, sleep } from './queue.std.js';
import { SchemaError, published } from './schema.std.js';

export class RelayError extends Error {
  override name = 'RelayError';
  /** `violation`: for `invalid_server_frame`, what in the frame broke the published schema (null: not JSON). */
  constructor(readonly code: string, message: string, readonly violation: SchemaError | null = null) {
    super(message);
  }
}

/** Parse and check one server frame; RelayError `invalid_server_frame` if it is not JSON or breaks the schema. */
export function parseServerFrame(raw: unknown): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(String(raw));
  } catch {
    throw new RelayError('invalid_server_frame', 'the server sent a frame that is not JSON');
  }
  try {
    published.checkFrame(parsed);
  } catch (e) {
    if (!(e instanceof SchemaError)) throw e;
    throw new RelayError('invalid_server_frame', `the server sent an invalid frame: ${e.message}`, e);
  }
  return parsed as Record<string, unknown>;
}

export interface Accepted {
  clientId: Bytes;
  conversation: string;
  seq: number;
  serverTime: number;
  duplicate: boolean;
  frankingTag: Bytes | null;
}

export interface Delivered {
  conversation: string;
  seq: number;
  sender: string;
  clientId: Bytes;
  ciphertext: Bytes;
  serverTime: number;
  commitment: Bytes | null;
  frankingTag: Bytes | null;
}

export interface ServerEvent {
  event: string;
  [key: string]: unknown;
}

export type WebSocketFactory = (url: string) => WebSocket;

const defaultFactory: WebSocketFactory = (url) => {
  const Ctor = (globalThis as { WebSocket?: typeof WebSocket }).WebSocket;
  if (!Ctor) throw new RelayError('no_websocket', 'this runtime has no WebSocket (Node 20 needs --experimental-websocket)');
  return new Ctor(url);
};

const ID = /^[0-9a-f]{32}$/;
type Obj = Record<string, unknown>;

function str(o: Obj, k: string): string {
  const v = o[k];
  if (typeof v !== 'string') throw new RelayError('invalid_server_frame', `server frame field ${k}`);
  return v;
}
function id(o: Obj, k: string): string {
  const v = str(o, k);
  if (!ID.test(v)) throw new RelayError('invalid_server_frame', `server frame field ${k}`);
  return v;
}
function int(o: Obj, k: string): number {
  const v = o[k];
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new RelayError('invalid_server_frame', `server frame field ${k}`);
  return v;
}
function bin(o: Obj, k: string): Bytes {
  try {
    return fromBase64(str(o, k));
  } catch {
    throw new RelayError('invalid_server_frame', `server frame field ${k}`);
  }
}
function optBin(o: Obj, k: string, size: number): Bytes | null {
  if (o[k] === undefined || o[k] === null) return null;
  const v = bin(o, k);
  if (v.length !== size) throw new RelayError('invalid_server_frame', `server frame field ${k}`);
  return v;
}

/** How many unread errors a connection (and a ReliableRelay) keeps: the server decides how many it sends, so a
 * hostile one could otherwise grow the queue without end. Beyond it the oldest go, counted in `errors.dropped`. */
export const ERRORS_KEPT = 256;

/** One authenticated websocket. */
export class RelayConnection {
  readonly deliveries = new AsyncQueue<Delivered>();
  readonly events = new AsyncQueue<ServerEvent>();
  /** Errors that answer no request (bad frames, refused acks): bounded, the oldest dropped and counted. */
  readonly errors = new AsyncQueue<RelayError>(ERRORS_KEPT);
  invalidFrames = 0;
  private pending = new Map<string, { resolve: (a: Accepted) => void; reject: (e: Error) => void }>();
  private resumed: { resolve: (p: Record<string, number>) => void; reject: (e: Error) => void } | null = null;
  private closedFlag = false;
  readonly closed: Promise<void>;

  private constructor(private readonly socket: WebSocket, readonly accountId: string) {
    this.closed = new Promise((resolve) => {
      socket.addEventListener('close', () => {
        this.closedFlag = true;
        const err = new RelayError('connection_closed', 'the connection closed');
        for (const p of this.pending.values()) p.reject(err);
        this.pending.clear();
        this.resumed?.reject(err);
        this.resumed = null;
        resolve();
      });
    });
    socket.addEventListener('message', (e: MessageEvent) => this.dispatch(e.data));
  }

  get isClosed(): boolean {
    return this.closedFlag;
  }

  static connect(url: string, identity: IdentityKeyPair, factory: WebSocketFactory = defaultFactory, timeoutMs = 10_000): Promise<RelayConnection> {
    return new Promise((resolve, reject) => {
      let socket: WebSocket;
      try {
        socket = factory(url);
      } catch (e) {
        reject(e);
        return;
      }
      const timer = setTimeout(() => fail(new RelayError('timeout', 'the relay did not answer in time')), timeoutMs);
      let step: 'challenge' | 'ready' = 'challenge';
      const fail = (e: Error): void => {
        clearTimeout(timer);
        socket.removeEventListener('message', onMessage);
        try {
          socket.close();
        } catch {
          /* already closed */
        }
        reject(e);
      };
      const onMessage = (e: MessageEvent): void => {
        try {
          const frame = parseServerFrame(e.data);
          if (step === 'challenge') {
            if (frame.type !== 'challenge') throw new RelayError('protocol_error', 'server did not open with a challenge');
            const time = Date.now();
            const signature = signAuth(identity, bin(frame, 'challenge'), str(frame, 'server_id'), time);
            socket.send(JSON.stringify({ type: 'auth', account: identity.accountId, time, signature: toBase64(signature) }));
            step = 'ready';
            return;
          }
          if (frame.type === 'error') throw new RelayError(str(frame, 'code'), str(frame, 'message'));
          if (frame.type !== 'ready') throw new RelayError('protocol_error', 'unexpected answer to auth');
          clearTimeout(timer);
          socket.removeEventListener('message', onMessage);
          resolve(new RelayConnection(socket, identity.accountId));
        } catch (err) {
          fail(err instanceof Error ? err : new RelayError('protocol_error', String(err)));
        }
      };
      socket.addEventListener('message', onMessage);
      socket.addEventListener('error', () => fail(new RelayError('connection_failed', 'websocket error')));
      socket.addEventListener('close', () => fail(new RelayError('connection_closed', 'closed during authentication')));
    });
  }

  private frame(frame: Obj): void {
    if (this.closedFlag) throw new RelayError('connection_closed', 'the connection closed');
    this.socket.send(JSON.stringify(frame));
  }

  /** Send and wait for the durable `accepted`. Resending the same client id is idempotent (§2). */
  send(conversation: string, ciphertext: Bytes, clientId: Bytes, commitment: Bytes | null, timeoutMs = 30_000): Promise<Accepted> {
    const ref = toBase64(clientId);
    return new Promise<Accepted>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(ref);
        reject(new TimeoutError('no answer to send'));
      }, timeoutMs);
      this.pending.set(ref, {
        resolve: (a) => { clearTimeout(timer); resolve(a); },
        reject: (e) => { clearTimeout(timer); reject(e); },
      });
      const f: Obj = { type: 'send', conversation, client_id: ref, ciphertext: toBase64(ciphertext) };
      if (commitment) f.commitment = toBase64(commitment);
      try {
        this.frame(f);
      } catch (e) {
        this.pending.delete(ref);
        clearTimeout(timer);
        reject(e);
      }
    });
  }

  ack(conversation: string, seq: number): void {
    this.frame({ type: 'ack', conversation, seq });
  }

  /** The replay arrives on `deliveries` before this resolves; live delivery starts here too (§2). */
  resume(after: Record<string, number>, timeoutMs = 30_000): Promise<Record<string, number>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new TimeoutError('no answer to resume')), timeoutMs);
      this.resumed = { resolve: (p) => { clearTimeout(timer); resolve(p); }, reject: (e) => { clearTimeout(timer); reject(e); } };
      try {
        this.frame({ type: 'resume', after });
      } catch (e) {
        clearTimeout(timer);
        reject(e);
      }
    });
  }

  close(): void {
    try {
      this.socket.close(1000);
    } catch {
      /* already closed */
    }
  }

  private dispatch(raw: unknown): void {
    let frame: Obj;
    try {
      frame = parseServerFrame(raw);
      this.handle(frame);
    } catch (e) {
      const err = e instanceof RelayError ? e : new RelayError('invalid_server_frame', String(e));
      this.invalidFrames += 1;
      this.refuse(raw, err);
    }
  }

  /** An invalid frame that names a pending send (an `accepted`'s client_id, an `error`'s ref) fails that send at
   * once rather than after its timeout; any other goes to `errors`. */
  private refuse(raw: unknown, err: RelayError): void {
    let ref: unknown;
    try {
      const o = JSON.parse(String(raw)) as Obj;
      ref = o.type === 'accepted' ? o.client_id : o.type === 'error' ? o.ref : undefined;
    } catch {
      ref = undefined;
    }
    const p = typeof ref === 'string' ? this.pending.get(ref) : undefined;
    if (p && typeof ref === 'string') {
      this.pending.delete(ref);
      p.reject(err);
    } else this.errors.put(err);
  }

  private handle(frame: Obj): void {
    switch (frame.type) {
      case 'deliver':
        this.deliveries.put({
          conversation: id(frame, 'conversation'), seq: int(frame, 'seq'), sender: id(frame, 'sender'),
          clientId: bin(frame, 'client_id'), ciphertext: bin(frame, 'ciphertext'), serverTime: int(frame, 'server_time'),
          commitment: optBin(frame, 'commitment', 32), frankingTag: optBin(frame, 'franking_tag', 32),
        });
        break;
      case 'accepted': {
        const ref = str(frame, 'client_id');
        const accepted: Accepted = {
          clientId: bin(frame, 'client_id'), conversation: id(frame, 'conversation'), seq: int(frame, 'seq'),
          serverTime: int(frame, 'server_time'), duplicate: frame.duplicate === true, frankingTag: optBin(frame, 'franking_tag', 32),
        };
        const p = this.pending.get(ref);
        this.pending.delete(ref);
        p?.resolve(accepted);
        break;
      }
      case 'resumed': {
        const c = frame.conversations as Obj;
        const out: Record<string, number> = {};
        for (const k of Object.keys(c)) {
          if (!ID.test(k)) throw new RelayError('invalid_server_frame', 'resumed.conversations');
          out[k] = int(c, k);
        }
        this.resumed?.resolve(out);
        this.resumed = null;
        break;
      }
      case 'event':
        this.events.put(frame as ServerEvent);
        break;
      case 'pong':
        break;
      case 'error': {
        const err = new RelayError(str(frame, 'code'), str(frame, 'message'));
        const ref = typeof frame.ref === 'string' ? frame.ref : '';
        const p = this.pending.get(ref);
        if (p) {
          this.pending.delete(ref);
          p.reject(err);
        } else this.errors.put(err);
        break;
      }
      default:
        // The schema admits only the types above; a frame type it gained since this build was checked already.
        throw new RelayError('invalid_server_frame', `unexpected frame type ${String(frame.type)}`);
    }
  }
}

/** How long a reconnect waits after `too_many_connections` (close 4010) before trying again. */
export const TOO_MANY_CONNECTIONS_WAIT_MS = 5000;

// Codes after which retrying the same request cannot succeed (client/reliable.py PERMANENT_CODES).
// `invalid_server_frame` is ours: the server answered the send with something its schema forbids, and a resend would
// get the same answer.
const PERMANENT = new Set(['unknown_conversation', 'bad_base64', 'bad_length', 'invalid_frame', 'frame_too_large', 'auth_failed',
  'invalid_server_frame']);

/** Reconnects, resumes from the consumed positions and resends with the same client id: exactly once, in order. */
export class ReliableRelay {
  readonly inbox = new AsyncQueue<Delivered>();
  readonly events = new AsyncQueue<ServerEvent>();
  /** Every connection's errors that answer no request, passed on as they come, bounded like the connection's:
   * `errors.dropped` counts every one lost, here or at the connection, because the application did not read in time. */
  readonly errors = new AsyncQueue<RelayError>(ERRORS_KEPT);
  reconnects = 0;
  /** One item per reconnect after the first connection: the relay never replays notices sent while no connection
   * was up, so whoever keeps state from them re-reads it here. Bounded: only "at least one since" matters. */
  readonly reconnections = new AsyncQueue<number>(1);
  private connection: RelayConnection | null = null;
  private connectedWaiters: Array<() => void> = [];
  private stopped = false;
  private supervisor: Promise<void> | null = null;

  /** `positions`: conversation -> highest seq the application consumed; persist it to resume after a restart. */
  constructor(
    private readonly url: string,
    private readonly identity: IdentityKeyPair,
    readonly positions: Map<string, number> = new Map(),
    private readonly factory: WebSocketFactory = defaultFactory,
    private readonly maxBackoffMs = 2000,
  ) {}

  async start(): Promise<void> {
    await this.connectOnce();
    this.supervisor = this.supervise();
  }

  async close(): Promise<void> {
    this.stopped = true;
    this.connection?.close();
    await this.supervisor;
  }

  private async connectOnce(): Promise<void> {
    const connection = await RelayConnection.connect(this.url, this.identity, this.factory, 5000);
    // Forward from this connection; the old one's leftovers were already forwarded as they arrived.
    void (async () => {
      while (!this.stopped) this.inbox.put(await connection.deliveries.take());
    })();
    void (async () => {
      while (!this.stopped) this.events.put(await connection.events.take());
    })();
    void (async () => {
      // The socket can hand over many frames before this loop runs again, so the connection's own bound may drop
      // some first: those count in this relay's `errors.dropped` too.
      let seen = 0;
      while (!this.stopped) {
        const error = await connection.errors.take();
        this.errors.dropped += connection.errors.dropped - seen;
        seen = connection.errors.dropped;
        this.errors.put(error);
      }
    })();
    try {
      await connection.resume(Object.fromEntries(this.positions));
    } catch (e) {
      connection.close();
      throw e;
    }
    this.connection = connection;
    for (const w of this.connectedWaiters.splice(0)) w();
  }

  private async supervise(): Promise<void> {
    let backoff = 50;
    while (!this.stopped) {
      await this.connection!.closed;
      if (this.stopped) return;
      this.connection = null;
      for (;;) {
        if (this.stopped) return;
        try {
          await this.connectOnce();
          this.reconnects += 1;
          this.reconnections.put(this.reconnects);
          backoff = 50;
          break;
        } catch (e) {
          // The identity already holds the server's per-identity cap of connections (4010, §3.1.1): another tab or
          // a dead connection the keepalive has not dropped yet (at most 40 s). Hammering the server will not free
          // one; wait longer before trying again.
          const wait = e instanceof RelayError && e.code === 'too_many_connections' ? Math.max(backoff, TOO_MANY_CONNECTIONS_WAIT_MS) : backoff;
          await sleep(wait);
          backoff = Math.min(backoff * 2, this.maxBackoffMs);
        }
      }
    }
  }

  private connected(): Promise<RelayConnection> {
    if (this.connection && !this.connection.isClosed) return Promise.resolve(this.connection);
    return new Promise((resolve) => this.connectedWaiters.push(() => resolve(this.connection!)));
  }

  /** Retried with the same client id until the server accepts it (a retry is idempotent). */
  async send(conversation: string, ciphertext: Bytes, commitment: Bytes | null, clientId: Bytes = randomBytes(16)): Promise<Accepted> {
    for (;;) {
      if (this.stopped) throw new RelayError('closed', 'the relay was closed');
      const connection = await this.connected();
      try {
        return await connection.send(conversation, ciphertext, clientId, commitment, 10_000);
      } catch (e) {
        if (e instanceof RelayError && PERMANENT.has(e.code)) throw e;
        if (e instanceof RelayError && e.code === 'rate_limited') await sleep(200);
      }
      await sleep(50);
    }
  }

  /** The next message the application has not had: never one it already had, never out of order. */
  async receive(timeoutMs?: number): Promise<Delivered> {
    for (;;) {
      const m = await this.inbox.take(timeoutMs);
      if (m.seq <= (this.positions.get(m.conversation) ?? 0)) continue;
      this.positions.set(m.conversation, m.seq);
      return m;
    }
  }

  /** Best effort: a lost ack only means a redelivery, which `receive` drops. */
  ack(conversation: string, seq: number): void {
    try {
      this.connection?.ack(conversation, seq);
    } catch {
      /* the next connection's resume covers it */
    }
  }
}
