// Speed figures for the TypeScript core (a bench, not a test: nothing here asserts a time). The same code runs
// in Node (scripts/bench.mjs) and in Chromium; each figure is the median of a few timed batches.
import {
  Envelope, ContentType, IdentityKeyPair, MemoryOneTimePreKeyStore, OneTimePreKey, PreKeyBundle, SignedPreKey,
  acceptSession, initialMessage, keystore, ready, safetyNumber, senderKeys, startSession,
} from '../src/core/index.std.js';
import { ARGON2ID, blake2b } from '../src/core/sodium.std.js';
import { solvePow } from '../src/core/pow.std.js';
import { detectionFigures } from './detection.js';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  note: string;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function perOp(fn: () => void, ops: number, batches = 5): number {
  fn(); // warm up
  const times: number[] = [];
  for (let b = 0; b < batches; b++) {
    const t = performance.now();
    for (let i = 0; i < ops; i++) fn();
    times.push((performance.now() - t) / ops);
  }
  return median(times);
}

export async function runBench(quick = false): Promise<Figure[]> {
  await ready();
  const out: Figure[] = [];
  const n = quick ? 5 : 50;
  const alice = IdentityKeyPair.generate();
  const bob = IdentityKeyPair.generate();
  const spk = SignedPreKey.generate(bob, 1);

  out.push({ name: 'X3DH + first message (both sides)', unit: 'ms/op', note: 'start, encrypt, accept, decrypt', value: perOp(() => {
    const opk = OneTimePreKey.generate(1);
    const [a, header] = startSession(alice, new PreKeyBundle(bob.public(), spk.public(), opk.public()));
    acceptSession(bob, spk, new MemoryOneTimePreKeyStore([opk]), initialMessage(a, header, new Uint8Array(16)).toBytes());
  }, n) });

  const opk = OneTimePreKey.generate(2);
  const [a, header] = startSession(alice, new PreKeyBundle(bob.public(), spk.public(), opk.public()));
  const [b] = acceptSession(bob, spk, new MemoryOneTimePreKeyStore([opk]), initialMessage(a, header, new Uint8Array(1)).toBytes());
  const kib = Envelope.create(ContentType.Text, new Uint8Array(1024 - 60)).seal(); // a padded 1 KiB envelope
  let turn = 0;
  out.push({ name: 'ratchet encrypt+decrypt 1 KiB', unit: 'ms/op', note: 'alternating directions: a DH step every message', value: perOp(() => {
    const [s, r] = turn++ % 2 === 0 ? [a, b] : [b, a];
    r.decrypt(s.encrypt(kib).toBytes());
  }, n * 4) });
  out.push({ name: 'ratchet encrypt+decrypt 1 KiB, same direction', unit: 'ms/op', note: 'symmetric chain only', value: perOp(() => {
    b.decrypt(a.encrypt(kib).toBytes());
  }, n * 4) });

  const gid = new Uint8Array(16).fill(7);
  const gs = new senderKeys.GroupSession(gid, { maxMessages: 2 ** 31, maxAgeSeconds: 2 ** 40 }); // no epoch end mid-bench
  const gr = new senderKeys.GroupSession(gid);
  gr.addDistribution('s', gs.rotate(1));
  out.push({ name: 'group encrypt+decrypt 1 KiB', unit: 'ms/op', note: 'sender keys: AEAD + Ed25519 sign/verify', value: perOp(() => {
    gr.decrypt(gs.encrypt(kib, 1).toBytes());
  }, n * 4) });

  out.push({ name: 'safety number', unit: 'ms/op', note: '2 × 5200 SHA-512', value: perOp(() => {
    safetyNumber(alice.public(), bob.public());
  }, quick ? 1 : 3, 3) });

  const entries = new Map([['identity', alice.toBytes()]]);
  for (const [label, ops, mem] of [['INTERACTIVE (2, 64 MiB)', ARGON2ID.OPSLIMIT_INTERACTIVE, ARGON2ID.MEMLIMIT_INTERACTIVE],
    ['MODERATE (3, 256 MiB)', ARGON2ID.OPSLIMIT_MODERATE, ARGON2ID.MEMLIMIT_MODERATE]] as const) {
    if (quick && mem > ARGON2ID.MEMLIMIT_INTERACTIVE) continue;
    const file = keystore.seal(entries, 'bench passphrase', ops, mem);
    out.push({ name: `unlock, Argon2id ${label}`, unit: 'ms', note: 'one keystore open', value: perOp(() => {
      keystore.open(file, 'bench passphrase');
    }, 1, quick ? 1 : 3) });
  }

  const payload = new Uint8Array(64);
  const hashes = quick ? 1 << 14 : 1 << 17;
  const t = performance.now();
  solvePow(new Uint8Array(40), payload, 32 - 32); // warm up (0 bits: one hash)
  for (let i = 0; i < hashes; i++) blake2b(new Uint8Array(113));
  const rate = hashes / ((performance.now() - t) / 1000);
  out.push({ name: 'proof of work, 20 bits (expected)', unit: 's', note: `2^20 / ${Math.round(rate)} BLAKE2b per s`, value: (1 << 20) / rate });
  out.push(...detectionFigures(quick));
  return out;
}
