// Crisis detection (core/detect, the data exported from moderation/) in a Web Worker: the member app asks it to scan
// a draft as it is typed and each message sent or received. Off the page's thread, so typing never waits for it,
// and fetched only after unlock, so its lexicons and weights (0.3 MB, compact: moderation/export_pack.py) stay out
// of the app's first load.
import { setZawgyiModel } from 'myanmar-tools';
import { bundledDetector } from '../../core/detect/index.std.js';

export interface ScanJob {
  id: number;
  text: string;
}

export interface ScanResult {
  id: number;
  tier: number;
  categories: string[];
  language: string;
  /** Code point offsets in the scanned text (as Python's str indices, which the alert content uses). */
  matches: Array<{ start: number; end: number; term: string; category: string; tier: number }>;
}

const scope = self as unknown as { onmessage: ((e: MessageEvent<ScanJob>) => void) | null; postMessage(m: ScanResult): void };

// Google's Zawgyi model is a file of the build beside this worker (scripts/build.mjs), shared with the page's
// converter; scans wait for it, in the order they came. A failed fetch surfaces as the worker's error.
const modelLoaded = (async () => {
  const answer = await fetch(new URL(__HAVEN_ZAWGYI_MODEL__.split('/').pop() ?? '', self.location.href));
  if (!answer.ok) throw new Error(`Zawgyi model: HTTP ${answer.status}`);
  setZawgyiModel(await answer.arrayBuffer());
})();

scope.onmessage = (e) => {
  const { id, text } = e.data;
  void modelLoaded.then(() => {
    const v = bundledDetector().scan(text);
    scope.postMessage({ id, tier: v.tier, categories: v.categories, language: v.language,
      matches: v.matches.map((m) => ({ start: m.start, end: m.end, term: m.term, category: m.category, tier: m.tier })) });
  });
};
