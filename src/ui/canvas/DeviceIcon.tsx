// The symbol of each device role, drawn like a network diagram: a laptop for a host, a tower for
// a server, the round router symbol, the router symbol with a shield for a NAT gateway, the flat
// box with crossing arrows for a switch. Colours come from the role's CSS variables.

import type { Role } from '../../engine';

const stroke = { stroke: 'currentColor', strokeWidth: 2, strokeLinecap: 'round', strokeLinejoin: 'round', fill: 'none' } as const;

function Host() {
  return (
    <>
      <rect x="9" y="10" width="30" height="20" rx="2" {...stroke} fill="var(--icon-fill)" />
      <path d="M5 36h38l-3-5H8z" {...stroke} fill="var(--icon-fill)" />
      <path d="M14 15h12M14 19h8" {...stroke} />
    </>
  );
}

function Server() {
  return (
    <>
      <rect x="13" y="5" width="22" height="38" rx="2.5" {...stroke} fill="var(--icon-fill)" />
      <path d="M17 12h14M17 18h14M17 24h14" {...stroke} />
      <circle cx="24" cy="34" r="2" fill="currentColor" />
    </>
  );
}

/** Four arrows, two pointing in and two out, inside a circle: the classic router symbol. */
function RouterArrows() {
  return (
    <>
      <path d="M24 9v9M20.5 14.5 24 18l3.5-3.5" {...stroke} />
      <path d="M24 39v-9M20.5 33.5 24 30l3.5 3.5" {...stroke} />
      <path d="M18 24H9M12.5 20.5 9 24l3.5 3.5" {...stroke} />
      <path d="M30 24h9M35.5 20.5 39 24l-3.5 3.5" {...stroke} />
    </>
  );
}

function Router() {
  return (
    <>
      <circle cx="24" cy="24" r="19" {...stroke} fill="var(--icon-fill)" />
      <RouterArrows />
    </>
  );
}

function Nat() {
  return (
    <>
      <circle cx="22" cy="24" r="17" {...stroke} fill="var(--icon-fill)" />
      <path d="M13 19h14M23 15l4 4-4 4M31 29H17M21 25l-4 4 4 4" {...stroke} />
      <path d="M38 27c-3 0-5-1-5-1v6c0 4 5 6 5 6s5-2 5-6v-6s-2 1-5 1z" {...stroke} fill="var(--surface)" />
    </>
  );
}

function Switch() {
  return (
    <>
      <rect x="4" y="13" width="40" height="22" rx="3" {...stroke} fill="var(--icon-fill)" />
      <path d="M12 20h20M28 17l4 3-4 3" {...stroke} />
      <path d="M36 28H16M20 25l-4 3 4 3" {...stroke} />
    </>
  );
}

const ICONS: Record<Role, () => React.JSX.Element> = { host: Host, server: Server, router: Router, nat: Nat, switch: Switch };

export function DeviceIcon({ role, size = 44 }: { role: Role; size?: number }) {
  const Icon = ICONS[role];
  return (
    <svg className="pw-icon" width={size} height={size} viewBox="0 0 48 48" aria-hidden="true" focusable="false">
      <Icon />
    </svg>
  );
}
