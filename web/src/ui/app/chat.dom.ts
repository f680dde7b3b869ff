// The conversation widget every chat screen uses (group, member's session, counselor's session): the messages,
// a report button on someone else's message, the compose box. The screen says which conversation through its
// registry entry's `chat` (ChatSource).
import { t } from '../i18n.dom.js';
import { toUnicode } from '../zawgyi.dom.js';
import { h, root, type Child } from './dom.dom.js';
import { screenDef, type ChatSource } from './registry.dom.js';
import { render } from './router.dom.js';
import { app, type ChatLine } from './state.std.js';
import { errorLine } from './widgets.dom.js';

export function chat(conversation: string | null, nameOf: (sender: string) => string, open: boolean): HTMLElement {
  const list = h('ul', { class: 'messages', 'data-test': 'messages', 'aria-live': 'polite' });
  fillMessages(list, conversation, nameOf);
  const input = h('textarea', { name: 'message', rows: '1', 'aria-label': t('message'), placeholder: t('message'),
    dir: 'auto', disabled: !open });
  const form = h('form', { class: 'compose' }, input, h('button', { type: 'submit', 'data-test': 'send', disabled: !open }, t('send')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = input.value;
    if (!text.trim()) return;
    input.value = '';
    void send(text).then((ok) => {
      if (!ok) input.value = text;
    });
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
  return h('div', { class: 'chat' }, list, errorLine(), form);
}

type LineListener = (conversation: string, line: ChatLine) => void;
const lineListeners: LineListener[] = [];
/** Told of every line added to any conversation (the member area keeps history and scans for crisis language). */
export function onLine(listener: LineListener): void {
  lineListeners.push(listener);
}

type LineDecorator = (line: ChatLine) => Child;
const lineDecorators: LineDecorator[] = [];
/** Something drawn under a message (a reader's crisis notice), given the line; null for nothing. */
export function decorateLines(decorator: LineDecorator): void {
  lineDecorators.push(decorator);
}

function fillMessages(list: HTMLElement, conversation: string | null, nameOf: (sender: string) => string): void {
  const lines = conversation ? app.lines.get(conversation) ?? [] : [];
  list.replaceChildren(
    ...(lines.length ? [] : [h('li', { class: 'notice' }, t('noMessages'))]),
    ...lines.map((l) => l.notice ? h('li', { class: 'notice', 'data-test': 'session-notice' }, t(l.notice))
      : h('li', { class: l.mine ? 'mine' : '', 'data-test': 'message' },
        h('span', { class: 'who' }, l.mine ? t('you') : nameOf(l.sender)),
        h('span', { class: 'text', dir: 'auto' }, l.text),
        reportControl(l),
        ...lineDecorators.map((d) => d(l)))));
  list.scrollTop = list.scrollHeight;
}

/** Report someone else's message: one tap asks, a second sends (never by accident); then it says it was sent. */
function reportControl(line: ChatLine): Child {
  if (line.mine || line.seq === undefined || !line.conversation) return null;
  if (line.report === 'sent') return h('span', { class: 'reported', 'data-test': 'reported' }, t('reported'));
  return h('button', { class: 'link', type: 'button', 'data-test': 'report', click: () => {
    if (line.report !== 'asking') {
      line.report = 'asking';
      renderMessages();
      return;
    }
    void app.client?.reportMessage(line.conversation!, line.seq!).then(() => {
      line.report = 'sent';
      renderMessages();
    }, () => {
      line.report = undefined;
      app.error = t('error');
      render();
    });
  } }, line.report === 'asking' ? t('reportConfirm') : t('report'));
}

/** The chat source of the screen on show, if it shows a conversation. */
function currentChat(): ChatSource | undefined {
  return screenDef(app.screen).chat;
}

/** The conversation on screen, if any: a message arriving there is drawn at once. */
export function currentConversation(): string | null {
  return currentChat()?.conversation() ?? null;
}

/** Only the message list (a full render would drop what is being typed). */
export function renderMessages(): void {
  const list = root.querySelector<HTMLElement>('[data-test=messages]');
  const source = currentChat();
  if (!list || !source) return;
  fillMessages(list, source.conversation(), (s) => source.nameOf(s));
}

async function send(text: string): Promise<boolean> {
  const client = app.client;
  // Zawgyi typed on a phone becomes Unicode before it leaves the device.
  const body = toUnicode(text.trim());
  if (!client || !body) return false;
  try {
    const conversation = await currentChat()?.send(client, body);
    if (conversation) pushMine(conversation, body);
    return true;
  } catch {
    app.error = t('error');
    render();
    return false;
  }
}

/** Adds a line to a conversation's list (memory only). */
export function pushLine(conversation: string, line: ChatLine): void {
  const list = app.lines.get(conversation) ?? [];
  list.push(line);
  app.lines.set(conversation, list);
  for (const listener of lineListeners) listener(conversation, line);
}

function pushMine(conversation: string, text: string): void {
  pushLine(conversation, { mine: true, sender: app.client?.accountId ?? '', text });
  renderMessages();
}
