// A device's symbol drawn inline (palette, inspector), coloured by its CSS: see icons.ts.

import type { Role } from '../../engine';
import { ICON_MARKUP } from './icons';

export function DeviceIcon({ role, size = 44 }: { role: Role; size?: number }) {
  // The markup is the app's own constant drawing, never user input.
  return <svg className="pw-icon" width={size} height={size} viewBox="0 0 48 48" aria-hidden="true" focusable="false" dangerouslySetInnerHTML={{ __html: ICON_MARKUP[role] }} />;
}
