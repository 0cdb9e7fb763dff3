// The development corpus measured (issue 12's yardstick), for `npm run bench:maildev` and the corpus
// figures of `npm run bench:phishing`: `phishing analyze`'s machinery over the real phish and
// legitimate mail, as they are and without Microsoft's verdict headers, campaigns replayed through the
// pipeline's own assignment, speed beside a bare postal-mime parse. Without a corpus: `skipped`.
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { analyseDirectory } from './mail-dev-analyse.js';
import { bareParseRate } from './mail-dev-bare.js';
import { MIXED_BELOW } from './mail-dev-campaigns.js';
import {
  listMails,
  locateCorpus,
  type MailFile,
  temporaryDir,
  writeStrippedCopy,
} from './mail-dev-corpus.js';
import { type Replayed, replayCampaigns } from './mail-dev-replay.js';
import { type MailOutcome, summarise } from './mail-dev-result.js';
import { normalisedWords, shingleSet } from './mail-dev-shingles.js';
import { minHash, TEMPLATE_JACCARD } from './mail-dev-similarity.js';
import { strippedHeaderPrefixes } from './mail-dev-strip.js';
import { formatTable, type Speed } from './mail-dev-table.js';
import { visibleBodyText } from './mail-dev-text.js';

const r1 = (x: number) => Math.round(x * 10) / 10;

/** Each mail's shingle set and signature; a mail postal-mime cannot read counts as one without text. */
async function bodies(mails: readonly MailFile[]): Promise<{ sets: Uint32Array[]; unreadable: number }> {
  const sets: Uint32Array[] = [];
  let unreadable = 0;
  for (const m of mails) {
    let text = '';
    try {
      text = await visibleBodyText(new Uint8Array(readFileSync(m.path)));
    } catch {
      unreadable++; // counted in the figures; the mail then joins no template
    }
    sets.push(shingleSet(normalisedWords(text)));
  }
  return { sets, unreadable };
}

async function measure(dir: string, from: string, jobs: number, detailsPath: string | undefined) {
  const load = loadavg()[0] ?? 0;
  const mails = listMails(dir);
  const withMs = await analyseDirectory(dir, jobs);
  const barePerSec = await bareParseRate(
    mails.map((m) => m.path),
    jobs,
  );
  const stripped = temporaryDir('graphsoc-mail-dev-stripped-');
  let strippedMails: number;
  let withoutMs: Awaited<ReturnType<typeof analyseDirectory>>;
  try {
    strippedMails = writeStrippedCopy(mails, stripped.dir);
    withoutMs = await analyseDirectory(stripped.dir, jobs);
  } finally {
    stripped.close();
  }
  const body = await bodies(mails);
  const keys = new Map<string, Replayed>();
  for (const side of [mails.filter((m) => m.folder === 'phish'), mails.filter((m) => m.folder !== 'phish')]) {
    const replayed = await replayCampaigns(side.map((m) => withMs.records.get(m.rel)));
    for (const [i, m] of side.entries()) keys.set(m.rel, replayed[i] as Replayed);
  }
  const outcomes = mails.map(
    (m, i): MailOutcome => ({
      rel: m.rel,
      folder: m.folder,
      withMs: withMs.records.get(m.rel),
      withoutMs: withoutMs.records.get(m.rel),
      shingles: body.sets[i] as Uint32Array,
      signature: minHash(body.sets[i] as Uint32Array),
      campaignKey: keys.get(m.rel)?.key ?? m.rel,
      campaignJoin: keys.get(m.rel)?.join ?? null,
    }),
  );
  const { figures, details } = summarise(outcomes);
  const analysisPerSec = mails.length / (withMs.elapsedMs / 1000);
  const speed: Speed = {
    jobs,
    analysisPerSec: r1(analysisPerSec),
    bareParsePerSec: r1(barePerSec),
    timesBareParse: Math.round((100 * barePerSec) / analysisPerSec) / 100,
  };
  if (detailsPath) writeFileSync(detailsPath, details.map((d) => `${JSON.stringify(d)}\n`).join(''));
  process.stderr.write(formatTable(figures, speed));
  return {
    bench: 'mail-dev',
    corpus: from,
    mails: mails.length,
    cpus: availableParallelism(),
    loadAvg1m: r1(load),
    strippedHeaders: strippedHeaderPrefixes.map((p) => `${p}*`),
    strippedMails,
    ...figures,
    speed,
    similarity: {
      templateJaccard: TEMPLATE_JACCARD,
      mixedBelow: MIXED_BELOW,
      unreadableBodies: body.unreadable,
    },
  };
}

export type DevCorpusFigures = Awaited<ReturnType<typeof measure>>;

/** The corpus's figures, or why there are none; `details` gets one JSON line per mail. */
export async function measureDevCorpus(
  jobs: number,
  details?: string,
): Promise<DevCorpusFigures | { bench: 'mail-dev'; skipped: string }> {
  const corpus = locateCorpus();
  if ('skipped' in corpus) return { bench: 'mail-dev', skipped: corpus.skipped };
  try {
    return await measure(corpus.dir, corpus.from, jobs, details);
  } finally {
    corpus.close();
  }
}
