// The undici Agent a client sends through: connect timeout, keep-alive, and an extra trusted CA
// for this client only (never a process-wide env var such as NODE_EXTRA_CA_CERTS).
import { readFileSync } from 'node:fs';
import { createSecureContext, rootCertificates } from 'node:tls';
import { Agent } from 'undici';
import { z } from 'zod';
import { CallerError } from '../errors.js';
import { errors } from './errors.js';
import { parseOptions } from './options.js';

export const agentOptionsSchema = z.object({
  connectTimeoutMs: z.number().int().min(1).max(120_000).default(10_000),
  keepAliveTimeoutMs: z.number().int().min(1).max(600_000).default(10_000),
  /** PEM of one or more extra CA certificates, trusted in addition to the public roots. */
  caPem: z.string().optional(),
  /** File holding `caPem` (e.g. the tenant's caFile). */
  caFile: z.string().optional(),
});
export type AgentOptions = z.input<typeof agentOptionsSchema>;

/** Reads a CA file, failing with GSOC_HTTP_CA_UNREADABLE when it is missing or holds no certificate. */
export function readCaFile(path: string): string {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CallerError(errors.CA_UNREADABLE.code, `cannot read CA file ${path}`, { cause: e });
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new CallerError(errors.CA_UNREADABLE.code, `CA file ${path} holds no PEM certificate`);
  }
  return pem;
}

/** The CA list for tls: the public roots plus the configured extra CA, or undefined for the defaults. */
export function trustedCas(o: { caPem?: string; caFile?: string }): string[] | undefined {
  const extra = [o.caPem, o.caFile === undefined ? undefined : readCaFile(o.caFile)].filter(
    (p): p is string => p !== undefined,
  );
  return extra.length === 0 ? undefined : [...rootCertificates, ...extra];
}

export function createAgent(options: AgentOptions = {}): Agent {
  const o = parseOptions(agentOptionsSchema, options, 'agent');
  const ca = trustedCas(o);
  // One secure context for every connection: with `ca` alone each TLS connection would parse the
  // ~150 public roots again (several ms of CPU per connection).
  const secureContext = ca ? createSecureContext({ ca }) : undefined;
  return new Agent({
    keepAliveTimeout: o.keepAliveTimeoutMs,
    connect: { timeout: o.connectTimeoutMs, ...(secureContext ? { secureContext } : {}) },
  });
}
