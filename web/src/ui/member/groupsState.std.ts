// The member's groups, in memory: the invite code being used, the group on screen, what is known of each group
// (status, conversation, members' pseudonyms) and the safety numbers computed on this visit.
import { expectArray, expectObject, expectString } from '../../core/api.std.js';
import type { HavenClient } from '../../core/client.std.js';
import { slice } from '../app/state.std.js';

export interface GroupView {
  groupId: string;
  status: string;
  conversation: string | null;
  names: Map<string, string>;
  /** Members may message each other directly (the group's setting; docs/groups.md, pair channels). */
  dmEnabled: boolean;
}

/** A pair channel of this member's: the direct conversation with `peer` inside `groupId`. */
export interface PairView {
  groupId: string;
  peer: string;
}

export interface GroupsState {
  /** An invite code taken from the fragment (never kept in the address bar or history). */
  invite: string | null;
  groupId: string | null;
  groups: Map<string, GroupView>;
  /** Safety numbers computed on this screen visit, by account (memory only). */
  safety: Map<string, string>;
  /** Pair channels by conversation id, in groups that allow direct messages. */
  pairs: Map<string, PairView>;
}

/** An invite opened while locked is still there after unlocking. */
export const groupsState = slice<GroupsState>(() => ({ invite: null, groupId: null, groups: new Map(), safety: new Map(), pairs: new Map() }),
  (old) => ({ invite: old.invite }));

/** The group on screen, if any. */
export function currentGroup(): GroupView | undefined {
  return groupsState.groupId ? groupsState.groups.get(groupsState.groupId) : undefined;
}

/** `members`: read the member list of active groups again too (someone joined or left), not only new groups. */
export async function refreshGroups(client: HavenClient, members = false): Promise<void> {
  const rows = expectArray(await client.api.get('/v1/groups'), 'groups');
  let synced = false;
  for (const row of rows) {
    const o = expectObject(row, 'group');
    const groupId = expectString(o, 'group_id', 'group');
    const status = expectString(o, 'status', 'group');
    const known = groupsState.groups.get(groupId);
    if (status === 'active' && (members || !known || known.status !== 'active' || !known.conversation)) {
      if (!synced) await client.syncGroups();
      synced = true;
      const info = await client.groupInfo(groupId);
      groupsState.groups.set(groupId, { groupId, status, conversation: info.conversationId,
        names: new Map(info.members.map((m) => [m.accountId, m.pseudonym])), dmEnabled: info.dmEnabled });
    } else if (!known || known.status !== status) {
      groupsState.groups.set(groupId, { groupId, status, conversation: known?.conversation ?? null, names: known?.names ?? new Map(),
        dmEnabled: known?.dmEnabled ?? false });
    }
    const g = groupsState.groups.get(groupId);
    if (g?.status === 'active' && g.dmEnabled) await refreshPairs(client, groupId);
  }
}

/** The pair channels of a group that allows direct messages (a channel exists with every member who exchanged
 * sender keys, so it is a direct conversation only once it has lines). */
async function refreshPairs(client: HavenClient, groupId: string): Promise<void> {
  for (const row of expectArray(await client.api.get(`/v1/groups/${groupId}/pairs`), 'pairs')) {
    const o = expectObject(row, 'pair');
    groupsState.pairs.set(expectString(o, 'conversation_id', 'pair'), { groupId, peer: expectString(o, 'peer', 'pair') });
  }
}
