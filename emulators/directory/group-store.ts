// One tenant's groups, kept as Graph group objects in creation order, and each group's members and owners
// (user ids, in the order they were added). A member whose user is later deleted is skipped when listed.
export type GraphGroup = Record<string, unknown> & { id: string };

/** The two reference collections of a group that hold users. */
export type GroupRelation = 'members' | 'owners';

export class GroupStore {
  private readonly groups = new Map<string, GraphGroup>();
  private order: string[] = [];
  private readonly relations: Record<GroupRelation, Map<string, string[]>> = {
    members: new Map(),
    owners: new Map(),
  };

  /** Every group, oldest first. */
  list(): GraphGroup[] {
    return this.order.map((id) => this.groups.get(id) as GraphGroup);
  }

  get(id: string): GraphGroup | undefined {
    return this.groups.get(id.toLowerCase());
  }

  /** Groups whose property equals the value, compared case-insensitively as directory strings are. */
  where(property: string, value: string): GraphGroup[] {
    const want = value.toLowerCase();
    return this.list().filter(
      (g) => typeof g[property] === 'string' && (g[property] as string).toLowerCase() === want,
    );
  }

  /** Adds or replaces a group (by id). */
  put(group: GraphGroup): GraphGroup {
    const id = group.id.toLowerCase();
    if (!this.groups.has(id)) this.order.push(id);
    const stored = { ...group, id };
    this.groups.set(id, stored);
    return stored;
  }

  membersOf(groupId: string): readonly string[] {
    return this.related('members', groupId);
  }

  /** False when the user already is a member. */
  addMember(groupId: string, userId: string): boolean {
    return this.relate('members', groupId, userId);
  }

  /** False when the user is not a member. */
  removeMember(groupId: string, userId: string): boolean {
    return this.unrelate('members', groupId, userId);
  }

  /** Object ids in a group's members or owners, in the order they were added. */
  related(relation: GroupRelation, groupId: string): readonly string[] {
    return this.relations[relation].get(groupId.toLowerCase()) ?? [];
  }

  /** False when the object already is in the relation. */
  relate(relation: GroupRelation, groupId: string, objectId: string): boolean {
    const map = this.relations[relation];
    const key = groupId.toLowerCase();
    const list = map.get(key) ?? [];
    const id = objectId.toLowerCase();
    if (list.includes(id)) return false;
    map.set(key, [...list, id]);
    return true;
  }

  /** False when the object is not in the relation. */
  unrelate(relation: GroupRelation, groupId: string, objectId: string): boolean {
    const map = this.relations[relation];
    const key = groupId.toLowerCase();
    const list = map.get(key) ?? [];
    const id = objectId.toLowerCase();
    if (!list.includes(id)) return false;
    map.set(
      key,
      list.filter((m) => m !== id),
    );
    return true;
  }
}
