// A group's conversation, each sender shown by their pseudonym in that group.
import { t } from '../i18n.dom.js';
import { chat } from '../app/chat.dom.js';
import { h } from '../app/dom.dom.js';
import { registerScreens } from '../app/registry.dom.js';
import { go } from '../app/router.dom.js';
import { header, wipeDialog } from '../app/widgets.dom.js';
import { scanSent, watchDraft } from './crisis.dom.js';
import { currentGroup, groupsState } from './groupsState.std.js';

declare module '../app/registry.dom.js' {
  interface Screens { group: true }
}

const nameOf = (sender: string): string => currentGroup()?.names.get(sender) ?? '?';

function groupScreen(): HTMLElement[] {
  const g = currentGroup();
  const index = [...groupsState.groups.keys()].indexOf(groupsState.groupId ?? '') + 1;
  return [header(t('group', { n: index }), 'home'), wipeDialog() ?? h('span', {}),
    h('div', { class: 'row pad' }, h('button', { class: 'secondary small', 'data-test': 'members', click: () => go('members') }, t('members'))),
    watchDraft(chat(g?.conversation ?? null, nameOf, g?.status === 'active'))];
}

registerScreens({
  group: {
    render: groupScreen,
    focusCompose: true,
    chat: {
      conversation: () => currentGroup()?.conversation ?? null,
      nameOf,
      send: async (client, body) => {
        if (!groupsState.groupId) return null;
        const sent = await client.sendGroup(groupsState.groupId, body);
        scanSent(client, sent, body);
        return sent.conversation;
      },
    },
  },
});
