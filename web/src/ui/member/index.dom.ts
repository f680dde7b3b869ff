// The member app: each module registers its own screens (app/registry.dom.ts). A new member screen is a new module
// here plus its import line.
import './identity.dom.js';
import './home.dom.js';
import './join.dom.js';
import './group.dom.js';
import './members.dom.js';
import './help.dom.js';
import './session.dom.js';
import './direct.dom.js';
import './history.dom.js';
import './crisis.dom.js';
