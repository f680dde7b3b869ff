// The registration / help-request proof of work in a Web Worker, so the page stays responsive for the seconds it
// takes (docs/protocol.md §1.1). Message in: {challenge, payload, bits}; message out: {counter} or {error}.
import { ready } from '../core/sodium.std.js';
import { solvePow } from '../core/pow.std.js';

interface PowJob {
  challenge: Uint8Array;
  payload: Uint8Array;
  bits: number;
}

const scope = self as unknown as { onmessage: ((e: MessageEvent<PowJob>) => void) | null; postMessage(m: unknown): void };
scope.onmessage = (e) => {
  void (async () => {
    try {
      await ready();
      scope.postMessage({ counter: solvePow(e.data.challenge, e.data.payload, e.data.bits) });
    } catch (err) {
      scope.postMessage({ error: String(err) });
    }
  })();
};
