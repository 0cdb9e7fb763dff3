// Hand-made Graph security data for the security emulator tests: four alerts_v2 (one outside the 30-day
// hunting window), two incidents and two legacy alerts, with values that need OData and KQL escaping.
const DAY = 86_400_000;

export const HASH_A = 'a'.repeat(64);
export const HASH_OLD = 'b'.repeat(64);
export const TRICKY_NAME = "O'Brien & Co #1.exe";
export const TRICKY_URL = 'https://evil.example/login?a=1&b=2';

function ev(type: string, roles: string[], props: Record<string, unknown>, created: string) {
  return {
    '@odata.type': `#microsoft.graph.security.${type}`,
    createdDateTime: created,
    verdict: 'malicious',
    remediationStatus: 'none',
    remediationStatusDetails: null,
    roles,
    detailedRoles: [],
    tags: [],
    ...props,
  };
}

export function securityFixtures(tenantId: string, now = Date.now()) {
  const at = (days: number) => new Date(now - days * DAY).toISOString();
  const alert = (id: string, days: number, props: Record<string, unknown>) => ({
    '@odata.type': '#microsoft.graph.security.alert',
    id,
    providerAlertId: id,
    tenantId,
    classification: 'unknown',
    determination: 'unknown',
    assignedTo: null,
    alertWebUrl: `https://security.microsoft.com/alerts/${id}?tid=${tenantId}`,
    createdDateTime: at(days),
    lastUpdateDateTime: at(days),
    firstActivityDateTime: at(days),
    lastActivityDateTime: at(days),
    comments: [],
    systemTags: [],
    ...props,
  });
  const alice = {
    accountName: 'alice',
    domainName: 'CONTOSO',
    userSid: 'S-1-5-21-1',
    azureAdUserId: 'aad-alice',
    userPrincipalName: 'alice@contoso.com',
  };
  const alertsV2 = [
    alert('da001', 1, {
      incidentId: '101',
      status: 'new',
      severity: 'high',
      serviceSource: 'microsoftDefenderForEndpoint',
      detectionSource: 'antivirus',
      title: 'Suspicious PowerShell command line',
      category: 'Execution',
      threatFamilyName: 'Mimikatz',
      mitreTechniques: ['T1059.001'],
      evidence: [
        ev(
          'fileEvidence',
          [],
          {
            mdeDeviceId: 'dev1',
            fileDetails: {
              fileName: TRICKY_NAME,
              filePath: 'C:\\Temp',
              sha1: '1'.repeat(40),
              sha256: HASH_A,
              md5: 'c'.repeat(32),
              fileSize: 4096,
            },
          },
          at(1),
        ),
        ev(
          'processEvidence',
          [],
          {
            mdeDeviceId: 'dev1',
            processId: 42,
            processCommandLine: 'powershell.exe -enc SQBFAFgA',
            imageFile: { fileName: 'powershell.exe', filePath: 'C:\\Windows\\System32' },
            userAccount: alice,
          },
          at(1),
        ),
        ev(
          'deviceEvidence',
          ['compromised'],
          {
            mdeDeviceId: 'dev1',
            deviceDnsName: 'ws-001.contoso.local',
            osPlatform: 'Windows11',
            ipInterfaces: ['10.0.0.5'],
          },
          at(1),
        ),
        ev('userEvidence', ['compromised'], { userAccount: alice }, at(1)),
      ],
    }),
    alert('da002', 3, {
      incidentId: '101',
      status: 'inProgress',
      severity: 'medium',
      serviceSource: 'microsoftDefenderForOffice365',
      detectionSource: 'microsoftDefenderForOffice365',
      title: 'Email messages containing malicious URL removed after delivery',
      category: 'InitialAccess',
      mitreTechniques: ['T1566.002'],
      evidence: [
        ev('urlEvidence', ['destination'], { url: TRICKY_URL }, at(3)),
        ev('ipEvidence', ['source'], { ipAddress: '203.0.113.9', countryLetterCode: 'NL' }, at(3)),
        ev(
          'analyzedMessageEvidence',
          [],
          {
            networkMessageId: 'nm-1',
            subject: 'Invoice overdue',
            senderIp: '203.0.113.9',
            recipientEmailAddress: 'bob@contoso.com',
          },
          at(3),
        ),
        ev('mailboxEvidence', [], { primaryAddress: 'bob@contoso.com', displayName: 'Bob' }, at(3)),
      ],
    }),
    alert('da003', 10, {
      incidentId: '102',
      status: 'resolved',
      severity: 'low',
      serviceSource: 'microsoftDefenderForIdentity',
      detectionSource: 'microsoftDefenderForIdentity',
      title: 'Atypical travel',
      category: 'InitialAccess',
      mitreTechniques: [],
      evidence: [
        ev(
          'userEvidence',
          ['compromised'],
          {
            userAccount: {
              accountName: 'carol',
              domainName: 'CONTOSO',
              userPrincipalName: 'carol@contoso.com',
            },
          },
          at(10),
        ),
        ev('ipEvidence', ['source'], { ipAddress: '198.51.100.7' }, at(10)),
      ],
    }),
    alert('da004', 40, {
      incidentId: '102',
      status: 'new',
      severity: 'informational',
      serviceSource: 'microsoftDefenderForEndpoint',
      detectionSource: 'antivirus',
      title: 'Old detection',
      category: 'Malware',
      mitreTechniques: [],
      evidence: [ev('fileEvidence', [], { fileDetails: { fileName: 'old.exe', sha256: HASH_OLD } }, at(40))],
    }),
  ];
  const incident = (id: string, days: number, severity: string, status: string) => ({
    id,
    tenantId,
    displayName: `Incident ${id}`,
    status,
    severity,
    classification: 'unknown',
    determination: 'unknown',
    assignedTo: null,
    createdDateTime: at(days),
    lastUpdateDateTime: at(days),
    customTags: [],
    systemTags: [],
    comments: [],
  });
  const incidents = [incident('101', 1, 'high', 'active'), incident('102', 10, 'low', 'resolved')];
  const legacyAlerts = [
    {
      id: 'L1',
      azureTenantId: tenantId,
      title: 'Malware detected',
      severity: 'high',
      status: 'newAlert',
      createdDateTime: at(1),
      eventDateTime: at(1),
      vendorInformation: {
        provider: 'Microsoft Defender ATP',
        vendor: 'Microsoft',
        subProvider: null,
        providerVersion: null,
      },
      fileStates: [
        { name: TRICKY_NAME, path: 'C:\\Temp\\a b', fileHash: { hashType: 'sha256', hashValue: HASH_A } },
      ],
      hostStates: [{ netBiosName: 'WS-001', fqdn: 'ws-001.contoso.local', privateIpAddress: '10.0.0.5' }],
      networkConnections: [
        {
          destinationDomain: 'evil.example',
          destinationUrl: TRICKY_URL,
          sourceAddress: '10.0.0.5',
          destinationAddress: '203.0.113.9',
        },
      ],
      userStates: [{ userPrincipalName: 'alice@contoso.com' }],
    },
    {
      id: 'L2',
      azureTenantId: tenantId,
      title: 'Unwanted software',
      severity: 'low',
      status: 'resolved',
      createdDateTime: at(2),
      eventDateTime: at(2),
      vendorInformation: {
        provider: 'Microsoft Defender ATP',
        vendor: 'Microsoft',
        subProvider: null,
        providerVersion: null,
      },
      fileStates: [
        { name: 'clean.txt', path: 'C:\\Users', fileHash: { hashType: 'sha256', hashValue: HASH_OLD } },
      ],
      hostStates: [{ netBiosName: 'WS-002', fqdn: 'ws-002.contoso.local' }],
      networkConnections: [],
      userStates: [],
    },
  ];
  return { alertsV2, incidents, legacyAlerts };
}
