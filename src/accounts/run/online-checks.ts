// What `graphsoc config check --online` tries for the accounts portal, with the tenant's app: each
// upnDomain is a verified managed domain, each template licence a subscribed SKU (free seats are
// reported in the message, not failed on: they change every day), each group id exists, and the
// sender mailbox exists. Each check lists every mismatch at once, as an AggregateError.
import {
  acceptsNewUsers,
  type GraphClient,
  GraphError,
  getGroup,
  getUser,
  listDomains,
  listSubscribedSkus,
} from '../../connectors/microsoft/graph/index.js';
import type { DependencyCheck } from '../../platform/health/registry.js';
import { TenantMismatchError } from '../errors.js';
import type { AccountsAppConfig } from '../feature-config.js';
import { canonicalDomain } from '../../platform/domain-name.js';
import type { AccountsServices } from './start.js';

const isNotFound = (e: unknown): boolean => e instanceof GraphError && e.status === 404;

function throwAll(problems: TenantMismatchError[]): void {
  if (problems.length === 1) throw problems[0];
  if (problems.length > 1) throw new AggregateError(problems, problems.map((p) => p.message).join('; '));
}

export function accountsOnlineChecks(
  config: AccountsAppConfig,
  services: AccountsServices,
): DependencyCheck[] {
  const c = config.accounts;
  if (c.tenant === undefined) return [];
  const graph: GraphClient = services.microsoft.graph(c.tenant);
  const groupIds = [...new Set([...c.templates.flatMap((t) => t.groups), ...c.groups.joinable])];
  const skus = [...new Set(c.templates.flatMap((t) => t.licences))];
  const checks: DependencyCheck[] = [
    {
      name: 'accounts:domains',
      async check(signal) {
        const domains = new Map(
          (await listDomains(graph, { signal })).map((d) => [canonicalDomain(d.id), d]),
        );
        throwAll(
          c.upnDomains.flatMap((name, i) => {
            const d = domains.get(canonicalDomain(name));
            if (d === undefined)
              return [new TenantMismatchError(`upnDomains.${i}`, `${name} is not a domain of the tenant`)];
            if (!acceptsNewUsers(d))
              return [
                new TenantMismatchError(
                  `upnDomains.${i}`,
                  `${name} is ${d.isVerified ? 'federated' : 'not verified'}: cloud accounts cannot be created in it`,
                ),
              ];
            return [];
          }),
        );
      },
    },
  ];
  if (skus.length > 0)
    checks.push({
      name: 'accounts:licences',
      async check(signal) {
        const have = new Set((await listSubscribedSkus(graph, { signal })).map((s) => s.skuPartNumber));
        throwAll(
          skus
            .filter((s) => !have.has(s))
            .map(
              (s) =>
                new TenantMismatchError(
                  'templates.licences',
                  `the tenant does not subscribe to ${s}; it has ${[...have].join(', ') || 'no SKU'}`,
                ),
            ),
        );
      },
    });
  if (groupIds.length > 0)
    checks.push({
      name: 'accounts:groups',
      async check(signal) {
        const problems: TenantMismatchError[] = [];
        for (const id of groupIds)
          try {
            await getGroup(graph, id, { signal });
          } catch (e) {
            if (!isNotFound(e)) throw e;
            problems.push(new TenantMismatchError('groups', `no group has the id ${id}`));
          }
        throwAll(problems);
      },
    });
  const sender = c.mail.sender;
  if (sender !== undefined)
    checks.push({
      name: 'accounts:sender',
      async check(signal) {
        try {
          await getUser(graph, sender, { signal, select: ['id'] });
        } catch (e) {
          if (!isNotFound(e)) throw e;
          throw new TenantMismatchError('mail.sender', `no mailbox user ${sender} in the tenant`);
        }
      },
    });
  return checks;
}
