// The respond actions the Graph Security module offers, with their stable ids, and the pure choice
// of which to offer for an observable given what Defender for Endpoint already knows about it.
// Items have the tr-05 shape: {id, title, description, categories, query-params} (reference/relay.md §4).
import type { IndicatorAction } from '../../../../connectors/microsoft/defender/index.js';
import { type IndicatorObservableType, isFileIndicator, isInternalIp } from './observable-values.js';

export const ACTION_IDS = {
  isolateFull: 'graph-security-isolate-full',
  isolateSelective: 'graph-security-isolate-selective',
  unisolate: 'graph-security-unisolate',
  scanQuick: 'graph-security-scan-quick',
  scanFull: 'graph-security-scan-full',
  indicatorAlert: 'graph-security-indicator-alert',
  indicatorBlock: 'graph-security-indicator-block',
  indicatorAllow: 'graph-security-indicator-allow',
  indicatorRemove: 'graph-security-indicator-remove',
} as const;
export type ActionId = (typeof ACTION_IDS)[keyof typeof ACTION_IDS];

export const PRODUCT = 'Microsoft Defender for Endpoint';
const CATEGORIES = [PRODUCT, 'Graph Security'];

/** Recorded as the Comment of every machine action and in every indicator's description. */
export const COMMENT = 'graphsoc relay: requested from Threat Response';

export interface RespondItem {
  id: ActionId;
  title: string;
  description: string;
  categories: string[];
  'query-params': Record<string, string>;
}

export interface ObservableRef {
  type: string;
  value: string;
}

function item(
  id: ActionId,
  title: string,
  description: string,
  o: ObservableRef,
  extra: Record<string, string> = {},
): RespondItem {
  return {
    id,
    title,
    description,
    categories: [...CATEGORIES],
    'query-params': { observable_type: o.type, observable_value: o.value, ...extra },
  };
}

export interface MachineFacts {
  id: string;
  name: string;
  /** From the newest isolate/unisolate action that did not fail. */
  isolated: boolean;
}

/** Isolate (full or selective) or release, depending on the machine's state, plus both scans. */
export function machineItems(o: ObservableRef, m: MachineFacts, named: boolean): RespondItem[] {
  const extra = { machine_id: m.id };
  // A host name may match several machines; each item then says which one it acts on.
  const on = named ? ` ${m.name} (${m.id.slice(0, 12)}…)` : '';
  const isolation = m.isolated
    ? [
        item(
          ACTION_IDS.unisolate,
          `Release from isolation${on}`,
          'Release the device from isolation in Microsoft Defender for Endpoint.',
          o,
          extra,
        ),
      ]
    : [
        item(
          ACTION_IDS.isolateFull,
          `Isolate device (full)${on}`,
          'Cut the device off the network except for the Defender for Endpoint service.',
          o,
          extra,
        ),
        item(
          ACTION_IDS.isolateSelective,
          `Isolate device (selective)${on}`,
          'Cut the device off the network but keep Outlook, Teams and Skype working.',
          o,
          extra,
        ),
      ];
  return [
    ...isolation,
    item(
      ACTION_IDS.scanQuick,
      `Run antivirus scan (quick)${on}`,
      'Start a quick Microsoft Defender Antivirus scan on the device.',
      o,
      extra,
    ),
    item(
      ACTION_IDS.scanFull,
      `Run antivirus scan (full)${on}`,
      'Start a full Microsoft Defender Antivirus scan on the device.',
      o,
      extra,
    ),
  ];
}

/** Where the isolation state is read from: the newest isolate/unisolate action that did not fail. */
export function isIsolated(actions: ReadonlyArray<{ type: string; status: string }>): boolean {
  const last = actions.find(
    (a) =>
      (a.type === 'Isolate' || a.type === 'Unisolate') &&
      !['Failed', 'Cancelled', 'TimeOut'].includes(a.status),
  );
  return last?.type === 'Isolate';
}

export interface IndicatorPlan {
  action: IndicatorAction;
  severity: 'Informational' | 'Medium' | 'High';
  generateAlert: boolean;
}

/**
 * The Defender action each button sends. Alert-only is Audit with generateAlert (the API requires
 * generateAlert for Audit); blocking a file also remediates it, which Defender supports only for files.
 */
export function indicatorPlan(
  id: typeof ACTION_IDS.indicatorAlert | typeof ACTION_IDS.indicatorBlock | typeof ACTION_IDS.indicatorAllow,
  type: IndicatorObservableType,
): IndicatorPlan {
  if (id === ACTION_IDS.indicatorAlert) return { action: 'Audit', severity: 'Medium', generateAlert: true };
  if (id === ACTION_IDS.indicatorAllow)
    return { action: 'Allowed', severity: 'Informational', generateAlert: false };
  return {
    action: isFileIndicator(type) ? 'BlockAndRemediate' : 'Block',
    severity: 'High',
    generateAlert: true,
  };
}

/** No indicator yet: alert, block or allow. One exists: remove it (one item per indicator). */
export function indicatorItems(
  o: ObservableRef & { type: IndicatorObservableType },
  existing: ReadonlyArray<{ id: string; action?: string | null | undefined }>,
): RespondItem[] {
  if ((o.type === 'ip' || o.type === 'ipv6') && isInternalIp(o.value)) return [];
  if (existing.length > 0) {
    return existing.map((i) =>
      item(
        ACTION_IDS.indicatorRemove,
        `Remove indicator${i.action ? ` (${i.action})` : ''}`,
        `Delete the ${PRODUCT} indicator ${i.id} for this ${o.type}.`,
        o,
        { indicator_id: i.id },
      ),
    );
  }
  const label = o.type.toUpperCase();
  return [
    item(
      ACTION_IDS.indicatorAlert,
      `Alert on ${label}`,
      `Add a ${PRODUCT} indicator that raises an alert when the ${o.type} is seen.`,
      o,
    ),
    item(
      ACTION_IDS.indicatorBlock,
      `Block ${label}`,
      isFileIndicator(o.type)
        ? `Add a ${PRODUCT} indicator that blocks and remediates the file, with an alert.`
        : `Add a ${PRODUCT} indicator that blocks the ${o.type}, with an alert.`,
      o,
    ),
    item(
      ACTION_IDS.indicatorAllow,
      `Allow ${label}`,
      `Add a ${PRODUCT} indicator that allows the ${o.type}.`,
      o,
    ),
  ];
}
