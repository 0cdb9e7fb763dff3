// The few SVG-writing helpers the chart renderer needs: escaping and number formatting that can never
// put `NaN` or `Infinity` into an attribute.

/** Escapes text for an element body or a double-quoted attribute. */
export function esc(text: string): string {
  let out = '';
  for (const ch of String(text)) {
    switch (ch) {
      case '&':
        out += '&amp;';
        break;
      case '<':
        out += '&lt;';
        break;
      case '>':
        out += '&gt;';
        break;
      case '"':
        out += '&quot;';
        break;
      case "'":
        out += '&#39;';
        break;
      default: {
        // Control characters are not allowed in XML 1.0; a hostile series name may carry them.
        const code = ch.codePointAt(0) ?? 0;
        out += code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d ? ' ' : ch;
      }
    }
  }
  return out;
}

/** A coordinate with one decimal; anything not finite becomes 0. */
export function n(v: number): string {
  if (!Number.isFinite(v)) return '0';
  const r = Math.round(v * 10) / 10;
  return Object.is(r, -0) ? '0' : String(r);
}

/** Keeps an element id to letters, digits, `-` and `_`, so it is safe in `id` and `aria-labelledby`. */
export function safeId(id: string): string {
  const clean = String(id)
    .replace(/[^A-Za-z0-9_-]/g, '-')
    .slice(0, 64);
  return /^[A-Za-z]/.test(clean) ? clean : `c-${clean}`;
}

/** Shortens a label for the legend; the full name stays in the title and the data table. */
export function clip(text: string, max: number): string {
  const chars = Array.from(String(text));
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}
