// A counselor's session with one member: the conversation, and closing it with an outcome.
import { t, type Key } from '../i18n.dom.js';
import { chat } from '../app/chat.dom.js';
import { h } from '../app/dom.dom.js';
import { registerScreens } from '../app/registry.dom.js';
import { go, render } from '../app/router.dom.js';
import { app } from '../app/state.std.js';
import { header, wipeDialog } from '../app/widgets.dom.js';
import { consoleState } from './state.std.js';

declare module '../app/registry.dom.js' {
  interface Screens { counsel: true }
}

const OUTCOMES = ['resolved', 'referred', 'follow_up', 'no_show', 'other'] as const;

const nameOf = (sender: string): string => (sender === consoleState.counsel?.memberId ? t('member') : t('counselor'));

function counselScreen(): HTMLElement[] {
  const c = consoleState.counsel;
  const outcome = h('select', { name: 'outcome', 'aria-label': t('outcome') }, ...OUTCOMES.map((o) => h('option', { value: o }, t(`outcome_${o}` as Key))));
  const closeRow = h('div', { class: 'row pad' }, outcome, h('button', { class: 'secondary small', 'data-test': 'close-session', click: () => {
    const client = app.client;
    if (!client || !c) return;
    void client.closeSession(c.sessionId, outcome.value).then(() => {
      consoleState.counsel = null;
      go('console');
    }, () => {
      app.error = t('error');
      render();
    });
  } }, t('close')));
  return [header(t('member'), 'console'), wipeDialog() ?? h('span', {}), closeRow,
    chat(c?.conversationId ?? null, nameOf, !!c)];
}

registerScreens({
  counsel: {
    render: counselScreen,
    chat: {
      conversation: () => consoleState.counsel?.conversationId ?? null,
      nameOf,
      send: async (client, body) => consoleState.counsel ? (await client.sendSession(consoleState.counsel.sessionId, body)).conversation : null,
    },
  },
});
