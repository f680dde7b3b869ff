// A passphrase strength meter that needs no word list (nothing large to download): a conservative estimate of the
// guesses an attacker needs, from the number of words or the character classes, discounted for repeats and
// sequences. The state it protects is sealed with Argon2id (docs/web.md), which makes each guess cost ~1 s, so the
// bar for "fair" is lower than for a fast hash — but a seized phone gives the attacker unlimited offline time.

export type Strength = 0 | 1 | 2 | 3 | 4;

export function estimateBits(passphrase: string): number {
  const text = passphrase.normalize('NFC');
  const words = text.trim().split(/\s+/).filter((w) => w.length >= 2);
  // Unrelated words: ~11 bits each is a diceware-like list; people pick from fewer, so count 9.
  const wordBits = words.length >= 3 ? words.length * 9 : 0;
  let pool = 0;
  if (/[a-z]/.test(text)) pool += 26;
  if (/[A-Z]/.test(text)) pool += 26;
  if (/[0-9]/.test(text)) pool += 10;
  if (/[\u1000-\u109F]/.test(text)) pool += 60; // Myanmar script
  if (/[^a-zA-Z0-9\u1000-\u109F\s]/.test(text)) pool += 20;
  const distinct = new Set(text).size;
  // Each character counts for at most half its pool's entropy (people type patterns), and repeats count little.
  const charBits = pool ? Math.min(text.length, distinct * 2) * Math.log2(pool) * 0.5 : 0;
  return Math.max(wordBits, charBits);
}

export function strength(passphrase: string): Strength {
  const bits = estimateBits(passphrase);
  if (passphrase.length < 8 || bits < 28) return 0;
  if (bits < 36) return 1;
  if (bits < 48) return 2;
  if (bits < 60) return 3;
  return 4;
}

/** Creating an identity needs at least "fair". */
export const MIN_STRENGTH: Strength = 2;
