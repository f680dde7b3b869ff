// How something pushed gets a staff member's attention when the tab is in the background (a counselor's offer, a
// moderator's alert): a short chime made with WebAudio (no sound file, nothing fetched) and a badge on the page
// title. The badge is a count and nothing else — "(1) " before the fixed neutral title — so a shoulder-surfer or a
// screen recording of the tab strip learns no language, topic, tier or name; each area takes its count off the moment
// what it counted is gone, and a lock or a wipe takes every count off.
import { slice } from './state.std.js';

let audio: AudioContext | null = null;
let baseTitle: string | null = null;
/** Each area's count (`offer`, `alert`): one area clearing its own never hides another's. */
const badges = new Map<string, number>();

/** Browsers let a page make sound only after a gesture: the console calls this from its clicks, so the chime of a
 * later offer (which arrives without a gesture) can play. */
export function unlockSound(): void {
  try {
    audio ??= new AudioContext();
    if (audio.state === 'suspended') void audio.resume();
  } catch {
    audio = null; // no WebAudio here: the banner and the badge still show the offer
  }
}

/** Two soft rising tones, a third of a second. Returns whether the sound could play. */
export function chime(): boolean {
  if (!audio || audio.state !== 'running') return false;
  const start = audio.currentTime;
  for (const [i, freq] of [660, 880].entries()) {
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.type = 'sine';
    osc.frequency.value = freq;
    const t0 = start + i * 0.16;
    gain.gain.setValueAtTime(0.0001, t0);
    gain.gain.exponentialRampToValueAtTime(0.2, t0 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t0 + 0.15);
    osc.connect(gain).connect(audio.destination);
    osc.start(t0);
    osc.stop(t0 + 0.16);
  }
  return true;
}

function showBadges(): void {
  baseTitle ??= document.title;
  const count = [...badges.values()].reduce((a, b) => a + b, 0);
  const wanted = count > 0 ? `(${count}) ${baseTitle}` : baseTitle;
  if (document.title !== wanted) document.title = wanted;
}

/** "(n) " before the fixed title while `count` things of `source` wait for an answer (summed over the areas); the
 * fixed title alone when none does. */
export function titleBadge(count: number, source = 'offer'): void {
  if (count > 0) badges.set(source, count);
  else badges.delete(source);
  showBadges();
}

// Lock and wipe reset every slice, whatever screen is drawn next: that reset is when every badge must go, so this
// slice's `fresh` clears them (before the first title change there is nothing to restore).
slice(() => {
  badges.clear();
  if (baseTitle !== null) showBadges();
  return {};
});
