// The File and Examples menus. Examples come from the worker (bundled files and generated
// fabrics); the last item opens "Generate data center…".

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store';
import { simClient } from '../../worker/client';
import type { ExampleInfo } from '../../worker/protocol';
import { exportClab, newTopology, saveJson } from '../commands/files';
import { openExample } from '../commands/openExample';
import { MAX_DEVICES } from '../../engine/pure';
import { useGenerator } from '../generator/generatorStore';
import { pickFile } from './FileInput';
import { Menu, type MenuItem } from './Menu';

export const MOD = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';

export function FileMenu() {
  const { t } = useTranslation();
  const ready = useAppStore((s) => s.doc.status === 'ready');
  // What cannot be done says why, on its own line (the menu's `detail`).
  const why = ready ? {} : { disabled: true, detail: t('header.why.noNetwork') };
  const items: MenuItem[] = [
    { id: 'new', label: t('menu.new'), testId: 'menu.new', onSelect: () => void newTopology() },
    { id: 'open', label: t('menu.open'), shortcut: `${MOD}+O`, testId: 'menu.open', onSelect: pickFile },
    { id: 'json', label: t('menu.saveJson'), shortcut: `${MOD}+S`, testId: 'menu.save-json', ...why, separated: true, onSelect: () => void saveJson(simClient()) },
    { id: 'clab', label: t('menu.exportClab'), testId: 'menu.export-clab', ...why, onSelect: () => void exportClab(simClient()) },
  ];
  return <Menu label={t('header.file')} testId="header.file" items={items} />;
}

export function ExamplesMenu() {
  const { t } = useTranslation();
  const [examples, setExamples] = useState<ExampleInfo[]>([]);
  useEffect(() => {
    let current = true;
    void simClient()
      .listExamples()
      .then((list) => current && setExamples(list));
    return () => {
      current = false;
    };
  }, []);
  const about = (name: string): string => t(`examples.about.${name}` as 'examples.about.lan-two-hosts', { defaultValue: '' });
  const items: MenuItem[] = [
    ...examples.map(
      (e): MenuItem => ({
        id: e.name,
        label: e.name,
        detail: [about(e.name), e.generated ? t('menu.generated') : ''].filter(Boolean).join(' · '),
        testId: `example.${e.name}`,
        onSelect: () => void openExample(simClient(), e.name),
      }),
    ),
    {
      id: 'generate',
      label: t('menu.generate'),
      detail: t('menu.generateDetail', { max: MAX_DEVICES }),
      testId: 'example.generate',
      separated: true,
      onSelect: () => useGenerator.getState().setOpen(true),
    },
  ];
  return <Menu label={t('header.examples')} testId="header.examples" items={items} />;
}
