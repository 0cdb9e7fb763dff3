// The tenant's domains: which may carry a new user's UPN (verified, managed rather than federated).
// https://learn.microsoft.com/graph/api/domain-list
import { z } from 'zod';
import type { GraphClient } from '../client.js';
import type { GraphCallOptions } from '../types.js';
import { listPages } from './directory-objects.js';

export const domainSchema = z.looseObject({
  id: z.string(),
  isVerified: z.boolean().catch(false),
  isDefault: z.boolean().nullish(),
  isInitial: z.boolean().nullish(),
  authenticationType: z.string().nullish(),
});
export type Domain = z.output<typeof domainSchema>;

export async function listDomains(graph: GraphClient, o: GraphCallOptions = {}): Promise<Domain[]> {
  const all: Domain[] = [];
  for await (const page of listPages(graph, '/domains', domainSchema, {}, o)) all.push(...page);
  return all;
}

/** A domain a cloud user may be created in: verified and not federated (a federated UPN needs an on-premises id). */
export function acceptsNewUsers(d: Domain): boolean {
  return d.isVerified && (d.authenticationType ?? 'Managed').toLowerCase() !== 'federated';
}
