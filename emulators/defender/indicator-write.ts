// One indicator written through the API (submit or an import item): validated, then created or
// updated by (indicatorType, indicatorValue). The caller's app becomes createdBy on creation and
// lastUpdatedBy on every write; creation-only fields stay as they were on an update.
// https://learn.microsoft.com/defender-endpoint/api/post-ti-indicator
import { validate } from './indicator-rules.js';
import type { DefenderObject } from './store.js';
import type { DefenderCall } from './types.js';

export type WriteResult =
  | { ok: true; stored: DefenderObject }
  | { ok: false; kind: 'invalid' | 'cap'; message: string };

/**
 * Defender documents the 15,000 cap but not the words it fails an item with; this text is ours
 * (it names the limit, as an operator would need).
 */
export const capReached = (cap: number) =>
  `The maximum number of active indicators allowed for the tenant (${cap}) has been reached.`;

export function writeIndicator(call: DefenderCall, body: unknown): WriteResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { ok: false, kind: 'invalid', message: 'Request body is missing or is not a JSON object.' };
  const b = body as Record<string, unknown>;
  const problem = validate(b);
  if (problem) return { ok: false, kind: 'invalid', message: problem };
  const now = new Date(call.nowMs).toISOString();
  const app = call.principal.appId;
  const fields: Record<string, unknown> = {
    indicatorValue: b.indicatorValue,
    indicatorType: b.indicatorType,
    action: b.action,
    title: b.title,
    description: b.description,
    severity: b.severity ?? 'Informational',
    expirationTime: b.expirationTime ?? null,
    generateAlert: b.generateAlert === true,
    recommendedActions: b.recommendedActions ?? null,
    rbacGroupNames: Array.isArray(b.rbacGroupNames)
      ? b.rbacGroupNames.filter((g) => typeof g === 'string')
      : [],
    lastUpdateTime: now,
    lastUpdatedBy: app,
  };
  const created = {
    application: b.application ?? null,
    source: app,
    sourceType: 'AadApp',
    createdBy: app,
    createdBySource: 'PublicApi',
    creationTimeDateTimeUtc: now,
  };
  const r = call.tenant.indicators.upsert(fields, created, call.indicatorCap);
  if ('capReached' in r) return { ok: false, kind: 'cap', message: capReached(call.indicatorCap) };
  return { ok: true, stored: r.stored };
}

/** Whether the caller may see indicators other apps created (Ti.ReadWrite alone sees only its own). */
export function seesAll(call: DefenderCall): boolean {
  return call.principal.roles.some((r) => r === 'Ti.ReadWrite.All' || r === 'Ti.Read.All');
}

/** The indicators the caller can see. */
export function visibleIndicators(call: DefenderCall): DefenderObject[] {
  const all = [...call.tenant.indicators.values()];
  return seesAll(call) ? all : all.filter((i) => i.createdBy === call.principal.appId);
}
