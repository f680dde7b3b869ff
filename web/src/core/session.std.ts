// X3DH then the Double Ratchet (docs/protocol.md C5/C6, crypto/session.py; DR §5.1 "Integration with X3DH").
// InitialMessage = u8 1 || X3DHHeader || RatchetMessage (to the end).
import { concat, readUntrusted, u8, type Bytes } from './encoding.std.js';
import type { IdentityKeyPair, SignedPreKey } from './keys.std.js';
import { RatchetMessage, RatchetState } from './ratchet.std.js';
import type { Rng } from './rng.std.js';
import { X3DHHeader, initiate, respond, type OneTimePreKeyStore, type PreKeyBundle, type X3DHResult } from './x3dh.std.js';

const INITIAL_VERSION = 1;

export class InitialMessage {
  constructor(
    readonly x3dh: X3DHHeader,
    readonly message: RatchetMessage,
  ) {}
  toBytes(): Bytes {
    return concat(u8(INITIAL_VERSION), this.x3dh.toBytes(), this.message.toBytes());
  }
  static fromBytes(data: Bytes): InitialMessage {
    return readUntrusted(data, INITIAL_VERSION, (r) => {
      const header = X3DHHeader.read(r);
      return new InitialMessage(header, RatchetMessage.fromBytes(r.rest()));
    });
  }
}

/** Alice: draws EK (32) then her first ratchet key (32). */
export function startSession(identity: IdentityKeyPair, bundle: PreKeyBundle, rng?: Rng): [RatchetState, X3DHHeader] {
  const result = initiate(identity, bundle, rng);
  const state = RatchetState.initInitiator(result.sharedSecret, result.associatedData, bundle.signedPrekey.publicKey, rng);
  return [state, result.header];
}

export function initialMessage(state: RatchetState, header: X3DHHeader, plaintext: Bytes): InitialMessage {
  return new InitialMessage(header, state.encrypt(plaintext));
}

/** Bob: X3DH §3.4, then the first message; the one-time prekey is removed only after it authenticated. */
export function acceptSession(
  identity: IdentityKeyPair,
  signedPrekey: SignedPreKey,
  oneTimePrekeys: OneTimePreKeyStore,
  message: InitialMessage | Bytes,
  rng?: Rng,
): [RatchetState, Bytes, X3DHResult] {
  const msg = message instanceof InitialMessage ? message : InitialMessage.fromBytes(message);
  const result = respond(identity, signedPrekey, msg.x3dh, oneTimePrekeys);
  const state = RatchetState.initResponder(result.sharedSecret, result.associatedData, signedPrekey.privateKey, rng);
  const plaintext = state.decrypt(msg.message);
  if (result.header.oneTimePrekeyId !== null) oneTimePrekeys.remove(result.header.oneTimePrekeyId);
  return [state, plaintext, result];
}
