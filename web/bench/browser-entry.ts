import { runBench } from './bench.js';
(globalThis as unknown as { runHavenBench: typeof runBench }).runHavenBench = runBench;
