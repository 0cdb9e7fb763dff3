// Unit tests of the emulator's KQL subset: tokenizer, parser and evaluator against small in-memory tables.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { KqlError, type Table } from '../../emulators/graph-security/kql/ast.js';
import { tokenize } from '../../emulators/graph-security/kql/lexer.js';
import { parseQuery } from '../../emulators/graph-security/kql/parser.js';
import { describeKqlError, runKql } from '../../emulators/graph-security/kql/run.js';
import { hasTerm } from '../../emulators/graph-security/kql/values.js';

const NOW = Date.parse('2026-03-01T00:00:00Z');
const d = (iso: string) => new Date(iso);

const Events: Table = {
  columns: [
    { name: 'Timestamp', type: 'datetime' },
    { name: 'AlertId', type: 'string' },
    { name: 'FileName', type: 'string' },
    { name: 'RemoteUrl', type: 'string' },
    { name: 'Size', type: 'long' },
  ],
  rows: [
    {
      Timestamp: d('2026-02-28T12:00:00Z'),
      AlertId: 'a1',
      FileName: 'Evil.EXE',
      RemoteUrl: 'https://evil.com/x',
      Size: 10,
    },
    { Timestamp: d('2026-02-27T00:00:00Z'), AlertId: 'a1', FileName: 'calc.exe', RemoteUrl: '', Size: 30 },
    {
      Timestamp: d('2026-02-20T00:00:00Z'),
      AlertId: 'a2',
      FileName: 'notevil.dll',
      RemoteUrl: 'https://sub.evil.com.example',
      Size: null,
    },
    {
      Timestamp: d('2026-01-01T00:00:00Z'),
      AlertId: 'a3',
      FileName: '',
      RemoteUrl: 'http://good.org',
      Size: 5,
    },
  ],
};
const Info: Table = {
  columns: [
    { name: 'AlertId', type: 'string' },
    { name: 'Title', type: 'string' },
  ],
  rows: [
    { AlertId: 'a1', Title: 'Malware' },
    { AlertId: 'a2', Title: 'Phish' },
    { AlertId: 'a9', Title: 'Orphan' },
  ],
};

function run(q: string): Table {
  return runKql(q, (n) => ({ Events, Info })[n as 'Events' | 'Info'], { now: NOW });
}
const col = (q: string, c: string) => run(q).rows.map((r) => r[c]);
function failsWith(q: string, re: RegExp): KqlError {
  try {
    run(q);
  } catch (error) {
    assert.ok(error instanceof KqlError, `expected KqlError, got ${error}`);
    assert.match(error.message, re);
    return error;
  }
  assert.fail(`query did not fail: ${q}`);
}

describe('KQL tokenizer', () => {
  test('reads strings with escapes, verbatim strings, timespans, datetime literals and dashed operators', () => {
    const toks = tokenize(
      `T | project-away X | where A == "a\\"b" and B =~ @'C:\\dir''s' and C > ago(1.5h) and D < datetime(2026-01-01T00:00:00Z) and E !in~ ('x')`,
    );
    const strs = toks.filter((t) => t.t === 'str').map((t) => t.v);
    assert.deepEqual(strs, ['a"b', "C:\\dir's", 'x']);
    assert.equal(toks.find((t) => t.t === 'span')?.n, 1.5 * 3_600_000);
    assert.equal(toks.find((t) => t.t === 'datetime')?.v, '2026-01-01T00:00:00Z');
    assert.ok(toks.some((t) => t.v === 'project-away'));
    assert.ok(toks.some((t) => t.v === '!in~'));
  });

  test('an unterminated string is a syntax error at its position', () => {
    const e = failsWith('Events | where FileName == "abc', /could not be parsed/);
    assert.equal(e.kind, 'syntax');
    assert.equal(e.pos, 27);
    assert.match(
      describeKqlError('Events | where FileName == "abc', e),
      /^Syntax error: .* on line \[1,28\]$/,
    );
  });
});

describe('KQL parser', () => {
  test('parses lets, joins with kind and $left/$right keys, and summarize by', () => {
    const q = parseQuery(
      'let xs = dynamic(["a"]);\nEvents | join kind=leftouter (Info | where Title != "") on $left.AlertId == $right.AlertId | summarize n = count() by AlertId',
    );
    assert.equal(q.lets[0]?.name.name, 'xs');
    const join = q.body.stages[0];
    assert.ok(join?.op === 'join' && join.kind === 'leftouter' && join.right.table.name === 'Info');
    assert.equal(q.body.stages[1]?.op, 'summarize');
  });

  test('unsupported operators and dangling pipes are syntax errors naming the token', () => {
    failsWith('Events | mv-expand X', /could not be parsed at 'mv'/);
    failsWith('Events |', /could not be parsed at '<end of query>'/);
    failsWith('Events | where', /could not be parsed/);
    failsWith('Events | take x', /could not be parsed at 'x'/);
    failsWith('Events | join kind=outerfull (Info) on AlertId', /could not be parsed at 'outerfull'/);
  });
});

describe('KQL evaluator', () => {
  test('== is case-sensitive, =~ is not; != and !~ negate', () => {
    assert.deepEqual(col('Events | where FileName == "evil.exe"', 'AlertId'), []);
    assert.deepEqual(col('Events | where FileName =~ "evil.exe"', 'FileName'), ['Evil.EXE']);
    assert.equal(run('Events | where FileName != "calc.exe"').rows.length, 3);
    assert.equal(run('Events | where FileName !~ "EVIL.exe"').rows.length, 3);
  });

  test('in, in~, !in and has_any take literal lists and let-bound dynamic arrays', () => {
    assert.deepEqual(col('Events | where FileName in ("calc.exe", "x")', 'FileName'), ['calc.exe']);
    assert.deepEqual(
      col('let names = dynamic(["EVIL.exe"]); Events | where FileName in~ (names)', 'AlertId'),
      ['a1'],
    );
    assert.equal(run('Events | where FileName !in ("calc.exe")').rows.length, 3);
    assert.deepEqual(col('Events | where RemoteUrl has_any ("good", "nothing")', 'AlertId'), ['a3']);
  });

  test('has matches whole terms; contains, startswith and endswith match substrings case-insensitively', () => {
    assert.deepEqual(col('Events | where RemoteUrl has "evil.com"', 'AlertId'), ['a1', 'a2']);
    assert.deepEqual(col('Events | where FileName has "evil"', 'FileName'), ['Evil.EXE']);
    assert.deepEqual(col('Events | where FileName contains "EVIL"', 'FileName'), ['Evil.EXE', 'notevil.dll']);
    assert.deepEqual(col('Events | where FileName startswith "NOT"', 'FileName'), ['notevil.dll']);
    assert.deepEqual(col('Events | where FileName endswith ".exe"', 'FileName'), ['Evil.EXE', 'calc.exe']);
    assert.ok(hasTerm('C:\\Temp\\x.exe', 'temp', false));
    assert.ok(!hasTerm('attempt', 'temp', false));
  });

  test('time: ago, now, datetime literals and between on datetimes and numbers', () => {
    assert.deepEqual(col('Events | where Timestamp > ago(3d)', 'FileName'), ['Evil.EXE', 'calc.exe']);
    assert.deepEqual(col('Events | where Timestamp between (datetime(2026-02-01) .. now())', 'AlertId'), [
      'a1',
      'a1',
      'a2',
    ]);
    assert.deepEqual(col('Events | where Size between (6 .. 30)', 'Size'), [10, 30]);
    assert.deepEqual(col('Events | where Timestamp < ago(24h) and Timestamp >= ago(30d)', 'AlertId'), [
      'a1',
      'a2',
    ]);
  });

  test('and/or/not, parentheses, isempty/isnotempty, tolower', () => {
    assert.deepEqual(
      col('Events | where isempty(RemoteUrl) or (FileName == "" and not(Size > 6))', 'AlertId'),
      ['a1', 'a3'],
    );
    assert.deepEqual(
      col('Events | where isnotempty(FileName) and tolower(FileName) == "evil.exe"', 'AlertId'),
      ['a1'],
    );
    assert.deepEqual(col('Events | where isnull(Size)', 'AlertId'), ['a2']);
  });

  test('project, extend, project-away, project-rename, distinct, order by, take, top and count', () => {
    const p = run('Events | project AlertId, Name = tolower(FileName) | take 1');
    assert.deepEqual(
      p.columns.map((c) => c.name),
      ['AlertId', 'Name'],
    );
    assert.deepEqual(p.rows, [{ AlertId: 'a1', Name: 'evil.exe' }]);
    const e = run(
      'Events | extend Big = Size > 9 | project-away RemoteUrl, Timestamp | project-rename File = FileName',
    );
    assert.deepEqual(
      e.columns.map((c) => c.name),
      ['AlertId', 'File', 'Size', 'Big'],
    );
    assert.deepEqual(col('Events | distinct AlertId | order by AlertId asc', 'AlertId'), ['a1', 'a2', 'a3']);
    assert.deepEqual(col('Events | sort by Size', 'Size'), [30, 10, 5, null]);
    assert.deepEqual(col('Events | order by Size asc', 'Size'), [null, 5, 10, 30]);
    assert.deepEqual(col('Events | top 2 by Timestamp asc', 'AlertId'), ['a3', 'a2']);
    assert.deepEqual(run('Events | where AlertId == "a1" | count').rows, [{ Count: 2 }]);
    assert.deepEqual(col('Events | limit 2', 'AlertId'), ['a1', 'a1']);
  });

  test('summarize count, dcount, min, max, make_set and arg_max, by one or more columns', () => {
    const s = run(
      'Events | summarize count(), dcount(FileName), min(Size), max(Timestamp), make_set(FileName) by AlertId | order by AlertId asc',
    );
    assert.deepEqual(
      s.columns.map((c) => `${c.name}:${c.type}`),
      [
        'AlertId:string',
        'count_:long',
        'dcount_FileName:long',
        'min_Size:long',
        'max_Timestamp:datetime',
        'set_FileName:dynamic',
      ],
    );
    assert.deepEqual(s.rows[0], {
      AlertId: 'a1',
      count_: 2,
      dcount_FileName: 2,
      min_Size: 10,
      max_Timestamp: d('2026-02-28T12:00:00Z'),
      set_FileName: ['Evil.EXE', 'calc.exe'],
    });
    assert.deepEqual(run('Events | where AlertId == "none" | summarize n = count()').rows, [{ n: 0 }]);
    const latest = run('Events | summarize arg_max(Timestamp, *) by AlertId | where AlertId == "a1"');
    assert.equal(latest.rows[0]?.FileName, 'Evil.EXE');
    assert.equal(latest.columns[0]?.name, 'AlertId');
    assert.deepEqual(
      col('Events | summarize total = count() by AlertId, Big = Size > 9 | where total > 1', 'AlertId'),
      ['a1'],
    );
  });

  test('summarize mixes a named min() with arg_max() per key, then counts by bin() of the result', () => {
    // The dashboard tiles' shape: one row per alert (first time, latest values), then counts per day.
    const perAlert = run(
      'Events | summarize First = min(Timestamp), arg_max(Timestamp, FileName) by AlertId | order by AlertId asc',
    );
    assert.deepEqual(
      perAlert.columns.map((c) => c.name),
      ['AlertId', 'First', 'Timestamp', 'FileName'],
    );
    assert.deepEqual(perAlert.rows[0], {
      AlertId: 'a1',
      First: d('2026-02-27T00:00:00Z'),
      Timestamp: d('2026-02-28T12:00:00Z'),
      FileName: 'Evil.EXE',
    });
    const perDay = run(
      'Events | where Timestamp between (datetime(2026-02-01T00:00:00.000Z) .. datetime(2026-03-01T00:00:00.000Z)) | summarize First = min(Timestamp), arg_max(Timestamp, FileName) by AlertId | summarize Alerts = count() by Day = bin(First, 1d), Big = FileName != "" | order by Day asc',
    );
    assert.deepEqual(perDay.rows, [
      { Day: d('2026-02-20T00:00:00Z'), Big: true, Alerts: 1 },
      { Day: d('2026-02-27T00:00:00Z'), Big: true, Alerts: 1 },
    ]);
  });

  test('join: innerunique by default, inner keeps duplicates, leftouter keeps unmatched rows; clashing names get 1', () => {
    const inner = run('Events | join kind=inner (Info) on AlertId');
    assert.deepEqual(
      inner.rows.map((r) => r.AlertId),
      ['a1', 'a1', 'a2'],
    );
    assert.ok(inner.columns.some((c) => c.name === 'AlertId1'));
    assert.deepEqual(col('Events | join (Info) on AlertId', 'Title'), ['Malware', 'Phish']);
    const outer = run('Events | join kind=leftouter Info on $left.AlertId == $right.AlertId');
    assert.deepEqual(
      outer.rows.map((r) => r.Title),
      ['Malware', 'Malware', 'Phish', null],
    );
    failsWith(
      'Events | join (Info) on FileName',
      /Failed to resolve column named 'FileName' on the right side/,
    );
  });

  test('unknown tables, columns and functions are semantic errors with a position, even on empty input', () => {
    failsWith('Nope | take 1', /Failed to resolve table or column expression named 'Nope'/);
    const e = failsWith(
      'Events | where Missing == 1',
      /'where' operator: Failed to resolve scalar expression named 'Missing'/,
    );
    assert.equal(e.pos, 15);
    failsWith('Events | where Size > 100 | where Missing == 1', /Missing/);
    failsWith('Events | where frobnicate(FileName)', /Unknown function: 'frobnicate'/);
    failsWith('Events | where count() > 1', /cannot be invoked/);
    failsWith('Events | summarize FileName by AlertId', /aggregation function/);
    failsWith('Events | project Timestamp | project FileName', /FileName/);
  });
});
