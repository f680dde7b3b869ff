// Asking for a counselor (topic, language), then the place in the queue until a session opens.
import { t, language, type Key } from '../i18n.dom.js';
import { HELP_LANGUAGES, TOPICS } from '../app/counseling.std.js';
import { h } from '../app/dom.dom.js';
import { registerScreens } from '../app/registry.dom.js';
import { go, render } from '../app/router.dom.js';
import { app } from '../app/state.std.js';
import { errorLine, header, statusLine, wipeDialog } from '../app/widgets.dom.js';
import { helpState, refreshHelp } from './helpState.std.js';

declare module '../app/registry.dom.js' {
  interface Screens { help: true; queue: true }
}

async function askForHelp(topic: string, lang: string): Promise<void> {
  const client = app.client;
  if (!client) return;
  app.busy = true;
  app.progress = 0;
  app.status = t('working');
  render();
  try {
    const answer = await client.requestHelp(lang, topic);
    helpState.help = { requestId: answer.requestId, position: answer.position };
    app.busy = false;
    app.progress = null;
    await refreshHelp(client);
    go(helpState.session ? 'session' : 'queue');
  } catch {
    app.busy = false;
    app.progress = null;
    app.error = t('error');
    render();
  }
}

function helpScreen(): HTMLElement[] {
  const topic = h('select', { name: 'topic' }, ...TOPICS.map((k) => h('option', { value: k }, t(`topic_${k}` as Key))));
  const lang = h('select', { name: 'language' }, ...HELP_LANGUAGES.map(([code, name]) =>
    h('option', { value: code, lang: code, selected: code === language() }, name)));
  const form = h('form', { class: 'screen' },
    wipeDialog(),
    h('h2', {}, t('helpTitle')),
    h('p', {}, t('helpBody')),
    h('label', {}, t('topic'), topic),
    h('label', {}, t('helpLanguage'), lang),
    errorLine(),
    statusLine(),
    h('button', { type: 'submit', 'data-test': 'ask', disabled: app.busy }, t('ask')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void askForHelp(topic.value, lang.value);
  });
  return [header(t('helpTitle'), 'home'), form];
}

function queueScreen(): HTMLElement[] {
  return [header(t('helpTitle'), 'home'), h('section', { class: 'screen' },
    wipeDialog(),
    h('p', { 'data-test': 'queue-position', role: 'status' },
      helpState.help && helpState.help.position > 0 ? t('queued', { n: helpState.help.position }) : t('offered')),
    h('progress', { 'aria-label': t('helpTitle') }))];
}

registerScreens({
  help: { render: helpScreen },
  queue: {
    render: queueScreen,
    poll: refreshHelp,
    refreshed: () => {
      if (helpState.session) go('session');
      else render();
    },
  },
});
