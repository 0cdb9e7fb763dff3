// A worker thread of the mail-dev bench's speed yardstick: parses its share of the files with
// postal-mime alone (as bench/phishing-directory.ts does, attached messages kept as attachments) and
// answers with how many it parsed.
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import PostalMime from 'postal-mime';

const paths = workerData as string[];
for (const p of paths) await PostalMime.parse(readFileSync(p), { forceRfc822Attachments: true });
parentPort?.postMessage(paths.length);
