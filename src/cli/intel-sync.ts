// `graphsoc intel sync`: one run of the threat-intel sync, now, in this process — each source read
// from where the last run stopped, each enabled sink (or those --sink names) reconciled — with a
// progress line on a terminal and a summary table. It takes the same leases serve's units take, so it
// refuses while serve is syncing the same pair (exit 3); a dry run reads the sources but sends
// nothing and holds no sink lease. Exit 0 when all went through, 1 when a sink refused records or a
// source or sink failed, 2 for a usage or configuration error.
import { hostname } from 'node:os';
import { loadAppConfig } from '../app/config.js';
import { migrateStore } from '../app/migrations.js';
import { appServices } from '../app/services.js';
import { type SinkName, SINK_NAMES } from '../intel/config.js';
import type { SinkCounts, SourceCounts } from '../intel/engine/counts.js';
import { runSync, type SyncResult } from '../intel/engine/sync.js';
import { GsocError } from '../platform/errors.js';
import { openDatabase } from '../platform/db/index.js';
import { LeaseStore } from '../platform/leases/index.js';
import { buildIntel } from '../intel/run/build.js';
import { holderOf, holdLease, pairLease, readLease } from '../intel/run/lease.js';
import { recordRun } from '../intel/run/metrics.js';
import { databaseName } from './database.js';

export interface IntelSyncOptions {
  configPath: string | undefined;
  env?: NodeJS.ProcessEnv;
  dryRun: boolean;
  sinks: string[];
  json: boolean;
  out?: (line: string) => void;
  err?: (line: string) => void;
  /** Whether stderr is a terminal (the progress line rewrites itself). */
  tty?: boolean;
}

export async function runIntelSync(o: IntelSyncOptions): Promise<number> {
  const out = o.out ?? ((l: string) => process.stdout.write(`${l}\n`));
  const err = o.err ?? ((l: string) => process.stderr.write(`${l}\n`));
  const unknown = o.sinks.filter((s) => !(SINK_NAMES as readonly string[]).includes(s));
  if (unknown.length > 0) {
    err(`unknown sink ${unknown.join(', ')}: expected ${SINK_NAMES.join(', ')}`);
    return 2;
  }
  const { config } = loadAppConfig({ path: o.configPath, env: o.env ?? process.env });
  const services = appServices(config);
  let built: ReturnType<typeof buildIntel>;
  try {
    built = buildIntel(
      { intel: config.intel, trustar: config.trustar, taxii: config.taxii, microsoft: services.microsoft },
      o.sinks.length > 0 ? (o.sinks as SinkName[]) : undefined,
    );
  } catch (e) {
    await services.close();
    if (!(e instanceof GsocError)) throw e;
    err(`${e.code}: ${e.message}`);
    return 2;
  }
  const store = await openDatabase(config.database.url);
  err(`database: ${databaseName(config.database.url)}${o.dryRun ? ' — dry run: nothing is sent' : ''}`);
  const owner = `cli:${hostname()}:${process.pid}`;
  const leases = new LeaseStore(store);
  const progress = new Progress(o.tty ?? process.stderr.isTTY === true, (t) => process.stderr.write(t));
  const stop = new AbortController();
  const onSignal = () => stop.abort(new Error('interrupted'));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let busy: string | undefined;
  try {
    await migrateStore(store);
    const result: SyncResult = { sources: [], pairs: [], clean: true };
    for (const source of built.sources) {
      const read = await holdLease(leases, readLease(source.name), owner, stop.signal);
      if (!read) {
        busy = `${source.name} is being read by ${await holderOf(leases, readLease(source.name))}`;
        break;
      }
      try {
        const r = await runSync(store.db, [source], built.sinks, {
          dryRun: o.dryRun,
          signal: read.signal,
          onSourcePage: (name, c) => progress.source(name, c),
          onSinkProgress: (s, sink, c, scanned) => progress.sink(`${s} → ${sink}`, c, scanned),
          holdPair: o.dryRun
            ? undefined
            : async (s, sink) => {
                const held = await holdLease(leases, pairLease(s, sink), owner, stop.signal);
                if (!held)
                  busy = `${s} → ${sink} is being synced by ${await holderOf(leases, pairLease(s, sink))}`;
                return held ? () => held.release() : undefined;
              },
        });
        result.sources.push(...r.sources);
        result.pairs.push(...r.pairs);
        result.clean &&= r.clean;
      } finally {
        await read.release();
      }
    }
    progress.done();
    recordRun(result, o.dryRun, Date.now());
    if (o.json) out(JSON.stringify(result));
    else for (const line of summary(result, o.dryRun)) out(line);
    if (busy !== undefined) {
      err(`GSOC_INTEL_RUN_BUSY: ${busy} right now (graphsoc serve?); wait for it or stop it`);
      return 3;
    }
    return result.clean ? 0 : 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await built.close();
    await services.close();
    await store.close();
  }
}

/** One line on stderr, rewritten in place on a terminal; nothing otherwise (the summary follows). */
class Progress {
  #parts = new Map<string, string>();
  #last = 0;
  constructor(
    private readonly tty: boolean,
    private readonly write: (text: string) => void,
  ) {}

  source(name: string, c: SourceCounts): void {
    this.#set(name, `${name}: ${c.pages} pages, ${n(c.read)} read, ${n(c.new + c.changed)} new or changed`);
  }

  sink(name: string, c: SinkCounts, scanned: number): void {
    this.#set(
      name,
      `${name}: ${n(scanned)} checked, ${n(c.new + c.updated)} sent, ${n(c.revoked + c.withdrawn)} withdrawn`,
    );
  }

  done(): void {
    if (this.tty && this.#parts.size > 0) this.write('\n');
  }

  #set(key: string, text: string): void {
    this.#parts.set(key, text);
    const now = Date.now();
    if (!this.tty || now - this.#last < 200) return;
    this.#last = now;
    this.write(`\r\x1b[K${[...this.#parts.values()].join(' | ')}`);
  }
}

const n = (x: number): string => x.toLocaleString('en-US');

/** The summary table: one row per source read, one per (source, sink). */
export function summary(r: SyncResult, dryRun: boolean): string[] {
  const lines: string[] = [];
  const srcRows = r.sources.map((s) => [
    s.source,
    s.outcome,
    n(s.counts.read),
    n(s.counts.new),
    n(s.counts.changed),
    n(s.counts.unchanged),
    n(s.counts.rejected),
  ]);
  lines.push(...table(['source', 'outcome', 'read', 'new', 'changed', 'unchanged', 'rejected'], srcRows));
  for (const s of r.sources) {
    const by = Object.entries(s.counts.rejectedBy).map(([k, v]) => `${k} ${v}`);
    if (by.length > 0)
      lines.push(
        `  ${s.source} rejected: ${by.join(', ')}; e.g. ${s.counts.samples
          .slice(0, 3)
          .map((x) => `${x.type} "${x.sample}"`)
          .join(', ')}`,
      );
    if (s.error) lines.push(`  ${s.source}: ${s.error}`);
  }
  lines.push('');
  const pairRows = r.pairs.map((p) => [
    `${p.source} → ${p.sink}`,
    p.outcome,
    n(p.counts.new),
    n(p.counts.updated),
    n(p.counts.unchanged),
    n(p.counts.expired),
    n(p.counts.revoked),
    n(p.counts.withdrawn),
    n(p.counts.refused),
    n(p.counts.leftOutByCap),
    n(p.counts.calls),
    n(p.counts.throttled),
  ]);
  lines.push(
    ...table(
      [
        dryRun ? 'would send (dry run)' : 'sink',
        'outcome',
        'new',
        'updated',
        'unchanged',
        'expired',
        'revoked',
        'withdrawn',
        'refused',
        'over cap',
        'calls',
        '429s',
      ],
      pairRows,
    ),
  );
  for (const p of r.pairs) {
    const a = p.counts.actions;
    lines.push(
      `  ${p.source} → ${p.sink}: sends by action alert ${n(a.alert)}, block ${n(a.block)}, audit ${n(a.audit)}${p.counts.foreign > 0 ? `; ${n(p.counts.foreign)} held by someone else, left alone` : ''}`,
    );
    for (const f of p.counts.refusals.slice(0, 5)) lines.push(`  refused ${f.key}: ${f.error}`);
    if (p.error) lines.push(`  ${p.error}`);
  }
  return lines;
}

function table(head: string[], rows: string[][]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i < 2 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number)))
      .join('  ')
      .trimEnd();
  return [line(head), ...rows.map(line)];
}
