// Haven's client core: the protocol of docs/protocol.md with no DOM and no Node API, so the same code runs in
// Node, a browser page and a Web Worker. Call `await ready()` first (it loads libsodium's WebAssembly).
export * from './errors.std.js';
export * from './encoding.std.js';
export { ready, ARGON2ID } from './sodium.std.js';
export * from './rng.std.js';
export * from './keys.std.js';
export * from './x3dh.std.js';
export * from './ratchet.std.js';
export * from './session.std.js';
export * as senderKeys from './senderKeys.std.js';
export * from './envelope.std.js';
export * as franking from './franking.std.js';
export * as sealed from './sealed.std.js';
export * from './fingerprints.std.js';
export * from './pow.std.js';
export * as keystore from './keystore.std.js';
export * as audit from './audit.std.js';
export * from './auth.std.js';
export * from './payloads.std.js';
export * from './alertPacket.std.js';
export * from './pairwise.std.js';
export { SchemaError, Validator, published as publishedSchemas } from './schema.std.js';
export * as staff from './staff.std.js';
