// Text as the browser draws it: the app's fonts, and the width of a line of text in one of them,
// measured on a canvas (the diagram's labels are placed before they are drawn, and slides have no
// page to lay text out in). Widths are remembered: a network's addresses are measured once.

/** The app's fonts (app.css --font, --mono), CJK faces included. */
export const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif";
export const MONO = "ui-monospace, 'SFMono-Regular', 'JetBrains Mono', Menlo, Consolas, 'DejaVu Sans Mono', 'Liberation Mono', 'Noto Sans Mono CJK SC', 'WenQuanYi Micro Hei Mono', monospace";

/** Measures a line of text in a CSS font ("600 28px …"): its width in CSS pixels. */
export type Measure = (text: string, font: string) => number;

let ctx: CanvasRenderingContext2D | null | undefined;
const widths = new Map<string, number>();

/** The width of `text` in `font`, measured on a canvas (remembered). */
export const measureText: Measure = (text, font) => {
  const key = `${font}\n${text}`;
  let w = widths.get(key);
  if (w !== undefined) return w;
  if (ctx === undefined) ctx = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (ctx) {
    ctx.font = font;
    w = ctx.measureText(text).width;
  } else w = text.length * (Number(/([\d.]+)px/.exec(font)?.[1]) || 16) * 0.62; // no canvas (tests): a guess
  widths.set(key, w);
  return w;
};
