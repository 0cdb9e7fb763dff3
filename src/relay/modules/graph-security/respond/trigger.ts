// /respond/trigger: runs one checked plan against Defender for Endpoint. Every action records
// COMMENT and the observable, so the Defender portal shows who asked for it and why.
import {
  type DefenderClient,
  type DefenderRequest,
  deleteIndicator,
  getMachine,
  isolate,
  listIndicators,
  runAntiVirusScan,
  submitIndicator,
  unisolate,
} from '../../../../connectors/microsoft/defender/index.js';
import { RelayError } from '../../../protocol/relay-error.js';
import { COMMENT, PRODUCT } from './catalogue.js';
import { INDICATOR_TYPES } from './observable-values.js';
import type { TriggerPlan } from './params.js';

function comment(type: string, value: string): string {
  return `${COMMENT} (${type} ${value})`;
}

/** For a host name: the machine must still carry it, so a forged machine_id cannot act elsewhere. */
async function checkHostname(
  client: DefenderClient,
  machineId: string,
  hostname: string,
  call: DefenderRequest,
) {
  const m = await getMachine(client, machineId, call);
  const name = (m.computerDnsName ?? '').toLowerCase();
  if (name !== hostname)
    throw new RelayError(
      'invalid request',
      `Invalid request to ${PRODUCT}. The machine does not have this host name.`,
    );
}

export interface TriggerOptions {
  /** Days an indicator added from Threat Response lives; 0 keeps it until someone removes it. */
  indicatorDays: number;
  now?: () => number;
}

export async function runTrigger(
  client: DefenderClient,
  plan: TriggerPlan,
  call: DefenderRequest,
  o: TriggerOptions,
): Promise<void> {
  switch (plan.kind) {
    case 'isolate':
    case 'unisolate':
    case 'scan': {
      if (plan.hostname !== undefined) await checkHostname(client, plan.machineId, plan.hostname, call);
      const note = comment(
        plan.hostname !== undefined ? 'hostname' : 'ms_machine_id',
        plan.hostname ?? plan.machineId,
      );
      if (plan.kind === 'isolate')
        await isolate(client, plan.machineId, { comment: note, isolationType: plan.isolationType }, call);
      else if (plan.kind === 'unisolate') await unisolate(client, plan.machineId, { comment: note }, call);
      else await runAntiVirusScan(client, plan.machineId, { comment: note, scanType: plan.scanType }, call);
      return;
    }
    case 'indicator-add':
      await submitIndicator(
        client,
        {
          indicatorValue: plan.value,
          indicatorType: INDICATOR_TYPES[plan.type].indicatorType,
          action: plan.plan.action,
          title: `${COMMENT}: ${plan.type} ${plan.value}`.slice(0, 250),
          description: comment(plan.type, plan.value),
          severity: plan.plan.severity,
          generateAlert: plan.plan.generateAlert,
          // A block decided during an investigation should not outlive it unnoticed.
          ...(o.indicatorDays > 0
            ? { expirationTime: new Date((o.now ?? Date.now)() + o.indicatorDays * 86_400_000).toISOString() }
            : {}),
        },
        call,
      );
      return;
    case 'indicator-remove': {
      const indicatorType = INDICATOR_TYPES[plan.type].indicatorType;
      const found = (await listIndicators(client, plan.value, call)).filter(
        (i) =>
          i.indicatorType === indicatorType && (plan.indicatorId === undefined || i.id === plan.indicatorId),
      );
      if (found.length === 0)
        throw new RelayError(
          'invalid request',
          `Invalid request to ${PRODUCT}. No indicator exists for this ${plan.type}.`,
        );
      for (const i of found) await deleteIndicator(client, i.id, call);
      return;
    }
  }
}
