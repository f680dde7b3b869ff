// The device's sealed state in IndexedDB (browser page or Worker). What is stored is only the Keystore file of
// docs/protocol.md C10 (Argon2id + XChaCha20-Poly1305, the same bytes the Python SDK writes to disk), one record per
// slot. Writes use a `strict`-durability transaction and resolve only on `complete`, so HavenClient's
// "save before ack" holds: once the ack leaves, the state that consumed the message is on disk.
import type { StateStore } from '../core/client.std.js';
import type { Bytes } from '../core/encoding.std.js';

const DB_NAME = 'haven';
const STORE = 'state';

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

function openDb(): Promise<IDBDatabase> {
  const r = indexedDB.open(DB_NAME, 1);
  r.onupgradeneeded = () => {
    if (!r.result.objectStoreNames.contains(STORE)) r.result.createObjectStore(STORE);
  };
  return request(r);
}

export class IndexedDbStateStore implements StateStore {
  private db: Promise<IDBDatabase> | null = null;

  /** `slot` names one identity on this browser profile (a person may keep a member and a staff identity). */
  constructor(readonly slot = 'default') {}

  private database(): Promise<IDBDatabase> {
    this.db ??= openDb();
    return this.db;
  }

  private async tx(mode: IDBTransactionMode): Promise<IDBObjectStore> {
    const db = await this.database();
    return db.transaction(STORE, mode, { durability: 'strict' }).objectStore(STORE);
  }

  async load(): Promise<Bytes | null> {
    const value: unknown = await request((await this.tx('readonly')).get(this.slot));
    return value instanceof Uint8Array ? value : value instanceof ArrayBuffer ? new Uint8Array(value) : null;
  }

  async save(sealed: Bytes): Promise<void> {
    const store = await this.tx('readwrite');
    store.put(sealed.slice(), this.slot);
    await new Promise<void>((resolve, reject) => {
      store.transaction.oncomplete = () => resolve();
      store.transaction.onerror = () => reject(store.transaction.error ?? new Error('IndexedDB write failed'));
      store.transaction.onabort = () => reject(store.transaction.error ?? new Error('IndexedDB write aborted'));
    });
  }

  async clear(): Promise<void> {
    await request((await this.tx('readwrite')).delete(this.slot));
  }

  close(): void {
    void this.db?.then((db) => db.close());
    this.db = null;
  }
}
