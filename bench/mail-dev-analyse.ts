// Runs `graphsoc phishing analyze`'s own machinery over a directory for the mail-dev bench: the same
// walk, worker pool and JSON records as `phishing analyze --json --jobs N <dir>`, with the default
// limits and no own or allowed domains, the records kept in memory by path instead of printed.
import { relative } from 'node:path';
import { analyzeRecordSchema, type AnalyzeRecord } from '../src/phishing/analyze-files/record.js';
import { analyzeInputs } from '../src/phishing/analyze-files/run.js';
import { discoverInputs } from '../src/phishing/analyze-files/walk.js';
import { phishingSchema } from '../src/phishing/index.js';

export interface AnalysedDirectory {
  /** Records by path below the directory, with `/` separators. */
  records: Map<string, AnalyzeRecord>;
  elapsedMs: number;
}

export async function analyseDirectory(dir: string, jobs: number): Promise<AnalysedDirectory> {
  const { limits } = phishingSchema.parse({});
  const records = new Map<string, AnalyzeRecord>();
  const started = performance.now();
  const inputs = discoverInputs([dir]);
  await analyzeInputs(
    inputs,
    {
      jobs,
      options: { limits: { ...limits }, ownDomains: [], allowDomains: [] },
      format: 'json',
      readStdin: () => Promise.resolve({ unreadable: 'the bench reads no stdin' }),
    },
    {
      emit: (outcome, input) => {
        // The record's own schema: a change of the output format shows here, not as wrong figures.
        const record = analyzeRecordSchema.parse(JSON.parse(outcome.out));
        records.set(relative(dir, input.file).split('\\').join('/'), record);
      },
    },
  );
  return { records, elapsedMs: performance.now() - started };
}
