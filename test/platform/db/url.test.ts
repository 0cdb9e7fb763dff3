import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseDatabaseUrl, redactDatabaseUrl } from '../../../src/platform/db/index.js';

describe('parseDatabaseUrl', () => {
  const ok: Array<[string, Record<string, unknown>]> = [
    ['sqlite:./data/graphsoc.db', { dialect: 'sqlite', path: './data/graphsoc.db' }],
    ['sqlite:/var/lib/graphsoc/g.db', { dialect: 'sqlite', path: '/var/lib/graphsoc/g.db' }],
    ['sqlite:///var/lib/graphsoc/g.db', { dialect: 'sqlite', path: '/var/lib/graphsoc/g.db' }],
    ['sqlite::memory:', { dialect: 'sqlite', path: ':memory:' }],
    ['./data/graphsoc.db', { dialect: 'sqlite', path: './data/graphsoc.db' }],
    ['  sqlite:x.db  ', { dialect: 'sqlite', path: 'x.db' }],
    [
      'postgres://u@db:5432/gs',
      { dialect: 'postgres', connectionString: 'postgres://u@db:5432/gs', schema: undefined },
    ],
    [
      'postgresql://u@db/gs?schema=tenant_a',
      { dialect: 'postgres', connectionString: 'postgresql://u@db/gs', schema: 'tenant_a' },
    ],
    [
      'postgres://u@db/gs?sslmode=require&schema=gs',
      { dialect: 'postgres', connectionString: 'postgres://u@db/gs?sslmode=require', schema: 'gs' },
    ],
  ];
  for (const [url, expected] of ok) {
    test(`accepts ${url.trim()}`, () => {
      const t = parseDatabaseUrl(url) as unknown as Record<string, unknown>;
      for (const [k, v] of Object.entries(expected)) assert.equal(t[k], v, k);
    });
  }

  const bad: Array<[string, RegExp]> = [
    ['', /empty/],
    ['sqlite:', /names no file/],
    ['mysql://root@localhost/db', /unsupported scheme/],
    ['postgres://', /not a valid URL|names no host/],
    ['postgres://u@db/gs?schema=Robert%27);drop', /schema .* is not allowed/],
    ['postgres://u@db/gs?schema=a&schema=b', /more than one schema/],
    ['postgres://u@db/gs?schema=' + 'a'.repeat(64), /not allowed/],
    ['sqlite:a\nb', /control characters/],
  ];
  for (const [url, message] of bad) {
    test(`refuses ${JSON.stringify(url)} with GSOC_DB_URL_INVALID`, () => {
      assert.throws(
        () => parseDatabaseUrl(url),
        (e: Error & { code?: string }) => {
          assert.equal(e.code, 'GSOC_DB_URL_INVALID');
          assert.match(e.message, message);
          return true;
        },
      );
    });
  }

  test('never puts the password of a URL into an error message', () => {
    assert.throws(
      () => parseDatabaseUrl('postgres://gs:hunter2@db/gs?schema=BAD'),
      (e: Error) => !e.message.includes('hunter2') && e.message.includes('[redacted]'),
    );
    assert.throws(
      () => parseDatabaseUrl('mysql://gs:hunter2@db/gs'),
      (e: Error) => !e.message.includes('hunter2'),
    );
    assert.equal(parseDatabaseUrl('postgres://gs:hunter2@db/gs').display, 'postgres://gs:[redacted]@db/gs');
  });

  test('redactDatabaseUrl keeps URLs without a password as they are', () => {
    assert.equal(redactDatabaseUrl('postgres://gs@db/gs'), 'postgres://gs@db/gs');
    assert.equal(redactDatabaseUrl('sqlite:./a:b@c.db'), 'sqlite:./a:b@c.db');
    assert.equal(redactDatabaseUrl('postgres://gs:p%40ss@db/gs'), 'postgres://gs:[redacted]@db/gs');
  });
});
