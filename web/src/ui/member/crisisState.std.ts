// What a reader's device concluded about received messages (kept with the history), and the deployment's alert
// threshold once read: memory only, reset on lock and wipe like every slice.
import { slice } from '../app/state.std.js';

export interface CrisisMark {
  tier: number;
  /** An alert was raised (or found already raised) for it: the reader is told the moderators know. */
  alerted: boolean;
}

/** Marks by `${conversation}:${seq}`. */
export const crisisState = slice(() => ({ marks: new Map<string, CrisisMark>(), alertMinTier: null as number | null }));
