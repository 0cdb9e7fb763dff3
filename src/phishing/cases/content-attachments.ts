// The "Inside the attachments" lines of an Archer description: per attachment, what its content is,
// what the look inside found, what it loads when opened and which archive entries are dangerous. Names
// come from the message, so they are escaped and defanged like a reason's text; targets like URLs.
import { defang, defangProse } from '../analyze/index.js';
import { escapeHtml as e } from './html.js';
import type { StoredAnalysis } from './report-record.js';

type Inspected = NonNullable<StoredAnalysis['inspected']>[number];

function line(i: Inspected): string {
  const what = `${i.detected}${i.claimed ? `, named as ${i.claimed}` : ''}`;
  const parts = [
    i.skipped
      ? `not looked into (${i.skipped})`
      : i.found.length > 0
        ? i.found.join(', ')
        : 'nothing of note',
    ...(i.loads.length > 0 ? [`loads ${i.loads.map(defang).join(', ')} when opened`] : []),
    ...(i.dangerous.length > 0
      ? [`dangerous entries: ${i.dangerous.map((d) => `${defangProse(d.name)} (${d.risk})`).join(', ')}`]
      : []),
  ];
  return e(`${defangProse(i.name)} (${what}): ${parts.join('; ')}`);
}

/**
 * One escaped line per attachment inspected in any report of the campaign; copies of one phish carry
 * the same attachment, which is listed once. Records stored before inspections were kept give none.
 */
export function inspectionLines(analyses: readonly StoredAnalysis[]): string[] {
  const seen = new Map<string, string>();
  for (const a of analyses)
    for (const i of a.inspected ?? []) {
      const key = JSON.stringify(i);
      if (!seen.has(key)) seen.set(key, line(i));
    }
  return [...seen.values()];
}
