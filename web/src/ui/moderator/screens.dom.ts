// The moderator chunk (loaded on first use, lazy.dom.ts): its screens, and what a pushed notice does to them.
import type { HavenClient } from '../../core/client.std.js';
import type { Notice } from '../app/registry.dom.js';
import { dashboard, onAlertPushed } from './alerts.dom.js';
import { audit } from './audit.dom.js';
import { modGroups } from './groups.dom.js';
import type { ScreenTable } from './lazy.dom.js';
import { refreshGroups } from './state.std.js';

export const screens: ScreenTable = { dashboard, modGroups, audit };

export async function onStaffNotice(event: Notice, client: HavenClient): Promise<void> {
  if (event.event === 'alert') {
    await onAlertPushed(event, client);
  } else if (event.event === 'join_requested') {
    await refreshGroups(client);
  }
}
