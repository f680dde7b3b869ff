// A group's members by pseudonym, each with the safety number of this device's identity and theirs (C11),
// computed here from the identity the server gives, checked against the account id.
import { formatSafetyNumber, safetyNumber } from '../../core/fingerprints.std.js';
import { t } from '../i18n.dom.js';
import { h } from '../app/dom.dom.js';
import { registerScreens } from '../app/registry.dom.js';
import { render } from '../app/router.dom.js';
import { app } from '../app/state.std.js';
import { errorLine, header, wipeDialog } from '../app/widgets.dom.js';
import { startDirect } from './direct.dom.js';
import { currentGroup, groupsState, refreshGroups } from './groupsState.std.js';
import { encodeQr } from './qr.std.js';

declare module '../app/registry.dom.js' {
  interface Screens { members: true }
}

/** The member list as drawn, to tell whether a poll changed it. */
let drawn = '';
const membersKey = (): string => JSON.stringify([...(currentGroup()?.names ?? [])]);

function membersScreen(): HTMLElement[] {
  drawn = membersKey();
  const g = currentGroup();
  const me = app.client?.accountId;
  const others = g ? [...g.names].filter(([account]) => account !== me) : [];
  return [header(t('members'), 'group'), h('section', { class: 'screen' },
    wipeDialog(),
    h('ul', { class: 'list', 'data-test': 'member-list' }, ...others.map(([account, name]) => {
      const number = groupsState.safety.get(account);
      return h('li', { class: 'member' },
        h('strong', { dir: 'auto' }, name),
        number ? h('div', {},
          h('p', { class: 'safety', 'data-test': 'safety-number', 'aria-label': t('safetyNumber') }, formatSafetyNumber(number)),
          qrCode(number, t('safetyQr', { name })),
          h('p', { class: 'note' }, t('safetyHint', { name })))
          : h('button', { class: 'secondary small', 'data-test': 'show-safety', click: () => void showSafety(account) }, t('safetyNumber')),
        g?.dmEnabled && h('button', { class: 'small', 'data-test': 'start-direct',
          click: () => { if (app.client && g) void startDirect(app.client, g.groupId, account); } }, t('sendDirect')));
    })),
    errorLine())];
}

const SVG = 'http://www.w3.org/2000/svg';
const QUIET_ZONE = 4; // modules of light margin the standard asks for around the symbol

/** The safety number's 60 digits as a QR code (numeric mode), drawn as one SVG path: the other member's app or any
 * QR reader shows the same digits. */
function qrCode(digits: string, label: string): SVGSVGElement {
  const matrix = encodeQr(digits);
  const size = matrix.length + 2 * QUIET_ZONE;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${size} ${size}`);
  svg.setAttribute('class', 'qr');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  svg.setAttribute('data-test', 'safety-qr');
  svg.setAttribute('shape-rendering', 'crispEdges');
  const background = document.createElementNS(SVG, 'rect');
  background.setAttribute('width', String(size));
  background.setAttribute('height', String(size));
  background.setAttribute('fill', '#fff');
  let d = '';
  matrix.forEach((row, y) => row.forEach((dark, x) => {
    if (dark) d += `M${x + QUIET_ZONE} ${y + QUIET_ZONE}h1v1h-1z`;
  }));
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', d);
  path.setAttribute('fill', '#000');
  svg.append(background, path);
  return svg;
}

async function showSafety(account: string): Promise<void> {
  const client = app.client;
  if (!client) return;
  try {
    groupsState.safety.set(account, safetyNumber(client.identityPublic, await client.identityOf(account)));
  } catch {
    app.error = t('error');
  }
  render();
}

registerScreens({
  members: {
    render: membersScreen,
    // The backstop for a lost membership notice: the list follows joins and leaves while it is shown.
    poll: (client) => refreshGroups(client, true),
    // Drawn again only when the list changed: a redraw every poll would move focus and restart a screen reader.
    refreshed: () => {
      if (membersKey() !== drawn) render();
    },
  },
});
