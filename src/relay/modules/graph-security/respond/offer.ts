// /respond/observables: what Defender for Endpoint knows about each observable (the machine and
// its isolation state, or existing indicators) decides which actions are offered.
import {
  type DefenderClient,
  type DefenderRequest,
  DefenderError,
  findMachinesByDnsName,
  getMachine,
  listIndicators,
  listMachineActions,
  type Machine,
} from '../../../../connectors/microsoft/defender/index.js';
import type { Observable } from '../../../protocol/schemas.js';
import { isIsolated, indicatorItems, type RespondItem, machineItems } from './catalogue.js';
import { respondErrorFrom } from './errors.js';
import { INDICATOR_TYPES, isIndicatorType, isMachineType, MACHINE_TYPES } from './observable-values.js';

/** Each looked-up observable costs 1–3 calls of Defender's 100 a minute; more are skipped with a warning. */
export const MAX_LOOKUPS = 20;

export interface OfferContext {
  call: DefenderRequest;
  warn(code: string, message: string): void;
}

async function machineOffer(client: DefenderClient, o: Observable, c: OfferContext): Promise<RespondItem[]> {
  let machines: Machine[];
  if (o.type === 'ms_machine_id') {
    const id = MACHINE_TYPES.ms_machine_id.safeParse(o.value);
    if (!id.success) return [];
    try {
      machines = [await getMachine(client, id.data, c.call)];
    } catch (e) {
      // An id Defender does not know has no actions; that is an answer, not a failure.
      if (e instanceof DefenderError && e.status === 404) return [];
      throw e;
    }
  } else {
    const name = MACHINE_TYPES.hostname.safeParse(o.value);
    if (!name.success) return [];
    machines = await findMachinesByDnsName(client, name.data, c.call);
  }
  const items: RespondItem[] = [];
  for (const m of machines) {
    const id = MACHINE_TYPES.ms_machine_id.safeParse(m.id);
    if (!id.success) continue;
    const actions = await listMachineActions(client, id.data, c.call);
    const facts = { id: id.data, name: m.computerDnsName ?? id.data, isolated: isIsolated(actions) };
    items.push(...machineItems(o, facts, machines.length > 1));
  }
  return items;
}

async function indicatorOffer(
  client: DefenderClient,
  o: Observable,
  c: OfferContext,
): Promise<RespondItem[]> {
  if (!isIndicatorType(o.type)) return [];
  const spec = INDICATOR_TYPES[o.type];
  const value = spec.value.safeParse(o.value);
  // Internal IPs and malformed values get no indicator actions (Defender would refuse them).
  if (!value.success) return [];
  const existing = (await listIndicators(client, value.data, c.call)).filter(
    (i) => i.indicatorType === spec.indicatorType,
  );
  return indicatorItems({ type: o.type, value: o.value }, existing);
}

/** Items for every observable; a failure is fatal only when no observable produced items. */
export async function offerActions(
  client: DefenderClient,
  observables: readonly Observable[],
  c: OfferContext,
): Promise<RespondItem[]> {
  const items: RespondItem[] = [];
  const failures: Array<{ type: string; error: ReturnType<typeof respondErrorFrom> }> = [];
  if (observables.length > MAX_LOOKUPS)
    c.warn('too many observables', `Actions are offered for the first ${MAX_LOOKUPS} observables only.`);
  for (const o of observables.slice(0, MAX_LOOKUPS)) {
    try {
      const found = isMachineType(o.type)
        ? await machineOffer(client, o, c)
        : await indicatorOffer(client, o, c);
      items.push(...found);
    } catch (e) {
      failures.push({ type: o.type, error: respondErrorFrom(e) });
    }
  }
  const [first] = failures;
  if (items.length === 0 && first) throw first.error;
  for (const f of failures) c.warn(f.error.relayCode, `No actions for ${f.type}: ${f.error.message}`);
  return items;
}
