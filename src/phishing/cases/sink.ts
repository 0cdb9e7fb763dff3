// Files a campaign in Archer, at most once, and keeps the record up to date with every report.
//   no record id, never started  → beginCreate, create, recordCreated
//   no record id, started before → find it by the campaign key field (a crash may have hit after
//                                  Archer created it); recordCreated with what is found, else create
//   record behind the campaign   → update with the content rebuilt from all its reports, applied(v)
//   record gone from Archer      → recordGone, then as "started before": found by key, else created
// Archer silently ignores values it does not accept, so the title and key are read back after a
// create: a record without them could not be found again, and that is an error, not a success.
import {
  type ArcherClient,
  ArcherValidationError,
  createRecord,
  errors as archerErrors,
  type FieldInput,
  findRecordIds,
  readRecord,
  type RecordTarget,
  updateRecord,
  uploadAttachment,
} from '../../connectors/archer/index.js';
import type { PhishingConfig } from '../config.js';
import { type CampaignRow, type CampaignStore, isBehind, needsLookup } from '../store/index.js';
import { caseDescription, caseTitle, senderIp } from './content.js';
import { CaseReadBackError } from './errors.js';
import type { ReportRecord } from './report-record.js';

export type ArcherMapping = PhishingConfig['archer'];

export interface CaseSinkDeps {
  client: ArcherClient;
  target: RecordTarget;
  mapping: ArcherMapping;
  campaigns: CampaignStore;
  /** The records of the campaign's reports, oldest first. */
  recordsOf(key: string): Promise<ReportRecord[]>;
  /** Told when the campaign's record no longer exists in Archer and is made again. */
  onRecordGone?(key: string, contentId: number): void;
  /** Uploads the first report's message for the attachment field, when one is mapped. */
  firstMessage?(key: string): Promise<{ name: string; bytes: Uint8Array } | undefined>;
}

/** Brings the campaign's Archer record up to date; returns its content id. */
export async function syncCase(d: CaseSinkDeps, key: string, again = false): Promise<number> {
  let c = await d.campaigns.get(key);
  if (!c) throw new Error(`campaign ${key} does not exist`);
  if (c.archer_content_id === null) c = await ensureRecord(d, c);
  const id = c.archer_content_id as number;
  if (isBehind(c)) {
    const version = c.version;
    try {
      await updateRecord(d.client, d.target, id, await fieldsOf(d, key));
    } catch (e) {
      if (again || !isGone(e)) throw e;
      // Deleted in Archer while reports keep coming: the analysts must still see them, so the
      // campaign gets a record again (found by its key, else created) with every report, rather
      // than each report failing until it is quarantined.
      d.onRecordGone?.(key, id);
      await d.campaigns.recordGone(key, id);
      return syncCase(d, key, true);
    }
    await d.campaigns.applied(key, version);
  }
  return id;
}

const isGone = (e: unknown) => e instanceof ArcherValidationError && e.code === archerErrors.NOT_FOUND.code;

async function ensureRecord(d: CaseSinkDeps, c: CampaignRow): Promise<CampaignRow> {
  const m = d.mapping;
  if (needsLookup(c)) {
    const found = await findRecordIds(d.client, d.target, m.campaignKeyField, c.key);
    if (found.length > 0) return d.campaigns.recordCreated(c.key, Math.min(...found));
  }
  await d.campaigns.beginCreate(c.key);
  // The version is read before the reports: a report joining meanwhile may or may not be in the
  // fields, so only what was certainly there counts as applied and a later one triggers an update.
  const version = (await d.campaigns.get(c.key))?.version ?? c.version;
  const fields = await fieldsOf(d, c.key);
  const file = m.attachmentField && d.firstMessage ? await d.firstMessage(c.key) : undefined;
  const id = await createRecord(d.client, d.target, {
    ...fields,
    ...(file && m.attachmentField ? { [m.attachmentField]: await uploaded(d, file) } : {}),
  });
  await d.campaigns.recordCreated(c.key, id);
  const back = await readRecord(d.client, d.target, id);
  if (back[m.campaignKeyField] !== c.key || back[m.titleField] !== fields[m.titleField]) {
    throw new CaseReadBackError(id, [m.campaignKeyField, m.titleField]);
  }
  await d.campaigns.applied(c.key, version);
  return (await d.campaigns.get(c.key)) as CampaignRow;
}

async function uploaded(d: CaseSinkDeps, file: { name: string; bytes: Uint8Array }): Promise<FieldInput> {
  return { attachmentIds: [await uploadAttachment(d.client, file.name, file.bytes)] };
}

/** Every mapped field, rebuilt from all the campaign's reports. */
async function fieldsOf(d: CaseSinkDeps, key: string): Promise<Record<string, FieldInput>> {
  const m = d.mapping;
  const records = await d.recordsOf(key);
  const first = records[0];
  const out: Record<string, FieldInput> = {
    [m.titleField]: caseTitle(m.titleTemplate, first?.subject ?? ''),
    [m.descriptionField]: caseDescription(records),
    [m.campaignKeyField]: key,
  };
  if (m.reportCountField) out[m.reportCountField] = records.length;
  if (m.firstReportedField && first) out[m.firstReportedField] = new Date(first.reportedAt);
  const ip = senderIp(records);
  if (m.senderIpField && ip) out[m.senderIpField] = ip;
  for (const [field, value] of Object.entries(m.values))
    out[field] = { values: Array.isArray(value) ? value : [value] };
  for (const [field, ids] of Object.entries(m.crossReferences)) out[field] = { contentIds: ids };
  return out;
}
