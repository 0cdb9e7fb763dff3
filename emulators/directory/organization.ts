// /organization: the caller's tenant as a Graph organization object.
// https://learn.microsoft.com/graph/api/organization-list
import type { EmulatorContext } from '../microsoft/context.js';
import { notFound } from '../graph/errors.js';
import type { GraphRoute } from '../graph/router.js';
import type { GraphCall, GraphResponse } from '../graph/types.js';
import { contextUrl } from '../graph/odata.js';
import type { Tenant } from './state.js';

const ORG_READ = [
  'Organization.Read.All',
  'Organization.ReadWrite.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
  'User.Read.All',
];

export const organizationRoutes: GraphRoute[] = [
  { method: 'GET', pattern: /^\/organization$/, roles: ORG_READ, handle: listOrganization },
  { method: 'GET', pattern: /^\/organization\/(?<id>[^/]+)$/, roles: ORG_READ, handle: getOrganization },
];

function listOrganization(ctx: EmulatorContext, call: GraphCall): GraphResponse {
  const tenant = ctx.state.tenants.get(call.principal.tenantId);
  return {
    status: 200,
    body: {
      '@odata.context': contextUrl(ctx, call, 'organization'),
      value: tenant ? [organizationOf(tenant)] : [],
    },
  };
}

function getOrganization(
  ctx: EmulatorContext,
  call: GraphCall,
  params: Record<string, string>,
): GraphResponse {
  const tenant = ctx.state.tenants.get(call.principal.tenantId);
  if (!tenant || params.id?.toLowerCase() !== tenant.id) return notFound(call, params.id ?? '');
  return {
    status: 200,
    body: {
      '@odata.context': contextUrl(ctx, call, 'organization', undefined, true),
      ...organizationOf(tenant),
    },
  };
}

export function organizationOf(tenant: Tenant): Record<string, unknown> {
  return {
    id: tenant.id,
    deletedDateTime: null,
    businessPhones: [],
    city: null,
    country: null,
    countryLetterCode: 'US',
    createdDateTime: tenant.createdDateTime,
    displayName: tenant.displayName,
    marketingNotificationEmails: [],
    onPremisesLastSyncDateTime: null,
    onPremisesSyncEnabled: null,
    postalCode: null,
    preferredLanguage: 'en',
    securityComplianceNotificationMails: [],
    securityComplianceNotificationPhones: [],
    state: null,
    street: null,
    technicalNotificationMails: [],
    tenantType: 'AAD',
    assignedPlans: [],
    provisionedPlans: [],
    verifiedDomains: tenant.domains.map((name, i) => ({
      capabilities: 'Email, OfficeCommunicationsOnline',
      isDefault: i === 0,
      isInitial: name.endsWith('.onmicrosoft.com'),
      name,
      type: 'Managed',
    })),
    ...tenant.organization,
  };
}
