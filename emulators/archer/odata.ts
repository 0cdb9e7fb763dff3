// The slice of OData the Archer REST metadata routes accept: $filter with `eq` (joined by `and`),
// $select, $orderby, $top and $skip, applied to flat RequestedObject records.
export interface ODataQuery {
  $filter?: string;
  $select?: string;
  $orderby?: string;
  $top?: string;
  $skip?: string;
}

export class ODataError extends Error {}

type Row = Record<string, unknown>;

interface Condition {
  property: string;
  value: string | number | boolean | null;
}

const CONDITION_RE =
  /^\s*([A-Za-z_][A-Za-z0-9_]*)\s+eq\s+('(?:[^']|'')*'|-?\d+(?:\.\d+)?|true|false|null)\s*$/i;

export function parseFilter(filter: string): Condition[] {
  return filter.split(/\s+and\s+/i).map((part) => {
    const m = CONDITION_RE.exec(part);
    if (!m) throw new ODataError(`unsupported $filter clause: ${part.trim()}`);
    const raw = m[2] as string;
    let value: Condition['value'];
    if (raw.startsWith("'")) value = raw.slice(1, -1).replace(/''/g, "'");
    else if (/^(true|false)$/i.test(raw)) value = raw.toLowerCase() === 'true';
    else if (/^null$/i.test(raw)) value = null;
    else value = Number(raw);
    return { property: m[1] as string, value };
  });
}

/** Property lookup is case-insensitive, as ASP.NET OData binds it. */
function prop(row: Row, name: string): unknown {
  const key = Object.keys(row).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : row[key];
}

export function matches(row: Row, conditions: Condition[]): boolean {
  return conditions.every((c) => {
    const v = prop(row, c.property);
    if (typeof v === 'string' && typeof c.value === 'string')
      return v.toLowerCase() === c.value.toLowerCase();
    return (v ?? null) === c.value;
  });
}

export function applyOData(rows: Row[], q: ODataQuery): Row[] {
  let out = q.$filter ? rows.filter((r) => matches(r, parseFilter(q.$filter as string))) : rows;
  if (q.$orderby) {
    const [name, dir] = q.$orderby.trim().split(/\s+/);
    const sign = dir?.toLowerCase() === 'desc' ? -1 : 1;
    out = [...out].sort((a, b) => sign * compare(prop(a, name ?? ''), prop(b, name ?? '')));
  }
  const skip = q.$skip === undefined ? 0 : toCount(q.$skip, '$skip');
  const top = q.$top === undefined ? undefined : toCount(q.$top, '$top');
  out = out.slice(skip, top === undefined ? undefined : skip + top);
  if (q.$select) {
    const names = q.$select.split(',').map((s) => s.trim().toLowerCase());
    out = out.map((r) =>
      Object.fromEntries(Object.entries(r).filter(([k]) => names.includes(k.toLowerCase()))),
    );
  }
  return out;
}

function toCount(v: string, name: string): number {
  if (!/^\d+$/.test(v)) throw new ODataError(`${name} must be a non-negative integer`);
  return Number(v);
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a ?? '').localeCompare(String(b ?? ''));
}
