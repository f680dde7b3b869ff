// One exception root and one opaque failure (docs/protocol.md C2, crypto/errors.py): a distinguishable error
// (bad signature vs. bad tag vs. too many skipped keys) would be an oracle, so every failure an adversary can
// provoke is the same `DecryptionError("decryption failed")` and carries no key or plaintext bytes.

export class CryptoError extends Error {
  override name = 'CryptoError';
}

export class DecryptionError extends CryptoError {
  override name = 'DecryptionError';
  constructor() {
    super('decryption failed');
  }
}

/** A key or encoded object has the wrong size or shape (a programming or storage error, not an attack). */
export class InvalidKeyError extends CryptoError {
  override name = 'InvalidKeyError';
}

export function fail(): never {
  throw new DecryptionError();
}

/** Run `fn`; turn an InvalidKeyError (truncation of attacker input) into the opaque error. */
export function opaque<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof InvalidKeyError) fail();
    throw e;
  }
}
