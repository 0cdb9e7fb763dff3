// Input discovery for `phishing analyze`: the paths on the command line become a list of inputs in a
// fixed order (arguments as given; each directory's messages sorted by path), so the output is the
// same on every run and with any number of workers. Directories are walked recursively for .eml and
// .msg files (any letter case); a directory reached twice (a symlink loop, or two links to one tree)
// is walked once. A named file is taken whatever its extension.
import { type Dirent, readdirSync, type Stats, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe } from './analyze-file.js';

export type Input =
  | { kind: 'file'; path: string; file: string }
  | { kind: 'stdin'; file: '-' }
  | { kind: 'unreadable'; file: string; detail: string };

const MESSAGE_FILE = /\.(eml|msg)$/i;

function statOf(path: string): Stats | string {
  try {
    return statSync(path);
  } catch (e) {
    return describe(e);
  }
}

function walkDirectory(root: string, rootStat: Stats, seen: Set<string>): Input[] {
  const out: Input[] = [];
  const visit = (dir: string, st: Stats) => {
    const id = `${st.dev}:${st.ino}`;
    if (seen.has(id)) return;
    seen.add(id);
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      out.push({ kind: 'unreadable', file: dir, detail: describe(e) });
      return;
    }
    for (const d of entries) {
      const path = join(dir, d.name);
      const wanted = MESSAGE_FILE.test(d.name);
      if (!d.isDirectory() && !d.isSymbolicLink()) {
        if (wanted && d.isFile()) out.push({ kind: 'file', path, file: path });
        continue;
      }
      // Directories (and links, which may point at either) need their target's identity and type.
      const target = statOf(path);
      if (typeof target === 'string') {
        if (wanted) out.push({ kind: 'unreadable', file: path, detail: target });
      } else if (target.isDirectory()) visit(path, target);
      else if (wanted && target.isFile()) out.push({ kind: 'file', path, file: path });
    }
  };
  visit(root, rootStat);
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** The inputs named on the command line, in output order. */
export function discoverInputs(args: readonly string[]): Input[] {
  const seen = new Set<string>();
  return args.flatMap((arg): Input[] => {
    if (arg === '-') return [{ kind: 'stdin', file: '-' }];
    const st = statOf(arg);
    if (typeof st === 'string') return [{ kind: 'unreadable', file: arg, detail: st }];
    if (st.isDirectory()) return walkDirectory(arg, st, seen);
    return [{ kind: 'file', path: arg, file: arg }];
  });
}
