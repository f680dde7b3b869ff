// The admin chunk (loaded on first use, moderator/lazy.dom.ts).
import type { ScreenTable } from '../moderator/lazy.dom.js';
import { admin } from './page.dom.js';

export const screens: ScreenTable = { admin };
