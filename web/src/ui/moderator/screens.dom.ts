// The moderator chunk (loaded on first use, app/lazy.dom.ts): registers its screens, replacing the stand-ins, and says
// what a pushed notice does to them.
import type { HavenClient } from '../../core/client.std.js';
import { registerScreens, type Notice } from '../app/registry.dom.js';
import { dashboard, onAlertPushed } from './alerts.dom.js';
import { audit } from './audit.dom.js';
import { modGroups } from './groups.dom.js';
import { refreshGroups } from './state.std.js';

registerScreens({ dashboard, modGroups, audit });

export async function onStaffNotice(event: Notice, client: HavenClient): Promise<void> {
  if (event.event === 'alert') {
    await onAlertPushed(event, client);
  } else if (event.event === 'join_requested') {
    await refreshGroups(client);
  }
}
