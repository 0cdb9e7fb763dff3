// Maps a microsoft.graph.security.alert (v2) to the legacy microsoft.graph.alert it corresponds to, field by
// field as Microsoft's migration guide lists them; used for synthetic data so both APIs see the same alerts.
// https://learn.microsoft.com/graph/alertsv1-alertsv2-migration
// https://learn.microsoft.com/graph/api/resources/alert
import { isRecord } from './store.js';

type Obj = Record<string, unknown>;

const PROVIDERS: Record<string, string> = {
  microsoftDefenderForEndpoint: 'Microsoft Defender ATP',
  microsoftDefenderForIdentity: 'Azure Advanced Threat Protection',
  microsoftDefenderForCloudApps: 'MCAS',
  microsoftDefenderForOffice365: 'Office 365 Security and Compliance',
  azureAdIdentityProtection: 'IPC',
  microsoftSentinel: 'Azure Sentinel',
};

export function legacyAlertOf(a: Obj): Obj {
  const evidence = Array.isArray(a.evidence) ? a.evidence.filter(isRecord) : [];
  const ofType = (t: string) => evidence.filter((e) => String(e['@odata.type'] ?? '').endsWith(`.${t}`));
  const ip = str(ofType('ipEvidence')[0]?.ipAddress);
  const hostStates = ofType('deviceEvidence').map((e) => {
    const fqdn = str(e.deviceDnsName);
    const ips = Array.isArray(e.ipInterfaces) ? e.ipInterfaces : [];
    return {
      fqdn,
      netBiosName: fqdn?.split('.')[0] ?? null,
      privateIpAddress: str(ips[0]),
      publicIpAddress: null,
      os: str(e.osPlatform),
      isAzureAdJoined: e.azureAdDeviceId != null,
      riskScore: str(e.riskScore),
    };
  });
  const fileStates = ofType('fileEvidence').map((e) => {
    const d = rec(e.fileDetails);
    return {
      name: str(d.fileName),
      path: str(d.filePath),
      fileHash: { hashType: 'sha256', hashValue: str(d.sha256) },
      riskScore: null,
    };
  });
  const networkConnections = ofType('urlEvidence').map((e) => {
    const url = str(e.url) ?? '';
    return {
      destinationUrl: url,
      destinationDomain: hostOf(url),
      destinationAddress: ip,
      destinationPort: '443',
      sourceAddress: hostStates[0]?.privateIpAddress ?? null,
      direction: 'outbound',
      protocol: 'tcp',
    };
  });
  const userStates = ofType('userEvidence').map((e) => {
    const u = rec(e.userAccount);
    return {
      userPrincipalName: str(u.userPrincipalName),
      accountName: str(u.accountName),
      domainName: str(u.domainName),
      aadUserId: str(u.azureAdUserId),
      logonIp: ip,
    };
  });
  const source = String(a.serviceSource ?? '');
  return {
    id: a.id,
    azureTenantId: a.tenantId,
    title: a.title,
    description: a.description,
    category: a.category,
    severity: a.severity,
    status: a.status === 'new' ? 'newAlert' : a.status,
    feedback: null,
    confidence: null,
    createdDateTime: a.createdDateTime,
    eventDateTime: a.firstActivityDateTime ?? a.createdDateTime,
    lastModifiedDateTime: a.lastUpdateDateTime,
    closedDateTime: a.resolvedDateTime ?? null,
    activityGroupName: a.actorDisplayName ?? null,
    assignedTo: a.assignedTo ?? null,
    incidentIds: a.incidentId ? [a.incidentId] : [],
    sourceMaterials: a.alertWebUrl ? [a.alertWebUrl] : [],
    vendorInformation: {
      provider: PROVIDERS[source] ?? source,
      providerVersion: null,
      subProvider: null,
      vendor: 'Microsoft',
    },
    fileStates,
    hostStates,
    networkConnections,
    userStates,
    tags: [],
    processes: [],
    malwareStates: [],
    registryKeyStates: [],
    recommendedActions: [],
    detectionIds: [],
    cloudAppStates: [],
    historyStates: [],
    securityResources: [],
    triggers: [],
    vulnerabilityStates: [],
  };
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

function rec(v: unknown): Obj {
  return isRecord(v) ? v : {};
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}
