// `graphsoc config check --online` against the emulators, in process: each tenant's token and
// /organization, the phishing job's Archer login and every name of [phishing.archer]; a wrong secret,
// a wrong Archer password and unknown names fail naming the check and the code, never the secret.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { stringify } from 'smol-toml';
import { type Emulators, startEmulators } from '../../emulators/index.js';
import { SANDBOX_ARCHER_MAPPING } from '../../src/sandbox/archer-mapping.js';
import { graphsoc } from '../helpers/cli.js';
import { tempFile } from '../helpers/tmp.js';
import { tenantSchema, type TenantConfig } from '../../src/platform/config/index.js';
import { emulatedArcher } from '../phishing/emulated-tenant.js';

const MAILBOX = 'phish@contoso-online.example';

describe('graphsoc config check --online', () => {
  let emulators: Emulators;
  let tenant: TenantConfig;

  before(async () => {
    emulators = await startEmulators();
    // The phishing job's app, with the Organization.Read.All the readiness check reads /organization with.
    const eg = emulators.entraGraph;
    const tenantId = randomUUID();
    const app = { clientId: randomUUID(), secret: `secret-${randomUUID()}` };
    eg.addTenant({
      id: tenantId,
      displayName: 'contoso-online.example',
      domains: ['contoso-online.example'],
    });
    eg.registerApp({
      tenantId,
      clientId: app.clientId,
      secrets: [app.secret],
      roles: { graph: ['Mail.ReadWrite', 'Mail.Send', 'Organization.Read.All'] },
    });
    tenant = tenantSchema.parse({
      name: 'contoso',
      tenantId,
      clientId: app.clientId,
      clientSecret: app.secret,
      authorityHost: eg.loginUrl,
      graphBaseUrl: eg.graphUrl,
      graphScope: 'https://graph.microsoft.com/.default',
      caFile: emulators.caPath,
    });
  });
  after(() => emulators?.close());

  /** graphsoc.toml with the phishing job on against the emulators; `archer` changes the mapping. */
  function configFile(mapping: Record<string, unknown> = {}): string {
    const { password: _password, ...archer } = emulatedArcher(emulators);
    const { clientSecret: _secret, ...withoutSecret } = tenant;
    return tempFile(
      'graphsoc.toml',
      stringify({
        tenants: [withoutSecret],
        archer,
        phishing: {
          enabled: true,
          mailboxes: [{ tenant: 'contoso', mailbox: MAILBOX }],
          archer: { ...SANDBOX_ARCHER_MAPPING, ...mapping },
        },
      }),
    );
  }

  /** The secrets come from the environment, as the guide advises. */
  const secrets = (over: NodeJS.ProcessEnv = {}) => ({
    GRAPHSOC_TENANTS_CONTOSO_CLIENT_SECRET: tenant.clientSecret,
    GRAPHSOC_ARCHER_PASSWORD: emulatedArcher(emulators).password,
    ...over,
  });

  test('with everything reachable and every name known, lists each check as ok and exits 0', async () => {
    const r = await graphsoc(['config', 'check', '--online', '--config', configFile()], { env: secrets() });
    assert.equal(r.exitCode, 0, r.stderr);
    assert.match(r.stdout, /features: phishing on, relay off, intel off, accounts off\nonline checks:\n/);
    assert.match(r.stdout, /^ {2}ok {4}tenant:contoso:graph$/m);
    assert.match(r.stdout, /^ {2}ok {4}archer:phishing$/m);
    assert.equal(r.stderr, '');
  });

  test('a wrong client secret fails the tenant check with its code, and exits 1 without showing it', async () => {
    const wrong = 'Wrong-Secret-Value-0123456789';
    const r = await graphsoc(['config', 'check', '--online', '-c', configFile()], {
      env: secrets({ GRAPHSOC_TENANTS_CONTOSO_CLIENT_SECRET: wrong }),
    });
    assert.equal(r.exitCode, 1, r.stderr);
    assert.match(
      r.stderr,
      /^ {2}FAIL {2}tenant:contoso:graph: GSOC_IDENTITY_CREDENTIALS_REJECTED: .*AADSTS7000215/m,
    );
    assert.match(r.stdout, /^ {2}ok {4}archer:phishing$/m);
    assert.match(r.stderr, /^1 of 2 online checks failed$/m);
    assert.ok(!`${r.stdout}${r.stderr}`.includes(wrong));
  });

  test('a wrong Archer password fails the Archer check naming user and instance, not the password', async () => {
    const wrong = 'Wrong-Archer-Password-42';
    const r = await graphsoc(['config', 'check', '--online', '-c', configFile()], {
      env: secrets({ GRAPHSOC_ARCHER_PASSWORD: wrong }),
    });
    assert.equal(r.exitCode, 1, r.stderr);
    assert.match(
      r.stderr,
      /^ {2}FAIL {2}archer:phishing: GSOC_ARCHER_AUTH_FAILED: Archer refused the login of user/m,
    );
    assert.ok(!`${r.stdout}${r.stderr}`.includes(wrong));
  });

  test('every unknown Archer name is listed with the names Archer has', async () => {
    const path = configFile({
      titleField: 'Titel',
      values: { 'Incident Category': 'Phishng', Source: 'E-mail' },
    });
    const r = await graphsoc(['config', 'check', '--online', '-c', path], { env: secrets() });
    assert.equal(r.exitCode, 1, r.stderr);
    const fails = r.stderr.split('\n').filter((l) => l.includes('FAIL'));
    assert.equal(fails.length, 2, r.stderr);
    assert.match(
      fails[0] ?? '',
      /archer:phishing: GSOC_ARCHER_UNKNOWN_NAME: Archer has no field "Titel" in level .*; known: .*"Title"/,
    );
    assert.match(
      fails[1] ?? '',
      /archer:phishing: GSOC_ARCHER_UNKNOWN_NAME: Archer has no value "Phishng" in the values list of field "Incident Category"; known: .*"Phishing"/,
    );
    assert.match(r.stderr, /^1 of 2 online checks failed$/m);
  });

  test('a configuration problem exits 2 before any outside system is asked', async () => {
    const before = emulators.entraGraph.requests().length;
    const r = await graphsoc(['config', 'check', '--online', '-c', configFile({ titleField: '' })], {
      env: secrets(),
    });
    assert.equal(r.exitCode, 2, r.stderr);
    assert.match(r.stderr, /phishing\.archer\.titleField: expected a non-empty string/);
    assert.doesNotMatch(r.stdout, /online checks/);
    assert.equal(emulators.entraGraph.requests().length, before);
  });

  test('without tenants or enabled features there is nothing to try, and that is all well', async () => {
    const r = await graphsoc(['config', 'check', '--online', '-c', tempFile('g.toml', '')]);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.match(r.stdout, /online checks:\n {2}none: /);
  });
});
