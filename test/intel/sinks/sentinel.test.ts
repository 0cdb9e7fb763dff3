// The Sentinel sink over HTTPS against the emulated upload APIs: one upload per batch, Sentinel's
// per-record refusals on the right records, updates as new versions of the same objects, withdrawal
// read back as revoked, a 429 storm survived and counted, and the legacy API carrying the same objects.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { EntraGraphEmulator } from '../../../emulators/microsoft/index.js';
import { forgetCachedApplications } from '../../../src/connectors/microsoft/identity/index.js';
import { type Indicator, type Send, stableKey, stixId } from '../../../src/intel/index.js';
import { createSentinelSink, SENTINEL_REJECTED } from '../../../src/intel/sinks/sentinel.js';
import type { IntelSink, SinkRecord } from '../../../src/intel/sinks/types.js';
import type { TenantConfig } from '../../../src/platform/config/tenant.js';
import {
  sentinelClient,
  startSentinelEmulator,
  WORKSPACE,
} from '../../connectors/microsoft/sentinel/helpers.js';
import { DAY, indicator, NOW } from '../fixtures.js';

const send = (over: Partial<Send> = {}): Send =>
  ({
    kind: 'send',
    action: 'alert',
    confidence: 80,
    severity: 'medium',
    expiresAtMs: NOW + 30 * DAY,
    fingerprint: 'f',
    ...over,
  }) as Send;

const record = (i: Indicator, s: Send = send()): SinkRecord => ({
  key: stableKey(i),
  indicator: i,
  send: s,
  held: false,
  sinkId: null,
});

describe('Sentinel sink (against the Sentinel emulator)', () => {
  let emu: EntraGraphEmulator;
  let tenant: TenantConfig;
  let sink: IntelSink;
  let clock = NOW;
  let throttled = 0;
  before(async () => {
    ({ emu, tenant } = await startSentinelEmulator());
    const client = sentinelClient(
      emu,
      tenant,
      {},
      {
        onThrottled: () => {
          throttled += 1;
        },
      },
    );
    sink = createSentinelSink(client, {
      now: () => clock,
      createdByRef: 'identity--9b0c2f5e-0f4e-4c5b-8d8a-6b6f0d1b7a01',
    });
  });
  after(async () => {
    await sink.close();
    await forgetCachedApplications();
    await emu.close();
  });
  afterEach(() => emu.clearFaults());
  const held = (i: Indicator) => emu.sentinelObjects(WORKSPACE).find((o) => o.id === stixId(i));

  test('is the sentinel kind with batches of 100', () => {
    assert.equal(sink.kind, 'sentinel');
    assert.equal(sink.batchSize, 100);
    assert.equal(sink.recover, undefined);
    assert.equal(sink.foreignValues, undefined);
  });

  test('uploads a batch and updates it as new versions of the same objects', async () => {
    const items = [
      indicator({ type: 'ipv4', value: '203.0.113.45' }),
      indicator({ type: 'url', value: "https://x.example/it's?q=1" }),
      indicator({ type: 'sha256', value: 'b'.repeat(64) }),
    ];
    const before = emu.sentinelRequests();
    assert.deepEqual(await sink.upsert(items.map((i) => record(i))), [
      { ok: true },
      { ok: true },
      { ok: true },
    ]);
    assert.equal(emu.sentinelRequests().uploads, before.uploads + 1);
    const ip = held(items[0] as Indicator);
    assert.equal(ip?.object.pattern, "[ipv4-addr:value = '203.0.113.45']");
    assert.equal(ip?.object.created_by_ref, 'identity--9b0c2f5e-0f4e-4c5b-8d8a-6b6f0d1b7a01');
    assert.equal(held(items[1] as Indicator)?.object.pattern, "[url:value = 'https://x.example/it\\'s?q=1']");
    clock += 60_000;
    await sink.upsert(items.map((i) => record(i, send({ confidence: 55 }))));
    for (const i of items) {
      assert.equal(held(i)?.versions, 2);
      assert.equal(held(i)?.object.confidence, 55);
    }
  });

  test("puts Sentinel's refusal on the record it belongs to", async () => {
    const items = [1, 2, 3].map((n) => indicator({ type: 'domain', value: `bad${n}.example` }));
    const outcomes = await sink.upsert([
      record(items[0] as Indicator),
      record(items[1] as Indicator, send({ confidence: 150 })),
      record(items[2] as Indicator),
    ]);
    assert.deepEqual(outcomes[0], { ok: true });
    assert.deepEqual(outcomes[2], { ok: true });
    const refused = outcomes[1];
    assert.ok(refused && !refused.ok);
    assert.equal(refused.code, SENTINEL_REJECTED);
    assert.match(refused.message, /Property=confidence/);
    assert.equal(held(items[1] as Indicator), undefined);
    const all = await sink.upsert([record(items[1] as Indicator, send({ confidence: 150 }))]);
    assert.equal(all[0]?.ok, false);
  });

  test('withdraws by uploading the same object revoked', async () => {
    const i = indicator({ type: 'domain', value: 'withdrawn.example' });
    await sink.upsert([record(i)]);
    clock += 60_000;
    const out = await sink.withdraw([{ key: stableKey(i), indicator: i, sinkId: null }]);
    assert.deepEqual(out, [{ ok: true }]);
    assert.equal(held(i)?.revoked, true);
    assert.equal(held(i)?.versions, 2);
  });

  test('survives a storm of 429s and counts them', async () => {
    throttled = 0;
    emu.addFault({ listener: 'sentinel', status: 429, retryAfterSec: 0, times: 4 });
    const i = indicator({ type: 'domain', value: 'storm.example' });
    assert.deepEqual(await sink.upsert([record(i)]), [{ ok: true }]);
    assert.equal(throttled, 4);
    assert.equal(held(i)?.versions, 1);
  });

  test('sends the same objects through the legacy Upload Indicators API', async () => {
    const legacy = createSentinelSink(sentinelClient(emu, tenant, { api: 'upload-indicators' }), {
      now: () => clock,
    });
    try {
      const i = indicator({ type: 'md5', value: 'a'.repeat(32) });
      assert.deepEqual(await legacy.upsert([record(i)]), [{ ok: true }]);
      assert.equal(held(i)?.api, 'upload-indicators');
      assert.equal(held(i)?.object.pattern, `[file:hashes.MD5 = '${'a'.repeat(32)}']`);
    } finally {
      await legacy.close();
    }
  });
});
