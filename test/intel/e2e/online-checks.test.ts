// `config check --online` for the threat-intel sync, over the emulators: every source and sink
// answers with the sandbox's wiring; a wrong workspace id and an enclave the key cannot read are
// named by their codes.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { appServices } from '../../../src/app/services.js';
import { intelOnlineChecks } from '../../../src/intel/run/online-checks.js';
import { GsocError } from '../../../src/platform/errors.js';
import { startWorld, type World } from './setup.js';

async function outcomes(w: World): Promise<Record<string, string>> {
  const services = appServices(w.config);
  try {
    const out: Record<string, string> = {};
    for (const c of intelOnlineChecks(w.config, services))
      out[c.name] = await c.check(AbortSignal.timeout(30_000)).then(
        () => 'ok',
        (e) => (e instanceof GsocError ? e.code : String(e)),
      );
    return out;
  } finally {
    await services.close();
  }
}

test('every source and sink passes its online check with a working configuration', async () => {
  const w = await startWorld({ sources: ['trustar', 'taxii'] });
  try {
    assert.deepEqual(await outcomes(w), {
      'intel:source:trustar': 'ok',
      'intel:source:taxii': 'ok',
      'intel:sink:sentinel': 'ok',
      'intel:sink:defender': 'ok',
      'intel:sink:graph': 'ok',
    });
  } finally {
    await w.close();
  }
});

test('a wrong Sentinel workspace and an unreadable enclave are named by their codes', async () => {
  const w = await startWorld({
    sinks: ['sentinel'],
    sinkOverrides: { sentinel: { workspaceId: randomUUID() } },
  });
  try {
    const r = await outcomes({
      ...w,
      config: {
        ...w.config,
        trustar: { ...w.config.trustar, enclaveIds: [...w.config.trustar.enclaveIds, randomUUID()] },
      },
    });
    assert.equal(r['intel:sink:sentinel'], 'GSOC_SENTINEL_WORKSPACE_NOT_FOUND');
    assert.match(r['intel:source:trustar'] ?? '', /^GSOC_TRUSTAR_/);
  } finally {
    await w.close();
  }
});
