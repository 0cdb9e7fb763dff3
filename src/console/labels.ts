// Names for people of the ids the dashboard lists: dependency checks (`tenant:contoso:graph`) and
// units of work (`phishing:soc@contoso.com`). The id stays on the page in small print, as the log,
// /readyz and the lease table know it; an id without a name here shows as itself.

/** The service part of a `tenant:<name>:<service>` check. */
const TENANT_SERVICES: Record<string, string> = {
  graph: 'Microsoft Graph',
  defender: 'Microsoft Defender for Endpoint',
  management: 'Azure Resource Manager',
};

const DEPENDENCIES: Record<string, string> = {
  archer: 'RSA Archer',
};

const UNITS: Record<string, string> = {
  housekeeping: 'Housekeeping (prunes old history)',
  'phishing-retention': 'Phishing retention (deletes old reports and campaigns)',
};

/** A unit's kind, before the first colon, and what its rest names. */
const UNIT_KINDS: Record<string, string> = {
  phishing: 'Report mailbox',
};

export function dependencyLabel(name: string): string {
  const [kind, tenant, service, ...rest] = name.split(':');
  if (kind === 'tenant' && tenant && service && rest.length === 0)
    return `${TENANT_SERVICES[service] ?? service} (tenant ${tenant})`;
  return DEPENDENCIES[name] ?? name;
}

export function unitLabel(name: string): string {
  const colon = name.indexOf(':');
  if (colon < 0) return UNITS[name] ?? name;
  const kind = UNIT_KINDS[name.slice(0, colon)];
  return kind ? `${kind} ${name.slice(colon + 1)}` : name;
}
