// Crisis language, as the Python client handles it (client/haven.py `_scan`, client/core/crisis.py), in the member
// app: while the member types, the draft is scanned (debounced, in the detection worker) and the crisis resources
// appear at once in the app's language — never blocking the send. A message sent or received at the deployment's
// alert threshold raises an alert sealed to the moderators (the server keeps one per message, so the writer and
// each reader may all raise it); a reader sees how to help and whether the moderators were told.
import crisisText from 'virtual:haven-crisis-text';
import type { AlertContent, AlertExcerpt } from '../../core/alertPacket.std.js';
import { ApiError } from '../../core/api.std.js';
import type { HavenClient, SentMessage } from '../../core/client.std.js';
import { language } from '../i18n.dom.js';
import { decorateLines, onLine, renderMessages } from '../app/chat.dom.js';
import { h } from '../app/dom.dom.js';
import { app, type ChatLine } from '../app/state.std.js';
import { crisisState } from './crisisState.std.js';
import { historyChanged } from './history.dom.js';
import type { ScanJob, ScanResult } from './detectWorker.dom.js';

/** client/core/crisis.py: a notice (resources for the writer, how to help for a reader) from tier 1 up. */
export const RESOURCE_MIN_TIER = 1;
/** Scan the draft once typing pauses this long: cheap, and the resources still come while the person writes. */
const DRAFT_DEBOUNCE_MS = 250;
// moderation/alert.py: the excerpts an alert carries.
const CONTEXT_CHARS = 40;
const MAX_EXCERPTS = 3;


// --- the detection worker --------------------------------------------------------------------------------------
let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, (r: ScanResult) => void>();

/** Scans `text` in the worker (started on first use, after unlock). */
export function scan(text: string): Promise<ScanResult> {
  if (!worker) {
    worker = new Worker(new URL(__HAVEN_DETECT_WORKER__, document.baseURI));
    worker.onmessage = (e: MessageEvent<ScanResult>) => {
      pending.get(e.data.id)?.(e.data);
      pending.delete(e.data.id);
    };
  }
  const id = nextId++;
  const job: ScanJob = { id, text };
  return new Promise((resolve) => {
    pending.set(id, resolve);
    worker!.postMessage(job);
  });
}

async function alertMinTier(client: HavenClient): Promise<number> {
  crisisState.alertMinTier ??= (await client.api.config()).alertMinTier;
  return crisisState.alertMinTier;
}

/** moderation/alert.py AlertContent.from_verdict: the highest-tier matches with a little context, never the whole
 * message. Offsets are code points, as Python's str indices. */
export function alertContent(result: ScanResult, text: string, messageId: string): AlertContent {
  const chars = [...text];
  const ranked = [...result.matches].sort((a, b) => b.tier - a.tier || a.start - b.start).slice(0, MAX_EXCERPTS);
  const excerpts: AlertExcerpt[] = ranked.sort((a, b) => a.start - b.start).map((m) => {
    const lo = Math.max(0, m.start - CONTEXT_CHARS);
    const hi = Math.min(chars.length, m.end + CONTEXT_CHARS);
    return { term: m.term, category: m.category, tier: m.tier, snippet: chars.slice(lo, hi).join(''), start: m.start - lo, end: m.end - lo };
  });
  return { v: 1, message_id: messageId, tier: result.tier, categories: [...result.categories].sort(), language: result.language, excerpts };
}

/** Raise the alert for a message if its tier reaches the threshold; true if one was raised. Detection is for
 * triage, never for blocking: a failure only means no alert (and a reader is told to report it). */
async function alertIfDue(client: HavenClient, conversation: string, seq: number, text: string, result: ScanResult): Promise<boolean> {
  try {
    if (result.tier < RESOURCE_MIN_TIER || result.tier < await alertMinTier(client)) return false;
    await client.raiseAlert(conversation, seq, (id) => alertContent(result, text, id), 'automatic');
    return true;
  } catch (e) {
    // The code only (never a body or the text) for whoever debugs.
    console.warn('alert not raised', e instanceof ApiError ? e.code : e instanceof Error ? e.name : 'error');
    return false;
  }
}

/** After the member's own message was accepted: scan it and raise the alert if due, in the background. */
export function scanSent(client: HavenClient, sent: SentMessage, text: string): void {
  void scan(text).then((r) => alertIfDue(client, sent.conversation, sent.seq, text, r));
}

// A received message: scanned as it arrives; a reader's notice under it from tier 1, an alert from the threshold.
onLine((conversation, line) => {
  const client = app.client;
  if (!client || line.mine || line.notice || line.seq === undefined) return;
  const seq = line.seq;
  void scan(line.text).then(async (r) => {
    if (r.tier < RESOURCE_MIN_TIER || app.client !== client) return;
    const key = `${conversation}:${seq}`;
    crisisState.marks.set(key, { tier: r.tier, alerted: false });
    renderMessages();
    historyChanged();
    if (await alertIfDue(client, conversation, seq, line.text, r)) {
      crisisState.marks.set(key, { tier: r.tier, alerted: true });
      renderMessages();
      historyChanged();
    }
  });
});

function texts(): (typeof crisisText.languages)[string] {
  return crisisText.languages[language()] ?? crisisText.languages.en!;
}

decorateLines((line: ChatLine) => {
  const mark = line.conversation && line.seq !== undefined ? crisisState.marks.get(`${line.conversation}:${line.seq}`) : undefined;
  if (!mark) return null;
  const c = texts();
  return h('div', { class: 'crisis reader', role: 'note', 'data-test': 'crisis-reader' },
    h('strong', {}, c.reader_headline),
    h('ul', {}, ...c.reader_help.map((l) => h('li', {}, l))),
    h('p', { 'data-test': mark.alerted ? 'crisis-alerted' : 'crisis-not-alerted' }, mark.alerted ? c.reader_alerted : c.reader_not_alerted));
});

/** The writer's resources, in the app's language (moderation/data/resources.toml, international entries). */
function resourcesPanel(): HTMLElement {
  const c = texts();
  // Focusable: on a small screen the list scrolls, and a keyboard user must be able to scroll it.
  return h('aside', { class: 'crisis writer', 'data-test': 'crisis-resources', role: 'status', tabindex: '0' },
    h('strong', {}, c.writer_headline),
    h('ul', {}, ...c.resources.map((r) => h('li', {},
      h('span', { class: 'name' }, r.name),
      r.phone ? h('span', { class: 'contact', dir: 'ltr' }, ` ${r.phone}`) : null,
      r.url ? h('span', { class: 'contact', dir: 'ltr' }, ` ${r.url}`) : null,
      r.hours ? h('span', { class: 'note' }, ` (${r.hours})`) : null,
      r.note ? h('span', { class: 'note' }, ` — ${r.note}`) : null))));
}

/** The chat widget with the draft watched: resources shown above the compose box while the draft reads as crisis
 * language, hidden again when it does not. The send button is never touched. */
export function watchDraft(chatElement: HTMLElement): HTMLElement {
  const input = chatElement.querySelector('textarea');
  const form = chatElement.querySelector('form');
  if (!input || !form) return chatElement;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let shown: HTMLElement | null = null;
  let asked = 0;
  const check = (): void => {
    const draft = input.value;
    const ticket = ++asked;
    if (!draft.trim()) {
      shown?.remove();
      shown = null;
      return;
    }
    void scan(draft).then((r) => {
      if (ticket !== asked || !input.isConnected) return; // a newer draft was asked about
      if (r.tier >= RESOURCE_MIN_TIER) {
        if (!shown) {
          shown = resourcesPanel();
          form.before(shown);
        }
      } else {
        shown?.remove();
        shown = null;
      }
    });
  };
  input.addEventListener('input', () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(check, DRAFT_DEBOUNCE_MS);
  });
  return chatElement;
}
