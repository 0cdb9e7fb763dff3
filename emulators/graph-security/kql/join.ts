// KQL join: kind=innerunique (Kusto's default: left side deduplicated on the key), inner and leftouter,
// on one or more equality keys (`on Col` or `on $left.A == $right.B`). Right-side columns whose names
// clash with the left get a numeric suffix (AlertId1, Timestamp1), as Kusto names them.
// https://learn.microsoft.com/kusto/query/join-operator
import { type Column, KqlError, type Named, type Row, type Stage, type Table } from './ast.js';
import { isNull, keyOf } from './values.js';

export function join(stage: Extract<Stage, { op: 'join' }>, left: Table, right: Table): Table {
  for (const { left: l, right: r } of stage.on) {
    requireColumn(left, l, 'left');
    requireColumn(right, r, 'right');
  }
  const used = new Set(left.columns.map((c) => c.name));
  const renamed = right.columns.map((c) => {
    let name = c.name;
    for (let n = 1; used.has(name); n++) name = `${c.name}${n}`;
    used.add(name);
    return { from: c.name, column: { name, type: c.type } as Column };
  });
  const single = stage.on.length === 1 ? stage.on[0] : undefined;
  const keyOfRow = (row: Row, side: 'left' | 'right'): string | undefined => {
    if (single) {
      const v = row[single[side].name];
      return isNull(v) ? undefined : keyOf(v);
    }
    const parts: string[] = [];
    for (const k of stage.on) {
      const v = row[k[side].name];
      if (isNull(v)) return undefined;
      parts.push(keyOf(v));
    }
    return parts.join('\u0001');
  };
  // Every supported kind drops right rows without a left partner, so only those are indexed: a
  // filtered left side (the usual shape) then costs a scan of the right, not a full index of it.
  const leftKeys = new Set<string>();
  for (const l of left.rows) {
    const k = keyOfRow(l, 'left');
    if (k !== undefined) leftKeys.add(k);
  }
  const index = new Map<string, Row[]>();
  for (const r of right.rows) {
    const k = keyOfRow(r, 'right');
    if (k === undefined || !leftKeys.has(k)) continue;
    const list = index.get(k) ?? [];
    list.push(r);
    index.set(k, list);
  }
  const seenLeft = new Set<string>();
  const rows: Row[] = [];
  for (const l of left.rows) {
    const k = keyOfRow(l, 'left');
    if (stage.kind === 'innerunique' && k !== undefined) {
      if (seenLeft.has(k)) continue;
      seenLeft.add(k);
    }
    const matches = k === undefined ? [] : (index.get(k) ?? []);
    if (matches.length === 0 && stage.kind === 'leftouter') {
      rows.push({ ...l, ...Object.fromEntries(renamed.map((c) => [c.column.name, null])) });
    }
    for (const m of matches) {
      const out: Row = { ...l };
      for (const c of renamed) out[c.column.name] = m[c.from] ?? null;
      rows.push(out);
    }
  }
  return { columns: [...left.columns, ...renamed.map((c) => c.column)], rows };
}

function requireColumn(t: Table, col: Named, side: string): void {
  if (!t.columns.some((c) => c.name === col.name)) {
    throw new KqlError(
      `'join' operator: Failed to resolve column named '${col.name}' on the ${side} side`,
      col.pos,
    );
  }
}
