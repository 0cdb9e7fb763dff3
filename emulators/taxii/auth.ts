// Who may read what: HTTP Basic users and bearer tokens (TAXII 2.1 §1.6.6 leaves the scheme to the
// server; Basic is what most ISAC feeds use, bearer what OpenCTI hands out), each with the
// collections it may read. A caller with no or wrong credentials gets 401; one who may not read a
// collection gets 403 on its objects (and sees can_read false in the list).

export interface TaxiiUser {
  username: string;
  password: string;
  /** Collection ids this user may read; '*' for all. */
  collections: readonly string[] | '*';
}

export interface TaxiiToken {
  token: string;
  collections: readonly string[] | '*';
}

export interface Principal {
  name: string;
  collections: readonly string[] | '*';
}

export function authenticate(
  header: string | undefined,
  users: readonly TaxiiUser[],
  tokens: readonly TaxiiToken[],
): Principal | undefined {
  if (header === undefined) return undefined;
  const space = header.indexOf(' ');
  if (space < 0) return undefined;
  const scheme = header.slice(0, space).toLowerCase();
  const value = header.slice(space + 1).trim();
  if (scheme === 'bearer') {
    const t = tokens.find((x) => x.token === value);
    return t && { name: `token:${t.token.slice(0, 6)}`, collections: t.collections };
  }
  if (scheme !== 'basic') return undefined;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const [username, password] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
  const u = users.find((x) => x.username === username && x.password === password);
  return u && { name: u.username, collections: u.collections };
}

export const mayRead = (p: Principal, collectionId: string): boolean =>
  p.collections === '*' || p.collections.includes(collectionId);
