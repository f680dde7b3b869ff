// The registration / help-request proof of work (docs/protocol.md §1.1) in a Web Worker, so the page stays
// responsive, reporting how many hashes it has tried so the page can show progress against the expected 2^bits.
// The same search as core's solvePow (first counter that meets `bits`), so the Python client finds the same answer.
import { ready } from '../core/sodium.std.js';
import { leadingZeroBits, MAX_BITS } from '../core/pow.std.js';
import { blake2b } from '../core/sodium.std.js';
import { ascii, concat } from '../core/encoding.std.js';

interface PowJob {
  challenge: Uint8Array;
  payload: Uint8Array;
  bits: number;
}

const REPORT_EVERY = 1 << 12;
const scope = self as unknown as { onmessage: ((e: MessageEvent<PowJob>) => void) | null; postMessage(m: unknown): void };

scope.onmessage = (e) => {
  void (async () => {
    try {
      await ready();
      const { challenge, payload, bits } = e.data;
      if (!Number.isInteger(bits) || bits < 0 || bits > MAX_BITS) throw new RangeError('difficulty out of range');
      const buffer = concat(ascii('haven-pow-v1\x00'), challenge, payload, new Uint8Array(8));
      const tail = new DataView(buffer.buffer, buffer.byteOffset + buffer.length - 8, 8);
      for (let counter = 0; ; counter++) {
        tail.setUint32(0, Math.floor(counter / 0x100000000));
        tail.setUint32(4, counter >>> 0);
        if (leadingZeroBits(blake2b(buffer)) >= bits) {
          scope.postMessage({ counter });
          return;
        }
        if (counter % REPORT_EVERY === 0) scope.postMessage({ tried: counter });
      }
    } catch (err) {
      scope.postMessage({ error: String(err) });
    }
  })();
};
