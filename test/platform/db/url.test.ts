// Database URLs: what is accepted, what is refused with GSOC_DB_URL_INVALID, and password redaction.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseDatabaseUrl, redactDatabaseUrl } from '../../../src/platform/db/index.js';

describe('parseDatabaseUrl accepts', () => {
  const ok: Array<[string, Record<string, unknown>]> = [
    ['sqlite:./data/graphsoc.db', { dialect: 'sqlite', path: './data/graphsoc.db' }],
    ['sqlite:/var/lib/graphsoc/g.db', { dialect: 'sqlite', path: '/var/lib/graphsoc/g.db' }],
    ['sqlite:///var/lib/graphsoc/g.db', { dialect: 'sqlite', path: '/var/lib/graphsoc/g.db' }],
    ['SQLite:./g.db', { dialect: 'sqlite', path: './g.db' }],
    ['sqlite::memory:', { dialect: 'sqlite', path: ':memory:' }],
    ['sqlite:./odd name:with@chars.db', { dialect: 'sqlite', path: './odd name:with@chars.db' }],
    [
      './data/graphsoc.db',
      { dialect: 'sqlite', path: './data/graphsoc.db', display: 'sqlite:./data/graphsoc.db' },
    ],
    ['/abs/graphsoc.db', { dialect: 'sqlite', path: '/abs/graphsoc.db' }],
    ['  sqlite:x.db  ', { dialect: 'sqlite', path: 'x.db' }],
    [
      'postgres://u@db:5432/gs',
      { dialect: 'postgres', connectionString: 'postgres://u@db:5432/gs', schema: undefined },
    ],
    ['POSTGRES://u@db/gs', { dialect: 'postgres', connectionString: 'POSTGRES://u@db/gs' }],
    [
      'postgresql://u@db/gs?schema=tenant_a',
      { connectionString: 'postgresql://u@db/gs', schema: 'tenant_a' },
    ],
    [
      'postgres://u@db/gs?sslmode=require&schema=gs',
      { connectionString: 'postgres://u@db/gs?sslmode=require', schema: 'gs' },
    ],
    ['postgres://u@[::1]:5432/gs', { dialect: 'postgres', connectionString: 'postgres://u@[::1]:5432/gs' }],
    ['postgres:///gs?host=/var/run/postgresql', { dialect: 'postgres' }],
    [
      'postgres://u@db/gs?schema=s&options=-c%20lock_timeout%3D5s',
      { connectionString: 'postgres://u@db/gs', schema: 's', options: '-c lock_timeout=5s' },
    ],
    // A password nobody percent-encoded is left for pg exactly as written.
    [
      'postgres://u:p@ss/w?rd@db/gs',
      { dialect: 'postgres', connectionString: 'postgres://u:p@ss/w?rd@db/gs' },
    ],
  ];
  for (const [url, expected] of ok) {
    test(JSON.stringify(url), () => {
      const t = parseDatabaseUrl(url) as unknown as Record<string, unknown>;
      for (const [k, v] of Object.entries(expected)) assert.equal(t[k], v, k);
    });
  }
});

describe('parseDatabaseUrl refuses with GSOC_DB_URL_INVALID', () => {
  const bad: Array<[string, RegExp]> = [
    ['', /is empty/],
    ['   ', /is empty/],
    ['sqlite:', /names no file/],
    ['sqlite://', /names a host/],
    ['sqlite://host/x.db', /names a host/],
    ['sqlite:./x.db?mode=ro', /query or fragment/],
    ['sqlite:a\nb', /control characters/],
    ['sqlite:a\u0000b', /control characters/],
    ['postgres://u@db/gs\r\nX-Injected: 1', /control characters/],
    ['mysql://root@localhost/db', /unsupported scheme "mysql:"/],
    ['http://db/gs', /unsupported scheme/],
    ['file:///tmp/x.db', /unsupported scheme/],
    ['javascript:alert(1)', /unsupported scheme/],
    ['postgres:db', /unsupported scheme "postgres:"/],
    ['postgres:/db/gs', /unsupported scheme/],
    ['postgres://', /names no host/],
    ['postgres://:5432/gs', /names no host|not a valid URL/],
    ['postgres://u@db:99999/gs', /not a valid URL/],
    ['postgres://u@db:port/gs', /not a valid URL/],
    ['postgres://u@db/gs?schema=Robert%27);drop%20table%20x;--', /schema .* is not allowed/],
    ['postgres://u@db/gs?schema=UPPER', /schema "UPPER" is not allowed/],
    ['postgres://u@db/gs?schema=', /schema "" is not allowed/],
    ['postgres://u@db/gs?schema=pg_catalog', /not starting with pg_/],
    ['postgres://u@db/gs?schema=1abc', /is not allowed/],
    [`postgres://u@db/gs?schema=${'a'.repeat(64)}`, /is not allowed/],
    ['postgres://u@db/gs?schema=a&schema=b', /repeats the schema/],
    ['postgres://u@db/gs?options=a&options=b', /repeats the schema or options/],
  ];
  for (const [url, message] of bad) {
    test(JSON.stringify(url), () => {
      assert.throws(
        () => parseDatabaseUrl(url),
        (e: Error & { code?: string; actor?: string }) => {
          assert.equal(e.code, 'GSOC_DB_URL_INVALID');
          assert.equal(e.actor, 'caller');
          assert.match(e.message, message);
          return true;
        },
      );
    });
  }

  test('the message says what was expected', () => {
    assert.throws(
      () => parseDatabaseUrl('mysql://x'),
      /expected sqlite:PATH, sqlite::memory: or postgres:\/\//,
    );
  });
});

describe('passwords stay out of messages', () => {
  const hostile = [
    'postgres://gs:hunter2@db/gs?schema=BAD',
    'postgres://gs:hunter2@db:99999/gs',
    'mysql://gs:hunter2@db/gs',
    'postgres://gs:hun@ter2@db/gs?schema=BAD',
    'postgres://gs:hunter2/x@db/gs?schema=a&schema=b',
    'postgres://gs:hunter2?x@db:1x/gs',
    'postgres://gs:hunter2#x@db/gs?schema=BAD',
    'postgres://gs:hunter2@db/gs\nmore',
  ];
  for (const url of hostile) {
    test(`refusing ${JSON.stringify(url)} does not show the password`, () => {
      assert.throws(
        () => parseDatabaseUrl(url),
        (e: Error) => {
          assert.ok(!e.message.includes('hunter2'), e.message);
          assert.ok(!/ter2/.test(e.message), e.message);
          return true;
        },
      );
    });
  }

  test('display replaces the password of an accepted URL', () => {
    assert.equal(parseDatabaseUrl('postgres://gs:hunter2@db/gs').display, 'postgres://gs:[redacted]@db/gs');
    assert.equal(
      parseDatabaseUrl('postgres://gs:hunter2@db/gs?schema=a').display,
      'postgres://gs:[redacted]@db/gs?schema=a',
    );
  });

  const redactions: Array<[string, string]> = [
    ['postgres://gs@db/gs', 'postgres://gs@db/gs'],
    ['postgres://db/gs', 'postgres://db/gs'],
    ['sqlite:./a:b@c.db', 'sqlite:./a:b@c.db'],
    ['postgres://gs:p%40ss@db/gs', 'postgres://gs:[redacted]@db/gs'],
    ['postgres://gs:p@ss@db/gs', 'postgres://gs:[redacted]@db/gs'],
    ['postgres://gs:p/ss?x#y@db:5432/gs', 'postgres://gs:[redacted]@db:5432/gs'],
    ['postgres://:secret@db/gs', 'postgres://:[redacted]@db/gs'],
    ['postgres://gs:@db/gs', 'postgres://gs:[redacted]@db/gs'],
  ];
  for (const [url, shown] of redactions) {
    test(`redactDatabaseUrl(${JSON.stringify(url)})`, () => assert.equal(redactDatabaseUrl(url), shown));
  }

  test('an @ in a query value hides more than the password rather than less', () => {
    const shown = redactDatabaseUrl('postgres://gs:hunter2@db/gs?application_name=a@b');
    assert.ok(!shown.includes('hunter2'), shown);
  });

  test('the driver-message scrubber removes the raw and the decoded password', () => {
    const t = parseDatabaseUrl('postgres://gs:s%3Acret99@db/gs');
    assert.equal(t.dialect, 'postgres');
    if (t.dialect !== 'postgres') return;
    assert.equal(t.scrub('auth failed for s:cret99 / s%3Acret99'), 'auth failed for [redacted] / [redacted]');
  });
});
