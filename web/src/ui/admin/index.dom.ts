// The admin area: one page (staff invites, roster and revocation, aggregate figures, the way to the audit log),
// in a chunk loaded on first use like the moderator's (app/lazy.dom.ts). docs/web/admin.md.
import { lazyScreens } from '../app/lazy.dom.js';

declare module '../app/registry.dom.js' {
  interface Screens { admin: true }
}

lazyScreens(['admin'], () => import('./screens.dom.js'));
