// Mutated corpus: byte flips, truncations, duplicated and deleted slices of real reports, seeded so a
// failure can be replayed. Each mutant must give a result (report or reason) and never throw.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isUnparseable, parseReport } from '../../../src/phishing/parse/index.js';
import { type Rng, seeded, standardCorpus } from '../corpus/index.js';

function mutate(src: Uint8Array, rng: Rng): Uint8Array {
  const b = Uint8Array.from(src);
  switch (rng.int(4)) {
    case 0: {
      for (let i = 0, n = 1 + rng.int(40); i < n; i++) b[rng.int(b.length)] = rng.int(256);
      return b;
    }
    case 1:
      return b.subarray(0, rng.int(b.length));
    case 2: {
      const at = rng.int(b.length);
      const len = rng.int(Math.min(4000, b.length - at));
      return Uint8Array.from([...b.subarray(0, at), ...b.subarray(at + len)]);
    }
    default: {
      const at = rng.int(b.length);
      const slice = b.subarray(at, at + rng.int(2000));
      return Uint8Array.from([...b.subarray(0, at), ...slice, ...slice, ...b.subarray(at)]);
    }
  }
}

test('300 mutated reports each give a result without throwing', async () => {
  const rng = seeded(20261129);
  const corpus = standardCorpus(5);
  let reports = 0;
  for (let i = 0; i < 300; i++) {
    const entry = rng.pick(corpus);
    const input = mutate(entry.raw, rng);
    const r = await parseReport(input).catch((err: unknown) =>
      assert.fail(`mutant ${i} of ${entry.name} threw: ${String(err)}`),
    );
    assert.ok(r !== undefined && r !== null, `mutant ${i}`);
    if (isUnparseable(r)) assert.equal(typeof r.unparseable, 'string');
    else {
      reports++;
      assert.equal(typeof r.original.subject, 'string');
      assert.ok(Array.isArray(r.original.headers));
    }
  }
  // Most mutants still carry a readable report header; the parser must not give up on them.
  assert.ok(reports > 150, `only ${reports} of 300 mutants gave a report`);
});

test('100 damaged .msg files attached to a report each give a result without throwing', async () => {
  const { buildMessage, msgFile } = await import('../corpus/index.js');
  const rng = seeded(424242);
  const names = [
    'Outer_mail.msg',
    'msgInMsgInMsg.msg',
    'Attach_sample_eml_received.msg',
    'unicode1.msg',
    'Simple.msg',
  ];
  for (let i = 0; i < 100; i++) {
    const name = rng.pick(names);
    const damaged = mutate(msgFile(name), rng);
    const raw = buildMessage({
      headers: [
        ['From', 'alice@contoso.com'],
        ['Subject', `damaged ${i}`],
      ],
      text: 'x',
      files: [{ name, contentType: 'application/vnd.ms-outlook', bytes: damaged }],
    });
    const r = await parseReport(new Uint8Array(Buffer.from(raw))).catch((err: unknown) =>
      assert.fail(`damaged ${name} #${i} threw: ${String(err)}`),
    );
    // The report itself is intact, so it always parses; the .msg may or may not.
    assert.ok(!isUnparseable(r), `damaged ${name} #${i}: ${JSON.stringify(r)}`);
    assert.equal(r.reporter?.address, 'alice@contoso.com');
  }
});
