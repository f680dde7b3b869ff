// What a HavenClient needs from the page: the relay's address, fetch, and the proof of work in a Web Worker.
import type { PowSolver } from '../../core/client.std.js';

/** The relay: the page's own origin, or the one a separately hosted copy was built for (HAVEN_WEB_RELAY). */
export function serverUrl(): string {
  return document.querySelector<HTMLMetaElement>('meta[name=haven-relay]')?.content || location.origin;
}

export function clientOptions(onProgress: (fraction: number) => void): { pow: PowSolver; fetch: typeof fetch } {
  // Browsers refuse a fetch called with another `this` (HavenApi keeps it as a field), hence the arrow.
  return { pow: workerPow(onProgress), fetch: (input, init) => fetch(input, init) };
}

/** The proof of work in a Web Worker, reporting hashes tried against the 2^bits expected. */
function workerPow(onProgress: (fraction: number) => void): PowSolver {
  return (challenge, payload, bits) => new Promise<number>((resolve, reject) => {
    const worker = new Worker(new URL(__HAVEN_POW_WORKER__, document.baseURI));
    const expected = 2 ** bits;
    worker.onmessage = (e: MessageEvent<{ counter?: number; tried?: number; error?: string }>) => {
      if (typeof e.data.tried === 'number') {
        onProgress(Math.min(0.95, e.data.tried / expected));
        return;
      }
      worker.terminate();
      if (typeof e.data.counter === 'number') resolve(e.data.counter);
      else reject(new Error(e.data.error ?? 'proof of work failed'));
    };
    worker.onerror = () => {
      worker.terminate();
      reject(new Error('proof-of-work worker failed'));
    };
    worker.postMessage({ challenge, payload, bits });
  });
}

/** Let the page paint before the synchronous Argon2id derivation blocks it for a second or two. */
export const paint = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 30)));
