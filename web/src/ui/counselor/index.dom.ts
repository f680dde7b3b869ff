// The counselor area: each module registers its own screens (app/registry.dom.ts).
import './staff.dom.js';
import './console.dom.js';
import './counsel.dom.js';
