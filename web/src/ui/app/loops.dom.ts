// The background loops of an unlocked client: incoming messages, server notices (handed to every area's
// onNotice handler), and a slow poll of the screen on show as the backstop for a lost notice.
import { ApiError } from '../../core/api.std.js';
import type { HavenClient, IncomingMessage } from '../../core/client.std.js';
import { TimeoutError } from '../../core/queue.std.js';
import { currentConversation, pushLine, renderMessages } from './chat.dom.js';
import { noticeHandlersList, screenDef, type Notice } from './registry.dom.js';
import { app } from './state.std.js';

const POLL_MS = 3000;

/** Starts the three loops; each ends once this client is no longer the app's (lock, wipe). */
export function startLoops(client: HavenClient): void {
  void messageLoop(client);
  void noticeLoop(client);
  void pollLoop(client);
}

async function messageLoop(client: HavenClient): Promise<void> {
  while (app.client === client) {
    let m: IncomingMessage;
    try {
      m = await client.nextMessage(1000);
    } catch (e) {
      if (e instanceof TimeoutError) continue;
      return;
    }
    if (app.client !== client) return;
    pushLine(m.conversation, { mine: m.sender === client.accountId, sender: m.sender, text: m.text, conversation: m.conversation,
      seq: m.seq });
    if (currentConversation() === m.conversation) renderMessages();
    screenDef(app.screen).message?.(m.conversation);
  }
}

async function noticeLoop(client: HavenClient): Promise<void> {
  while (app.client === client) {
    let event: Notice;
    try {
      event = await client.notices.take(1000);
    } catch {
      continue;
    }
    if (app.client !== client) return;
    try {
      for (const handle of noticeHandlersList()) await handle(event, client);
    } catch {
      /* notices are hints; the poll catches up */
    }
    afterRefresh();
  }
}

async function pollLoop(client: HavenClient): Promise<void> {
  while (app.client === client) {
    await new Promise((r) => setTimeout(r, POLL_MS));
    if (app.client !== client) return;
    try {
      await screenDef(app.screen).poll?.(client);
      afterRefresh();
    } catch (e) {
      // Offline, most often: try again later. The code only (never a body) for whoever debugs.
      console.warn('poll failed', e instanceof ApiError ? e.code : e instanceof Error ? e.name : 'error');
    }
  }
}

function afterRefresh(): void {
  screenDef(app.screen).refreshed?.();
}
