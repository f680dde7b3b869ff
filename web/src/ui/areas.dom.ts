// Every area of the web app; importing one registers its screens (app/registry.dom.ts). Order matters only for
// server-notice handlers, which run in import order. Staff areas load on first use (app/lazy.dom.ts), so a member
// never downloads them; their styles are small and stay in the one stylesheet.
import { lazyScreens } from './app/lazy.dom.js';
import './member/index.dom.js';
import './counselor/console.css';
import './moderator/index.dom.js';
import './admin/index.dom.js';

lazyScreens(['staff', 'console'], () => import('./counselor/index.dom.js'));
