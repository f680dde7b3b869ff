// The moderator area: the alert dashboard, the groups a moderator runs (pending joins, remove, ban) and the audit
// log verified on the device (docs/web/moderator.md). The screens live in a chunk loaded on first use (app/lazy.dom.ts);
// only their names, the live-alert hook and the strings are in the member app's bundle.
import { onNotice } from '../app/registry.dom.js';
import { lazyScreens } from '../app/lazy.dom.js';

declare module '../app/registry.dom.js' {
  interface Screens { dashboard: true; modGroups: true; audit: true }
}

const loadChunk = lazyScreens(['dashboard', 'modGroups', 'audit'], () => import('./screens.dom.js'));

// A pushed alert (docs/alerts.md, event `alert`) reaches only staff moderators' devices, so loading the chunk here
// costs a member nothing. The dashboard shows it at once, whatever screen the moderator is on.
onNotice(async (event, client) => {
  if (event.event !== 'alert' && event.event !== 'join_requested') return;
  await loadChunk();
  const { onStaffNotice } = await import('./screens.dom.js');
  await onStaffNotice(event, client);
});
