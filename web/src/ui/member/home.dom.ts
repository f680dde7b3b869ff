// The member's home: their groups, the way to a counselor (or back to the queue or session), the staff entry.
import { t } from '../i18n.dom.js';
import { h } from '../app/dom.dom.js';
import { registerScreens } from '../app/registry.dom.js';
import { go, render } from '../app/router.dom.js';
import { errorLine, header, wipeDialog } from '../app/widgets.dom.js';
import { directConversations, openDirect, peerName } from './direct.dom.js';
import { groupsState, refreshGroups } from './groupsState.std.js';
import { helpState } from './helpState.std.js';

/** Direct conversations with messages, each under the other member's pseudonym. */
function directList(): HTMLElement[] {
  const dms = directConversations();
  if (!dms.length) return [];
  return [h('h2', {}, t('directMessages')), h('ul', { class: 'list', 'data-test': 'directs' }, ...dms.reverse().map(([c, p]) => h('li', {},
    h('button', { class: 'secondary', 'data-test': 'open-direct', click: () => openDirect(c) }, peerName(p)))))];
}

function homeScreen(): HTMLElement[] {
  const groups = [...groupsState.groups.values()];
  return [header(t('home'), null), h('section', { class: 'screen' },
    wipeDialog(),
    h('h2', {}, t('groups')),
    groups.length ? h('ul', { class: 'list', 'data-test': 'groups' }, ...groups.map((g, i) => h('li', {},
      h('button', { 'data-test': 'open-group', click: () => { groupsState.groupId = g.groupId; go(g.status === 'active' ? 'group' : 'waiting'); } },
        `${t('group', { n: i + 1 })}${g.status === 'active' ? '' : ` — ${t('waitingApproval')}`}`))))
      : h('p', { class: 'note' }, t('noGroups')),
    ...directList(),
    h('h2', {}, t('getHelp')),
    helpState.session ? h('button', { 'data-test': 'open-session', click: () => go('session') }, t('sessionTitle'))
      : helpState.help ? h('button', { 'data-test': 'open-queue', click: () => go('queue') }, t('queued', { n: helpState.help.position }))
        : h('button', { 'data-test': 'get-help', click: () => go('help') }, t('getHelp')),
    h('p', {}, h('button', { class: 'link', type: 'button', 'data-test': 'staff', click: () => go('staff') }, t('staffEntry'))),
    errorLine())];
}

registerScreens({ home: { render: homeScreen, poll: refreshGroups, refreshed: render } });
