// One tenant's users: explicit Graph user objects plus a virtual range of synthetic users built on demand,
// each stamped with the change version used by delta queries.
import { GUID_RE } from '../shared/ids.js';

export type GraphUser = Record<string, unknown> & { id: string };

interface Stored {
  user: GraphUser;
  version: number;
  /** Set when this entry overrides a synthetic user. */
  generatedIndex?: number;
}

export interface UserChange {
  user?: GraphUser;
  removedId?: string;
}

export class UserStore {
  private readonly explicit = new Map<string, Stored>();
  private order: string[] = [];
  private orderDirty = false;
  private readonly upnIndex = new Map<string, string>();
  private readonly mailIndex = new Map<string, string>();
  private readonly tombstones = new Map<string, number>();
  private generated = { count: 0, version: 0 };
  private readonly idPrefix: string;

  constructor(
    tenantId: string,
    private readonly domain: string,
  ) {
    this.idPrefix = `${tenantId.replace(/-/g, '').slice(0, 8).padEnd(8, '0')}-0000-4000-8000-`;
  }

  get size(): number {
    return this.generated.count + this.listOrder().length;
  }

  /** Adds `count` synthetic users; they exist only as an index range until read. */
  generate(count: number, version: number): void {
    this.generated = { count: this.generated.count + count, version };
  }

  /** The user at position i of the directory listing (synthetic users first, then explicit ones). */
  at(i: number): GraphUser | undefined {
    if (i < this.generated.count) {
      return this.explicit.get(this.generatedId(i))?.user ?? this.synthesize(i);
    }
    const id = this.listOrder()[i - this.generated.count];
    return id === undefined ? undefined : this.explicit.get(id)?.user;
  }

  /** Looks a user up by object id or userPrincipalName (case-insensitive). */
  get(idOrUpn: string): GraphUser | undefined {
    const key = idOrUpn.toLowerCase();
    const id = GUID_RE.test(key) ? key : this.upnIndex.get(key);
    if (id !== undefined) {
      const stored = this.explicit.get(id);
      if (stored) return stored.user;
    }
    const index = GUID_RE.test(key) ? this.generatedIndexOfId(key) : this.generatedIndexOfUpn(key);
    if (index === undefined || this.tombstones.has(this.generatedId(index))) return undefined;
    return this.explicit.get(this.generatedId(index))?.user ?? this.synthesize(index);
  }

  upsert(user: GraphUser, version: number): GraphUser {
    const id = user.id.toLowerCase();
    const previous = this.explicit.get(id);
    if (previous) this.unindex(previous.user);
    const generatedIndex = this.generatedIndexOfId(id);
    const stored: Stored = { user: { ...user, id }, version };
    if (generatedIndex !== undefined) stored.generatedIndex = generatedIndex;
    else if (!previous) this.order.push(id);
    this.explicit.set(id, stored);
    this.tombstones.delete(id);
    if (typeof user.userPrincipalName === 'string')
      this.upnIndex.set(user.userPrincipalName.toLowerCase(), id);
    if (typeof user.mail === 'string') this.mailIndex.set(user.mail.toLowerCase(), id);
    return stored.user;
  }

  remove(id: string, version: number): boolean {
    const key = id.toLowerCase();
    const stored = this.explicit.get(key);
    if (!stored && this.generatedIndexOfId(key) === undefined) return false;
    if (stored) {
      this.explicit.delete(key);
      this.unindex(stored.user);
      this.orderDirty = true;
    }
    this.tombstones.set(key, version);
    return true;
  }

  /** The user whose mail address this is (synthetic users' mail is their userPrincipalName). */
  findByMail(mail: string): GraphUser | undefined {
    const key = mail.toLowerCase();
    const id = this.mailIndex.get(key);
    if (id !== undefined) return this.explicit.get(id)?.user;
    const index = this.generatedIndexOfUpn(key);
    if (index === undefined || this.explicit.has(this.generatedId(index))) return undefined;
    return this.synthesize(index);
  }

  /** Users added explicitly (seeded or created), oldest first. */
  explicitUsers(): GraphUser[] {
    return this.listOrder().flatMap((id) => this.explicit.get(id)?.user ?? []);
  }

  /** Users added, changed or removed after `since` (a version number). */
  *changedSince(since: number): Generator<UserChange> {
    const allGenerated = this.generated.version > since;
    if (allGenerated) {
      for (let i = 0; i < this.generated.count; i++) {
        if (!this.tombstones.has(this.generatedId(i))) yield { user: this.at(i) };
      }
    }
    for (const stored of this.explicit.values()) {
      if (stored.version <= since) continue;
      if (stored.generatedIndex !== undefined && allGenerated) continue;
      yield { user: stored.user };
    }
    for (const [id, version] of this.tombstones) if (version > since) yield { removedId: id };
  }

  private unindex(user: GraphUser): void {
    if (typeof user.userPrincipalName === 'string')
      this.upnIndex.delete(user.userPrincipalName.toLowerCase());
    if (typeof user.mail === 'string') this.mailIndex.delete(user.mail.toLowerCase());
  }

  private listOrder(): string[] {
    if (this.orderDirty) {
      this.order = this.order.filter((id) => this.explicit.has(id));
      this.orderDirty = false;
    }
    return this.order;
  }

  private generatedId(i: number): string {
    return this.idPrefix + i.toString(16).padStart(12, '0');
  }

  private generatedIndexOfId(id: string): number | undefined {
    if (!id.startsWith(this.idPrefix)) return undefined;
    const i = Number.parseInt(id.slice(this.idPrefix.length), 16);
    return Number.isInteger(i) && i < this.generated.count ? i : undefined;
  }

  private generatedIndexOfUpn(upn: string): number | undefined {
    const m = /^user(\d+)@(.+)$/.exec(upn);
    if (!m || m[2] !== this.domain.toLowerCase()) return undefined;
    const i = Number(m[1]);
    return i < this.generated.count ? i : undefined;
  }

  private synthesize(i: number): GraphUser | undefined {
    const id = this.generatedId(i);
    if (this.tombstones.has(id)) return undefined;
    const upn = `user${i}@${this.domain}`;
    return {
      id,
      displayName: `User ${i}`,
      givenName: 'User',
      surname: String(i),
      userPrincipalName: upn,
      mail: upn,
      jobTitle: i % 10 === 0 ? 'Analyst' : 'Employee',
      officeLocation: null,
      preferredLanguage: 'en-US',
      mobilePhone: null,
      businessPhones: [],
      accountEnabled: true,
      userType: 'Member',
    };
  }
}
