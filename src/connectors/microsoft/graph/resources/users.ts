// Users of the directory: one by id or userPrincipalName, the list with $filter/$select page by
// page, create and update. https://learn.microsoft.com/graph/api/resources/user
import { odataString, safePath } from '../../../../platform/http/index.js';
import type { GraphClient } from '../client.js';
import { userSchema } from '../schemas.js';
import type { GraphCallOptions, User } from '../types.js';
import { directoryCreate, directoryList, listQuery } from './directory-objects.js';

const userPath = (idOrUpn: string) => safePath`/users/${idOrUpn}`;

/** A 404 (GSOC_GRAPH_NOT_FOUND) means no such user. @link https://learn.microsoft.com/graph/api/user-get */
export async function getUser(
  graph: GraphClient,
  idOrUpn: string,
  o: GraphCallOptions & { select?: readonly string[] } = {},
): Promise<User> {
  const { select, ...call } = o;
  return graph.get(userPath(idOrUpn), userSchema, {
    ...call,
    query: { ...call.query, ...listQuery({ select }) },
  });
}

/** Users page by page. @link https://learn.microsoft.com/graph/api/user-list */
export const listUsers = directoryList('/users', userSchema);

/**
 * Creates a user; Graph requires accountEnabled, displayName, mailNickname, passwordProfile and
 * userPrincipalName. @link https://learn.microsoft.com/graph/api/user-post-users
 */
export const createUser = directoryCreate('/users', userSchema);

/**
 * The user whose userPrincipalName is `upn`, found by $filter rather than GET /users/{upn}, so "no
 * such user" is an empty list, not a 404 to tell apart from a wrong path. Graph compares without
 * regard to case. @link https://learn.microsoft.com/graph/api/user-list
 */
export async function findUserByUpn(
  graph: GraphClient,
  upn: string,
  o: GraphCallOptions = {},
): Promise<User | undefined> {
  for await (const page of listUsers(
    graph,
    { filter: `userPrincipalName eq ${odataString(upn)}`, top: 1 },
    o,
  ))
    return page[0];
  return undefined;
}

/** Deletes a user (it stays restorable for 30 days); 204. @link https://learn.microsoft.com/graph/api/user-delete */
export async function deleteUser(graph: GraphClient, idOrUpn: string, o?: GraphCallOptions): Promise<void> {
  await graph.delete(userPath(idOrUpn), o);
}

/** Sends only the given properties; Graph answers 204. @link https://learn.microsoft.com/graph/api/user-update */
export async function updateUser(
  graph: GraphClient,
  idOrUpn: string,
  changes: Record<string, unknown>,
  o?: GraphCallOptions,
): Promise<void> {
  await graph.patch(userPath(idOrUpn), changes, o);
}
