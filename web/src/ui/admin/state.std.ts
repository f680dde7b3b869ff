// The admin page's state, in memory only (gone on lock): the roster, the figures, the invites made this visit (their
// codes are shown once and never stored).
import { StaffRole, type CounselingStats, type RoleInvite, type StaffMember } from '../../core/staff.std.js';
import { slice } from '../app/state.std.js';

export interface AdminState {
  /** null until /v1/me answered. */
  isAdmin: boolean | null;
  roster: StaffMember[];
  stats: CounselingStats | null;
  auditEntries: number | null;
  invites: RoleInvite[];
  /** The role the invite picker shows (kept across the redraw after each poll). */
  inviteRole: StaffRole;
  /** A role revocation waiting for its second tap: `<account>:<role>`. */
  confirming: string | null;
}

export const adminState = slice<AdminState>(() => ({
  isAdmin: null, roster: [], stats: null, auditEntries: null, invites: [], inviteRole: StaffRole.Moderator, confirming: null,
}));
