// Groups: list with $filter/$select, find one by display name, read, create, members (list, add by
// members/$ref, remove) and owners (list, add by owners/$ref). https://learn.microsoft.com/graph/api/resources/group
import { odataString, safePath } from '../../../../platform/http/index.js';
import type { GraphClient } from '../client.js';
import { directoryObjectSchema, groupSchema } from '../schemas.js';
import type { DirectoryObject, GraphCallOptions, Group, ListQuery, ResourcePageOptions } from '../types.js';
import { directoryCreate, directoryList, listPages } from './directory-objects.js';

const groupPath = (id: string) => safePath`/groups/${id}`;

/** Groups page by page. @link https://learn.microsoft.com/graph/api/group-list */
export const listGroups = directoryList('/groups', groupSchema);

/** The first group whose displayName equals `displayName` (Graph compares without regard to case). */
export async function findGroup(
  graph: GraphClient,
  displayName: string,
  o: GraphCallOptions = {},
): Promise<Group | undefined> {
  const filter = `displayName eq ${odataString(displayName)}`;
  for await (const page of listGroups(graph, { filter, top: 1 }, o)) return page[0];
  return undefined;
}

/** @link https://learn.microsoft.com/graph/api/group-get */
export async function getGroup(graph: GraphClient, id: string, o?: GraphCallOptions): Promise<Group> {
  return graph.get(groupPath(id), groupSchema, o);
}

/**
 * Creates a group; Graph requires displayName, mailEnabled, mailNickname and securityEnabled.
 * @link https://learn.microsoft.com/graph/api/group-post-groups
 */
export const createGroup = directoryCreate('/groups', groupSchema);

/** Direct members page by page. @link https://learn.microsoft.com/graph/api/group-list-members */
export function listGroupMembers(
  graph: GraphClient,
  groupId: string,
  q: ListQuery = {},
  o: ResourcePageOptions = {},
): AsyncIterable<DirectoryObject[]> {
  return listPages(graph, `${groupPath(groupId)}/members`, directoryObjectSchema, q, o);
}

/**
 * Adds a user (or other directory object) by id; 204. Graph answers 400 when it is a member already.
 * @link https://learn.microsoft.com/graph/api/group-post-members
 */
export async function addGroupMember(
  graph: GraphClient,
  groupId: string,
  memberId: string,
  o?: GraphCallOptions,
): Promise<void> {
  await addReference(graph, groupId, 'members', memberId, o);
}

/** Direct owners page by page. @link https://learn.microsoft.com/graph/api/group-list-owners */
export function listGroupOwners(
  graph: GraphClient,
  groupId: string,
  q: ListQuery = {},
  o: ResourcePageOptions = {},
): AsyncIterable<DirectoryObject[]> {
  return listPages(graph, `${groupPath(groupId)}/owners`, directoryObjectSchema, q, o);
}

/**
 * Adds a user as an owner by id; 204. Graph answers 400 when it is an owner already.
 * @link https://learn.microsoft.com/graph/api/group-post-owners
 */
export async function addGroupOwner(
  graph: GraphClient,
  groupId: string,
  userId: string,
  o?: GraphCallOptions,
): Promise<void> {
  await addReference(graph, groupId, 'owners', userId, o);
}

async function addReference(
  graph: GraphClient,
  groupId: string,
  relation: 'members' | 'owners',
  objectId: string,
  o?: GraphCallOptions,
): Promise<void> {
  const ref = new URL(safePath`directoryObjects/${objectId}`, graph.baseUrl).href;
  await graph.raw({
    ...o,
    method: 'POST',
    url: `${groupPath(groupId)}/${relation}/$ref`,
    json: { '@odata.id': ref },
  });
}

/** 204; a 404 means the group or the membership does not exist. @link https://learn.microsoft.com/graph/api/group-delete-members */
export async function removeGroupMember(
  graph: GraphClient,
  groupId: string,
  memberId: string,
  o?: GraphCallOptions,
): Promise<void> {
  await graph.delete(safePath`/groups/${groupId}/members/${memberId}/$ref`, o);
}
