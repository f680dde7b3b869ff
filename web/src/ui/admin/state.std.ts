// The admin page's state, in memory only (gone on lock): the roster, the figures, the invites made this visit (their
// codes are shown once and never stored).
import type { CounselingStats, StaffInvite, StaffMember, StaffRole } from '../../core/moderation.std.js';
import { slice } from '../app/state.std.js';

export interface AdminState {
  /** null until /v1/me answered. */
  isAdmin: boolean | null;
  roster: StaffMember[];
  stats: CounselingStats | null;
  auditEntries: number | null;
  invites: StaffInvite[];
  /** The role the invite picker shows (kept across the redraw after each poll). */
  inviteRole: StaffRole;
  /** A role revocation waiting for its second tap: `<account>:<role>`. */
  confirming: string | null;
}

export const adminState = slice<AdminState>(() => ({
  isAdmin: null, roster: [], stats: null, auditEntries: null, invites: [], inviteRole: 'moderator', confirming: null,
}));
