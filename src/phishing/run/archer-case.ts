// The Archer side of the phishing job: one client for the `[archer]` connection, the record target of
// `[phishing.archer]`, and the mapping check that runs before the first report is filed.
import {
  type ArcherClient,
  type ArcherConfig,
  ArcherMetadata,
  archerConnection,
  createArcherClient,
  type RecordTarget,
} from '../../connectors/archer/index.js';
import type { PhishingConfig } from '../config.js';
import { checkMapping } from '../pipeline/check-mapping.js';

export interface ArcherCase {
  client: ArcherClient;
  target: RecordTarget;
  /** Resolves once the mapping's names all exist in Archer; a failure is tried again on the next call. */
  ready(): Promise<void>;
}

export function archerCase(connection: ArcherConfig, mapping: PhishingConfig['archer']): ArcherCase {
  const client = createArcherClient(archerConnection(connection));
  const target: RecordTarget = {
    application: mapping.application,
    ...(mapping.level ? { level: mapping.level } : {}),
    meta: new ArcherMetadata(client),
  };
  // Checked once; a failure (Archer unreachable, a name that does not exist) is retried next round
  // and logged with the names Archer does have.
  let checked: Promise<void> | undefined;
  const ready = () => {
    checked ??= checkMapping(target, mapping).catch((e) => {
      checked = undefined;
      throw e;
    });
    return checked;
  };
  return { client, target, ready };
}
