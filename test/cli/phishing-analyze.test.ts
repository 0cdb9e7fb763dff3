// `graphsoc phishing analyze` on generated reports, the real Outlook .msg files of the shared corpus,
// and hostile inputs: the real program in process, and in a child process where stdin is read.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { type AnalysedRecord, analyzeRecordSchema } from '../../src/phishing/analyze-files/record.js';
import { type CliRun, graphsoc, graphsocProcess } from '../helpers/cli.js';
import { tempDir, tempFile } from '../helpers/tmp.js';
import {
  asItemAttachment,
  brokenMime,
  buildMessage,
  credentialPhish,
  MSG_DIR,
  nested,
  seeded,
  standardCorpus,
  withFiles,
} from '../phishing/corpus/index.js';

const analyze = (args: string[], o?: Parameters<typeof graphsoc>[1]) =>
  graphsoc(['phishing', 'analyze', ...args], o);

const lines = (r: CliRun) =>
  r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
const bytes = (s: string) => new Uint8Array(Buffer.from(s));
const phish = credentialPhish(seeded(21));
const PHISH_URL = /https:\/\/[a-z0-9.-]+\/verify\?u=\d+/.exec(phish.spec.html ?? '')?.[0] ?? '';
const PHISH_HOST = new URL(PHISH_URL).hostname;

/** A report with a `size`-byte attachment (zeros), its base64 body filled in directly: quick to build. */
function hugeAttachment(size: number): Uint8Array {
  const marker = 'HUGE-ATTACHMENT-MARKER';
  const raw = withFiles(phish, [{ name: 'video.mp4', contentType: 'video/mp4', bytes: bytes(marker) }]);
  const parts = raw.split(Buffer.from(marker).toString('base64'));
  assert.equal(parts.length, 2);
  const line = Buffer.from(`${'A'.repeat(76)}\r\n`);
  const body = Buffer.alloc(line.length * Math.ceil((size * 4) / 3 / 76)).fill(line);
  return new Uint8Array(Buffer.concat([Buffer.from(parts[0] ?? ''), body, Buffer.from(parts[1] ?? '')]));
}

/** Generated reports in a tree, plus every kind of hostile input. Names say what to expect. */
function corpus(): { dir: string; count: number } {
  const dir = tempDir('graphsoc-analyze-');
  mkdirSync(join(dir, 'reports/2026-11'), { recursive: true });
  mkdirSync(join(dir, 'hostile'));
  for (const e of standardCorpus(3)) writeFileSync(join(dir, 'reports/2026-11', `${e.name}.eml`), e.raw);
  writeFileSync(join(dir, 'reports/phish.EML'), bytes(asItemAttachment(phish)));
  writeFileSync(join(dir, 'reports/original-itself.eml'), bytes(phish.raw));
  writeFileSync(join(dir, 'reports/notes.txt'), 'not a message, not picked up');
  const hostile: Record<string, Uint8Array> = {
    'empty.eml': new Uint8Array(),
    'truncated.eml': bytes(brokenMime(phish, 'truncated')),
    'endless-nesting.eml': bytes(nested(phish, 30)),
    'garbage.eml': seeded(9).bytes(64 * 1024),
    'huge-attachment.eml': hugeAttachment(50 * 1024 * 1024),
    'wrong-charset.eml': bytes(
      buildMessage({
        headers: [
          ['From', 'x@fabrikam.example'],
          ['Subject', '=?x-no-such-charset?B?w7w=?= =?ISO-2022-JP?B?GyRCJEgbKEI=?='],
        ],
        text: 'caf\u00e9',
      }).replace('charset=utf-8', 'charset=shift_jis'),
    ),
    'hostile-subject.eml': bytes(
      asItemAttachment(credentialPhish(seeded(5), { subject: 'Pay \u001b[2J\u001b]0;owned\u0007 now' })),
    ),
  };
  for (const [name, b] of Object.entries(hostile)) writeFileSync(join(dir, 'hostile', name), b);
  return { dir, count: standardCorpus(3).length + 2 + Object.keys(hostile).length };
}

const { dir, count } = corpus();
const msgCount = readdirSync(MSG_DIR).filter((f) => f.endsWith('.msg')).length;
// Both runs at once: they are compared, and the machine has time for both.
const jsonRuns = Promise.all([
  analyze(['--json', '--jobs', '2', dir, MSG_DIR]),
  analyze(['--json', '--jobs', '1', dir, MSG_DIR]),
]);
const help = analyze(['--help']);
// stdin is the process's own, so a child process; started now, as it takes a while to start.
const fromStdin = graphsocProcess(
  ['phishing', 'analyze', '--json', '--allow-domain', PHISH_HOST, '--own-domain', 'contoso.com', '-'],
  { stdin: bytes(asItemAttachment(phish)) },
);
const byFile = (r: CliRun) => new Map(lines(r).map((l) => [String(l.file), l]));

describe('graphsoc phishing analyze', () => {
  test('gives one valid JSON line per message, unparseable ones with their reason, and exits 0', async () => {
    const [r] = await jsonRuns;
    assert.equal(r.exitCode, 0, r.stderr);
    const out = lines(r);
    assert.equal(out.length, count + msgCount);
    for (const l of out) assert.ok(analyzeRecordSchema.safeParse(l).success, JSON.stringify(l).slice(0, 300));
    const get = byFile(r);
    const error = (name: string) => (get.get(join(dir, 'hostile', name))?.error as { code: string })?.code;
    assert.equal(error('empty.eml'), 'empty');
    assert.equal(error('endless-nesting.eml'), 'too-deep');
    assert.equal(error('huge-attachment.eml'), 'too-large');
    assert.equal(error('garbage.eml'), 'no-headers');
    // Broken but readable mail is analysed, not refused.
    assert.equal(error('truncated.eml'), undefined);
    assert.equal(error('wrong-charset.eml'), undefined);
    assert.match(r.stderr, new RegExp(`${count + msgCount} messages in .*4 unparseable; 0 unreadable`));
    assert.ok(!r.stderr.includes('\u001b'), 'no progress bar when stderr is not a terminal');
  });

  test('reads real Outlook .msg files and says where the original was found', async () => {
    const [r] = await jsonRuns;
    const get = byFile(r);
    const simple = get.get(join(MSG_DIR, 'Simple.msg')) as AnalysedRecord;
    assert.deepEqual([simple.subject, simple.source, simple.depth], ['Simple', 'msg', 0]);
    const inner = get.get(join(MSG_DIR, 'msgInMsgInMsg.msg')) as AnalysedRecord;
    assert.equal(inner.depth, 2);
    const itself = get.get(join(dir, 'reports/original-itself.eml')) as AnalysedRecord;
    assert.deepEqual([itself.source, itself.depth], ['wrapper', 0]);
    const wrapped = get.get(join(dir, 'reports/phish.EML')) as AnalysedRecord;
    assert.deepEqual([wrapped.source, wrapped.depth], ['rfc822', 1]);
    // The report and the original itself are one campaign: same aliases, same key.
    assert.equal(wrapped.campaignKey, itself.campaignKey);
    assert.match(wrapped.campaignKey ?? '', /^fp:/);
    assert.match(wrapped.campaignAliases.messageId ?? '', /^mid:/);
  });

  test('JSON keeps indicators live; the text form defangs them and escapes control characters', async () => {
    const [r] = await jsonRuns;
    const wrapped = byFile(r).get(join(dir, 'reports/phish.EML')) as AnalysedRecord;
    assert.equal(wrapped.verdict.level, 'malicious');
    assert.ok(wrapped.iocs.urls.includes(PHISH_URL), wrapped.iocs.urls.join(' '));
    assert.ok(wrapped.iocs.domains.includes(PHISH_HOST));
    const text = await analyze(['--jobs', '1', join(dir, 'reports/phish.EML'), join(dir, 'hostile')]);
    assert.equal(text.exitCode, 0, text.stderr);
    assert.ok(!text.stdout.includes(PHISH_URL) && !text.stdout.includes(PHISH_HOST));
    assert.ok(
      text.stdout.includes(
        PHISH_URL.replace('https', 'hxxps').replace(/\./g, '[.]').split('/verify')[0] ?? '',
      ),
    );
    assert.match(text.stdout, /verdict: MALICIOUS/);
    assert.match(text.stdout, /error: too-large:/);
    assert.ok(!text.stdout.includes('\u001b'));
    assert.match(text.stdout, /subject: Pay \\x1b\[2J\\x1b\]0;owned\\x07 now/);
  });

  test('several workers write exactly what one writes, in sorted file order', async () => {
    const [two, one] = await jsonRuns;
    assert.equal(one.exitCode, 0, one.stderr);
    assert.equal(two.stdout, one.stdout);
    const files = lines(one).map((l) => String(l.file));
    const mine = files.filter((f) => f.startsWith(dir));
    assert.deepEqual(mine, [...mine].sort());
    assert.ok(files.indexOf(mine[mine.length - 1] ?? '') < files.indexOf(join(MSG_DIR, 'Simple.msg')));
  });

  test('an input that cannot be read is reported, the others still analysed, and the exit is 1', async () => {
    const missing = join(dir, 'no-such.eml');
    const r = await analyze(['--json', '--jobs', '1', missing, join(dir, 'reports/phish.EML')]);
    assert.equal(r.exitCode, 1);
    assert.match(r.stderr, new RegExp(`cannot read ${missing}: ENOENT`));
    const [gone, ok] = lines(r);
    assert.deepEqual(gone, {
      file: missing,
      error: { code: 'unreadable', detail: 'ENOENT: no such file or directory' },
    });
    assert.equal((ok as AnalysedRecord).verdict.level, 'malicious');
  });

  test('reads one message from stdin as -, and --allow-domain / --own-domain shape the indicators', async () => {
    // The same bytes as reports/phish.EML, analysed there without the flags.
    const [[json], r] = await Promise.all([jsonRuns, fromStdin]);
    assert.equal(r.exitCode, 0, r.stderr);
    const before = byFile(json).get(join(dir, 'reports/phish.EML')) as AnalysedRecord;
    const [after] = lines(r) as AnalysedRecord[];
    assert.equal(after?.file, '-');
    assert.equal(after?.subject, before.subject);
    assert.ok(before.iocs.domains.includes(PHISH_HOST));
    assert.ok(!after?.iocs.domains.includes(PHISH_HOST));
    assert.ok(!after?.iocs.urls.some((u) => u.includes(PHISH_HOST)));
    assert.ok((after?.iocs.allowListed ?? 0) > before.iocs.allowListed);
    assert.ok(
      after?.verdict.reasons.some((x) => x.code === 'DOMAIN_LOOKALIKE'),
      'lookalike of contoso.com',
    );
    assert.ok(!before.verdict.reasons.some((x) => x.code === 'DOMAIN_LOOKALIKE'));
  });

  test('--config brings phishing allow-lists and limits; GRAPHSOC_CONFIG alone is not read', async () => {
    const config = tempFile(
      'graphsoc.toml',
      `[phishing]\nallowDomains = ["${PHISH_HOST}"]\n[phishing.limits]\nmaxDepth = 1\n`,
    );
    const broken = tempFile('graphsoc.toml', '[phishing]\nallowDomains = "not a list"\n');
    const nest = join(dir, 'reports/2026-11/nested-3.eml');
    const file = join(dir, 'reports/phish.EML');
    const [configured, fromEnv, bad] = await Promise.all([
      analyze(['--json', '--jobs', '1', '--config', config, file, nest]),
      analyze(['--json', file], { env: { GRAPHSOC_CONFIG: broken, GRAPHSOC_PHISHING_MAX_ATTEMPTS: 'x' } }),
      graphsoc(['--config', broken, 'phishing', 'analyze', file]),
    ]);
    assert.equal(configured.exitCode, 0, configured.stderr);
    const [a, n] = lines(configured);
    assert.ok(!(a as AnalysedRecord).iocs.domains.includes(PHISH_HOST));
    assert.deepEqual(n?.error, { code: 'too-deep', detail: 'messages nested more than 1 deep' });
    assert.equal(fromEnv.exitCode, 0, fromEnv.stderr);
    assert.equal(bad.exitCode, 2);
    assert.match(bad.stderr, /GSOC_CONFIG_INVALID/);
  });

  test('usage errors exit 2: no path, --jobs 0, an unknown option, a bad domain, stdin twice', async () => {
    const runs = await Promise.all([
      analyze([]),
      analyze(['--jobs', '0', dir]),
      analyze(['--no-such-option', dir]),
      analyze(['--allow-domain', 'not a domain', dir]),
      analyze(['-', '-']),
    ]);
    for (const r of runs) assert.equal(r.exitCode, 2, r.stderr);
    assert.match(runs[0]?.stderr ?? '', /missing required argument/);
    assert.match(runs[3]?.stderr ?? '', /--allow-domain: expected a domain name/);
    assert.match(runs[4]?.stderr ?? '', /- \(stdin\) may be given once/);
  });

  test('answers --help with its usage and the exit codes', async () => {
    const r = await help;
    assert.equal(r.exitCode, 0);
    assert.match(r.stdout, /Usage: graphsoc phishing analyze \[options\] <path\.\.\.>/);
    assert.match(r.stdout, /Exit status: 0/);
  });
});
