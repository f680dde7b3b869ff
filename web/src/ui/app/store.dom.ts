// The sealed state's IndexedDB store, behind a switch the panic wipe throws.
import type { Bytes } from '../../core/encoding.std.js';
import type { StateStore } from '../../core/client.std.js';
import { IndexedDbStateStore } from '../../dom/stateStore.dom.js';

const STORE_SLOT = 'member';

/** A client still shutting down (its lock() saves once more) must not write the state back after the database was
 * deleted. */
export class WipeableStore implements StateStore {
  readonly inner = new IndexedDbStateStore(STORE_SLOT);
  wiped = false;
  load(): Promise<Bytes | null> {
    return this.wiped ? Promise.resolve(null) : this.inner.load();
  }
  async save(sealed: Bytes): Promise<void> {
    if (!this.wiped) await this.inner.save(sealed);
  }
  async clear(): Promise<void> {
    if (!this.wiped) await this.inner.clear();
  }
}

let current = new WipeableStore();

/** The store in use (a new one after a wipe). */
export function store(): WipeableStore {
  return current;
}

export function renewStore(): void {
  current = new WipeableStore();
}

export async function hasIdentity(): Promise<boolean> {
  try {
    return (await current.load()) !== null;
  } catch {
    return false;
  }
}
