// Switching between Burmese and English without losing what was typed, and remembering the choice on this device.
import { setLanguage, type Lang } from '../i18n.dom.js';
import { root } from './dom.dom.js';
import { render } from './router.dom.js';

export function switchLanguage(lang: Lang): void {
  setLanguage(lang);
  try {
    localStorage.setItem('lang', lang);
  } catch {
    /* private mode */
  }
  // Keep what was typed (a half-written message, a passphrase) across the switch.
  const typed = Array.from(root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>('input, textarea, select'))
    .map((el) => [el.name, el.value] as const);
  render();
  for (const [name, value] of typed) {
    const el = root.querySelector<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(`[name="${name}"]`);
    if (el && name) {
      el.value = value;
      el.dispatchEvent(new Event('input'));
    }
  }
}

export function savedLanguage(): Lang | null {
  try {
    const v = localStorage.getItem('lang');
    return v === 'my' || v === 'en' ? v : null;
  } catch {
    return null;
  }
}
