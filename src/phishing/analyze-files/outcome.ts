// What one input comes to, already rendered: workers send these back, so the main thread only writes
// strings in order and counts. Plain data, cheap to copy between threads.
import type { VerdictLevel } from '../analyze/index.js';
import { type AnalyzeFileOptions, analyzeBytes, readBounded } from './analyze-file.js';
import { formatText } from './format-text.js';
import { type AnalyzeRecord, failedRecord, isFailed, jsonLine } from './record.js';

export type OutputFormat = 'text' | 'json';

export interface Outcome {
  /** For stdout: a block of text or one JSON line with its newline; may be empty. */
  out: string;
  /** The verdict, for analysed messages. */
  level: VerdictLevel | null;
  /** The reason code of a message that could not be parsed or analysed. */
  error: string | null;
  /** Why the input could not be read (for stderr); null when it was read. */
  unreadable: string | null;
}

export interface FileTask {
  /** Where to read. */
  path: string;
  /** How the output names it: the path as the user gave it, or below the directory they gave. */
  file: string;
}

const render = (r: AnalyzeRecord, format: OutputFormat) =>
  format === 'json' ? `${jsonLine(r)}\n` : formatText(r);

export function recordOutcome(r: AnalyzeRecord, format: OutputFormat): Outcome {
  return {
    out: render(r, format),
    level: isFailed(r) ? null : r.verdict.level,
    error: isFailed(r) ? r.error.code : null,
    unreadable: null,
  };
}

/** An input that could not be read: a JSON line in --json mode, stderr only in text mode. */
export function unreadableOutcome(file: string, detail: string, format: OutputFormat): Outcome {
  return {
    out: format === 'json' ? `${jsonLine(failedRecord(file, 'unreadable', detail))}\n` : '',
    level: null,
    error: 'unreadable',
    unreadable: detail,
  };
}

export async function fileOutcome(
  t: FileTask,
  o: AnalyzeFileOptions,
  format: OutputFormat,
): Promise<Outcome> {
  const read = readBounded(t.path, o.limits.maxBytes);
  if ('unreadable' in read) return unreadableOutcome(t.file, read.unreadable, format);
  return recordOutcome(await analyzeBytes(t.file, read.bytes, o), format);
}

export async function bytesOutcome(
  file: string,
  bytes: Uint8Array,
  o: AnalyzeFileOptions,
  format: OutputFormat,
): Promise<Outcome> {
  return recordOutcome(await analyzeBytes(file, bytes, o), format);
}
