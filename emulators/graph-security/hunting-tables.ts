// The advanced hunting tables the emulator derives from a tenant's alerts_v2: AlertInfo (one row per alert)
// and AlertEvidence (one row per evidence item, mapped from the evidence type's properties).
// https://learn.microsoft.com/defender-xdr/advanced-hunting-alertinfo-table
// https://learn.microsoft.com/defender-xdr/advanced-hunting-alertevidence-table
// https://learn.microsoft.com/graph/api/resources/security-alertevidence
import type { Column, KqlType, Row, Table } from './kql/ast.js';
import { evidenceColumns } from './hunting-evidence.js';
import { type GraphObject, isRecord } from './store.js';

const s = (name: string, type: KqlType = 'string'): Column => ({ name, type });

export const ALERT_INFO_COLUMNS: Column[] = [
  s('Timestamp', 'datetime'),
  s('AlertId'),
  s('Title'),
  s('Category'),
  s('Severity'),
  s('ServiceSource'),
  s('DetectionSource'),
  s('AttackTechniques'),
];

export const ALERT_EVIDENCE_COLUMNS: Column[] = [
  s('Timestamp', 'datetime'),
  s('AlertId'),
  s('Title'),
  s('Categories'),
  s('AttackTechniques'),
  s('Severity'),
  s('ServiceSource'),
  s('DetectionSource'),
  s('EntityType'),
  s('EvidenceRole'),
  s('EvidenceDirection'),
  s('FileName'),
  s('FolderPath'),
  s('SHA1'),
  s('SHA256'),
  s('FileSize', 'long'),
  s('ThreatFamily'),
  s('RemoteIP'),
  s('RemoteUrl'),
  s('AccountName'),
  s('AccountDomain'),
  s('AccountSid'),
  s('AccountObjectId'),
  s('AccountUpn'),
  s('DeviceId'),
  s('DeviceName'),
  s('LocalIP'),
  s('NetworkMessageId'),
  s('EmailSubject'),
  s('ApplicationId', 'int'),
  s('Application'),
  s('OAuthApplicationId'),
  s('ProcessCommandLine'),
  s('RegistryKey'),
  s('RegistryValueName'),
  s('RegistryValueData'),
  s('AdditionalFields', 'dynamic'),
];

/** serviceSource enum members as the hunting tables spell the product. */
const SERVICE_SOURCE: Record<string, string> = {
  microsoftDefenderForEndpoint: 'Microsoft Defender for Endpoint',
  microsoftDefenderForIdentity: 'Microsoft Defender for Identity',
  microsoftDefenderForCloudApps: 'Microsoft Defender for Cloud Apps',
  microsoftDefenderForOffice365: 'Microsoft Defender for Office 365',
  microsoft365Defender: 'Microsoft Defender XDR',
  azureAdIdentityProtection: 'Microsoft Entra ID Protection',
  microsoftAppGovernance: 'App Governance',
  dataLossPrevention: 'Microsoft Data Loss Prevention',
  microsoftDefenderForCloud: 'Microsoft Defender for Cloud',
  microsoftSentinel: 'Microsoft Sentinel',
};
const DETECTION_SOURCE: Record<string, string> = {
  antivirus: 'Antivirus',
  microsoftDefenderForEndpoint: 'EDR',
  customTi: 'Custom TI',
  customDetection: 'Custom detection',
  automatedInvestigation: 'Automated investigation',
  smartScreen: 'SmartScreen',
};

export function alertInfoTable(alerts: GraphObject[]): Table {
  return { columns: ALERT_INFO_COLUMNS, rows: alerts.map((a) => ({ ...common(a) })) };
}

/** Rows are built as one object literal with every column, so they share a shape and stay small. */
export function alertEvidenceTable(alerts: GraphObject[]): Table {
  const rows: Row[] = [];
  for (const a of alerts) {
    const c = common(a);
    const categories = JSON.stringify(c.Category ? [c.Category] : []);
    const threat = typeof a.threatFamilyName === 'string' ? a.threatFamilyName : '';
    for (const e of Array.isArray(a.evidence) ? a.evidence.filter(isRecord) : []) {
      const v = evidenceColumns(e, threat);
      const str = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : '');
      rows.push({
        Timestamp: dateOf(e.createdDateTime) ?? c.Timestamp,
        AlertId: c.AlertId,
        Title: c.Title,
        Categories: categories,
        AttackTechniques: c.AttackTechniques,
        Severity: c.Severity,
        ServiceSource: c.ServiceSource,
        DetectionSource: c.DetectionSource,
        EntityType: str('EntityType'),
        EvidenceRole: str('EvidenceRole'),
        EvidenceDirection: str('EvidenceDirection'),
        FileName: str('FileName'),
        FolderPath: str('FolderPath'),
        SHA1: str('SHA1'),
        SHA256: str('SHA256'),
        FileSize: v.FileSize ?? null,
        ThreatFamily: str('ThreatFamily'),
        RemoteIP: str('RemoteIP'),
        RemoteUrl: str('RemoteUrl'),
        AccountName: str('AccountName'),
        AccountDomain: str('AccountDomain'),
        AccountSid: str('AccountSid'),
        AccountObjectId: str('AccountObjectId'),
        AccountUpn: str('AccountUpn'),
        DeviceId: str('DeviceId'),
        DeviceName: str('DeviceName'),
        LocalIP: str('LocalIP'),
        NetworkMessageId: str('NetworkMessageId'),
        EmailSubject: str('EmailSubject'),
        ApplicationId: v.ApplicationId ?? null,
        Application: str('Application'),
        OAuthApplicationId: str('OAuthApplicationId'),
        ProcessCommandLine: str('ProcessCommandLine'),
        RegistryKey: str('RegistryKey'),
        RegistryValueName: str('RegistryValueName'),
        RegistryValueData: str('RegistryValueData'),
        AdditionalFields: v.AdditionalFields ?? null,
      });
    }
  }
  return { columns: ALERT_EVIDENCE_COLUMNS, rows };
}

/** Columns both tables take from the alert itself; strings are "" when missing (Kusto strings are never null). */
function common(a: GraphObject) {
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const severity = str(a.severity);
  return {
    Timestamp: dateOf(a.createdDateTime),
    AlertId: a.id,
    Title: str(a.title),
    Category: str(a.category),
    Severity: severity ? severity[0]?.toUpperCase() + severity.slice(1) : '',
    ServiceSource: SERVICE_SOURCE[str(a.serviceSource)] ?? str(a.serviceSource),
    DetectionSource: DETECTION_SOURCE[str(a.detectionSource)] ?? words(str(a.detectionSource)),
    AttackTechniques: JSON.stringify(Array.isArray(a.mitreTechniques) ? a.mitreTechniques : []),
  };
}

function dateOf(v: unknown): Date | null {
  const t = typeof v === 'string' ? Date.parse(v) : Number.NaN;
  return Number.isNaN(t) ? null : new Date(t);
}

/** camelCase enum member to "Title case words" (azureAdIdentityProtection -> Azure Ad Identity Protection). */
function words(v: string): string {
  return v.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
}
