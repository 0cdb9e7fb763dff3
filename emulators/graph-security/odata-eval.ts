// Evaluates a parsed OData $filter against one Graph JSON object: paths with type-cast segments, any/all
// lambdas, comparisons (date-time strings compare as instants) and the string functions.
// https://docs.oasis-open.org/odata/odata/v4.01/odata-v4.01-part2-url-conventions.html#sec_BuiltinFilterOperations

export type Node =
  | { k: 'lit'; v: unknown }
  | { k: 'path'; segs: string[] }
  | { k: 'lambda'; segs: string[]; fn: 'any' | 'all'; v?: string; body?: Node }
  | { k: 'cmp'; op: string; l: Node; r: Node }
  | { k: 'bool'; op: 'and' | 'or'; l: Node; r: Node }
  | { k: 'not'; e: Node }
  | { k: 'fn'; name: string; args: Node[] };

export type Predicate = (obj: Record<string, unknown>) => boolean;

export const DATE_RE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/;

export function evaluate(n: Node, root: Record<string, unknown>, scope: Record<string, unknown>): unknown {
  switch (n.k) {
    case 'lit':
      return n.v;
    case 'path':
      return resolve(n.segs, root, scope);
    case 'lambda': {
      const items = resolve(n.segs, root, scope);
      if (!Array.isArray(items)) return false;
      const { body, v } = n;
      if (!body || v === undefined) return n.fn === 'any' ? items.length > 0 : true;
      const test = (item: unknown) => truthy(evaluate(body, root, { ...scope, [v]: item }));
      return n.fn === 'any' ? items.some(test) : items.every(test);
    }
    case 'not':
      return !truthy(evaluate(n.e, root, scope));
    case 'bool':
      return n.op === 'and'
        ? truthy(evaluate(n.l, root, scope)) && truthy(evaluate(n.r, root, scope))
        : truthy(evaluate(n.l, root, scope)) || truthy(evaluate(n.r, root, scope));
    case 'fn': {
      const [a, b] = n.args.map((x) => evaluate(x, root, scope));
      if (typeof a !== 'string' || typeof b !== 'string') return false;
      const h = a.toLowerCase();
      const s = b.toLowerCase();
      return n.name === 'contains'
        ? h.includes(s)
        : n.name === 'startswith'
          ? h.startsWith(s)
          : h.endsWith(s);
    }
    case 'cmp':
      return compare(n.op, evaluate(n.l, root, scope), evaluate(n.r, root, scope));
  }
}

/** Walks a path; a segment with dots is a type cast that yields undefined for other types. */
function resolve(segs: string[], root: Record<string, unknown>, scope: Record<string, unknown>): unknown {
  const [first, ...rest] = segs;
  let cur: unknown = first !== undefined && first in scope ? scope[first] : root[first ?? ''];
  for (const seg of rest) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    const rec = cur as Record<string, unknown>;
    if (seg.includes('.')) {
      const type = String(rec['@odata.type'] ?? '').replace(/^#/, '');
      if (type.toLowerCase() !== seg.toLowerCase()) return undefined;
      continue;
    }
    cur = rec[seg];
  }
  return cur;
}

function compare(op: string, l: unknown, r: unknown): boolean {
  if (op === 'eq') return same(l, r);
  if (op === 'ne') return !same(l, r);
  if (l === null || l === undefined || r === null || r === undefined) return false;
  const a = comparable(l);
  const b = comparable(r);
  if (typeof a !== typeof b) return false;
  if (op === 'gt') return a > b;
  if (op === 'ge') return a >= b;
  if (op === 'lt') return a < b;
  return a <= b;
}

function same(l: unknown, r: unknown): boolean {
  if ((l === null || l === undefined) && (r === null || r === undefined)) return true;
  if (l === null || l === undefined || r === null || r === undefined) return false;
  const a = comparable(l);
  const b = comparable(r);
  return a === b;
}

/** Date-time strings compare as instants, so `createdDateTime ge 2024-01-01T00:00:00Z` works. */
function comparable(v: unknown): string | number | boolean {
  if (typeof v === 'string' && DATE_RE.test(v)) {
    const t = Date.parse(v);
    if (!Number.isNaN(t)) return t;
  }
  return typeof v === 'number' || typeof v === 'boolean' ? v : String(v);
}

export function truthy(v: unknown): boolean {
  return v === true;
}
