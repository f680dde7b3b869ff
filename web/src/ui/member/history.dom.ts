// On-device history: the conversations' lines (and what crisis detection concluded about them) survive a lock and a
// reload, sealed under the same key as the device state (HavenClient.sealLocal: Argon2id of the passphrase, a fresh
// nonce per save) in their own IndexedDB record beside it. Bounded (the newest lines of the most recent
// conversations, at most HISTORY_MAX_BYTES before sealing), readable only while unlocked; a quick lock drops it from
// memory with the rest of the state, and the panic wipe deletes the database it lives in.
import { fromUtf8, utf8 } from '../../core/encoding.std.js';
import type { HavenClient } from '../../core/client.std.js';
import { IndexedDbStateStore } from '../../dom/stateStore.dom.js';
import { onLine } from '../app/chat.dom.js';
import { app, type ChatLine } from '../app/state.std.js';
import { crisisState, type CrisisMark } from './crisisState.std.js';

/** Its own slot in the app's database ('haven'), which the panic wipe deletes whole. */
const HISTORY_SLOT = 'member-history';
export const LINES_PER_CONVERSATION = 200;
export const MAX_CONVERSATIONS = 50;
export const HISTORY_MAX_BYTES = 256 * 1024;
const FORMAT = '1';

interface Saved {
  lines: Array<[string, ChatLine[]]>;
  marks: Array<[string, CrisisMark]>;
}

/** The newest of everything, cut to the bounds: most recently active conversations first, oldest lines dropped. */
export function bounded(lines: Map<string, ChatLine[]>, marks: Map<string, CrisisMark>): Saved {
  // A Map keeps insertion order; the conversation that got a line last is the most recent (see touch()).
  let kept = [...lines].slice(-MAX_CONVERSATIONS).map(([c, l]): [string, ChatLine[]] =>
    [c, l.slice(-LINES_PER_CONVERSATION).map((x) => ({ ...x, report: x.report === 'sent' ? 'sent' : undefined }))]);
  const size = (): number => utf8(JSON.stringify(kept)).length;
  while (size() > HISTORY_MAX_BYTES && kept.some(([, l]) => l.length)) {
    // Drop the oldest line of the longest conversation until it fits.
    const longest = kept.reduce((a, b) => (b[1].length > a[1].length ? b : a));
    longest[1] = longest[1].slice(Math.max(1, Math.floor(longest[1].length / 10)));
    kept = kept.filter(([, l]) => l.length);
  }
  const seqs = new Set(kept.flatMap(([c, l]) => l.map((x) => `${c}:${x.seq}`)));
  return { lines: kept, marks: [...marks].filter(([k]) => seqs.has(k)) };
}

let saving: Promise<void> | null = null;
let again = false;

async function saveNow(client: HavenClient): Promise<void> {
  const store = new IndexedDbStateStore(HISTORY_SLOT);
  try {
    const saved = bounded(app.lines, crisisState.marks);
    const sealed = client.sealLocal(new Map([['format', utf8(FORMAT)], ['history', utf8(JSON.stringify(saved))]]));
    // Locked or wiped meanwhile: write nothing (a write after the wipe's delete would recreate the database).
    if (app.client !== client) return;
    await store.save(sealed);
  } finally {
    store.close(); // no connection left open to hold up the wipe's deleteDatabase
  }
}

/** Save soon: one save at a time, and one more after it if lines came meanwhile. */
function scheduleSave(): void {
  const client = app.client;
  if (!client) return;
  if (saving) {
    again = true;
    return;
  }
  saving = saveNow(client).catch((e: unknown) => {
    console.warn('history not saved', e instanceof Error ? e.name : 'error');
  }).finally(() => {
    saving = null;
    if (again) {
      again = false;
      scheduleSave();
    }
  });
}

/** Moves a conversation to the end of the map (the most recent), so bounded() keeps the active ones. */
function touch(conversation: string): void {
  const l = app.lines.get(conversation);
  if (!l) return;
  app.lines.delete(conversation);
  app.lines.set(conversation, l);
}

onLine((conversation) => {
  touch(conversation);
  scheduleSave();
});

/** After unlock, before the message loop starts: what this device kept, back in memory. A record this key cannot
 * open (another identity's, damaged) is ignored and replaced at the next save. */
export async function loadHistory(client: HavenClient): Promise<void> {
  const store = new IndexedDbStateStore(HISTORY_SLOT);
  try {
    const sealed = await store.load();
    if (!sealed) return;
    const entries = client.openLocal(sealed);
    if (fromUtf8(entries.get('format') ?? new Uint8Array()) !== FORMAT) return;
    const saved = JSON.parse(fromUtf8(entries.get('history')!)) as Saved;
    for (const [conversation, lines] of saved.lines) app.lines.set(conversation, [...lines, ...(app.lines.get(conversation) ?? [])]);
    for (const [key, mark] of saved.marks) crisisState.marks.set(key, mark);
  } catch (e) {
    console.warn('history not read', e instanceof Error ? e.name : 'error');
  } finally {
    store.close();
  }
}

/** Re-save after something changed without a new line (a crisis mark, a report). */
export function historyChanged(): void {
  scheduleSave();
}
