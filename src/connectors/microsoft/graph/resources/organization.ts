// The tenant's organization: its id, read by the client's ping (credentials, consent, reachability).
import type { GraphClient } from '../client.js';
import { GraphError } from '../errors.js';
import { organizationListSchema } from '../schemas.js';

/** @link https://learn.microsoft.com/graph/api/organization-get */
export async function organizationId(graph: GraphClient): Promise<string> {
  const org = await graph.get('/organization', organizationListSchema, { query: { $select: 'id' } });
  const id = org.value[0]?.id;
  if (id !== undefined) return id;
  const root = new URL(graph.baseUrl);
  throw new GraphError({
    status: 404,
    code: 'NoOrganization',
    message: 'no organization returned',
    attempts: 1,
    target: { service: 'graph', method: 'GET', host: root.host, path: `${root.pathname}organization` },
  });
}
