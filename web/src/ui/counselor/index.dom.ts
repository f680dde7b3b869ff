// The counselor area, loaded on first use (ui/areas.dom.ts, app/lazy.dom.ts): each module registers its own
// screens (app/registry.dom.ts). Its stylesheet, console.css, is imported by areas.dom.ts.
import './staff.dom.js';
import './console.dom.js';
