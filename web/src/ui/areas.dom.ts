// Every area of the web app; importing one registers its screens (app/registry.dom.ts). Order matters only for
// server-notice handlers, which run in import order.
import './member/index.dom.js';
import './counselor/index.dom.js';
import './moderator/index.dom.js';
import './admin/index.dom.js';
