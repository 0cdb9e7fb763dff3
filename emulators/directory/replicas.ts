// Reads as a replica answers them: an object created less than the replication delay ago is not found
// yet (404), as Entra ID's eventual consistency makes real Graph answer right after a create.
// https://learn.microsoft.com/graph/best-practices-concept#handling-expected-errors
import type { EmulatorContext } from '../microsoft/context.js';
import { accountsOf } from './accounts-state.js';
import type { GraphGroup } from './group-store.js';
import type { GraphUser } from './user-store.js';

export function readUser(ctx: EmulatorContext, tenantId: string, idOrUpn: string): GraphUser | undefined {
  const user = ctx.state.usersOf(tenantId).get(idOrUpn);
  return user && accountsOf(ctx.state).replicated(user.id) ? user : undefined;
}

export function readGroup(ctx: EmulatorContext, tenantId: string, id: string): GraphGroup | undefined {
  const group = ctx.state.groupsOf(tenantId).get(id);
  return group && accountsOf(ctx.state).replicated(group.id) ? group : undefined;
}

/** Whether a listed object is on the replicas yet. */
export function isReplicated(ctx: EmulatorContext, id: string): boolean {
  return accountsOf(ctx.state).replicated(id);
}
