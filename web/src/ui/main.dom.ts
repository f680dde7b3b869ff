// The web app's entry point: the member app (create or unlock an identity, join a group from an invite link, chat
// under a pseudonym, ask for a counselor and talk one to one), the counselor console, and quick lock and panic wipe
// for a phone that may be searched (docs/web.md, member's guide). Plain DOM, no framework: screens are functions
// that rebuild <main> from the app state, each area registering its own (app/registry.dom.ts; areas.dom.ts lists
// the areas), and text only ever set through textContent (never innerHTML), so nothing a peer sends can become
// markup. Every screen module keeps to the rules below.
//
// What this page keeps out of the phone's history and of anyone's view: the title is fixed in index.html (only the
// counselor console puts a bare count of waiting offers, "(1) ", before it: counselor/alerting.dom.ts); the route
// lives in the URL fragment and is only ever changed with history.replaceState, and it names a screen, never a
// group, session or invite code (those stay in memory); messages are held in memory only and are gone on lock.
import './app.css';
import './areas.dom.js';
import { start } from './app/start.dom.js';

void start();
