// Maps one alerts_v2 evidence item to its AlertEvidence columns: EntityType, EvidenceRole/Direction, and the
// file, process, device, user, IP, URL, mailbox, message, app and registry fields of its type.
// https://learn.microsoft.com/defender-xdr/advanced-hunting-alertevidence-table
// https://learn.microsoft.com/graph/api/resources/security-fileevidence  (…-processevidence, -deviceevidence,
// -userevidence, -ipevidence, -urlevidence, -mailboxevidence, -analyzedmessageevidence, -cloudapplicationevidence)
import type { Value } from './kql/ast.js';
import { isRecord } from './store.js';

type Obj = Record<string, unknown>;

const ENTITY_TYPE: Record<string, string> = {
  fileEvidence: 'File',
  processEvidence: 'Process',
  deviceEvidence: 'Machine',
  userEvidence: 'User',
  ipEvidence: 'Ip',
  urlEvidence: 'Url',
  mailboxEvidence: 'Mailbox',
  analyzedMessageEvidence: 'MailMessage',
  mailClusterEvidence: 'MailCluster',
  cloudApplicationEvidence: 'CloudApplication',
  oauthApplicationEvidence: 'OAuthApplication',
  registryKeyEvidence: 'RegistryKey',
  registryValueEvidence: 'RegistryValue',
  securityGroupEvidence: 'SecurityGroup',
};
/** Roles that mean the entity was affected, not merely related (EvidenceRole "Impacted"). */
const IMPACTED = new Set([
  'compromised',
  'attacked',
  'edited',
  'created',
  'added',
  'loaded',
  'policyViolator',
]);

export function evidenceColumns(e: Obj, threatFamily: string): Record<string, Value> {
  const type = String(e['@odata.type'] ?? '').replace(/^#?microsoft\.graph\.security\./, '');
  const roles = Array.isArray(e.roles) ? e.roles.map(String) : [];
  const out: Record<string, Value> = {
    EntityType: ENTITY_TYPE[type] ?? type.replace(/Evidence$/, '').replace(/^./, (c) => c.toUpperCase()),
    EvidenceRole: roles.some((r) => IMPACTED.has(r)) ? 'Impacted' : 'Related',
    EvidenceDirection: roles.includes('source')
      ? 'Source'
      : roles.includes('destination')
        ? 'Destination'
        : '',
  };
  const extra: Record<string, Value> = {};
  switch (type) {
    case 'fileEvidence':
      Object.assign(out, file(rec(e.fileDetails)), {
        DeviceId: str(e.mdeDeviceId),
        ThreatFamily: threatFamily,
      });
      extra.DetectionStatus = str(e.detectionStatus);
      break;
    case 'processEvidence':
      Object.assign(out, file(rec(e.imageFile)), account(rec(e.userAccount)), {
        ProcessCommandLine: str(e.processCommandLine),
        DeviceId: str(e.mdeDeviceId),
        ThreatFamily: threatFamily,
      });
      extra.ProcessId = num(e.processId);
      extra.ParentProcessId = num(e.parentProcessId);
      break;
    case 'deviceEvidence': {
      const ips = Array.isArray(e.ipInterfaces) ? e.ipInterfaces.map(String) : [];
      Object.assign(out, {
        DeviceId: str(e.mdeDeviceId),
        DeviceName: str(e.deviceDnsName),
        LocalIP: ips[0] ?? '',
      });
      Object.assign(extra, {
        OSPlatform: str(e.osPlatform),
        HealthStatus: str(e.healthStatus),
        IpInterfaces: ips,
      });
      break;
    }
    case 'userEvidence':
      Object.assign(out, account(rec(e.userAccount)));
      break;
    case 'ipEvidence':
      out.RemoteIP = str(e.ipAddress);
      extra.CountryCode = str(e.countryLetterCode);
      break;
    case 'urlEvidence':
      out.RemoteUrl = str(e.url);
      break;
    case 'mailboxEvidence':
      Object.assign(out, account(rec(e.userAccount)), { AccountUpn: str(e.primaryAddress) });
      if (!out.AccountName) out.AccountName = str(e.displayName);
      break;
    case 'analyzedMessageEvidence':
      Object.assign(out, {
        NetworkMessageId: str(e.networkMessageId),
        EmailSubject: str(e.subject),
        RemoteIP: str(e.senderIp),
        AccountUpn: str(e.recipientEmailAddress),
      });
      extra.Sender = str(rec(e.p1Sender).emailAddress);
      break;
    case 'cloudApplicationEvidence':
      out.ApplicationId = typeof e.appId === 'number' ? e.appId : null;
      out.Application = str(e.displayName);
      break;
    case 'oauthApplicationEvidence':
      out.OAuthApplicationId = str(e.appId);
      out.Application = str(e.displayName);
      break;
    case 'registryKeyEvidence':
    case 'registryValueEvidence':
      out.RegistryKey = [str(e.registryHive), str(e.registryKey)].filter(Boolean).join('\\');
      out.RegistryValueName = str(e.registryValueName);
      out.RegistryValueData = str(e.registryValue);
      break;
  }
  const verdict = str(e.verdict);
  if (verdict) extra.Verdict = verdict;
  out.AdditionalFields = Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== '' && v !== null));
  return out;
}

function file(d: Obj): Record<string, Value> {
  return {
    FileName: str(d.fileName),
    FolderPath: str(d.filePath),
    SHA1: str(d.sha1),
    SHA256: str(d.sha256),
    FileSize: num(d.fileSize),
  };
}

function account(u: Obj): Record<string, Value> {
  return {
    AccountName: str(u.accountName),
    AccountDomain: str(u.domainName),
    AccountSid: str(u.userSid),
    AccountObjectId: str(u.azureAdUserId),
    AccountUpn: str(u.userPrincipalName),
  };
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function num(v: unknown): number | null {
  return typeof v === 'number' ? v : null;
}

function rec(v: unknown): Obj {
  return isRecord(v) ? v : {};
}
