// One tenant's groups, kept as Graph group objects in creation order, and each group's members (user
// ids, in the order they were added). A member whose user is later deleted is skipped when listed.
export type GraphGroup = Record<string, unknown> & { id: string };

export class GroupStore {
  private readonly groups = new Map<string, GraphGroup>();
  private order: string[] = [];
  private readonly members = new Map<string, string[]>();

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
    return this.members.get(groupId.toLowerCase()) ?? [];
  }

  /** False when the user already is a member. */
  addMember(groupId: string, userId: string): boolean {
    const key = groupId.toLowerCase();
    const list = this.members.get(key) ?? [];
    const user = userId.toLowerCase();
    if (list.includes(user)) return false;
    this.members.set(key, [...list, user]);
    return true;
  }

  /** False when the user is not a member. */
  removeMember(groupId: string, userId: string): boolean {
    const key = groupId.toLowerCase();
    const list = this.members.get(key) ?? [];
    const user = userId.toLowerCase();
    if (!list.includes(user)) return false;
    this.members.set(
      key,
      list.filter((m) => m !== user),
    );
    return true;
  }
}
