// The feature registry: what the app reads from it must hold for every feature, the next ones included.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { CONFIG, enabledFeatures, loadAppConfig } from '../../src/app/config.js';
import { FEATURES, PLANNED_JOBS } from '../../src/app/registry.js';

const doc = (name: string) => readFileSync(new URL(`../../docs/${name}`, import.meta.url), 'utf8');

test('feature names and job ids are unique, and no planned job is also a built one', () => {
  const names = FEATURES.map((f) => f.name);
  assert.equal(new Set(names).size, names.length);
  const jobs = [...FEATURES.flatMap((f) => f.jobs), ...PLANNED_JOBS].map((j) => j.id);
  assert.equal(new Set(jobs).size, jobs.length);
});

test("each feature's jobs link an operator guide that exists", () => {
  for (const f of FEATURES) {
    for (const j of f.jobs) {
      assert.ok(j.docs, `${f.name}: job ${j.id} names no guide`);
      assert.ok(doc(j.docs.replace(/^docs\//, '')).length > 0);
    }
  }
});

test('every metric a feature updates is documented in docs/operations.md', () => {
  const ops = doc('operations.md');
  for (const f of FEATURES) {
    for (const m of f.metrics ?? []) {
      const name = (m as unknown as { name: string }).name;
      assert.ok(ops.includes(`\`${name}\``), `${f.name}: ${name} is not in docs/operations.md`);
    }
  }
});

test('every configuration section a feature declares is one top-level key of the composed schema', () => {
  const shape = (CONFIG.schema as unknown as { shape: Record<string, unknown> }).shape;
  for (const f of FEATURES) for (const s of Object.keys(f.config.sections)) assert.ok(s in shape, s);
});

test('with defaults only, no feature is enabled', () => {
  const { config } = loadAppConfig({ noFile: true, env: {} });
  assert.deepEqual(enabledFeatures(config), []);
});

test("a feature's checks across sections reach config check with the key they name", () => {
  assert.throws(
    () =>
      loadAppConfig({
        noFile: true,
        env: {},
        overrides: (raw) => {
          raw.phishing = { enabled: true, mailboxes: [{ tenant: 'nobody', mailbox: 'phish@contoso.com' }] };
        },
      }),
    (e: Error) => {
      assert.match(
        e.message,
        /phishing\.mailboxes\[0\]\.tenant: expected the name of a \[\[tenants\]\] entry/,
      );
      assert.match(e.message, /archer\.baseUrl: expected archer\.baseUrl/);
      return true;
    },
  );
});

test("every feature's secrets are redacted: each secret path ends in a key the loader knows", () => {
  for (const f of FEATURES)
    for (const p of f.config.secretPaths ?? [])
      assert.ok(CONFIG.secretKeys.includes(p[p.length - 1] as string));
  assert.deepEqual([...CONFIG.secretKeys].sort(), [
    'apiSecret',
    'clientSecret',
    'hs256Secret',
    'password',
    'token',
    'url',
  ]);
});
