// Defender indicators: list (with $filter=indicatorValue eq '…'), submit or update, delete by id.
// Validation follows the post-ti-indicator page: the enums, required title and description,
// generateAlert for Audit, no CIDR, and only external IP addresses.
// https://learn.microsoft.com/defender-endpoint/api/post-ti-indicator
import { isIP } from 'node:net';
import { DEFENDER_ROLES } from './auth.js';
import { invalidBody, notFound } from './errors.js';
import { listWhere } from './odata.js';
import type { DefenderCall, DefenderRoute } from './types.js';

const TYPES = [
  'FileSha1',
  'FileSha256',
  'FileMd5',
  'CertificateThumbprint',
  'IpAddress',
  'DomainName',
  'Url',
];
const ACTIONS = ['Warn', 'Block', 'Audit', 'Alert', 'AlertAndBlock', 'BlockAndRemediate', 'Allowed'];
const SEVERITIES = ['Informational', 'Low', 'Medium', 'High'];

const HEX: Record<string, number> = { FileSha1: 40, FileSha256: 64, FileMd5: 32, CertificateThumbprint: 40 };

/** Private, loopback, link-local and similar ranges Defender does not accept as indicators. */
export function isInternalIp(ip: string): boolean {
  if (isIP(ip) === 4) {
    const [a = 0, b = 0] = ip.split('.').map(Number);
    return (
      a === 10 ||
      a === 127 ||
      a === 0 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127) ||
      a >= 224
    );
  }
  const v = ip.toLowerCase();
  return v === '::1' || v === '::' || /^f[cd]/.test(v) || /^fe[89ab]/.test(v) || v.startsWith('ff');
}

function valueProblem(type: string, value: string): string | undefined {
  const hexLength = HEX[type];
  if (hexLength !== undefined)
    return new RegExp(`^[0-9a-fA-F]{${hexLength}}$`).test(value)
      ? undefined
      : `Invalid indicator value '${value}' for indicator type ${type}.`;
  if (type === 'IpAddress') {
    if (value.includes('/')) return 'CIDR notation is not supported for IP indicators.';
    if (isIP(value) === 0) return `Invalid indicator value '${value}' for indicator type IpAddress.`;
    if (isInternalIp(value)) return 'Only external IP addresses can be added as indicators.';
    return undefined;
  }
  if (type === 'DomainName')
    return /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i.test(value)
      ? undefined
      : `Invalid indicator value '${value}' for indicator type DomainName.`;
  if (type === 'Url') {
    try {
      const u = new URL(value);
      if (u.protocol === 'http:' || u.protocol === 'https:') return undefined;
    } catch {
      // answered below
    }
    return `Invalid indicator value '${value}' for indicator type Url.`;
  }
  return undefined;
}

function validate(b: Record<string, unknown>): string | undefined {
  const str = (k: string) => (typeof b[k] === 'string' ? (b[k] as string) : undefined);
  const type = str('indicatorType');
  const value = str('indicatorValue');
  if (!value) return 'indicatorValue is required.';
  if (!type || !TYPES.includes(type)) return `indicatorType must be one of: ${TYPES.join(', ')}.`;
  const action = str('action');
  if (!action || !ACTIONS.includes(action)) return `action must be one of: ${ACTIONS.join(', ')}.`;
  if (!str('title')) return 'title is required.';
  if (!str('description')) return 'description is required.';
  const severity = b.severity;
  if (severity !== undefined && !(typeof severity === 'string' && SEVERITIES.includes(severity)))
    return `severity must be one of: ${SEVERITIES.join(', ')}.`;
  const expires = b.expirationTime;
  if (expires !== undefined && (typeof expires !== 'string' || Number.isNaN(Date.parse(expires))))
    return 'expirationTime is not a valid DateTimeOffset.';
  if (action === 'Audit' && b.generateAlert !== true)
    return 'generateAlert must be set to true when the action is Audit.';
  return valueProblem(type, value);
}

const listIndicators: DefenderRoute = {
  method: 'GET',
  url: '/api/indicators',
  roles: DEFENDER_ROLES.readIndicators,
  rateApi: 'indicators-read',
  handle: (call) =>
    listWhere(call, call.tenant.indicators.values(), [
      'indicatorValue',
      'indicatorType',
      'action',
      'title',
      'severity',
      'createdBy',
    ]),
};

function submit(call: DefenderCall) {
  const b = call.body;
  if (typeof b !== 'object' || b === null || Array.isArray(b))
    return invalidBody(call.requestId, 'Request body is missing or is not a JSON object.');
  const fields = b as Record<string, unknown>;
  const problem = validate(fields);
  if (problem) return invalidBody(call.requestId, problem);
  const now = new Date().toISOString();
  const stored = call.tenant.putIndicator({
    indicatorValue: fields.indicatorValue,
    indicatorType: fields.indicatorType,
    action: fields.action,
    title: fields.title,
    description: fields.description,
    severity: fields.severity ?? 'Informational',
    expirationTime: fields.expirationTime ?? null,
    generateAlert: fields.generateAlert === true,
    application: fields.application ?? null,
    recommendedActions: fields.recommendedActions ?? null,
    rbacGroupNames: [],
    source: call.principal.appId,
    sourceType: 'AadApp',
    createdBy: call.principal.appId,
    createdBySource: 'PublicApi',
    creationTimeDateTimeUtc: now,
    lastUpdateTime: now,
    lastUpdatedBy: call.principal.appId,
  });
  return { status: 200, body: stored };
}

export const defenderIndicatorRoutes: DefenderRoute[] = [
  listIndicators,
  {
    method: 'POST',
    url: '/api/indicators',
    roles: DEFENDER_ROLES.writeIndicators,
    rateApi: 'indicators-write',
    handle: submit,
  },
  {
    method: 'DELETE',
    url: '/api/indicators/:id',
    roles: DEFENDER_ROLES.writeIndicators,
    rateApi: 'indicators-write',
    handle(call) {
      const id = call.params.id ?? '';
      if (!call.tenant.indicators.delete(id)) return notFound(call.requestId, `Indicator ${id}`);
      return { status: 204 };
    },
  },
];
