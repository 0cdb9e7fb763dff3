// Property names of microsoft.graph.group: the set Graph returns by default and every name $select
// accepts, and the properties a new group starts with.
// https://learn.microsoft.com/graph/api/resources/group#properties
import type { EntityShape } from '../graph/odata.js';
import type { GraphGroup } from './group-store.js';

export const GROUP_DEFAULT_PROPERTIES = [
  'deletedDateTime',
  'classification',
  'createdDateTime',
  'creationOptions',
  'description',
  'displayName',
  'expirationDateTime',
  'groupTypes',
  'isAssignableToRole',
  'mail',
  'mailEnabled',
  'mailNickname',
  'membershipRule',
  'membershipRuleProcessingState',
  'onPremisesDomainName',
  'onPremisesLastSyncDateTime',
  'onPremisesNetBiosName',
  'onPremisesSamAccountName',
  'onPremisesSecurityIdentifier',
  'onPremisesSyncEnabled',
  'preferredDataLocation',
  'preferredLanguage',
  'proxyAddresses',
  'renewedDateTime',
  'resourceBehaviorOptions',
  'resourceProvisioningOptions',
  'securityEnabled',
  'securityIdentifier',
  'theme',
  'visibility',
  'onPremisesProvisioningErrors',
  'serviceProvisioningErrors',
] as const;

export const GROUP_PROPERTIES: ReadonlySet<string> = new Set([
  ...GROUP_DEFAULT_PROPERTIES,
  'id',
  'allowExternalSenders',
  'assignedLabels',
  'assignedLicenses',
  'autoSubscribeNewMembers',
  'hasMembersWithLicenseErrors',
  'hideFromAddressLists',
  'hideFromOutlookClients',
  'isSubscribedByMail',
  'licenseProcessingState',
  'unseenCount',
]);

/** How /groups reads, for the list, get and create helpers of graph/odata.ts and graph/paging.ts. */
export const GROUP_SHAPE: EntityShape = {
  entitySet: 'groups',
  known: GROUP_PROPERTIES,
  typeName: 'group',
  defaults: GROUP_DEFAULT_PROPERTIES,
};

/**
 * A new group as the directory stores it: empty collections rather than null, and for a Microsoft 365
 * (Unified) group the mail address Exchange gives it from mailNickname and the tenant's domain.
 */
export function newGroup(input: Record<string, unknown>, id: string, domain: string): GraphGroup {
  const now = new Date().toISOString();
  const groupTypes = Array.isArray(input.groupTypes) ? input.groupTypes : [];
  const unified = groupTypes.includes('Unified');
  const mail = unified && typeof input.mailNickname === 'string' ? `${input.mailNickname}@${domain}` : null;
  return {
    createdDateTime: now,
    renewedDateTime: now,
    groupTypes,
    mail,
    proxyAddresses: mail ? [`SMTP:${mail}`] : [],
    resourceBehaviorOptions: [],
    resourceProvisioningOptions: [],
    creationOptions: [],
    onPremisesProvisioningErrors: [],
    serviceProvisioningErrors: [],
    securityIdentifier: securityIdentifier(id),
    ...(unified ? { visibility: 'Public' } : {}),
    ...input,
    id,
  };
}

/** Entra's SID for a cloud object: S-1-12-1- and the object id's 16 bytes as four little-endian numbers. */
function securityIdentifier(id: string): string {
  const hex = id.replace(/-/g, '');
  const rest = Buffer.from(hex.slice(16), 'hex');
  const parts = [
    Number.parseInt(hex.slice(0, 8), 16),
    Number.parseInt(hex.slice(8, 12), 16) + Number.parseInt(hex.slice(12, 16), 16) * 0x10000,
    rest.readUInt32LE(0),
    rest.readUInt32LE(4),
  ];
  return `S-1-12-1-${parts.join('-')}`;
}
