// Canonical indicator → one item of Defender for Endpoint's POST /api/indicators/import, as
// reference §3.3 documents it. Body parameters are case-sensitive. Actions are the current ones
// (Audit, Block): the legacy Alert and AlertAndBlock were to be honoured only until January 2022.
// Defender has no silent action: the API requires generateAlert with Audit, so an audit decision is
// an Audit with severity Informational, the quietest Defender offers.
import type { Indicator } from '../model/indicator.js';
import type { IndicatorType } from '../model/types.js';
import type { Send, Severity } from '../policy/decide.js';
import { SinkTypeError } from '../errors.js';
import { describe, isoSeconds, title } from './text.js';

export type DefenderIndicatorType =
  | 'FileSha1'
  | 'FileSha256'
  | 'FileMd5'
  | 'IpAddress'
  | 'DomainName'
  | 'Url';
export type DefenderAction = 'Audit' | 'Block';
export type DefenderSeverity = 'Informational' | 'Low' | 'Medium' | 'High';

export interface DefenderImportItem {
  indicatorValue: string;
  indicatorType: DefenderIndicatorType;
  action: DefenderAction;
  title: string;
  description: string;
  expirationTime: string;
  severity: DefenderSeverity;
  generateAlert: boolean;
  application?: string;
  recommendedActions?: string;
  rbacGroupNames?: string[];
}

export const DEFENDER_TYPES: Readonly<Partial<Record<IndicatorType, DefenderIndicatorType>>> = {
  ipv4: 'IpAddress',
  ipv6: 'IpAddress',
  domain: 'DomainName',
  url: 'Url',
  md5: 'FileMd5',
  sha1: 'FileSha1',
  sha256: 'FileSha256',
};

const SEVERITY: Readonly<Record<Severity, DefenderSeverity>> = {
  informational: 'Informational',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
};

/**
 * Defender documents no length limits for these; the portal shows titles on one line. Conservative
 * bounds, to be confirmed against a tenant (docs/intel.md).
 */
export const DEFENDER_LIMITS = { title: 100, description: 1000, recommendedActions: 1000 } as const;

export interface DefenderOptions {
  /** Shown as the indicator's application; set on creation only (Defender ignores it on update). */
  application?: string;
  recommendedActions?: string;
  /** Device groups the indicator applies to; all devices when absent. */
  rbacGroupNames?: string[];
}

export function toDefenderIndicator(i: Indicator, send: Send, o: DefenderOptions = {}): DefenderImportItem {
  const indicatorType = DEFENDER_TYPES[i.type];
  if (indicatorType === undefined) throw new SinkTypeError('defender', i.type);
  return {
    indicatorValue: i.value,
    indicatorType,
    action: send.action === 'block' ? 'Block' : 'Audit',
    title: title(i, DEFENDER_LIMITS.title),
    description: describe(i, DEFENDER_LIMITS.description),
    expirationTime: isoSeconds(send.expiresAtMs),
    severity: SEVERITY[send.action === 'audit' ? 'informational' : send.severity],
    generateAlert: true,
    ...(o.application === undefined ? {} : { application: o.application }),
    ...(o.recommendedActions === undefined
      ? {}
      : { recommendedActions: o.recommendedActions.slice(0, DEFENDER_LIMITS.recommendedActions) }),
    ...(o.rbacGroupNames === undefined ? {} : { rbacGroupNames: [...o.rbacGroupNames] }),
  };
}
