// The Defender for Endpoint sink: upsert through the import API (500 per call, an upsert by type and
// value, so a resend updates rather than doubles), withdraw through BatchDelete, and the values of
// indicators other apps (analysts, other tools) created, which the engine must never overwrite.
// BatchDelete fails as a whole with 404 when one id is unknown, which happens whenever Defender has
// already deleted an expired indicator; the sink then lists its own indicators and deletes only
// those still there, counting the rest as withdrawn. It only ever deletes ids it imported itself or
// finds among the indicators whose createdBy is its own app.
// https://learn.microsoft.com/defender-endpoint/api/import-ti-indicators
// https://learn.microsoft.com/defender-endpoint/api/batch-delete-ti-indicators
import { isIP } from 'node:net';
import {
  batchDeleteIndicators,
  type DefenderClient,
  DefenderError,
  type ImportIndicator,
  importIndicators,
  listAllIndicators,
  MAX_BULK,
} from '../../connectors/microsoft/defender/index.js';
import { DEFENDER_TYPES, type DefenderOptions, toDefenderIndicator } from '../convert/defender.js';
import { SinkTypeError } from '../errors.js';
import { normaliseValue } from '../model/normalise.js';
import type { IndicatorType } from '../model/types.js';
import type { HeldRecord, IntelSink, RecordOutcome, SinkRecord } from './types.js';

/** "Up to 15,000 indicators per tenant" (reference §3.3). */
export const DEFENDER_CAPACITY = 15_000;

export interface DefenderSinkOptions extends DefenderOptions {
  /** The app (client id) graphsoc calls Defender as: what createdBy says on our indicators. */
  appId: string;
  /** Live indicators the tenant may hold (default 15,000); lower it to leave room for analysts. */
  capacity?: number;
}

/** Canonical types to read a Defender indicator's value as; IpAddress is decided by the value. */
const CANONICAL: Readonly<Record<string, IndicatorType>> = {
  DomainName: 'domain',
  Url: 'url',
  FileSha256: 'sha256',
  FileSha1: 'sha1',
  FileMd5: 'md5',
};

/**
 * `${type}|${value}` of the canonical model for a Defender indicator, through the model's own
 * normalisation, so it equals the key of the same value from a source. Undefined for what the model
 * cannot hold (a certificate thumbprint, a value it rejects): no source indicator can collide with it.
 */
export function canonicalValue(indicatorType: string, indicatorValue: string): string | undefined {
  const claimed =
    indicatorType === 'IpAddress' ? (isIP(indicatorValue) === 6 ? 'ipv6' : 'ipv4') : CANONICAL[indicatorType];
  if (claimed === undefined) return undefined;
  const r = normaliseValue(claimed, indicatorValue);
  return r.ok ? `${r.type}|${r.value}` : undefined;
}

const sameApp = (a: string | null | undefined, b: string) => (a ?? '').toLowerCase() === b.toLowerCase();

export function createDefenderSink(client: DefenderClient, o: DefenderSinkOptions): IntelSink {
  const convert: DefenderOptions = {
    ...(o.application === undefined ? {} : { application: o.application }),
    ...(o.recommendedActions === undefined ? {} : { recommendedActions: o.recommendedActions }),
    ...(o.rbacGroupNames === undefined ? {} : { rbacGroupNames: o.rbacGroupNames }),
  };

  /** Our own indicators now: id set and `${defenderType}|${lower value}` → id. */
  async function ownIndicators(signal?: AbortSignal) {
    const ids = new Set<string>();
    const byValue = new Map<string, string>();
    for await (const page of listAllIndicators(client, { createdBy: o.appId, signal })) {
      for (const i of page) {
        if (!sameApp(i.createdBy, o.appId)) continue;
        ids.add(i.id);
        byValue.set(`${i.indicatorType}|${i.indicatorValue.toLowerCase()}`, i.id);
      }
    }
    return { ids, byValue };
  }

  async function deleteIds(ids: string[], signal?: AbortSignal): Promise<void> {
    try {
      await batchDeleteIndicators(client, ids, { signal });
    } catch (e) {
      if (!(e instanceof DefenderError && e.status === 404)) throw e;
      // One id is gone (expired or deleted by hand): delete the ones still there, all of them ours.
      const own = await ownIndicators(signal);
      const left = ids.filter((id) => own.ids.has(id));
      if (left.length > 0) await batchDeleteIndicators(client, left, { signal });
    }
  }

  return {
    kind: 'defender',
    batchSize: MAX_BULK,
    capacity: o.capacity ?? DEFENDER_CAPACITY,

    async upsert(records: readonly SinkRecord[], signal?: AbortSignal): Promise<RecordOutcome[]> {
      const outcomes: RecordOutcome[] = records.map(() => ({ ok: true }));
      const items: ImportIndicator[] = [];
      const at: number[] = [];
      for (const [i, r] of records.entries()) {
        try {
          items.push(toDefenderIndicator(r.indicator, r.send, convert));
          at.push(i);
        } catch (e) {
          // The policy should have kept this type out; refuse the record, keep the batch.
          if (!(e instanceof SinkTypeError)) throw e;
          outcomes[i] = { ok: false, code: e.code, message: e.message };
        }
      }
      for (let start = 0; start < items.length; start += MAX_BULK) {
        const results = await importIndicators(client, items.slice(start, start + MAX_BULK), { signal });
        for (const [k, res] of results.entries()) {
          const index = at[start + k] as number;
          outcomes[index] = res.isFailed
            ? {
                ok: false,
                code: 'DEFENDER_REJECTED',
                message: res.failureReason ?? 'rejected without a reason',
              }
            : { ok: true, sinkId: res.id ?? undefined };
        }
      }
      return outcomes;
    },

    async withdraw(records: readonly HeldRecord[], signal?: AbortSignal): Promise<RecordOutcome[]> {
      const ids = new Set<string>();
      const unaddressed = records.filter((r) => r.sinkId === null);
      for (const r of records) if (r.sinkId !== null) ids.add(r.sinkId);
      if (unaddressed.length > 0) {
        // Sent before ids were kept, or the answer was lost: find ours by value; absent is withdrawn.
        const own = await ownIndicators(signal);
        for (const r of unaddressed) {
          const type = DEFENDER_TYPES[r.indicator.type];
          const id = type && own.byValue.get(`${type}|${r.indicator.value.toLowerCase()}`);
          if (id) ids.add(id);
        }
      }
      const all = [...ids];
      for (let start = 0; start < all.length; start += MAX_BULK)
        await deleteIds(all.slice(start, start + MAX_BULK), signal);
      return records.map(() => ({ ok: true }));
    },

    async foreignValues(signal?: AbortSignal): Promise<ReadonlySet<string>> {
      const out = new Set<string>();
      for await (const page of listAllIndicators(client, { signal })) {
        for (const i of page) {
          if (sameApp(i.createdBy, o.appId)) continue;
          const key = canonicalValue(i.indicatorType, i.indicatorValue);
          if (key !== undefined) out.add(key);
        }
      }
      return out;
    },

    // The client belongs to the caller (shared per tenant); nothing of the sink's own to release.
    // One indicator of the list graphsoc reads before every run: token, permission and address.
    ping: async (signal) => {
      for await (const _ of listAllIndicators(client, { pageSize: 1, signal })) return;
    },
    close: async () => {},
  };
}
