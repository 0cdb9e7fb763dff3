// The tiIndicator resource's properties as its page lists them: enums, which are observables, their
// JSON types, what each target product requires on create and lets an update change.
// https://learn.microsoft.com/graph/api/resources/tiindicator?view=graph-rest-beta

export const TARGETS = ['Azure Sentinel', 'Microsoft Defender ATP'] as const;
export type Target = (typeof TARGETS)[number];
export const SENTINEL: Target = 'Azure Sentinel';
export const MDE: Target = 'Microsoft Defender ATP';

export const ENUMS: Readonly<Record<string, readonly string[]>> = {
  action: ['unknown', 'allow', 'block', 'alert'],
  threatType: [
    'Botnet',
    'C2',
    'CryptoMining',
    'Darknet',
    'DDoS',
    'MaliciousUrl',
    'Malware',
    'Phishing',
    'Proxy',
    'PUA',
    'WatchList',
  ],
  tlpLevel: ['unknown', 'white', 'green', 'amber', 'red'],
  diamondModel: ['unknown', 'adversary', 'capability', 'infrastructure', 'victim'],
  fileHashType: ['unknown', 'sha1', 'sha256', 'md5', 'authenticodeHash256', 'lsHash', 'ctph'],
  targetProduct: TARGETS,
};

export const KILL_CHAIN = [
  'Actions',
  'C2',
  'Delivery',
  'Exploitation',
  'Installation',
  'Reconnaissance',
  'Weaponization',
];

const EMAIL = [
  'emailEncoding',
  'emailLanguage',
  'emailRecipient',
  'emailSenderAddress',
  'emailSenderName',
  'emailSourceDomain',
  'emailSourceIpAddress',
  'emailSubject',
  'emailXMailer',
];
const FILE = [
  'fileCompileDateTime',
  'fileCreatedDateTime',
  'fileHashType',
  'fileHashValue',
  'fileMutexName',
  'fileName',
  'filePacker',
  'filePath',
  'fileSize',
  'fileType',
];
const NETWORK = [
  'domainName',
  'networkCidrBlock',
  'networkDestinationAsn',
  'networkDestinationCidrBlock',
  'networkDestinationIPv4',
  'networkDestinationIPv6',
  'networkDestinationPort',
  'networkIPv4',
  'networkIPv6',
  'networkPort',
  'networkProtocol',
  'networkSourceAsn',
  'networkSourceCidrBlock',
  'networkSourceIPv4',
  'networkSourceIPv6',
  'networkSourcePort',
  'url',
  'userAgent',
];
/** "At least one email, network, or file observable" (Sentinel's create). */
export const OBSERVABLES: ReadonlySet<string> = new Set([...EMAIL, ...FILE, ...NETWORK]);

/** "One of domainName, url, networkDestinationIPv4, networkDestinationIPv6, fileHashValue" (Defender). */
export const MDE_OBSERVABLES = [
  'domainName',
  'url',
  'networkDestinationIPv4',
  'networkDestinationIPv6',
  'fileHashValue',
];

export const COLLECTIONS = new Set(['activityGroupNames', 'killChain', 'malwareFamilyNames', 'tags']);
export const INTEGERS = new Set([
  'confidence',
  'severity',
  'fileSize',
  'networkDestinationAsn',
  'networkDestinationPort',
  'networkPort',
  'networkProtocol',
  'networkSourceAsn',
  'networkSourcePort',
]);
export const BOOLEANS = new Set(['isActive', 'passiveOnly']);
export const DATES = new Set([
  'expirationDateTime',
  'lastReportedDateTime',
  'fileCompileDateTime',
  'fileCreatedDateTime',
]);
/** Stamped by the service; a client's value is ignored. */
export const READ_ONLY = new Set(['id', 'ingestedDateTime', 'azureTenantId']);

const OTHER = [
  'action',
  'activityGroupNames',
  'additionalInformation',
  'azureTenantId',
  'confidence',
  'description',
  'diamondModel',
  'expirationDateTime',
  'externalId',
  'id',
  'ingestedDateTime',
  'isActive',
  'killChain',
  'knownFalsePositives',
  'lastReportedDateTime',
  'malwareFamilyNames',
  'passiveOnly',
  'severity',
  'tags',
  'targetProduct',
  'threatType',
  'tlpLevel',
];
/** Every property of the type, by name (as $select and a full answer name them). */
export const PROPERTIES: readonly string[] = [...OTHER, ...EMAIL, ...FILE, ...NETWORK].sort();
export const KNOWN: ReadonlySet<string> = new Set(PROPERTIES);

export const REQUIRED: Readonly<Record<Target, readonly string[]>> = {
  [SENTINEL]: [
    'action',
    'azureTenantId',
    'description',
    'expirationDateTime',
    'targetProduct',
    'threatType',
    'tlpLevel',
  ],
  // The page names only action and an observable; every indicator "must have an expiration date".
  [MDE]: ['action', 'expirationDateTime', 'targetProduct'],
};

/** What an update may change, per target ("Editable fields are: …"). */
export const EDITABLE: Readonly<Record<Target, ReadonlySet<string>>> = {
  [SENTINEL]: new Set([
    'action',
    'activityGroupNames',
    'additionalInformation',
    'confidence',
    'description',
    'diamondModel',
    'expirationDateTime',
    'externalId',
    'isActive',
    'killChain',
    'knownFalsePositives',
    'lastReportedDateTime',
    'malwareFamilyNames',
    'passiveOnly',
    'severity',
    'tags',
    'tlpLevel',
  ]),
  [MDE]: new Set(['expirationDateTime', 'severity', 'description']),
};

/** "Brief description (100 characters or less)". */
export const DESCRIPTION_MAX = 100;
export const MAX_PER_SUBMIT = 100;
/** "There's a limit of 15,000 indicators per tenant for Microsoft Defender for Endpoint." */
export const MDE_TENANT_LIMIT = 15_000;
