// The member's one-to-one conversation with a counselor, with the app's own lines for a transfer or a close.
import { t, type Key } from '../i18n.dom.js';
import { chat, pushLine } from '../app/chat.dom.js';
import { h } from '../app/dom.dom.js';
import { onNotice, registerScreens, type Notice } from '../app/registry.dom.js';
import { render } from '../app/router.dom.js';
import { header, wipeDialog } from '../app/widgets.dom.js';
import { scanSent, watchDraft } from './crisis.dom.js';
import { helpState, refreshHelp } from './helpState.std.js';

declare module '../app/registry.dom.js' {
  interface Screens { session: true }
}

function pushNotice(notice: Key): void {
  if (!helpState.session) return;
  pushLine(helpState.session.conversationId, { mine: false, sender: '', text: '', notice });
}

onNotice(async (event: Notice, client) => {
  if (event.event === 'queue' || event.event === 'session_opened') await refreshHelp(client);
  else if (event.event === 'session_transfer') {
    if (event.mode === 'complete') pushNotice('transferredDone');
    else if (event.mode === 'warm' || event.mode === 'cold') pushNotice('transferred');
    await refreshHelp(client);
  } else if (event.event === 'session_closed') {
    pushNotice('closed');
    if (helpState.session) helpState.session = { ...helpState.session, status: 'closed' };
  }
});

const counselorName = (): string => t('counselor');

function sessionScreen(): HTMLElement[] {
  const s = helpState.session;
  const open = s?.status === 'active';
  return [header(t('sessionTitle'), 'home'), wipeDialog() ?? h('span', {}),
    watchDraft(chat(s?.conversationId ?? null, counselorName, open))];
}

registerScreens({
  session: {
    render: sessionScreen,
    focusCompose: true,
    refreshed: render,
    chat: {
      conversation: () => helpState.session?.conversationId ?? null,
      nameOf: counselorName,
      send: async (client, body) => {
        if (!helpState.session) return null;
        const sent = await client.sendSession(helpState.session.sessionId, body);
        scanSent(client, sent, body);
        return sent.conversation;
      },
    },
  },
});
