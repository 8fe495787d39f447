// The symbol of each device role, drawn like a network diagram: a laptop for a host, a tower for
// a server, the round router symbol, the router symbol with a shield for a NAT gateway, the flat
// box with crossing arrows for a switch, the box with a router's disc in it for an L3 switch. One 48×48 drawing per role, as SVG markup that takes its
// colours from `currentColor`, `--icon-fill` and `--surface`: DeviceIcon draws it inline (palette,
// inspector), the diagram as a background image (ICON_VARS) and on a canvas zoomed out (farView.ts),
// a slide with the colours written in.

import type { Role } from '../../engine';

export const ROLES: readonly Role[] = ['host', 'server', 'router', 'nat', 'switch', 'l3switch'];

/** --role-* in app.css. */
export const ROLE_COLOURS: Record<Role, string> = { host: '#2563eb', server: '#7c3aed', router: '#059669', nat: '#d97706', switch: '#0891b2', l3switch: '#0f766e' };

/** `color-mix(in srgb, colour k, white)`. */
export function tint(hex: string, k: number): string {
  const n = parseInt(hex.slice(1), 16);
  const c = [16, 8, 0].map((s) => Math.round(((n >> s) & 255) * k + 255 * (1 - k)));
  return `#${c.map((x) => x.toString(16).padStart(2, '0')).join('')}`;
}

const LINE = 'stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"';
const line = (d: string) => `<path d="${d}" ${LINE} fill="none"/>`;
const FILLED = `${LINE} fill="var(--icon-fill)"`;

/** Four arrows, two pointing in and two out, inside a circle: the classic router symbol. */
const ROUTER_ARROWS = ['M24 9v9M20.5 14.5 24 18l3.5-3.5', 'M24 39v-9M20.5 33.5 24 30l3.5 3.5', 'M18 24H9M12.5 20.5 9 24l3.5 3.5', 'M30 24h9M35.5 20.5 39 24l-3.5 3.5'].map(line).join('');

/** A switch's box. */
const BOX = `<rect x="4" y="13" width="40" height="22" rx="3" ${FILLED}/>`;

/** Each role's drawing in a 48×48 view box. */
export const ICON_MARKUP: Record<Role, string> = {
  host: `<rect x="9" y="10" width="30" height="20" rx="2" ${FILLED}/><path d="M5 36h38l-3-5H8z" ${FILLED}/>${line('M14 15h12M14 19h8')}`,
  server: `<rect x="13" y="5" width="22" height="38" rx="2.5" ${FILLED}/>${line('M17 12h14M17 18h14M17 24h14')}<circle cx="24" cy="34" r="2" fill="currentColor"/>`,
  router: `<circle cx="24" cy="24" r="19" ${FILLED}/>${ROUTER_ARROWS}`,
  nat: `<circle cx="22" cy="24" r="17" ${FILLED}/>${line('M13 19h14M23 15l4 4-4 4M31 29H17M21 25l-4 4 4 4')}<path d="M38 27c-3 0-5-1-5-1v6c0 4 5 6 5 6s5-2 5-6v-6s-2 1-5 1z" ${LINE} fill="var(--surface)"/>`,
  switch: `${BOX}${line('M12 20h20M28 17l4 3-4 3M36 28H16M20 25l-4 3 4 3')}`,
  l3switch: `${BOX}${line('M9 24h30')}<circle cx="24" cy="24" r="6" ${LINE} fill="var(--surface)"/>`,
};

/** The drawing with its colours written in: `colour` for lines, `fill` inside, white for the shield. */
export const iconMarkup = (role: Role, colour: string, fill: string): string =>
  ICON_MARKUP[role].replaceAll('var(--icon-fill)', fill).replaceAll('var(--surface)', '#ffffff').replaceAll('currentColor', colour);

/** A standalone SVG image of the symbol, as a data URL. */
export const iconDataUrl = (role: Role, colour: string, fill: string): string =>
  `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48">${iconMarkup(role, colour, fill)}</svg>`)}`;

/** A device the step does not involve (player.css): grey lines on a near-white fill. */
export const DIMMED = { colour: '#c3ccd8', fill: '#f8fafc' };

/**
 * The diagram's symbols as CSS variables for its root element (`--icon-ROLE`, `--icon-ROLE-dim`),
 * used as background images by canvas.css. An image is one drawing for the browser; an inline
 * `<svg>` per device is a transform and a clip of its own, and with a thousand of them every
 * change on the page (a step of a walk) made the browser re-layer the whole diagram.
 */
export const ICON_VARS: Record<string, string> = Object.fromEntries(
  ROLES.flatMap((role) => [
    [`--icon-${role}`, `url("${iconDataUrl(role, ROLE_COLOURS[role], tint(ROLE_COLOURS[role], 0.12))}")`],
    [`--icon-${role}-dim`, `url("${iconDataUrl(role, DIMMED.colour, DIMMED.fill)}")`],
  ]),
);
