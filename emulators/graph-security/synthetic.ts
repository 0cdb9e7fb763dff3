// Generator of realistic synthetic security data for benchmarks: alerts_v2 with evidence, incidents that
// group them, and the legacy alert each one maps to (per Microsoft's v1 -> v2 migration guide).
// Deterministic for a given seed; timestamps fall in the 25 days before `now`, inside hunting's 30-day default.
// https://learn.microsoft.com/graph/api/resources/security-alert
// https://learn.microsoft.com/graph/alertsv1-alertsv2-migration
import { legacyAlertOf } from './legacy-map.js';
import {
  DAY_MS,
  DOMAINS,
  FILES,
  FOLDERS,
  hex,
  mulberry32,
  pick,
  type Rand,
  SCENARIOS,
  SEVERITIES,
  STATUSES,
  USERS,
} from './synthetic-pool.js';
import type { SecurityData } from './store.js';

export interface SyntheticOptions {
  tenantId: string;
  seed?: number;
  now?: Date;
}

/** `count` alerts (with incidents of 1-4 alerts, and the matching legacy alerts) for one tenant. */
export function syntheticSecurityData(count: number, opts: SyntheticOptions): Required<SecurityData> {
  const rand = mulberry32(opts.seed ?? 1);
  const now = (opts.now ?? new Date()).getTime();
  const out: Required<SecurityData> = { alertsV2: [], incidents: [], legacyAlerts: [] };
  let incident: Record<string, unknown> | undefined;
  let left = 0;
  for (let i = 0; i < count; i++) {
    const created = new Date(now - Math.floor(rand() * 25 * DAY_MS)).toISOString();
    if (left === 0) {
      const id = String(1000 + out.incidents.length);
      incident = incidentOf(id, opts.tenantId, created, pick(rand, SEVERITIES));
      out.incidents.push(incident);
      left = 1 + Math.floor(rand() * 4);
    }
    left -= 1;
    const alert = alertOf(rand, i, opts.tenantId, String(incident?.id), created);
    out.alertsV2.push(alert);
    out.legacyAlerts.push(legacyAlertOf(alert));
  }
  return out;
}

function alertOf(rand: Rand, i: number, tenantId: string, incidentId: string, created: string) {
  const s = pick(rand, SCENARIOS);
  const user = pick(rand, USERS);
  const device = `ws-${String(i % 500).padStart(4, '0')}.contoso.local`;
  const mdeDeviceId = hex(rand, 40);
  const ip = `203.0.113.${1 + Math.floor(rand() * 254)}`;
  const domain = pick(rand, DOMAINS);
  const file = {
    fileName: pick(rand, FILES),
    filePath: pick(rand, FOLDERS),
    sha1: hex(rand, 40),
    sha256: hex(rand, 64),
    md5: hex(rand, 32),
    fileSize: 1024 + Math.floor(rand() * 5e6),
  };
  const account = {
    accountName: user,
    domainName: 'CONTOSO',
    userSid: `S-1-5-21-1004-${1000 + USERS.indexOf(user)}`,
    azureAdUserId: null,
    userPrincipalName: `${user}@contoso.com`,
    displayName: user,
  };
  const base = {
    createdDateTime: created,
    verdict: 'suspicious',
    remediationStatus: 'none',
    remediationStatusDetails: null,
    detailedRoles: [],
    tags: [],
  };
  const ev = (type: string, roles: string[], props: Record<string, unknown>) => ({
    '@odata.type': `#microsoft.graph.security.${type}`,
    ...base,
    roles,
    ...props,
  });
  const deviceEv = ev('deviceEvidence', ['compromised'], {
    mdeDeviceId,
    deviceDnsName: device,
    osPlatform: 'Windows11',
    ipInterfaces: [`10.0.${i % 250}.${1 + (i % 200)}`],
    loggedOnUsers: [{ accountName: user, domainName: 'CONTOSO' }],
  });
  const fileEv = ev('fileEvidence', [], { detectionStatus: 'detected', mdeDeviceId, fileDetails: file });
  const procEv = ev('processEvidence', [], {
    processId: 1000 + i,
    processCommandLine: `powershell.exe -enc ${hex(rand, 24)}`,
    mdeDeviceId,
    imageFile: { ...file, fileName: 'powershell.exe' },
    userAccount: account,
  });
  const ipEv = ev('ipEvidence', ['destination'], { ipAddress: ip, countryLetterCode: 'NL' });
  const urlEv = ev('urlEvidence', ['destination'], { url: `https://${domain}/p/${hex(rand, 8)}` });
  const userEv = ev('userEvidence', ['compromised'], { userAccount: account });
  const evidence =
    s.kind === 'phish'
      ? [
          urlEv,
          ev('mailboxEvidence', ['contextual'], {
            primaryAddress: account.userPrincipalName,
            displayName: user,
            userAccount: account,
          }),
          ev('analyzedMessageEvidence', ['contextual'], {
            networkMessageId: hex(rand, 32),
            subject: 'Your invoice is overdue',
            senderIp: ip,
            recipientEmailAddress: account.userPrincipalName,
            p1Sender: { emailAddress: `billing@${domain}` },
          }),
        ]
      : s.kind === 'identity'
        ? [userEv, ipEv]
        : s.kind === 'c2'
          ? [deviceEv, procEv, ipEv, urlEv]
          : [deviceEv, fileEv, procEv, userEv];
  const id = `da${(637_000_000_000_000_000n + BigInt(i)).toString()}_${Math.floor(rand() * 2e9) - 1e9}`;
  const source =
    s.kind === 'phish'
      ? 'microsoftDefenderForOffice365'
      : s.kind === 'identity'
        ? 'azureAdIdentityProtection'
        : 'microsoftDefenderForEndpoint';
  return {
    '@odata.type': '#microsoft.graph.security.alert',
    id,
    providerAlertId: id,
    incidentId,
    tenantId,
    status: pick(rand, STATUSES),
    severity: pick(rand, SEVERITIES),
    classification: 'unknown',
    determination: 'unknown',
    serviceSource: source,
    detectionSource:
      s.kind === 'malware'
        ? 'antivirus'
        : s.kind === 'identity'
          ? 'azureAdIdentityProtection'
          : 'microsoftDefenderForEndpoint',
    detectorId: hex(rand, 8),
    title: s.title,
    description: `${s.title} on ${device}.`,
    category: s.category,
    assignedTo: null,
    alertWebUrl: `https://security.microsoft.com/alerts/${id}?tid=${tenantId}`,
    incidentWebUrl: `https://security.microsoft.com/incidents/${incidentId}?tid=${tenantId}`,
    threatFamilyName: s.kind === 'malware' ? 'Mimikatz' : null,
    mitreTechniques: [s.mitre],
    createdDateTime: created,
    lastUpdateDateTime: created,
    resolvedDateTime: null,
    firstActivityDateTime: created,
    lastActivityDateTime: created,
    comments: [],
    systemTags: [],
    evidence,
  };
}

function incidentOf(id: string, tenantId: string, created: string, severity: string) {
  return {
    id,
    tenantId,
    displayName: `Multi-stage incident ${id}`,
    description: null,
    status: 'active',
    severity,
    classification: 'unknown',
    determination: 'unknown',
    assignedTo: null,
    redirectIncidentId: null,
    incidentWebUrl: `https://security.microsoft.com/incidents/${id}?tid=${tenantId}`,
    createdDateTime: created,
    lastUpdateDateTime: created,
    customTags: [],
    systemTags: [],
    comments: [],
  };
}
