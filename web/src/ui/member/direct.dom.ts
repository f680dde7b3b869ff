// Direct messages between two members of a group that allows them (docs/groups.md, pair channels): started from
// the members list, listed on the home screen, shown on their own screen. The same pair channel carries the
// sender-key distributions; a direct message on it is end-to-end encrypted through the pair's ratchet, and each side's
// client drops it where the group does not allow direct messages.
import type { HavenClient } from '../../core/client.std.js';
import { expectObject, expectString } from '../../core/api.std.js';
import { t } from '../i18n.dom.js';
import { chat } from '../app/chat.dom.js';
import { h } from '../app/dom.dom.js';
import { registerScreens } from '../app/registry.dom.js';
import { go, render } from '../app/router.dom.js';
import { app, slice } from '../app/state.std.js';
import { header, wipeDialog } from '../app/widgets.dom.js';
import { scanSent, watchDraft } from './crisis.dom.js';
import { groupsState, refreshGroups, type PairView } from './groupsState.std.js';

declare module '../app/registry.dom.js' {
  interface Screens { direct: true }
}

/** The direct conversation on screen. */
export const directState = slice(() => ({ conversation: null as string | null }));

function pair(): PairView | undefined {
  return directState.conversation ? groupsState.pairs.get(directState.conversation) : undefined;
}

/** The peer's pseudonym in the group the two share. */
export function peerName(p: PairView): string {
  return groupsState.groups.get(p.groupId)?.names.get(p.peer) ?? '?';
}

/** Open (making it on first use) the pair channel with `peer` and show it. */
export async function startDirect(client: HavenClient, groupId: string, peer: string): Promise<void> {
  try {
    const o = expectObject(await client.api.post(`/v1/groups/${groupId}/pairs/${peer}`), 'pair channel');
    const conversation = expectString(o, 'conversation_id', 'pair channel');
    groupsState.pairs.set(conversation, { groupId, peer });
    directState.conversation = conversation;
    go('direct');
  } catch {
    app.error = t('error');
    render();
  }
}

/** The direct conversations that have messages, newest activity last (the order app.lines keeps). */
export function directConversations(): Array<[string, PairView]> {
  return [...app.lines.keys()].flatMap((c): Array<[string, PairView]> => {
    const p = groupsState.pairs.get(c);
    return p && app.lines.get(c)!.some((l) => !l.notice) ? [[c, p]] : [];
  });
}

export function openDirect(conversation: string): void {
  directState.conversation = conversation;
  go('direct');
}

function directScreen(): HTMLElement[] {
  const p = pair();
  const allowed = p ? groupsState.groups.get(p.groupId)?.dmEnabled === true : false;
  return [header(p ? peerName(p) : t('directTitle'), 'home'), wipeDialog() ?? h('span', {}),
    h('p', { class: 'note pad' }, allowed ? t('directHint') : t('directOff')),
    watchDraft(chat(directState.conversation, () => (p ? peerName(p) : '?'), allowed))];
}

registerScreens({
  direct: {
    render: directScreen,
    focusCompose: true,
    poll: refreshGroups,
    chat: {
      conversation: () => directState.conversation,
      nameOf: () => { const p = pair(); return p ? peerName(p) : '?'; },
      send: async (client, body) => {
        const p = pair();
        if (!p || !directState.conversation) return null;
        // The core opens the pair channel again and refuses if the group stopped allowing direct messages.
        const sent = await client.sendDirect(p.groupId, p.peer, body);
        scanSent(client, sent, body);
        return sent.conversation;
      },
    },
  },
});
