// The legend under the plot: a swatch and the (shortened) name per series, wrapped into rows.
import { clip, esc, n } from './svg.js';

const ROW = 18;
const CHAR = 7;
const NAME_MAX = 28;

export interface LegendItem {
  name: string;
  cls: string;
  line: boolean;
}

/** The legend's SVG at `top`, and its height; items wrap within `width`. */
export function legend(items: readonly LegendItem[], left: number, top: number, width: number) {
  if (items.length <= 1) return { svg: '', height: 0 };
  let x = 0;
  let row = 0;
  const parts: string[] = [];
  for (const item of items) {
    const label = clip(item.name, NAME_MAX);
    const w = 18 + Array.from(label).length * CHAR + 14;
    if (x > 0 && x + w > width) {
      x = 0;
      row++;
    }
    const y = top + row * ROW;
    const swatch = item.line
      ? `<line class="${item.cls}" x1="${n(left + x)}" y1="${n(y + 6)}" x2="${n(left + x + 12)}" y2="${n(y + 6)}"/>`
      : `<rect class="${item.cls}" x="${n(left + x)}" y="${n(y)}" width="12" height="12"/>`;
    parts.push(
      `<g class="legend-item">${swatch}<text x="${n(left + x + 18)}" y="${n(y + 10)}">${esc(label)}</text></g>`,
    );
    x += w;
  }
  return { svg: `<g class="legend">${parts.join('')}</g>`, height: (row + 1) * ROW + 6 };
}
