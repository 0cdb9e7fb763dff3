// The legacy backend's `$filter` per observable type for Graph's legacy alerts list, as the seed
// sends it but with OData quotes escaped (the seed broke on `'`) and the whole query percent-encoded
// by the HTTP layer (the seed broke on `&`, `#`, `+`). reference/relay.md §2.6.
// https://learn.microsoft.com/graph/api/alert-list
import { odataString } from '../../../../platform/http/index.js';

export { odataString };

const FILTERS: Record<string, (v: string) => string> = {
  domain: (v) => `networkConnections/any(x: x/destinationDomain eq ${v})`,
  file_name: (v) => `fileStates/any(x: x/name eq ${v})`,
  file_path: (v) => `fileStates/any(x: x/path eq ${v})`,
  sha256: (v) => `fileStates/any(x: x/fileHash/hashValue eq ${v})`,
  sha1: (v) => `fileStates/any(x: x/fileHash/hashValue eq ${v})`,
  md5: (v) => `fileStates/any(x: x/fileHash/hashValue eq ${v})`,
  ip: (v) => `networkConnections/any(x: x/sourceAddress eq ${v} or x/destinationAddress eq ${v})`,
  ipv6: (v) => `networkConnections/any(x: x/sourceAddress eq ${v} or x/destinationAddress eq ${v})`,
  url: (v) => `networkConnections/any(x: x/destinationUrl eq ${v})`,
  hostname: (v) => `hostStates/any(x: x/netBiosName eq ${v})`,
  user: (v) => `userStates/any(x: x/userPrincipalName eq ${v})`,
  email: (v) => `userStates/any(x: x/userPrincipalName eq ${v})`,
};

export const LEGACY_TYPES = Object.keys(FILTERS);

/** The `$filter` value for one observable, or undefined for a type the legacy API cannot search. */
export function legacyAlertFilter(type: string, value: string): string | undefined {
  const f = FILTERS[type];
  return f ? f(odataString(value)) : undefined;
}
