// The counselor area: each module registers its own screens (app/registry.dom.ts); the console's own styles.
import './console.css';
import './staff.dom.js';
import './console.dom.js';
