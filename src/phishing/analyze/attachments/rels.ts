// OOXML relationship parts (ECMA-376 Part 2 §9.3): each <Relationship> with its Type, Target and
// TargetMode, read with indexOf from one element to the next, so a part of a million unclosed
// elements is still one pass.

export interface Relationship {
  /** The last segment of the Type URI: `attachedTemplate`, `oleObject`, `hyperlink`, `image` … */
  type: string;
  target: string;
  external: boolean;
}

/** Relationships read from one part at most; Word's largest real parts have a few thousand. */
export const MAX_RELATIONSHIPS = 10_000;

const decodeXml = (s: string): string =>
  s.indexOf('&') === -1
    ? s
    : s.replace(/&(amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g, (_, e: string) => {
        if (e === 'amp') return '&';
        if (e === 'lt') return '<';
        if (e === 'gt') return '>';
        if (e === 'quot') return '"';
        if (e === 'apos') return "'";
        const code = e[1] === 'x' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
        return code <= 0x10ffff ? String.fromCodePoint(code) : '';
      });

/** The attributes of one element's text (between its name and `>`), names as written. */
function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  while (i < tag.length) {
    const eq = tag.indexOf('=', i);
    if (eq === -1) break;
    const name = tag.slice(i, eq).trim();
    let q = eq + 1;
    while (q < tag.length && (tag[q] === ' ' || tag[q] === '\t' || tag[q] === '\n' || tag[q] === '\r')) q++;
    const quote = tag[q];
    if (quote !== '"' && quote !== "'") break;
    const close = tag.indexOf(quote, q + 1);
    if (close === -1) break;
    out.set(name.slice(name.lastIndexOf(':') + 1), decodeXml(tag.slice(q + 1, close)));
    i = close + 1;
  }
  return out;
}

/** The relationships of one .rels part's text. */
export function readRelationships(xml: string): { rels: Relationship[]; truncated: boolean } {
  const rels: Relationship[] = [];
  let from = 0;
  for (;;) {
    const at = xml.indexOf('<Relationship', from);
    if (at === -1) return { rels, truncated: false };
    const end = xml.indexOf('>', at);
    if (end === -1) return { rels, truncated: false };
    from = end + 1;
    const after = xml.charCodeAt(at + 13);
    // `<Relationships>` is the container, not an element of interest.
    if (after !== 0x20 && after !== 0x09 && after !== 0x0a && after !== 0x0d && after !== 0x2f) continue;
    if (rels.length >= MAX_RELATIONSHIPS) return { rels, truncated: true };
    const a = attributes(xml.slice(at + 13, end));
    const type = a.get('Type') ?? '';
    rels.push({
      type: type.slice(type.lastIndexOf('/') + 1),
      target: a.get('Target') ?? '',
      external: (a.get('TargetMode') ?? '').toLowerCase() === 'external',
    });
  }
}
