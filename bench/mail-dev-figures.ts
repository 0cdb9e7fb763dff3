// Verdict figures of the mail-dev bench: per folder, the mails judged clean, suspicious or malicious
// (and those the analysis could not read, counted as not flagged); detection is the share of phish
// flagged (suspicious or malicious), false positives the share of legitimate mail flagged; and for each
// reason code the mails it fired on, phish and ham.

export type Level = 'clean' | 'suspicious' | 'malicious' | 'failed';

export interface Judged {
  folder: string;
  level: Level;
  reasons: readonly string[];
}

export interface FolderFigures {
  mails: number;
  clean: number;
  suspicious: number;
  malicious: number;
  failed: number;
  /** Suspicious or malicious, per cent of the folder's mails. */
  flaggedPct: number;
}

export interface VerdictFigures {
  detectionPct: number;
  falsePositivePct: number;
  folders: Record<string, FolderFigures>;
}

const pct = (n: number, of: number) => (of === 0 ? 0 : Math.round((1000 * n) / of) / 10);
const isHam = (folder: string) => folder === 'ham' || folder.startsWith('ham/');

function tally(mails: readonly Judged[]): FolderFigures {
  const f = { mails: mails.length, clean: 0, suspicious: 0, malicious: 0, failed: 0, flaggedPct: 0 };
  for (const m of mails) f[m.level]++;
  f.flaggedPct = pct(f.suspicious + f.malicious, f.mails);
  return f;
}

export function verdictFigures(mails: readonly Judged[]): VerdictFigures {
  const byFolder = new Map<string, Judged[]>();
  for (const m of mails) {
    const list = byFolder.get(m.folder);
    if (list) list.push(m);
    else byFolder.set(m.folder, [m]);
  }
  const folders: Record<string, FolderFigures> = {};
  for (const name of [...byFolder.keys()].sort()) folders[name] = tally(byFolder.get(name) ?? []);
  return {
    detectionPct: tally(mails.filter((m) => m.folder === 'phish')).flaggedPct,
    falsePositivePct: tally(mails.filter((m) => isHam(m.folder))).flaggedPct,
    folders,
  };
}

/** Reason code → [phish mails, ham mails] it fired on, most ham firings first, then most phish. */
export function ruleFirings(mails: readonly Judged[]): Record<string, [number, number]> {
  const counts = new Map<string, [number, number]>();
  for (const m of mails) {
    if (m.folder !== 'phish' && !isHam(m.folder)) continue;
    const side = m.folder === 'phish' ? 0 : 1;
    for (const code of new Set(m.reasons)) {
      const c = counts.get(code) ?? [0, 0];
      c[side]++;
      counts.set(code, c);
    }
  }
  const sorted = [...counts.entries()].sort(
    (a, b) => b[1][1] - a[1][1] || b[1][0] - a[1][0] || (a[0] < b[0] ? -1 : 1),
  );
  return Object.fromEntries(sorted);
}
