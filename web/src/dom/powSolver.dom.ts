// A PowSolver for HavenClient that runs each proof of work in a fresh Web Worker (dist/pow-worker.js).
import type { PowSolver } from '../core/client.std.js';

export function workerPowSolver(workerUrl: string | URL): PowSolver {
  return (challenge, payload, bits) =>
    new Promise<number>((resolve, reject) => {
      const worker = new Worker(workerUrl);
      worker.onmessage = (e: MessageEvent<{ counter?: number; error?: string }>) => {
        worker.terminate();
        if (typeof e.data.counter === 'number') resolve(e.data.counter);
        else reject(new Error(e.data.error ?? 'proof of work failed'));
      };
      worker.onerror = (e) => {
        worker.terminate();
        reject(new Error(e.message || 'proof-of-work worker failed'));
      };
      worker.postMessage({ challenge, payload, bits });
    });
}
