// Injectable randomness (crypto/rng.py). Every function that draws takes an optional `Rng`; undefined means
// libsodium's CSPRNG. Tests pass `deterministicRng(seed)` to reproduce the vectors byte for byte (protocol C2, C13).
import { concat, u64, type Bytes } from './encoding.std.js';
import { blake2b, randomBytes } from './sodium.std.js';

export type Rng = (size: number) => Bytes;

export const systemRng: Rng = (size) => randomBytes(size);

export function resolve(rng?: Rng): Rng {
  return rng ?? systemRng;
}

/** TESTS ONLY. BLAKE2b-512 in counter mode: block i = BLAKE2b-512(key = seed, data = u64be(i)). */
export function deterministicRng(seed: Bytes): Rng {
  if (seed.length < 16 || seed.length > 64) throw new RangeError('seed must be 16..64 bytes');
  let buffer: Bytes = new Uint8Array(0);
  let counter = 0;
  return (size) => {
    while (buffer.length < size) {
      buffer = concat(buffer, blake2b(u64(counter), 64, seed));
      counter += 1;
    }
    const out = buffer.slice(0, size);
    buffer = buffer.slice(size);
    return out;
  };
}
