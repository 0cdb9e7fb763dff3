// One hostile mail on a running instance (issue 11): a report whose body takes the analysis far longer
// than its budget. Its analysis runs on a worker thread, so the instance keeps answering meanwhile;
// at the budget the worker is stopped, and the report is filed with what its headers gave, says so in
// its Archer record, and is moved like any other. The next report is analysed in full.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Emulators, startEmulators } from '../../emulators/index.js';
import {
  type ArcherClient,
  ArcherMetadata,
  createArcherClient,
  findRecordIds,
  readRecord,
} from '../../src/connectors/archer/index.js';
import type { Runtime } from '../../src/app/runtime.js';
import { phishingDb, recordOf } from '../../src/phishing/store/index.js';
import { LogCapture } from '../helpers/log-capture.js';
import { waitFor } from '../helpers/wait.js';
import { emulatedArcher, type MailTenant, mailTenant, startWebhookRuntime } from './emulated-tenant.js';

const MAILBOX = 'phish@contoso-hostile.example';
/**
 * 800,000 URL-like words: about 2 s of analysis on an idle machine, twice the budget below, while
 * parsing them takes a tenth of that, so the headers-only record is there when the budget runs out.
 */
const HOSTILE_BYTES = 4 * 1024 * 1024;
const BUDGET_SEC = 1;

function report(reporter: string, original: { subject: string; messageId: string; body: string }): string {
  return [
    `From: <${reporter}>`,
    `To: ${MAILBOX}`,
    `Subject: FW: ${original.subject}`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    '--b',
    'Content-Type: message/rfc822',
    '',
    'From: "Payroll" <payroll@contoso-hostile-pay.example>',
    `Subject: ${original.subject}`,
    `Message-ID: <${original.messageId}>`,
    'Content-Type: text/plain',
    '',
    original.body,
    '--b--',
    '',
  ].join('\r\n');
}

describe('a hostile mail on a running instance', () => {
  let emulators: Emulators;
  let mail: MailTenant;
  let runtime: Runtime;
  let archer: ArcherClient;
  const log = new LogCapture();
  const rows = () =>
    phishingDb(runtime.store.db).selectFrom('phishing_reports').selectAll().orderBy('id').execute();

  before(async () => {
    emulators = await startEmulators();
    mail = mailTenant(emulators, { domain: 'contoso-hostile.example', mailbox: MAILBOX });
    runtime = await startWebhookRuntime(emulators, {
      mail,
      mailbox: MAILBOX,
      ownDomains: ['contoso-hostile.example'],
      analysisBudgetSec: BUDGET_SEC,
      logDestination: log,
    });
    archer = createArcherClient(emulatedArcher(emulators));
  });
  after(async () => {
    await archer.close();
    await runtime.stop();
    await emulators.close();
  });

  test('the instance answers within 100 ms while it is analysed; past its budget it is filed in part, and says so', async () => {
    emulators.entraGraph.deliverMail(mail.tenantId, MAILBOX, {
      mime: report('erin@contoso-hostile.example', {
        subject: 'Salary statement',
        messageId: 'hostile-1@contoso-hostile-pay.example',
        body: 'a.co '.repeat(HOSTILE_BYTES / 5),
      }),
    });
    // The analysis begins once the MIME is stored; from then until it ends, the health probe is timed.
    await waitFor('the report fetched', async () => (await rows())[0]?.mime != null, { timeoutMs: 60_000 });
    const samples: number[] = [];
    while ((await rows())[0]?.step === 'fetched') {
      const t = performance.now();
      const res = await fetch(`${runtime.url}/healthz`);
      await res.arrayBuffer();
      samples.push(performance.now() - t);
      assert.equal(res.status, 200);
    }
    // The budget alone gives the probe a second; a blocked event loop would answer once, after the analysis.
    assert.ok(samples.length >= 10, `only ${samples.length} answers while the report was analysed`);
    const sorted = [...samples].sort((a, b) => a - b);
    const p90 = sorted[Math.floor(sorted.length * 0.9)] as number;
    assert.ok(
      p90 < 100,
      `90th percentile ${p90.toFixed(0)} ms of ${samples.length} answers (slowest ${sorted.at(-1)?.toFixed(0)} ms)`,
    );

    const done = await waitFor('the report filed and moved', async () => {
      const r = (await rows())[0];
      if (r?.state !== 'done') throw new Error(`report ${r?.state} at ${r?.step}: ${r?.last_error}`);
      return r;
    });
    const record = recordOf(done);
    if (record?.unparseable) {
      // A machine so loaded that even parsing outlasted the budget: filed all the same, saying why.
      assert.match(record.unparseable, /^over-budget: parsing did not end; .*1 s budget/);
    } else {
      assert.match(record?.incomplete ?? '', /ran out of its 1 s budget/);
      assert.equal(record?.subject, 'Salary statement');
      assert.equal(record?.from, 'payroll@contoso-hostile-pay.example');
      assert.deepEqual(record?.analysis?.iocs.urls, [], 'the body was not read');
    }
    assert.equal(done.attempts, 0, 'the attempt of an analysis that ended is given back');
    assert.ok(log.records().some((l) => /ran out of its time budget/.test(String(l.msg))));
    // The emulated Archer takes requests up to 4 MB, as a web server with a limit does: the 4 MB
    // original, a third larger in base64, is refused, and the incident is filed without it.
    assert.ok(log.records().some((l) => /refused the reported original as too large/.test(String(l.msg))));

    const target = { application: 'Security Incidents', meta: new ArcherMetadata(archer) };
    const ids = await findRecordIds(archer, target, 'Message ID', done.campaign_key as string);
    assert.equal(ids.length, 1);
    const incident = await readRecord(archer, target, ids[0] as number);
    if (!record?.unparseable)
      assert.match(
        String(incident['Incident Description']),
        /Analysed in part:<\/b> 1 of 1 reports ran out of analysis time/,
      );
  });

  test('the next report gets a new worker and a full analysis', async () => {
    emulators.entraGraph.deliverMail(mail.tenantId, MAILBOX, {
      mime: report('erin@contoso-hostile.example', {
        subject: 'Benefits',
        messageId: 'benign-2@contoso-hostile-pay.example',
        body: 'Update at https://contoso-hostile-pay.example/benefits',
      }),
    });
    const done = await waitFor('the second report filed', async () => {
      const r = (await rows())[1];
      return r?.state === 'done' ? r : undefined;
    });
    const record = recordOf(done);
    assert.equal(record?.incomplete, undefined);
    assert.deepEqual(record?.analysis?.iocs.urls, ['https://contoso-hostile-pay.example/benefits']);
  });
});
