// The three sinks and the indicator types each can hold (reference §3, §5): Defender's indicators
// take no CIDR block, e-mail address or file name; Graph tiIndicators take them only for the
// Sentinel target product (see convert/graph-ti.ts).
import type { IndicatorType } from '../model/types.js';

export const SINK_KINDS = ['sentinel', 'defender', 'graph'] as const;
export type SinkKind = (typeof SINK_KINDS)[number];

export const SINK_TYPES: Readonly<Record<SinkKind, readonly IndicatorType[]>> = {
  sentinel: ['ipv4', 'ipv6', 'cidr', 'domain', 'url', 'email', 'md5', 'sha1', 'sha256', 'file-name'],
  defender: ['ipv4', 'ipv6', 'domain', 'url', 'md5', 'sha1', 'sha256'],
  graph: ['ipv4', 'ipv6', 'cidr', 'domain', 'url', 'email', 'md5', 'sha1', 'sha256', 'file-name'],
};

/**
 * What a sink takes when its policy does not say. File names are opt-in everywhere (a name alone
 * matches innocent files of the same name); for Graph only what both target products accept.
 */
export const DEFAULT_SINK_TYPES: Readonly<Record<SinkKind, readonly IndicatorType[]>> = {
  sentinel: ['ipv4', 'ipv6', 'cidr', 'domain', 'url', 'email', 'md5', 'sha1', 'sha256'],
  defender: ['ipv4', 'ipv6', 'domain', 'url', 'md5', 'sha1', 'sha256'],
  graph: ['ipv4', 'ipv6', 'domain', 'url', 'md5', 'sha1', 'sha256'],
};
