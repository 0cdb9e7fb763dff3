import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadAppConfig as loadConfig } from '../../../src/app/config.js';
import { ConfigError } from '../../../src/platform/config/index.js';
import { makeClientCertificate } from '../../connectors/microsoft/helpers.js';
import { tempFile } from '../../helpers/tmp.js';

const TENANT = `
[[tenants]]
name = "contoso"
tenantId = "11111111-1111-1111-1111-111111111111"
clientId = "22222222-2222-2222-2222-222222222222"
`;

function fails(toml: string, env: NodeJS.ProcessEnv = {}): ConfigError {
  const path = tempFile('graphsoc.toml', toml);
  try {
    loadConfig({ path, env });
  } catch (e) {
    assert.ok(e instanceof ConfigError, `expected ConfigError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected the configuration to be rejected');
}

describe('loadConfig', () => {
  test('applies defaults when no file and no environment is given', () => {
    const { config, file } = loadConfig({ env: {}, path: tempFile('empty.toml', '') });
    assert.ok(file);
    assert.equal(config.server.port, 8080);
    assert.equal(config.server.host, '127.0.0.1');
    assert.equal(config.database.url, 'sqlite:./data/graphsoc.db');
    assert.deepEqual(config.tenants, []);
  });

  test('reads several tenants with secret and certificate credentials', () => {
    const cert = makeClientCertificate();
    const path = tempFile(
      'g.toml',
      `${TENANT}clientSecret = "abc-secret"
[[tenants]]
name = "fabrikam-gov"
tenantId = "fabrikam.onmicrosoft.us"
clientId = "33333333-3333-3333-3333-333333333333"
certificatePath = "${cert.pemPath}"
certificateThumbprint = "${cert.sha1}"
authorityHost = "https://login.microsoftonline.us/"
graphBaseUrl = "https://graph.microsoft.us"
`,
    );
    const { config } = loadConfig({ path, env: {} });
    assert.equal(config.tenants.length, 2);
    assert.equal(config.tenants[0]?.authorityHost, 'https://login.microsoftonline.com');
    assert.equal(
      config.tenants[1]?.authorityHost,
      'https://login.microsoftonline.us',
      'trailing slash trimmed',
    );
    assert.equal(config.tenants[1]?.graphBaseUrl, 'https://graph.microsoft.us');
  });

  test('freezes the result so nothing changes configuration at run time', () => {
    const { config } = loadConfig({ path: tempFile('g.toml', `${TENANT}clientSecret = "abcd"`), env: {} });
    assert.throws(() => {
      (config.server as { port: number }).port = 1;
    }, TypeError);
    assert.ok(Object.isFrozen(config.tenants[0]));
  });

  test('environment overrides file values by key path, tenant index and tenant name', () => {
    const path = tempFile('g.toml', `[server]\nport = 8081\n${TENANT}`);
    const { config } = loadConfig({
      path,
      env: {
        GRAPHSOC_SERVER_PORT: '9090',
        GRAPHSOC_LOG_LEVEL: 'debug',
        GRAPHSOC_TENANTS_CONTOSO_CLIENT_SECRET: 'from-env-by-name',
        GRAPHSOC_DATABASE_URL: 'postgres://app@db.internal:5432/graphsoc',
      },
    });
    assert.equal(config.server.port, 9090);
    assert.equal(config.log.level, 'debug');
    assert.equal(config.tenants[0]?.clientSecret, 'from-env-by-name');
    assert.equal(config.database.url, 'postgres://app@db.internal:5432/graphsoc');
  });

  test('GRAPHSOC_PORT is a short form of GRAPHSOC_SERVER_PORT', () => {
    const { config } = loadConfig({ path: tempFile('g.toml', ''), env: { GRAPHSOC_PORT: '7000' } });
    assert.equal(config.server.port, 7000);
  });

  test('a tenant can be defined entirely from the environment by index', () => {
    const { config } = loadConfig({
      path: tempFile('g.toml', ''),
      env: {
        GRAPHSOC_TENANTS_0_NAME: 'envonly',
        GRAPHSOC_TENANTS_0_TENANT_ID: 't',
        GRAPHSOC_TENANTS_0_CLIENT_ID: 'c',
        GRAPHSOC_TENANTS_0_CLIENT_SECRET: 'shh-secret',
      },
    });
    assert.equal(config.tenants[0]?.name, 'envonly');
  });

  test('reads a secret from a *File key, trimming the final newline', () => {
    const secretPath = tempFile('secret.txt', 'file-secret-value\n');
    const { config, secrets } = loadConfig({
      path: tempFile('g.toml', `${TENANT}clientSecretFile = "${secretPath}"`),
      env: {},
    });
    assert.equal(config.tenants[0]?.clientSecret, 'file-secret-value');
    assert.ok(secrets.includes('file-secret-value'));
  });

  test('a secret file can be named through the environment', () => {
    const secretPath = tempFile('secret.txt', 'env-file-secret');
    const { config } = loadConfig({
      path: tempFile('g.toml', TENANT),
      env: { GRAPHSOC_TENANTS_0_CLIENT_SECRET_FILE: secretPath },
    });
    assert.equal(config.tenants[0]?.clientSecret, 'env-file-secret');
  });

  test('reports the database password as a secret, not the whole URL', () => {
    const { secrets } = loadConfig({
      path: tempFile('g.toml', '[database]\nurl = "postgres://app:p%40ss-word@db:5432/x"\n'),
      env: {},
    });
    assert.deepEqual(secrets.sort(), ['p%40ss-word', 'p@ss-word'].sort());
  });

  test('the Archer password is a secret, from the environment or a file', () => {
    const file = tempFile('archer-pass', 'archer-S3cret!\n');
    const fromFile = loadConfig({
      path: tempFile('g.toml', `[archer]\npasswordFile = "${file}"\n`),
      env: {},
    });
    assert.equal(fromFile.config.archer.password, 'archer-S3cret!');
    assert.deepEqual(fromFile.secrets, ['archer-S3cret!']);
    const fromEnv = loadConfig({
      path: tempFile('g.toml', ''),
      env: { GRAPHSOC_ARCHER_PASSWORD: 'env-S3cret' },
    });
    assert.deepEqual(fromEnv.secrets, ['env-S3cret']);
  });

  test('warns about GRAPHSOC_* variables that match no key', () => {
    const { warnings } = loadConfig({ path: tempFile('g.toml', ''), env: { GRAPHSOC_SERVR_PORT: '1' } });
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /GRAPHSOC_SERVR_PORT/);
  });
});

describe('loadConfig rejects bad configuration naming file, key, expected and found', () => {
  test('a wrongly typed value', () => {
    const e = fails('[server]\nport = "eighty"\n');
    assert.equal(e.code, 'GSOC_CONFIG_INVALID');
    const p = e.problems.find((x) => x.key === 'server.port');
    assert.ok(p, e.message);
    assert.match(p.source, /graphsoc\.toml$/);
    assert.equal(p.expected, 'a number, written without quotes');
    assert.equal(p.found, '"eighty"');
  });

  test('an out-of-range port', () => {
    const e = fails('[server]\nport = 70000\n');
    assert.match(e.message, /server\.port/);
    assert.match(e.message, /70000/);
  });

  test('an unknown key, so typos do not pass silently', () => {
    const e = fails('[server]\nprot = 8080\n');
    assert.equal(e.problems[0]?.key, 'server.prot');
    assert.match(e.problems[0]?.found ?? '', /unknown key/);
  });

  test('an unknown top-level table', () => {
    const e = fails('[phishng]\nenabled = true\n');
    assert.match(e.message, /phishng/);
  });

  test('a missing required tenant key', () => {
    const e = fails('[[tenants]]\nname = "contoso"\ntenantId = "t"\nclientSecret = "x"\n');
    const p = e.problems.find((x) => x.key === 'tenants[0].clientId');
    assert.ok(p, e.message);
    assert.equal(p.found, 'nothing (key missing)');
  });

  test('a tenant with both a secret and a certificate', () => {
    const e = fails(
      `${TENANT}clientSecret = "x-secret"\ncertificatePath = "/a.pem"\ncertificateThumbprint = "${'0'.repeat(40)}"\n`,
    );
    assert.match(e.message, /exactly one credential/);
  });

  test('a certificate without a thumbprint', () => {
    const e = fails(`${TENANT}certificatePath = "/a.pem"\n`);
    assert.ok(e.problems.some((p) => p.key === 'tenants[0].certificateThumbprint'));
  });

  test('a non-https authority host', () => {
    const e = fails(`${TENANT}clientSecret = "xyzw"\nauthorityHost = "http://login.example"\n`);
    const p = e.problems.find((x) => x.key === 'tenants[0].authorityHost');
    assert.equal(p?.expected, 'an https:// URL');
  });

  test('duplicate tenant names', () => {
    const e = fails(`${TENANT}clientSecret = "xyzw"\n${TENANT}clientSecret = "xyzw"\n`);
    assert.match(e.message, /unique name/);
  });

  test('a report mailbox naming a tenant that does not exist', () => {
    const e = fails(
      `${TENANT}clientSecret = "xyzw"\n[[phishing.mailboxes]]\ntenant = "fabrikam"\nmailbox = "phish@contoso.com"\n`,
    );
    const p = e.problems.find((x) => x.key === 'phishing.mailboxes[0].tenant');
    assert.match(p?.expected ?? '', /\[\[tenants\]\] entry \(contoso\)/);
  });

  test('the phishing job enabled without mailboxes or the Archer connection', () => {
    const e = fails('[phishing]\nenabled = true\n');
    const keys = e.problems.map((p) => p.key).sort();
    assert.deepEqual(keys, [
      'archer.baseUrl',
      'archer.instanceName',
      'archer.password',
      'archer.username',
      'phishing.mailboxes',
    ]);
  });

  test('reporter mails without the own domains they may go to', () => {
    const e = fails('[phishing.notify]\nacknowledge = true\n');
    const p = e.problems.find((x) => x.key === 'phishing.ownDomains');
    assert.match(p?.expected ?? e.message, /forged report cannot make graphsoc mail strangers/);
    const ok = loadConfig({
      env: {},
      path: tempFile(
        'ok.toml',
        '[phishing]\nownDomains = ["contoso.com"]\n[phishing.notify]\nverdict = true\n',
      ),
    });
    assert.equal(ok.config.phishing.notify.verdict, true);
  });

  test('a lease renewal interval too close to the lease period', () => {
    const e = fails('[leases]\nttlSec = 10\nrenewEverySec = 8\n');
    assert.match(e.message, /leases\.renewEverySec/);
  });

  test('invalid TOML, with line and column', () => {
    const e = fails('[server\nport = 1\n');
    assert.equal(e.code, 'GSOC_CONFIG_TOML_INVALID');
    assert.match(e.message, /line 1/);
  });

  test('binary garbage instead of TOML', () => {
    const e = fails('\u0000\u0001\u00ff\u0002=\n');
    assert.equal(e.code, 'GSOC_CONFIG_TOML_INVALID');
  });

  test('a missing file', () => {
    assert.throws(
      () => loadConfig({ path: '/nonexistent/graphsoc.toml', env: {} }),
      (e: unknown) =>
        e instanceof ConfigError && e.code === 'GSOC_CONFIG_FILE_UNREADABLE' && /nonexistent/.test(e.message),
    );
  });

  test('an unreadable secret file names the key and the path', () => {
    const e = fails(`${TENANT}clientSecretFile = "/nonexistent/secret"\n`);
    assert.equal(e.code, 'GSOC_CONFIG_SECRET_FILE_UNREADABLE');
    assert.match(e.message, /tenants\[0\]\.clientSecretFile/);
    assert.match(e.message, /\/nonexistent\/secret/);
  });

  test('a bad value from the environment names the variable as its source', () => {
    const e = fails('', { GRAPHSOC_SERVER_PORT: 'abc' });
    const p = e.problems.find((x) => x.key === 'server.port');
    assert.equal(p?.source, 'env GRAPHSOC_SERVER_PORT');
  });

  test('never shows a secret value in a problem', () => {
    const e = fails(`${TENANT}clientSecret = 12345678\n`);
    assert.doesNotMatch(e.message, /12345678/);
    assert.match(e.message, /tenants\[0\]\.clientSecret/);
  });
});

describe('loadConfig reads the files the configuration names, as serve would', () => {
  test('an unreadable certificate names the key and the path', () => {
    const e = fails(
      `${TENANT}certificatePath = "/nonexistent/contoso.pem"\ncertificateThumbprint = "${'0'.repeat(40)}"\n`,
    );
    assert.deepEqual(
      e.problems.map((p) => [p.key, p.found]),
      [['tenants[0].certificatePath', 'cannot read certificate file /nonexistent/contoso.pem (ENOENT)']],
    );
  });

  test('a certificate whose thumbprint is not the configured one', () => {
    const cert = makeClientCertificate();
    const e = fails(
      `${TENANT}certificatePath = "${cert.pemPath}"\ncertificateThumbprint = "${'0'.repeat(40)}"\n`,
    );
    assert.equal(e.problems[0]?.key, 'tenants[0].certificatePath');
    assert.match(e.message, new RegExp(`has thumbprint ${cert.sha1}, not the configured ${'0'.repeat(40)}`));
  });

  test('every caFile, in whichever section, names its key and path', () => {
    const notCa = tempFile('not-ca.pem', 'no certificate here');
    const e = fails(
      `${TENANT}clientSecret = "abcd"\ncaFile = "/nonexistent/tenant-ca.pem"\n[archer]\ncaFile = "${notCa}"\n[relay]\ncaFile = "/nonexistent/relay-ca.pem"\n[relay.graphSecurity]\ncaFile = "/nonexistent/gs-ca.pem"\n`,
    );
    assert.deepEqual(
      e.problems.map((p) => `${p.key}: ${p.found}`).sort(),
      [
        'tenants[0].caFile: cannot read CA file /nonexistent/tenant-ca.pem (ENOENT)',
        `archer.caFile: CA file ${notCa} holds no PEM certificate`,
        'relay.caFile: cannot read CA file /nonexistent/relay-ca.pem (ENOENT)',
        'relay.graphSecurity.caFile: cannot read CA file /nonexistent/gs-ca.pem (ENOENT)',
      ].sort(),
    );
  });
});
