// A group's members by pseudonym, each with the safety number of this device's identity and theirs (C11),
// computed here from the identity the server gives, checked against the account id.
import { formatSafetyNumber, safetyNumber } from '../../core/fingerprints.std.js';
import { t } from '../i18n.dom.js';
import { h } from '../app/dom.dom.js';
import { registerScreens } from '../app/registry.dom.js';
import { render } from '../app/router.dom.js';
import { app } from '../app/state.std.js';
import { errorLine, header, wipeDialog } from '../app/widgets.dom.js';
import { currentGroup, groupsState } from './groupsState.std.js';

declare module '../app/registry.dom.js' {
  interface Screens { members: true }
}

function membersScreen(): HTMLElement[] {
  const g = currentGroup();
  const me = app.client?.accountId;
  const others = g ? [...g.names].filter(([account]) => account !== me) : [];
  return [header(t('members'), 'group'), h('section', { class: 'screen' },
    wipeDialog(),
    h('ul', { class: 'list', 'data-test': 'member-list' }, ...others.map(([account, name]) => {
      const number = groupsState.safety.get(account);
      return h('li', { class: 'member' },
        h('strong', { dir: 'auto' }, name),
        number ? h('div', {},
          h('p', { class: 'safety', 'data-test': 'safety-number', 'aria-label': t('safetyNumber') }, formatSafetyNumber(number)),
          h('p', { class: 'note' }, t('safetyHint', { name })))
          : h('button', { class: 'secondary small', 'data-test': 'show-safety', click: () => void showSafety(account) }, t('safetyNumber')));
    })),
    errorLine())];
}

async function showSafety(account: string): Promise<void> {
  const client = app.client;
  if (!client) return;
  try {
    groupsState.safety.set(account, safetyNumber(client.identityPublic, await client.identityOf(account)));
  } catch {
    app.error = t('error');
  }
  render();
}

registerScreens({ members: { render: membersScreen } });
