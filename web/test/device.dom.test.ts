// Browser only (bundled for Chromium, never for node --test): device state in IndexedDB under Argon2id, and the
// proof of work in a Web Worker.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { IndexedDbStateStore } from '../src/dom/stateStore.dom.js';
import { workerPowSolver } from '../src/dom/powSolver.dom.js';
import { ClientState } from '../src/core/state.std.js';
import { ARGON2ID, ready } from '../src/core/sodium.std.js';
import { DecryptionError, fromHex, solvePow, toHex } from '../src/core/index.std.js';
import * as keystore from '../src/core/keystore.std.js';

before(async () => {
  await ready();
});

test('device state: sealed under Argon2id, kept in IndexedDB, reopened by a new store; wrong passphrase refused', async () => {
  const state = ClientState.create('http://127.0.0.1:1');
  state.generatePrekeys(5);
  state.positions.set('ab'.repeat(16), 7);
  state.profile.note = 'မင်္ဂလာပါ';
  const key = keystore.KeystoreKey.derive('passphrase ဘက်', ARGON2ID.OPSLIMIT_MIN, ARGON2ID.MEMLIMIT_MIN);
  const store = new IndexedDbStateStore('test-slot');
  await store.clear();
  await store.save(keystore.sealWith(state.toEntries(), key));
  store.close();

  const again = new IndexedDbStateStore('test-slot');
  const sealed = await again.load();
  assert.ok(sealed, 'the sealed state survived a new connection to IndexedDB');
  assert.equal(toHex(sealed.slice(0, 4)), toHex(new TextEncoder().encode('HVKS')));
  const reopened = ClientState.fromEntries(keystore.open(sealed, 'passphrase ဘက်'));
  assert.equal(reopened.accountId, state.accountId);
  assert.equal(reopened.positions.get('ab'.repeat(16)), 7);
  assert.equal(reopened.oneTimePrekeys.keys.size, 5);
  assert.equal(reopened.profile.note, 'မင်္ဂလာပါ');
  assert.equal(toHex(keystore.encodeEntries(reopened.toEntries())), toHex(keystore.encodeEntries(state.toEntries())));
  assert.throws(() => keystore.open(sealed, 'wrong passphrase'), DecryptionError);
  // Lock: the derived key is wiped; sealing with it afterwards is refused instead of using zero bytes.
  key.wipe();
  assert.throws(() => keystore.sealWith(state.toEntries(), key));
  await again.clear();
  assert.equal(await again.load(), null);
  again.close();
});

test('proof of work in a Web Worker finds the same counter as the inline solver', async () => {
  const challenge = fromHex('07'.repeat(40));
  const payload = fromHex('42'.repeat(64));
  const solve = workerPowSolver('/pow-worker.js');
  assert.equal(await solve(challenge, payload, 10), solvePow(challenge, payload, 10));
});
