// What an identity signs to register and to log in (docs/protocol.md §1.1, §1.2, §3.1, C3.1; crypto/auth.py,
// crypto/registration.py).
import { InvalidKeyError } from './errors.std.js';
import { ascii, concat, u64, u8, utf8, type Bytes } from './encoding.std.js';
import type { IdentityKeyPair } from './keys.std.js';
import { hmacSha256, x25519 } from './sodium.std.js';

const AUTH_DOMAIN = ascii('haven-auth-v1\x00');
const POP_DOMAIN = ascii('haven-x25519-pop-v1\x00');
const REGISTER_DOMAIN = ascii('haven-register-v1\x00');
const BOOTSTRAP_DOMAIN = ascii('haven-bootstrap-v1\x00');

/** "haven-auth-v1\0" || challenge (32) || u8 len(server_id) || server_id || u64 time_ms || account (32 ASCII). */
export function authTranscript(challenge: Bytes, serverId: string, timeMs: number, accountId: string): Bytes {
  if (challenge.length !== 32) throw new InvalidKeyError('challenge must be 32 bytes');
  const server = utf8(serverId);
  if (server.length > 255) throw new InvalidKeyError('server id too long');
  return concat(AUTH_DOMAIN, challenge, u8(server.length), server, u64(timeMs), ascii(accountId));
}

export function signAuth(identity: IdentityKeyPair, challenge: Bytes, serverId: string, timeMs: number): Bytes {
  return identity.sign(authTranscript(challenge, serverId, timeMs, identity.accountId));
}

/** [agreement_proof, signature] for registering `identity` against this challenge (C3.1). */
export function registrationProofs(identity: IdentityKeyPair, challenge: Bytes, serverEphemeral: Bytes): [Bytes, Bytes] {
  if (serverEphemeral.length !== 32) throw new InvalidKeyError("the server's ephemeral key must be 32 bytes");
  const pub = identity.public().toBytes();
  const proof = hmacSha256(x25519(identity.agreement, serverEphemeral), concat(POP_DOMAIN, challenge, pub));
  return [proof, identity.sign(concat(REGISTER_DOMAIN, challenge, pub, proof))];
}

/** HMAC-SHA256(server_secret, "haven-bootstrap-v1\0" || account id): made by the operator, who holds the secret. */
export function bootstrapProof(serverSecret: Bytes, accountId: string): Bytes {
  return hmacSha256(serverSecret, concat(BOOTSTRAP_DOMAIN, ascii(accountId)));
}
