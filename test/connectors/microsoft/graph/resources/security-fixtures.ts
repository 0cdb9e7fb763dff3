// Two alerts_v2 and one legacy alert for the security resource tests; ids and values that need OData
// and KQL quoting.
const DAY = 86_400_000;

export const EVIL_FILE = "O'Brien #1.exe";

export function securityData(tenantId: string, now = Date.now()) {
  const at = (days: number) => new Date(now - days * DAY).toISOString();
  const alert = (id: string, days: number, title: string) => ({
    '@odata.type': '#microsoft.graph.security.alert',
    id,
    providerAlertId: id,
    tenantId,
    title,
    severity: 'high',
    status: 'new',
    serviceSource: 'microsoftDefenderForEndpoint',
    detectionSource: 'antivirus',
    category: 'Execution',
    createdDateTime: at(days),
    lastUpdateDateTime: at(days),
    firstActivityDateTime: at(days),
    lastActivityDateTime: at(days),
    evidence: [
      {
        '@odata.type': '#microsoft.graph.security.fileEvidence',
        createdDateTime: at(days),
        verdict: 'malicious',
        remediationStatus: 'none',
        roles: [],
        fileDetails: { fileName: EVIL_FILE, sha256: 'a'.repeat(64), filePath: 'C:\\Temp' },
      },
    ],
  });
  return {
    alertsV2: [alert('da-1', 1, 'First alert'), alert('da-2', 2, 'Second alert')],
    legacyAlerts: [
      {
        id: 'legacy-1',
        title: 'Legacy alert',
        severity: 'high',
        eventDateTime: at(1),
        createdDateTime: at(1),
        vendorInformation: { provider: 'MDATP', subProvider: 'MicrosoftDefenderATP' },
        fileStates: [
          { name: EVIL_FILE, path: 'C:\\Temp', fileHash: { hashType: 'sha256', hashValue: 'a'.repeat(64) } },
        ],
      },
    ],
  };
}
