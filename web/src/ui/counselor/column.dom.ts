// One session on the console, as a column beside the others: who is waiting (language, topic, how long they had
// waited), the conversation with its own history, private notes sealed to this counselor, a warm or cold transfer to
// a colleague picked by name, and closing with an outcome. A column is built once and then updated in place
// (update(), messages()), so a poll or a notice never wipes what the counselor is typing in it.
import * as counselorApi from '../../core/counselor.std.js';
import { language, t, type Key } from '../i18n.dom.js';
import { HELP_LANGUAGES } from '../app/counseling.std.js';
import { pushLine } from '../app/chat.dom.js';
import { h } from '../app/dom.dom.js';
import { app } from '../app/state.std.js';
import { toUnicode } from '../zawgyi.dom.js';
import { counselorName } from './names.std.js';
import { consoleState, syncSessions, type SessionView } from './state.std.js';

export const OUTCOMES = ['resolved', 'referred', 'follow_up', 'no_show', 'other'] as const;
enum TransferMode { Warm = 'warm', Cold = 'cold' }

export interface Column {
  readonly el: HTMLElement;
  /** Redraws what the session's state decides (who holds it, the transfer, the notes, what may be done). */
  update(): void;
  /** Redraws the conversation (a message arrived or was sent). */
  messages(): void;
}

/** What the column asks of the console: redraw everything live after a change it made, report an error. */
export interface ColumnHost {
  changed(): void;
  failed(): void;
}

export const languageName = (code: string): string => HELP_LANGUAGES.find(([c]) => c === code)?.[1] ?? code;
export const topicName = (topic: string | null): string => (topic ? t(`topic_${topic}` as Key) : '—');

export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 60 ? t('secondsShort', { n: s }) : t('minutesShort', { n: Math.round(s / 60) });
}

export function sessionColumn(id: string, host: ColumnHost): Column {
  const view = (): SessionView | undefined => consoleState.sessions.get(id);
  const me = (): string => app.client?.accountId ?? '';
  const label = view()?.label ?? 0;
  const headingId = `session-${label}`;

  const meta = h('p', { class: 'note', 'data-test': 'session-meta' });
  const handover = h('div', { class: 'handover', 'data-test': 'handover' });
  const list = h('ul', { class: 'messages', 'data-test': 'messages', 'aria-live': 'polite', 'aria-label': t('memberN', { n: label }) });

  const input = h('textarea', { name: 'message', rows: '2', 'aria-label': t('message'), placeholder: t('message'), dir: 'auto' });
  const sendButton = h('button', { type: 'submit', 'data-test': 'send' }, t('send'));
  const compose = h('form', { class: 'compose' }, input, sendButton);
  compose.addEventListener('submit', (e) => {
    e.preventDefault();
    void send();
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      compose.requestSubmit();
    }
  });

  // Private notes: sealed to this counselor alone on this device (client.addSessionNote).
  const notesList = h('ul', { class: 'notes', 'data-test': 'notes' });
  const notesCount = h('span', {});
  const noteInput = h('textarea', { name: 'note', rows: '2', 'aria-label': t('newNote'), placeholder: t('newNote'), dir: 'auto' });
  const notesForm = h('form', { class: 'stack' }, noteInput, h('button', { type: 'submit', class: 'secondary small', 'data-test': 'add-note' }, t('addNote')));
  notesForm.addEventListener('submit', (e) => {
    e.preventDefault();
    void addNote();
  });
  const notes = h('details', { class: 'panel', 'data-test': 'notes-panel' },
    h('summary', {}, t('notes'), ' ', notesCount),
    h('p', { class: 'note' }, t('notesBody')), notesList, notesForm);

  // Transfer to a colleague picked by name from those available now (GET /counselors), warm or cold, with a note
  // sealed to them alone — prefilled with this counselor's own notes, which the colleague could not open otherwise.
  const colleague = h('select', { name: 'colleague', 'data-test': 'colleague' });
  const modes = [TransferMode.Warm, TransferMode.Cold].map((m) => h('input', { type: 'radio', name: `mode-${label}`, value: m, checked: m === TransferMode.Warm }));
  const transferNote = h('textarea', { name: 'transfer-note', rows: '3', dir: 'auto' });
  const transferButton = h('button', { type: 'submit', 'data-test': 'transfer' }, t('transferSend'));
  const transferForm = h('form', { class: 'stack' },
    h('div', { class: 'row end' }, h('label', { class: 'grow' }, t('colleague'), colleague),
      h('button', { type: 'button', class: 'secondary small', click: () => void loadColleagues() }, t('refreshColleagues'))),
    h('fieldset', {}, h('legend', {}, t('transferMode')),
      ...modes.map((box) => h('label', { class: 'inline' }, box, t(box.value === TransferMode.Warm ? 'modeWarm' : 'modeCold')))),
    h('label', {}, t('transferNote'), transferNote),
    transferButton);
  transferForm.addEventListener('submit', (e) => {
    e.preventDefault();
    void transfer();
  });
  const transferPanel = h('details', { class: 'panel', 'data-test': 'transfer-panel' }, h('summary', {}, t('transfer')), transferForm);
  transferPanel.addEventListener('toggle', () => {
    if (!transferPanel.open) return;
    transferNote.value ||= (view()?.notes ?? []).filter((n) => n.author === me()).map((n) => n.text).join('\n\n');
    void loadColleagues();
  });

  const outcome = h('select', { name: 'outcome', 'aria-label': t('outcome') },
    ...OUTCOMES.map((o) => h('option', { value: o }, t(`outcome_${o}` as Key))));
  const closeRow = h('div', { class: 'row pad-b' }, outcome,
    h('button', { class: 'secondary small', 'data-test': 'close-session', click: () => void close() }, t('close')));

  const el = h('article', { class: 'column', id: `column-${label}`, 'data-test': 'session', 'data-label': String(label), 'aria-labelledby': headingId },
    h('h3', { id: headingId }, t('memberN', { n: label })), meta, handover, list, compose, notes, transferPanel, closeRow);

  async function act(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch {
      host.failed();
      return;
    }
    host.changed();
  }

  async function send(): Promise<void> {
    const client = app.client;
    const v = view();
    const body = toUnicode(input.value.trim()); // Zawgyi typed on the keyboard leaves as Unicode
    if (!client || !v || !body) return;
    input.value = '';
    try {
      const sent = await client.sendSession(v.session.sessionId, body);
      pushLine(sent.conversation, { mine: true, sender: client.accountId, text: body });
      drawMessages();
    } catch {
      input.value = body;
      host.failed();
    }
  }

  async function addNote(): Promise<void> {
    const text = noteInput.value.trim();
    const client = app.client;
    if (!client || !text) return;
    await act(async () => {
      await client.addSessionNote(id, text);
      noteInput.value = '';
      await syncSessions(client, new Set([id]));
    });
  }

  async function loadColleagues(): Promise<void> {
    const client = app.client;
    if (!client) return;
    try {
      consoleState.colleagues = await counselorApi.colleagues(client.api);
    } catch {
      host.failed();
      return;
    }
    drawColleagues();
  }

  function drawColleagues(): void {
    const was = colleague.value;
    const lang = language();
    const options = consoleState.colleagues.filter((c) => c.activeSessions < c.maxSessions)
      .map((c) => h('option', { value: c.accountId, selected: c.accountId === was },
        t('colleagueOption', { name: counselorName(c.accountId, lang), langs: c.languages.map(languageName).join(', '),
          n: c.activeSessions, max: c.maxSessions })));
    colleague.replaceChildren(...(options.length ? options : [h('option', { value: '' }, t('noColleague'))]));
    transferButton.disabled = options.length === 0;
  }

  async function transfer(): Promise<void> {
    const client = app.client;
    const to = colleague.value;
    if (!client || !to) return;
    const mode = modes.find((m) => m.checked)?.value === TransferMode.Cold ? TransferMode.Cold : TransferMode.Warm;
    const note = transferNote.value.trim();
    await act(async () => {
      await client.transfer(id, to, mode, note || undefined);
      transferNote.value = '';
      transferPanel.open = false;
      if (mode === TransferMode.Cold) app.status = t('handedOver', { name: counselorName(to, language()) });
      await syncSessions(client, new Set([id]));
    });
  }

  async function close(): Promise<void> {
    const client = app.client;
    if (!client) return;
    await act(async () => {
      await client.closeSession(id, outcome.value);
      await syncSessions(client);
    });
  }

  function nameOf(sender: string, v: SessionView): string {
    if (sender === v.session.memberId) return t('memberN', { n: v.label });
    return sender === me() ? t('you') : counselorName(sender, language());
  }

  function drawMessages(): void {
    const v = view();
    if (!v) return;
    const lines = app.lines.get(v.session.conversationId) ?? [];
    // A session that reached this counselor by transfer starts where they joined: say so above the first line.
    const rule = v.about === null ? [h('li', { class: 'notice', 'data-test': 'history-rule' }, t('historyRule'))] : [];
    list.replaceChildren(...rule,
      ...(lines.length || rule.length ? [] : [h('li', { class: 'notice' }, t('noMessages'))]),
      ...lines.map((l) => l.notice ? h('li', { class: 'notice', 'data-test': 'session-notice' }, t(l.notice))
        : h('li', { class: l.mine ? 'mine' : '', 'data-test': 'message' },
          h('span', { class: 'who' }, l.mine ? t('you') : nameOf(l.sender, v)),
          h('span', { class: 'text', dir: 'auto' }, l.text))));
    list.scrollTop = list.scrollHeight;
  }

  let noteShown = false;
  function update(): void {
    const v = view();
    if (!v) return;
    const s = v.session;
    const lang = language();
    const current = s.counselorId === me();
    meta.textContent = v.about
      ? t('sessionMeta', { lang: languageName(v.about.language), topic: topicName(v.about.topic), wait: duration(v.about.waitedMs) })
      : t('sessionMetaTransferred');
    const completeButton = h('button', { class: 'small', 'data-test': 'complete-transfer', click: () => void act(async () => {
      const client = app.client;
      if (!client) return;
      await client.completeTransfer(id);
      if (current) app.status = t('handedOver', { name: counselorName(s.transferTo ?? '', lang) });
      await syncSessions(client, new Set([id]));
    }) }, t('completeTransfer'));
    const cancelButton = h('button', { class: 'secondary small', 'data-test': 'cancel-transfer', click: () => void act(async () => {
      const client = app.client;
      if (!client) return;
      await counselorApi.cancelTransfer(client.api, id);
      await syncSessions(client, new Set([id]));
    }) }, t('cancelTransfer'));
    handover.replaceChildren(...(s.transferTo === null ? [] : current
      ? [h('p', { role: 'status' }, t('handingOver', { name: counselorName(s.transferTo, lang) })), h('div', { class: 'row' }, completeButton, cancelButton)]
      : [h('p', { role: 'status' }, t('receiving', { name: counselorName(s.counselorId, lang) })),
        // The note comes first for whoever receives: what the conversation was about before it joined.
        ...v.notes.filter((n) => n.author !== me()).map((n) => h('p', { class: 'handover-note', 'data-test': 'handover-note', dir: 'auto' }, n.text)),
        h('div', { class: 'row' }, completeButton)]));
    handover.hidden = s.transferTo === null;
    notesCount.textContent = `(${v.notes.length})`;
    notesList.replaceChildren(...(v.notes.length ? v.notes.map((n) => h('li', { 'data-test': 'note' },
      h('span', { class: 'who' }, n.author === me() ? t('noteMine') : t('noteFrom', { name: counselorName(n.author, lang) })),
      h('span', { class: 'text', dir: 'auto' }, n.text))) : [h('li', { class: 'note' }, t('noNotes'))]));
    // Whoever receives a transfer reads the note first.
    if (!noteShown && s.transferTo === me() && v.notes.some((n) => n.author !== me())) {
      notes.open = true;
      noteShown = true;
    }
    transferPanel.hidden = !current || s.transferTo !== null;
    closeRow.hidden = !current;
    drawColleagues();
  }

  update();
  drawMessages();
  return { el, update, messages: drawMessages };
}
