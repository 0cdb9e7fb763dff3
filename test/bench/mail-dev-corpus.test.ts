// Finding the development corpus, and the bench without one.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { folderOf, listMails, locateCorpus, writeStrippedCopy } from '../../bench/mail-dev-corpus.js';
import { tempDir } from '../helpers/tmp.js';

test('names folders phish and ham/<source>', () => {
  assert.equal(folderOf('phish/sample-5.eml'), 'phish');
  assert.equal(folderOf('ham/list/a.eml'), 'ham/list');
  assert.equal(folderOf('ham/a.eml'), 'ham');
  assert.equal(folderOf('misc/x/a.eml'), 'misc');
});

test('is skipped without a directory or an archive', () => {
  const none = join(tempDir(), 'absent');
  const r = locateCorpus({ GRAPHSOC_MAIL_DEV_ARCHIVE: none });
  assert.ok('skipped' in r && r.skipped.includes(none));
  assert.ok('skipped' in locateCorpus({ GRAPHSOC_MAIL_DEV: none }));
});

test('unpacks the archive into a temporary directory and removes it when closed', () => {
  const src = tempDir();
  mkdirSync(join(src, 'phish'));
  writeFileSync(join(src, 'phish', 'a.eml'), 'Subject: a\r\n\r\nbody\r\n');
  const archive = join(tempDir(), 'c.tar.xz');
  assert.equal(spawnSync('tar', ['-cJf', archive, '-C', src, 'phish']).status, 0);
  const c = locateCorpus({ GRAPHSOC_MAIL_DEV_ARCHIVE: archive });
  assert.ok(!('skipped' in c));
  assert.deepEqual(
    listMails(c.dir).map((m) => [m.rel, m.folder]),
    [['phish/a.eml', 'phish']],
  );
  c.close();
  assert.equal(existsSync(c.dir), false);
});

test('writes a stripped copy of every mail and counts those that had verdict headers', () => {
  const src = tempDir();
  mkdirSync(join(src, 'ham', 'list'), { recursive: true });
  writeFileSync(join(src, 'ham', 'list', 'a.eml'), 'X-Microsoft-Antispam: BCL:0;\r\nSubject: a\r\n\r\nx\r\n');
  writeFileSync(join(src, 'ham', 'list', 'b.eml'), 'Subject: b\r\n\r\ny\r\n');
  const out = tempDir();
  assert.equal(writeStrippedCopy(listMails(src), out), 1);
  assert.equal(readFileSync(join(out, 'ham', 'list', 'a.eml'), 'utf8'), 'Subject: a\r\n\r\nx\r\n');
  assert.equal(readFileSync(join(out, 'ham', 'list', 'b.eml'), 'utf8'), 'Subject: b\r\n\r\ny\r\n');
});

test('the bench prints one skipped line and exits 0 without a corpus', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/mail-dev.ts'], {
    env: { ...process.env, GRAPHSOC_MAIL_DEV: '', GRAPHSOC_MAIL_DEV_ARCHIVE: join(tempDir(), 'none.tar.xz') },
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  const line = JSON.parse(r.stdout.trim());
  assert.equal(line.bench, 'mail-dev');
  assert.match(line.skipped, /no corpus/);
});
