// npm run bench:maildev [-- --details <file>] [-- --jobs N]: issue 12's yardstick. Runs the phishing
// analysis (`phishing analyze`'s machinery, worker pool of --jobs threads, default the CPUs) over the
// development corpus of real phish and legitimate mail, twice: as the mails are, and with Microsoft's
// filtering verdict headers removed (bench/mail-dev-strip.ts says which). Prints one JSON line:
// per folder the verdicts, detection and false positives both ways, the mails each reason code fired
// on, speed beside a bare postal-mime parse, and campaigns: the product's grouping (shared aliases,
// no window) beside templates of similar visible body text. The same figures as a table on stderr.
// --details writes one JSON line per mail for tuning. Without a corpus it prints `skipped`, exit 0.
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { measureDevCorpus } from './mail-dev-measure.js';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { details: { type: 'string' }, jobs: { type: 'string' } } });
  const jobs = values.jobs === undefined ? availableParallelism() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) {
    process.stderr.write(`--jobs: expected a whole number 1-64, found ${values.jobs}\n`);
    return 2;
  }
  console.log(JSON.stringify(await measureDevCorpus(jobs, values.details)));
  return 0;
}

process.exitCode = await main();
