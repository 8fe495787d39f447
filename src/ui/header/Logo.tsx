// The packetwalk mark: three nodes on a path and a packet on its way (the favicon, inline).

export function Logo({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="#1e3a8a" />
      <path d="M7 22 16 10l9 12" fill="none" stroke="#93c5fd" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />
      <circle cx="7" cy="22" r="3.2" fill="#fff" />
      <circle cx="16" cy="10" r="3.2" fill="#fff" />
      <circle cx="25" cy="22" r="3.2" fill="#fff" />
      <rect x="18.2" y="13.2" width="4.6" height="4.6" rx="1" transform="rotate(-37 20.5 15.5)" fill="#fbbf24" />
    </svg>
  );
}
