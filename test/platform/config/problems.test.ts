// How configuration problems read: one line per problem in our words ("expected at most 65535"),
// each naming the file or variable, every problem of the file listed in one run.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadAppConfig } from '../../../src/app/config.js';
import { ConfigError } from '../../../src/platform/config/index.js';
import { tempFile } from '../../helpers/tmp.js';

function refused(toml: string, env: NodeJS.ProcessEnv = {}) {
  const path = tempFile('graphsoc.toml', toml);
  try {
    loadAppConfig({ path, env });
  } catch (e) {
    assert.ok(e instanceof ConfigError, String(e));
    const lines = e.message.split('\n').slice(1);
    return { path, e, lines, line: (key: string) => lines.find((l) => l.includes(`: ${key}: `)) ?? '' };
  }
  return assert.fail('expected the configuration to be refused');
}

/** zod's own phrasing, which must never reach an operator. */
const ZOD_WORDING =
  /Too big|Too small|Invalid input|Invalid option|Invalid URL|Invalid string|Unrecognized key|received /;

describe('configuration problems', () => {
  test('each out-of-range, wrongly typed or unknown value says in our words what was expected', () => {
    const r = refused(
      [
        '[server]\nport = 70000\nhost = ""\npublicUrl = "not a url"',
        '[log]\nlevel = "loud"',
        '[leases]\nttlSec = 4000',
        '[relay]\nenabled = "yes"\njwksHosts = "one"',
        '[phishing.archer]\nvalues = { Source = 3 }\ncrossReferences = { Device = [-1] }',
      ].join('\n'),
    );
    const expected: Record<string, string> = {
      'server.port': 'expected at most 65535; found 70000',
      'server.host': 'expected a non-empty string; found ""',
      'server.publicUrl': 'expected a URL; found "not a url"',
      'log.level':
        'expected one of "fatal", "error", "warn", "info", "debug", "trace", "silent"; found "loud"',
      'leases.ttlSec': 'expected at most 3600; found 4000',
      'relay.enabled': 'expected true or false, written without quotes; found "yes"',
      'relay.jwksHosts': 'expected an array; found "one"',
      'phishing.archer.values.Source': 'expected text (a string) or an array; found 3',
      'phishing.archer.crossReferences.Device[0]': 'expected more than 0; found -1',
    };
    for (const [key, text] of Object.entries(expected))
      assert.equal(r.line(key), `  ${r.path}: ${key}: ${text}`, r.e.message);
    assert.equal(r.lines.length, Object.keys(expected).length, r.e.message);
    assert.doesNotMatch(r.e.message, ZOD_WORDING);
  });

  test('a check that names what it found is not followed by the same finding again', () => {
    const r = refused(
      '[[tenants]]\nname = "contoso"\ntenantId = "t"\nclientId = "c"\nclientSecret = "abcd-secret"\n[[phishing.mailboxes]]\ntenant = "fabrikam"\nmailbox = "phish@contoso.com"\n',
    );
    assert.deepEqual(r.lines, [
      `  ${r.path}: phishing.mailboxes[0].tenant: expected the name of a [[tenants]] entry (contoso); found "fabrikam"`,
    ]);
    assert.equal(r.e.problems[0]?.found, '"fabrikam"');
  });

  test('every problem of the file is listed in one run, each naming the file or the variable', () => {
    const r = refused(
      '[server]\nport = 70000\nprot = 1\n[[phishing.mailboxes]]\ntenant = "fabrikam"\nmailbox = "phish@contoso.com"\n[archer]\npasswordFile = "/nonexistent/archer"\n[relay]\nmodules = ["graph-security", "nope"]\n',
      { GRAPHSOC_LOG_LEVEL: 'loud' },
    );
    assert.deepEqual(
      r.e.problems.map((p) => `${p.source}: ${p.key}`).sort(),
      [
        'env GRAPHSOC_LOG_LEVEL: log.level',
        `${r.path}: archer.passwordFile`,
        `${r.path}: phishing.mailboxes[0].tenant`,
        `${r.path}: relay.modules[1]`,
        `${r.path}: server.port`,
        `${r.path}: server.prot`,
      ].sort(),
    );
    assert.equal(r.e.code, 'GSOC_CONFIG_INVALID');
  });

  test('a check concerning a key left out names the default it took', () => {
    const r = refused('[leases]\nttlSec = 10\n');
    assert.deepEqual(r.lines, [
      `  ${r.path}: leases.renewEverySec: expected renewEverySec to be at most half of ttlSec; found nothing, so the default 10`,
    ]);
  });

  test('a text value where a boolean belongs does not make the checks read the job as enabled', () => {
    const r = refused('[phishing]\nenabled = "false"\n');
    assert.deepEqual(
      r.e.problems.map((p) => p.key),
      ['phishing.enabled'],
    );
  });
});

describe('relay modules', () => {
  test('an unknown module is a configuration problem naming the key and the modules there are', () => {
    const r = refused('[relay]\nenabled = true\nmodules = ["graph-security", "graph-securty"]\n');
    assert.deepEqual(r.lines, [
      `  ${r.path}: relay.modules[1]: expected a relay module (graph-security); found "graph-securty"`,
    ]);
  });

  test('mount = "root" with other than one module is a configuration problem at relay.mount', () => {
    for (const modules of ['[]', '["graph-security", "graph-security"]']) {
      const r = refused(`[relay]\nmount = "root"\nmodules = ${modules}\n`);
      assert.equal(r.e.problems.length, 1, r.e.message);
      assert.equal(r.e.problems[0]?.key, 'relay.mount');
      assert.match(r.lines[0] ?? '', /"root" serves exactly one; found "root"$/);
    }
    const ok = loadAppConfig({
      path: tempFile('g.toml', '[relay]\nmount = "root"\nmodules = ["graph-security"]\n'),
      env: {},
    });
    assert.equal(ok.config.relay.mount, 'root');
  });
});
