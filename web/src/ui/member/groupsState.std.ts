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
}

export interface GroupsState {
  /** An invite code taken from the fragment (never kept in the address bar or history). */
  invite: string | null;
  groupId: string | null;
  groups: Map<string, GroupView>;
  /** Safety numbers computed on this screen visit, by account (memory only). */
  safety: Map<string, string>;
}

/** An invite opened while locked is still there after unlocking. */
export const groupsState = slice<GroupsState>(() => ({ invite: null, groupId: null, groups: new Map(), safety: new Map() }),
  (old) => ({ invite: old.invite }));

/** The group on screen, if any. */
export function currentGroup(): GroupView | undefined {
  return groupsState.groupId ? groupsState.groups.get(groupsState.groupId) : undefined;
}

export async function refreshGroups(client: HavenClient): Promise<void> {
  const rows = expectArray(await client.api.get('/v1/groups'), 'groups');
  let synced = false;
  for (const row of rows) {
    const o = expectObject(row, 'group');
    const groupId = expectString(o, 'group_id', 'group');
    const status = expectString(o, 'status', 'group');
    const known = groupsState.groups.get(groupId);
    if (status === 'active' && (!known || known.status !== 'active' || !known.conversation)) {
      if (!synced) await client.syncGroups();
      synced = true;
      const info = await client.groupInfo(groupId);
      groupsState.groups.set(groupId, { groupId, status, conversation: info.conversationId,
        names: new Map(info.members.map((m) => [m.accountId, m.pseudonym])) });
    } else if (!known || known.status !== status) {
      groupsState.groups.set(groupId, { groupId, status, conversation: known?.conversation ?? null, names: known?.names ?? new Map() });
    }
  }
}
