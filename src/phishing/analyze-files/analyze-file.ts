// One message file (or stdin's bytes) to its analyse record, with the pipeline's own code: parse as
// process-report.ts does (through parseMessageFile, which adds Outlook .msg files), analyzeReport, and
// the campaign aliases. Used by the main thread and by every worker. No configuration; no network
// unless verifySignatures asks for the key look-ups of DKIM and ARC.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import {
  type AnalyzeInputs,
  type AnalyzeOptions,
  analyzeReport,
  type VerdictOptions,
} from '../analyze/index.js';
import { campaignAliases } from '../campaigns/aliases.js';
import { isUnparseable } from '../parse/index.js';
import { parseMessageFile } from '../parse/parse-file.js';
import { systemDnsLookup, verifyOriginal } from '../verify/index.js';
import { type AnalyzeRecord, analysedRecord, failedRecord } from './record.js';

export interface AnalyzeFileOptions {
  /** phishing.limits of the configuration. */
  limits: { maxBytes: number; maxDepth: number; maxParts: number };
  ownDomains: string[];
  allowDomains: string[];
  /** phishing.authservIds of the configuration. */
  authservIds?: string[];
  /** phishing.verdict of the configuration: thresholds and points. */
  verdict?: VerdictOptions;
  /** --verify-signatures or phishing.verifySignatures: check DKIM and ARC against DNS. */
  verifySignatures?: boolean;
  /** phishing.dnsServers of the configuration. */
  dnsServers?: string[];
}

/** One key look-up of signature verification (the whole verification gets twice this). */
const LOOKUP_TIMEOUT_MS = 5_000;

/** The bytes of an input, or why it could not be read (missing, a directory, no permission). */
export type ReadResult = { bytes: Uint8Array } | { unreadable: string };

export function describe(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'ENOENT') return 'ENOENT: no such file or directory';
  if (err?.code === 'EACCES' || err?.code === 'EPERM') return `${err.code}: permission denied`;
  if (err?.code === 'EISDIR') return 'EISDIR: is a directory';
  return err?.code ? `${err.code}: ${err.message}` : String(err?.message ?? e);
}

function readUpTo(fd: number, size: number): Uint8Array {
  const buf = Buffer.allocUnsafe(size);
  let n = 0;
  while (n < size) {
    const got = readSync(fd, buf, n, size - n, null);
    if (got === 0) break;
    n += got;
  }
  return new Uint8Array(buf.buffer, buf.byteOffset, n);
}

function readChunks(fd: number, max: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  while (total < max) {
    const chunk = readUpTo(fd, Math.min(64 * 1024, max - total));
    if (chunk.byteLength === 0) break;
    chunks.push(chunk);
    total += chunk.byteLength;
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * Reads at most `limit + 1` bytes: enough for parseReport to see that a file is too large and say so
 * in its own words, without holding a multi-gigabyte file in memory.
 */
export function readBounded(path: string, limit: number): ReadResult {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    return { unreadable: describe(e) };
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) return { unreadable: 'EISDIR: is a directory' };
    // A pipe (`<(…)`) reports size 0; it is read in chunks until its end or the limit.
    return { bytes: st.isFile() ? readUpTo(fd, Math.min(st.size, limit + 1)) : readChunks(fd, limit + 1) };
  } catch (e) {
    return { unreadable: describe(e) };
  } finally {
    closeSync(fd);
  }
}

export async function analyzeBytes(
  file: string,
  bytes: Uint8Array,
  o: AnalyzeFileOptions,
): Promise<AnalyzeRecord> {
  const parsed = await parseMessageFile(bytes, {
    maxTotalBytes: o.limits.maxBytes,
    maxDepth: o.limits.maxDepth,
    maxParts: o.limits.maxParts,
    forwarderDomains: [...o.ownDomains],
  });
  if (isUnparseable(parsed)) return failedRecord(file, parsed.unparseable, parsed.detail);
  const options: AnalyzeOptions = {
    ownDomains: [...o.ownDomains],
    allowDomains: [...o.allowDomains],
    authservIds: [...(o.authservIds ?? [])],
    ...(o.verdict ? { verdict: o.verdict } : {}),
  };
  const inputs: AnalyzeInputs = {};
  if (o.verifySignatures)
    inputs.signatures = await verifyOriginal(parsed, {
      lookup: systemDnsLookup({ servers: o.dnsServers ?? [], timeoutMs: LOOKUP_TIMEOUT_MS }),
      lookupTimeoutMs: LOOKUP_TIMEOUT_MS,
      budgetMs: 2 * LOOKUP_TIMEOUT_MS,
    });
  let analysis: ReturnType<typeof analyzeReport>;
  try {
    analysis = analyzeReport(parsed, options, inputs);
  } catch (e) {
    // A bug in analysis on one message must not end the run; the line says so and the rest go on.
    return failedRecord(file, 'analysis-failed', e instanceof Error ? e.message.slice(0, 200) : String(e));
  }
  return analysedRecord(file, parsed, analysis, campaignAliases(analysis.campaign));
}
