// A hostile relay that answers with an endless stream of errors naming no request must not grow the client's memory
// without end: RelayConnection and ReliableRelay keep ERRORS_KEPT of them, drop the oldest and count the drops.
// The server here is a real websocket server on loopback (node:http upgrade, RFC 6455 framing) speaking the relay's
// handshake with frames valid under the published schema — the real Haven server never floods, so a test of what a
// hostile one does needs one of its own. Node-only (node:http); needs a WebSocket client (Node 22, or Node 20 with
// --experimental-websocket, which `npm run test:node` passes).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { IdentityKeyPair, ready } from '../src/core/index.std.js';
import { ERRORS_KEPT, ReliableRelay } from '../src/core/relay.std.js';

const FLOOD = ERRORS_KEPT * 4;

before(async () => {
  await ready();
});

function frame(text: string): Buffer {
  const body = Buffer.from(text, 'utf8');
  const head = body.length < 126 ? Buffer.from([0x81, body.length]) : Buffer.from([0x81, 126, body.length >> 8, body.length & 0xff]);
  return Buffer.concat([head, body]);
}

/** Client frames (always masked, small here): their text, as they complete. */
function reader(onText: (text: string) => void): (chunk: Buffer) => void {
  let buffered = Buffer.alloc(0);
  return (chunk) => {
    buffered = Buffer.concat([buffered, chunk]);
    for (;;) {
      if (buffered.length < 2) return;
      let length = buffered[1]! & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (buffered.length < 4) return;
        length = buffered.readUInt16BE(2);
        offset = 4;
      }
      if (buffered.length < offset + 4 + length) return;
      const mask = buffered.subarray(offset, offset + 4);
      const body = Buffer.from(buffered.subarray(offset + 4, offset + 4 + length));
      for (let i = 0; i < body.length; i++) body[i]! ^= mask[i % 4]!;
      const opcode = buffered[0]! & 0x0f;
      buffered = buffered.subarray(offset + 4 + length);
      if (opcode === 0x1) onText(body.toString('utf8'));
    }
  };
}

/** Accepts any auth, resumes nothing, then sends FLOOD error frames that answer no request. */
function hostileRelay(): Promise<{ server: Server; url: string; sockets: Duplex[] }> {
  const sockets: Duplex[] = [];
  const server = createServer();
  server.on('upgrade', (request, socket: Duplex) => {
    sockets.push(socket);
    const accept = createHash('sha1').update(`${String(request.headers['sec-websocket-key'])}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    socket.write(frame(JSON.stringify({
      type: 'challenge', challenge: randomBytes(32).toString('base64'), server_id: 'hostile', server_time: Date.now(), max_frame_bytes: 65536,
    })));
    socket.on('data', reader((text) => {
      const got = JSON.parse(text) as { type: string; account?: string };
      if (got.type === 'auth') socket.write(frame(JSON.stringify({ type: 'ready', account: got.account })));
      if (got.type === 'resume') {
        socket.write(frame(JSON.stringify({ type: 'resumed', conversations: {} })));
        for (let i = 0; i < FLOOD; i++) {
          socket.write(frame(JSON.stringify({ type: 'error', code: 'rate_limited', message: `error ${i}`, fatal: false })));
        }
      }
    }));
    socket.on('error', () => undefined);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      assert.ok(address && typeof address === 'object');
      resolve({ server, url: `ws://127.0.0.1:${address.port}/v1/ws`, sockets });
    });
  });
}

test('relay: a flood of errors from the server is bounded, the oldest dropped and counted, and passed on', async () => {
  const { server, url, sockets } = await hostileRelay();
  const relay = new ReliableRelay(url, IdentityKeyPair.generate());
  try {
    await relay.start();
    // Everything sent arrives: the last error is the one the server sent last.
    for (let i = 0; i < 500 && relay.errors.size + relay.errors.dropped < FLOOD; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(relay.errors.size, ERRORS_KEPT);
    assert.equal(relay.errors.dropped, FLOOD - ERRORS_KEPT);
    const kept = relay.errors.drain();
    assert.equal(kept[0]!.message, `error ${FLOOD - ERRORS_KEPT}`);
    assert.equal(kept.at(-1)!.message, `error ${FLOOD - 1}`);
    assert.equal(kept.at(-1)!.code, 'rate_limited');
  } finally {
    for (const socket of sockets) socket.destroy();
    await relay.close();
    server.close();
  }
});
