// The file picker behind File → Open… (a hidden input; the menu item and Ctrl+O click it).

import { useTranslation } from 'react-i18next';
import { simClient } from '../../worker/client';
import { openFile } from '../commands/files';

const INPUT_ID = 'pw-file-input';

/** Opens the browser's file picker. */
export function pickFile(): void {
  document.getElementById(INPUT_ID)?.click();
}

export function FileInput() {
  const { t } = useTranslation();
  return (
    <input
      id={INPUT_ID}
      type="file"
      accept=".json,.yml,.yaml,application/json,application/yaml"
      className="pw-sr-only"
      // At the top of the page, not below it (where it would make the page scroll).
      style={{ top: 0 }}
      tabIndex={-1}
      aria-label={t('files.fileInput')}
      data-testid="file.input"
      onChange={(e) => {
        const file = e.target.files?.[0];
        e.target.value = '';
        if (file) void openFile(simClient(), file);
      }}
    />
  );
}
