// The Defender for Endpoint connector against the emulated MDE API: each resource function, typed
// errors with Defender's code and request id, quotes in $filter, refused path segments, retries.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { EntraGraphEmulator } from '../../../../emulators/microsoft/index.js';
import {
  createDefenderClient,
  type DefenderClient,
  DefenderError,
  deleteIndicator,
  findMachinesByDnsName,
  getMachine,
  isolate,
  listIndicators,
  listMachineActions,
  runAntiVirusScan,
  submitIndicator,
  unisolate,
} from '../../../../src/connectors/microsoft/defender/index.js';
import {
  createTokenProvider,
  forgetCachedApplications,
} from '../../../../src/connectors/microsoft/identity/index.js';
import { tenantSchema } from '../../../../src/platform/config/tenant.js';
import { CLIENT_ID, SECRET, startEmulator, TENANT_ID } from '../helpers.js';

const MACHINE = '0123456789abcdef0123456789abcdef01234567';
const ROLES = ['Machine.Read.All', 'Machine.Isolate', 'Machine.Scan', 'Ti.ReadWrite.All'];

describe('defender client (against the Defender emulator)', () => {
  let emu: EntraGraphEmulator;
  let client: DefenderClient;
  before(async () => {
    emu = await startEmulator();
    emu.registerApp({
      tenantId: TENANT_ID,
      clientId: CLIENT_ID,
      secrets: [SECRET],
      roles: { defender: ROLES },
    });
    emu.setDefenderActionCompletionMs(60_000);
    emu.seedDefender(TENANT_ID, { machines: [{ id: MACHINE, computerDnsName: "o'neil-pc.contoso.local" }] });
    const tenant = tenantSchema.parse({
      name: 'contoso',
      tenantId: TENANT_ID,
      clientId: CLIENT_ID,
      clientSecret: SECRET,
      authorityHost: emu.loginUrl,
      defenderBaseUrl: emu.defenderUrl,
      defenderScope: 'https://api.securitycenter.microsoft.com/.default',
      caFile: emu.caPath,
    });
    client = createDefenderClient(tenant, createTokenProvider(tenant));
  });
  after(async () => {
    await client.close();
    await forgetCachedApplications();
    await emu.close();
  });
  afterEach(() => emu.clearFaults());

  test('reads machines by id and by a DNS name with a quote', async () => {
    await client.ping();
    assert.equal((await getMachine(client, MACHINE)).computerDnsName, "o'neil-pc.contoso.local");
    const found = await findMachinesByDnsName(client, "o'neil-pc.contoso.local");
    assert.deepEqual(
      found.map((m) => m.id),
      [MACHINE],
    );
  });

  test('runs machine actions and lists them newest first', async () => {
    const a = await isolate(client, MACHINE, { comment: 'c', isolationType: 'Selective' });
    assert.equal(a.status, 'Pending');
    await runAntiVirusScan(client, MACHINE, { comment: 'c', scanType: 'Quick' });
    const actions = await listMachineActions(client, MACHINE);
    assert.deepEqual(
      actions.map((x) => x.type),
      ['RunAntiVirusScan', 'Isolate'],
    );
    const pending = await unisolate(client, MACHINE, { comment: 'c' });
    assert.equal(pending.type, 'Unisolate');
    await assert.rejects(
      () => isolate(client, MACHINE, { comment: 'c', isolationType: 'Full' }),
      (e) =>
        e instanceof DefenderError &&
        e.actionPending &&
        e.code === 'GSOC_DEFENDER_ACTION_PENDING' &&
        e.remoteCode === 'ActiveRequestAlreadyExists' &&
        typeof e.requestId === 'string',
    );
  });

  test('submits, lists and deletes indicators', async () => {
    const value = 'bad.example';
    const i = await submitIndicator(client, {
      indicatorValue: value,
      indicatorType: 'DomainName',
      action: 'Block',
      title: 't',
      description: 'd',
      generateAlert: true,
    });
    assert.deepEqual(
      (await listIndicators(client, value)).map((x) => x.id),
      [i.id],
    );
    await deleteIndicator(client, i.id);
    assert.deepEqual(await listIndicators(client, value), []);
    await assert.rejects(
      () => deleteIndicator(client, i.id),
      (e) => e instanceof DefenderError && e.status === 404 && e.code === 'GSOC_DEFENDER_NOT_FOUND',
    );
  });

  test('refuses path segments that would change the URL', async () => {
    await assert.rejects(() => getMachine(client, '..'), TypeError);
    await assert.rejects(() => deleteIndicator(client, '.'), TypeError);
    // Anything else is encoded into one segment and reaches Defender as an unknown id.
    await assert.rejects(
      () => getMachine(client, '../indicators'),
      (e) => e instanceof DefenderError && e.status === 404,
    );
  });

  test('retries a 503 on a GET after its Retry-After', async () => {
    emu.addFault({ listener: 'defender', path: '/api/machines', status: 503, retryAfterSec: 0, times: 1 });
    assert.equal((await getMachine(client, MACHINE)).id, MACHINE);
  });
});
