// /domains: the tenant's domains with isVerified, and which of them a userPrincipalName may use. The
// tenant's own domains (addTenant, organization seeds) are verified and managed; seedDomains adds others,
// verified or not. https://learn.microsoft.com/graph/api/domain-list  https://learn.microsoft.com/graph/api/domain-get
import { notFound } from '../graph/errors.js';
import { contextUrl } from '../graph/odata.js';
import type { GraphRoute } from '../graph/router.js';
import type { GraphCall, GraphResponse } from '../graph/types.js';
import type { EmulatorContext } from '../microsoft/context.js';
import { accountsOf, type DomainRecord } from './accounts-state.js';

export const DOMAINS_READ = [
  'Domain.Read.All',
  'Domain.ReadWrite.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
];

export const domainRoutes: GraphRoute[] = [
  { method: 'GET', pattern: /^\/domains$/, roles: DOMAINS_READ, handle: listDomains },
  { method: 'GET', pattern: /^\/domains\/(?<id>[^/]+)$/, roles: DOMAINS_READ, handle: getDomain },
];

/** Every domain of the tenant: its own first (the first of them is the default), then seeded ones. */
export function domainsOf(ctx: EmulatorContext, tenantId: string): DomainRecord[] {
  const own = (ctx.state.tenants.get(tenantId)?.domains ?? []).map(
    (name, i): DomainRecord => ({
      id: name,
      authenticationType: 'Managed',
      isVerified: true,
      isDefault: i === 0,
      isInitial: name.endsWith('.onmicrosoft.com'),
      isRoot: true,
      isAdminManaged: true,
      supportedServices: ['Email', 'OfficeCommunicationsOnline'],
    }),
  );
  const seeded = [...accountsOf(ctx.state).domains.of(tenantId).values()];
  const names = new Set(seeded.map((d) => d.id));
  return [...own.filter((d) => !names.has(d.id)), ...seeded];
}

/** A domain a new user's userPrincipalName may end in: verified in the tenant. */
export function isVerifiedDomain(ctx: EmulatorContext, tenantId: string, domain: string): boolean {
  const name = domain.toLowerCase();
  return domainsOf(ctx, tenantId).some((d) => d.id === name && d.isVerified);
}

function listDomains(ctx: EmulatorContext, call: GraphCall): GraphResponse {
  return {
    status: 200,
    body: {
      '@odata.context': contextUrl(ctx, call, 'domains'),
      value: domainsOf(ctx, call.principal.tenantId),
    },
  };
}

function getDomain(ctx: EmulatorContext, call: GraphCall, params: Record<string, string>): GraphResponse {
  const name = (params.id ?? '').toLowerCase();
  const domain = domainsOf(ctx, call.principal.tenantId).find((d) => d.id === name);
  if (!domain) return notFound(call, params.id ?? '');
  return {
    status: 200,
    body: { '@odata.context': contextUrl(ctx, call, 'domains', undefined, true), ...domain },
  };
}
