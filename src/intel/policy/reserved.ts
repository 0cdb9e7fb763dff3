// Addresses and names that are never anyone's attacker: private, loopback, link-local, CGNAT,
// multicast, documentation and other special-purpose ranges (IANA IPv4 and IPv6 Special-Purpose
// Address Registries, RFC 6890), special-use domain names (RFC 6761, 2606, 8375) and the hashes of
// an empty file. A feed that carries them carries a mistake; sending them would alert on, or block,
// our own network. Each group can be left out of a sink's `reserved` list (the sandbox leaves out
// `documentation`, whose ranges and example.* names the emulators' sample data uses).

export const RESERVED_GROUPS = {
  unspecified: { ranges: ['0.0.0.0/8', '::/128'], names: [] },
  loopback: { ranges: ['127.0.0.0/8', '::1/128'], names: ['localhost'] },
  private: { ranges: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'], names: [] },
  cgnat: { ranges: ['100.64.0.0/10'], names: [] },
  'link-local': { ranges: ['169.254.0.0/16', 'fe80::/10'], names: ['local'] },
  multicast: { ranges: ['224.0.0.0/4', 'ff00::/8'], names: [] },
  documentation: {
    ranges: ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24', '2001:db8::/32', '3fff::/20'],
    names: ['example', 'example.com', 'example.net', 'example.org'],
  },
  benchmark: { ranges: ['198.18.0.0/15', '2001:2::/48'], names: [] },
  reserved: {
    ranges: [
      // IETF protocol assignments, the old 6to4 relay, future use and broadcast.
      '192.0.0.0/24',
      '192.88.99.0/24',
      '240.0.0.0/4',
      // IPv4-mapped and -translated, discard-only, site-local (deprecated).
      '::ffff:0:0/96',
      '64:ff9b:1::/48',
      '100::/64',
      'fec0::/10',
    ],
    names: ['test', 'invalid', 'internal', 'home.arpa', 'arpa'],
  },
} as const satisfies Record<string, { ranges: readonly string[]; names: readonly string[] }>;

export type ReservedGroup = keyof typeof RESERVED_GROUPS;
export const RESERVED_GROUP_NAMES = Object.keys(RESERVED_GROUPS) as [ReservedGroup, ...ReservedGroup[]];

/** Digests of the empty file: every empty download matches them. */
export const EMPTY_FILE_HASHES: ReadonlySet<string> = new Set([
  'd41d8cd98f00b204e9800998ecf8427e',
  'da39a3ee5e6b4b0d3255bfef95601890afd80709',
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
]);
