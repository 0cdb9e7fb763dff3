// Canonical indicator → Graph beta tiIndicator (legacy, deprecated; reference §3.1) for
// submitTiIndicators, for tenants that still have it. externalId is the indicator's stable key, so
// deleteTiIndicatorsByExternalId withdraws it without a lookup. For the Defender target, an address
// goes in networkDestinationIPv4/IPv6 (Defender reads no other), and e-mail addresses, blocks and
// file names are not accepted at all.
import type { Indicator } from '../model/indicator.js';
import { stableKey } from '../model/key.js';
import type { IndicatorType, Tlp } from '../model/types.js';
import type { Send, Severity } from '../policy/decide.js';
import { SinkTypeError } from '../errors.js';
import { describe, isoMs } from './text.js';

export const GRAPH_TARGETS = ['Azure Sentinel', 'Microsoft Defender ATP'] as const;
export type GraphTarget = (typeof GRAPH_TARGETS)[number];

export const GRAPH_THREAT_TYPES = [
  'Botnet',
  'C2',
  'CryptoMining',
  'Darknet',
  'DDoS',
  'MaliciousUrl',
  'Malware',
  'Phishing',
  'Proxy',
  'PUA',
  'WatchList',
] as const;
export type GraphThreatType = (typeof GRAPH_THREAT_TYPES)[number];

/** The types each target product accepts. */
export const GRAPH_TARGET_TYPES: Readonly<Record<GraphTarget, readonly IndicatorType[]>> = {
  'Azure Sentinel': ['ipv4', 'ipv6', 'cidr', 'domain', 'url', 'email', 'md5', 'sha1', 'sha256', 'file-name'],
  'Microsoft Defender ATP': ['ipv4', 'ipv6', 'domain', 'url', 'md5', 'sha1', 'sha256'],
};

export interface GraphTiIndicator {
  action: 'alert' | 'block';
  /** Audit: no end-user visible event. */
  passiveOnly: boolean;
  azureTenantId?: string;
  confidence: number;
  description: string;
  expirationDateTime: string;
  externalId: string;
  lastReportedDateTime: string;
  severity: number;
  tags: string[];
  targetProduct: GraphTarget;
  threatType: GraphThreatType;
  tlpLevel: 'white' | 'green' | 'amber' | 'red';
  [observable: string]: unknown;
}

export interface GraphOptions {
  targetProduct: GraphTarget;
  /** Required by Sentinel's target; Graph stamps its own, but documents it as required. */
  azureTenantId?: string;
  /** When no tag names a threat type: WatchList (URLs: MaliciousUrl). */
  defaultThreatType?: GraphThreatType;
}

/** Graph's description limit (tiIndicator resource). */
export const GRAPH_DESCRIPTION_MAX = 100;

/** tiIndicator severity runs 0–5 (3 by default); 5 is left for what a person raises by hand. */
const SEVERITY: Readonly<Record<Severity, number>> = { informational: 1, low: 2, medium: 3, high: 4 };

/** TLP 1.0 has no AMBER+STRICT or CLEAR: AMBER and WHITE are their TLP 1.0 names. */
const TLP: Readonly<Record<Tlp, GraphTiIndicator['tlpLevel']>> = {
  clear: 'white',
  green: 'green',
  amber: 'amber',
  'amber+strict': 'amber',
  red: 'red',
};

/** Tag words that name a threat type, in the order they are tried. */
const THREAT_WORDS: ReadonlyArray<readonly [string, GraphThreatType]> = [
  ['c2', 'C2'],
  ['phishing', 'Phishing'],
  ['ransomware', 'Malware'],
  ['malware', 'Malware'],
  ['botnet', 'Botnet'],
  ['cryptomining', 'CryptoMining'],
  ['coinminer', 'CryptoMining'],
  ['ddos', 'DDoS'],
  ['proxy', 'Proxy'],
  ['pua', 'PUA'],
  ['darknet', 'Darknet'],
];

export function threatTypeOf(i: Indicator, fallback?: GraphThreatType): GraphThreatType {
  const words = new Set(i.tags.flatMap((t) => t.toLowerCase().split(/[^a-z0-9]+/)));
  for (const [word, type] of THREAT_WORDS) if (words.has(word)) return type;
  return fallback ?? (i.type === 'url' ? 'MaliciousUrl' : 'WatchList');
}

function observable(i: Indicator, target: GraphTarget): Record<string, string> {
  const mde = target === 'Microsoft Defender ATP';
  switch (i.type) {
    case 'ipv4':
      // Reports say Defender wants both (microsoft-graph-docs-contrib#329).
      return mde ? { networkDestinationIPv4: i.value, networkIPv4: i.value } : { networkIPv4: i.value };
    case 'ipv6':
      return mde ? { networkDestinationIPv6: i.value } : { networkIPv6: i.value };
    case 'cidr':
      return { networkCidrBlock: i.value };
    case 'domain':
      return { domainName: i.value };
    case 'url':
      return { url: i.value };
    case 'email':
      return { emailSenderAddress: i.value };
    case 'md5':
    case 'sha1':
    case 'sha256':
      return { fileHashType: i.type, fileHashValue: i.value };
    case 'file-name':
      return { fileName: i.value };
  }
}

export function toGraphTiIndicator(i: Indicator, send: Send, o: GraphOptions): GraphTiIndicator {
  if (!GRAPH_TARGET_TYPES[o.targetProduct].includes(i.type))
    throw new SinkTypeError(`graph (${o.targetProduct})`, i.type);
  return {
    action: send.action === 'block' ? 'block' : 'alert',
    passiveOnly: send.action === 'audit',
    ...(o.azureTenantId === undefined ? {} : { azureTenantId: o.azureTenantId }),
    confidence: send.confidence,
    description: describe(i, GRAPH_DESCRIPTION_MAX),
    expirationDateTime: isoMs(send.expiresAtMs),
    externalId: stableKey(i),
    lastReportedDateTime: isoMs(i.lastSeenMs),
    severity: SEVERITY[send.severity],
    tags: [...i.tags],
    targetProduct: o.targetProduct,
    threatType: threatTypeOf(i, o.defaultThreatType),
    tlpLevel: TLP[i.tlp],
    ...observable(i, o.targetProduct),
  };
}

/** The externalId an earlier submit gave the indicator, for deleteTiIndicatorsByExternalId. */
export const graphExternalId = stableKey;
