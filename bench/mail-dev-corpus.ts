// Where the mail-dev bench finds the development corpus, and the copies it makes of it. The corpus
// never enters the repository (see ../shared/corpus/MAIL-DEV.md): it is read from GRAPHSOC_MAIL_DEV
// (a directory already unpacked), or the archive (GRAPHSOC_MAIL_DEV_ARCHIVE, by default
// ../shared/corpus/mail-dev.tar.xz beside the checkout) is unpacked into a fresh temporary directory
// that is removed afterwards. Neither there: the bench is skipped, as in a fresh clone.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { discoverInputs } from '../src/phishing/analyze-files/walk.js';
import { stripMicrosoftVerdict } from './mail-dev-strip.js';

export interface Corpus {
  dir: string;
  /** Where it came from, for the figures: the directory or the archive. */
  from: string;
  /** Removes what the bench unpacked; leaves a directory it was given alone. */
  close(): void;
}

/** The checkout's root: the first directory above this module with a package.json (bench/ or dist/bench/). */
function checkoutRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export function temporaryDir(prefix: string): { dir: string; close(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, close: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The corpus, or why there is none. */
export function locateCorpus(env = process.env): Corpus | { skipped: string } {
  const given = env.GRAPHSOC_MAIL_DEV;
  if (given) {
    if (!existsSync(given) || !statSync(given).isDirectory())
      return { skipped: `GRAPHSOC_MAIL_DEV=${given} is no directory` };
    return { dir: resolve(given), from: resolve(given), close: () => {} };
  }
  const archive = resolve(
    env.GRAPHSOC_MAIL_DEV_ARCHIVE ?? join(checkoutRoot(), '../shared/corpus/mail-dev.tar.xz'),
  );
  if (!existsSync(archive))
    return { skipped: `no corpus: set GRAPHSOC_MAIL_DEV or put the archive at ${archive}` };
  const tmp = temporaryDir('graphsoc-mail-dev-');
  const tar = spawnSync('tar', ['-xJf', archive, '-C', tmp.dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  if (tar.status !== 0) {
    tmp.close();
    throw new Error(`tar -xJf ${archive} failed (${tar.status}): ${String(tar.stderr).slice(0, 500)}`);
  }
  return { dir: tmp.dir, from: archive, close: tmp.close };
}

export interface MailFile {
  path: string;
  /** The path below the corpus directory, with `/`. */
  rel: string;
  /** `phish`, `ham/<source>`, or the first folder of anything else. */
  folder: string;
}

export function folderOf(rel: string): string {
  const [top, second] = rel.split('/');
  return top === 'ham' && second !== undefined && rel.split('/').length > 2 ? `ham/${second}` : (top ?? '');
}

/** The mails of the corpus, in the order `phishing analyze` reads them. */
export function listMails(dir: string): MailFile[] {
  return discoverInputs([dir]).flatMap((input) => {
    if (input.kind !== 'file') return [];
    const rel = input.path
      .slice(dir.length + 1)
      .split('\\')
      .join('/');
    return [{ path: input.path, rel, folder: folderOf(rel) }];
  });
}

/** Copies every mail into `to` with Microsoft's verdict headers removed; counts the mails that had some. */
export function writeStrippedCopy(mails: readonly MailFile[], to: string): number {
  let changed = 0;
  for (const m of mails) {
    const { bytes, removed } = stripMicrosoftVerdict(new Uint8Array(readFileSync(m.path)));
    if (removed > 0) changed++;
    const out = join(to, m.rel);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, bytes);
  }
  return changed;
}
