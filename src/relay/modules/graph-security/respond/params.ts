// /respond/trigger params → one checked plan. Everything in the body is untrusted: the action id
// must be one we offer, the observable type must fit the action, every value must have its
// documented shape; anything else is refused before Defender is called.
import { z } from 'zod';
import { RelayError } from '../../../protocol/relay-error.js';
import type { TriggerParams } from '../../../protocol/schemas.js';
import { ACTION_IDS, type ActionId, type IndicatorPlan, indicatorPlan, PRODUCT } from './catalogue.js';
import {
  INDICATOR_TYPES,
  type IndicatorObservableType,
  isIndicatorType,
  isMachineType,
  MACHINE_TYPES,
  machineIdSchema,
} from './observable-values.js';

interface MachineTarget {
  machineId: string;
  /** Set when the observable was a host name: the machine must still carry it. */
  hostname?: string;
}

export type TriggerPlan =
  | ({ kind: 'isolate'; isolationType: 'Full' | 'Selective' } & MachineTarget)
  | ({ kind: 'unisolate' } & MachineTarget)
  | ({ kind: 'scan'; scanType: 'Quick' | 'Full' } & MachineTarget)
  | { kind: 'indicator-add'; type: IndicatorObservableType; value: string; plan: IndicatorPlan }
  | { kind: 'indicator-remove'; type: IndicatorObservableType; value: string; indicatorId?: string };

export const UNSUPPORTED_ACTION = `Invalid request to ${PRODUCT}. Unsupported action.`;

const actionIds = new Set<string>(Object.values(ACTION_IDS));
const indicatorId = z.string().regex(/^[0-9]{1,19}$/, 'expected a Defender indicator id');

function invalid(message: string): RelayError {
  return new RelayError('invalid request', `Invalid request to ${PRODUCT}. ${message}`);
}

/** The field's value, or undefined; a non-string extra param is refused. */
function extra(params: TriggerParams, key: string): string | undefined {
  const v = (params as Record<string, unknown>)[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw invalid(`${key} must be a string.`);
  return v;
}

function check<T>(schema: z.ZodType<T>, value: string, what: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw invalid(`Invalid ${what}: ${r.error.issues[0]?.message ?? 'unexpected value'}.`);
}

function machineTarget(params: TriggerParams): MachineTarget {
  const type = params.observable_type;
  if (!isMachineType(type))
    throw invalid(`This action does not apply to observables of type ${JSON.stringify(type.slice(0, 64))}.`);
  const given = extra(params, 'machine_id');
  if (type === 'ms_machine_id') {
    const machineId = check(MACHINE_TYPES.ms_machine_id, params.observable_value, 'ms_machine_id');
    if (given !== undefined && check(machineIdSchema, given, 'machine_id') !== machineId)
      throw invalid('machine_id does not match the observable.');
    return { machineId };
  }
  const hostname = check(MACHINE_TYPES.hostname, params.observable_value, 'hostname');
  if (given === undefined) throw invalid('machine_id is required for a hostname.');
  return { machineId: check(machineIdSchema, given, 'machine_id'), hostname };
}

function indicatorTarget(params: TriggerParams): { type: IndicatorObservableType; value: string } {
  const type = params.observable_type;
  if (!isIndicatorType(type))
    throw invalid(`This action does not apply to observables of type ${JSON.stringify(type.slice(0, 64))}.`);
  return { type, value: check(INDICATOR_TYPES[type].value, params.observable_value, type) };
}

export function planTrigger(params: TriggerParams): TriggerPlan {
  const id = params['action-id'];
  if (!actionIds.has(id)) throw new RelayError('invalid request', UNSUPPORTED_ACTION);
  switch (id as ActionId) {
    case ACTION_IDS.isolateFull:
      return { kind: 'isolate', isolationType: 'Full', ...machineTarget(params) };
    case ACTION_IDS.isolateSelective:
      return { kind: 'isolate', isolationType: 'Selective', ...machineTarget(params) };
    case ACTION_IDS.unisolate:
      return { kind: 'unisolate', ...machineTarget(params) };
    case ACTION_IDS.scanQuick:
      return { kind: 'scan', scanType: 'Quick', ...machineTarget(params) };
    case ACTION_IDS.scanFull:
      return { kind: 'scan', scanType: 'Full', ...machineTarget(params) };
    case ACTION_IDS.indicatorAlert:
    case ACTION_IDS.indicatorBlock:
    case ACTION_IDS.indicatorAllow: {
      const t = indicatorTarget(params);
      return {
        kind: 'indicator-add',
        ...t,
        plan: indicatorPlan(id as typeof ACTION_IDS.indicatorAlert, t.type),
      };
    }
    case ACTION_IDS.indicatorRemove: {
      const t = indicatorTarget(params);
      const given = extra(params, 'indicator_id');
      return {
        kind: 'indicator-remove',
        ...t,
        ...(given !== undefined ? { indicatorId: check(indicatorId, given, 'indicator_id') } : {}),
      };
    }
  }
  throw new RelayError('invalid request', UNSUPPORTED_ACTION);
}
