// How an offer gets a counselor's attention when the console is in a background tab: a short chime made with
// WebAudio (no sound file, nothing fetched) and a badge on the page title. The badge is a count and nothing else —
// "(1) " before the fixed neutral title — so a shoulder-surfer or a screen recording of the tab strip learns no
// language, topic or name; it is taken off the moment the offer is gone (accepted, declined, lapsed, lock, wipe).

let audio: AudioContext | null = null;
let baseTitle: string | null = null;

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

/** "(n) " before the fixed title while `count` offers wait for an answer; the fixed title alone when 0. */
export function titleBadge(count: number): void {
  baseTitle ??= document.title;
  const wanted = count > 0 ? `(${count}) ${baseTitle}` : baseTitle;
  if (document.title !== wanted) document.title = wanted;
}
