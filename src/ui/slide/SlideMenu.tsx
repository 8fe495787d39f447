// "Slide" in the player's toolbar: the step shown as an image for slides and worksheets, PNG or
// SVG. The drawing code (exportSlide, slide.ts) is loaded only when an image is asked for.

import { useTranslation } from 'react-i18next';
import { Menu, type MenuItem } from '../header/Menu';
import type { SlideFormat } from './exportSlide';
import './slide.css';

const exportSlide = async (format: SlideFormat) => (await import('./exportSlide')).exportSlide(format);

export function SlideMenu() {
  const { t } = useTranslation();
  const item = (format: SlideFormat): MenuItem => ({
    id: format,
    label: t(`predict.slide.${format}`),
    detail: t(format === 'png' ? 'predict.slide.pngDetail' : 'predict.slide.svgDetail'),
    testId: `slide.${format}`,
    onSelect: () => void exportSlide(format),
  });
  return (
    <span className="pw-slide-menu" title={t('predict.slide.hint')}>
      <Menu label={t('predict.slide.button')} testId="player.slide" items={[item('png'), item('svg')]} />
    </span>
  );
}
