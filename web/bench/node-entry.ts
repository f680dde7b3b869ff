import { runBench } from './bench.js';
const figures = await runBench(process.argv.includes('--quick'));
process.stdout.write(`${JSON.stringify(figures)}\n`);
