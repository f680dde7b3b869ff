// The admin chunk (loaded on first use, app/lazy.dom.ts): registers its screen, replacing the stand-in.
import { registerScreens } from '../app/registry.dom.js';
import { admin } from './page.dom.js';

registerScreens({ admin });
