// Making one new tiIndicator, for create and for each submitTiIndicators item: validate, check the
// Defender target's tenant limit, stamp what the service stamps (id, azureTenantId, ingestedDateTime)
// and fill the documented defaults. Properties the type does not have are not kept, but are echoed in
// the answer: misp2sentinel's Graph client reads back a property it added to map answers to requests.
import type { GraphCall } from '../graph/types.js';
import type { EmulatorContext } from '../microsoft/context.js';
import { MDE, PROPERTIES, READ_ONLY, KNOWN } from './fields.js';
import { tiOf, type TiEntity } from './store.js';
import { newIndicatorProblem, type Problem } from './validate.js';

export type Ingested = { entity: TiEntity; extras: Record<string, unknown> } | { problem: Problem };

const DEFAULTS = {
  activityGroupNames: [],
  isActive: true,
  killChain: [],
  malwareFamilyNames: [],
  passiveOnly: false,
  severity: 3,
  tags: [],
};

export function ingest(ctx: EmulatorContext, call: GraphCall, raw: unknown): Ingested {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { problem: { code: 'InvalidInput', message: 'An indicator must be a JSON object.' } };
  const body = raw as Record<string, unknown>;
  const problem = newIndicatorProblem(body);
  if (problem) return { problem };
  const state = tiOf(ctx);
  const tenant = state.tenants.of(call.principal.tenantId);
  if (body.targetProduct === MDE && tenant.defenderCount() >= state.mdeLimit) {
    return {
      problem: {
        code: 'QuotaExceeded',
        message: `The tenant has reached its limit of ${state.mdeLimit} indicators for Microsoft Defender ATP.`,
      },
    };
  }
  const fields: Record<string, unknown> = { ...DEFAULTS };
  const extras: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    if (KNOWN.has(k)) {
      if (!READ_ONLY.has(k) && v !== undefined) fields[k] = v;
    } else if (!k.startsWith('@odata.')) {
      extras[k] = v;
    }
  }
  fields.azureTenantId = call.principal.tenantId;
  fields.ingestedDateTime = new Date().toISOString();
  return { entity: tenant.add(call.principal.appId, fields), extras };
}

/** An indicator as Graph returns it: every property of the type, unset ones null. */
export function render(entity: TiEntity): Record<string, unknown> {
  const out: Record<string, unknown> = { id: entity.id };
  for (const p of PROPERTIES) if (p !== 'id') out[p] = entity[p] ?? null;
  return out;
}
