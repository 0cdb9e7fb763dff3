// Files a campaign in Archer, at most once, and keeps the record up to date with every report.
//   no record id, never started  → beginCreate, create, recordCreated
//   no record id, started before → find it by the campaign key field (a crash may have hit after
//                                  Archer created it); recordCreated with what is found, else create
//   record behind the campaign   → read its key field; ours: update with the content rebuilt from
//                                  all its reports, applied(v)
//   record gone from Archer      → recordGone, then as "started before": found by key, else created
// A stored id proves nothing on its own: after an Archer restore, a switch of instances or a restart
// of the sandbox's emulated Archer, the id may name another campaign's record, or one whose key an
// analyst emptied. Such a record counts as gone and is never written to.
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
import { HttpStatusError } from '../../platform/http/index.js';
import type { Logger } from '../../platform/log.js';
import type { PhishingConfig } from '../config.js';
import { type CampaignRow, type CampaignStore, isBehind, needsLookup } from '../store/index.js';
import { caseDescription, caseTitle, senderIp } from './content.js';
import { CaseNotOursError, CaseReadBackError } from './errors.js';
import type { ReportRecord } from './report-record.js';

export type ArcherMapping = PhishingConfig['archer'];

export interface CaseSinkDeps {
  client: ArcherClient;
  target: RecordTarget;
  mapping: ArcherMapping;
  campaigns: CampaignStore;
  /** The records of the campaign's reports, oldest first. */
  recordsOf(key: string): Promise<ReportRecord[]>;
  /** Each record written (info) and each stored id that no longer holds the campaign (warn). */
  logger?: Pick<Logger, 'info' | 'warn'>;
  /** Uploads the first report's message for the attachment field, when one is mapped. */
  firstMessage?(key: string): Promise<{ name: string; bytes: Uint8Array } | undefined>;
}

/** What a read or update of a record Archer no longer has resolves to instead. */
const DELETED: unique symbol = Symbol('deleted');

/** Brings the campaign's Archer record up to date; returns its content id. */
export async function syncCase(d: CaseSinkDeps, key: string, again = false): Promise<number> {
  let c = await d.campaigns.get(key);
  if (!c) throw new Error(`campaign ${key} does not exist`);
  if (c.archer_content_id === null) c = await ensureRecord(d, c);
  const id = c.archer_content_id as number;
  if (!isBehind(c)) return id;
  const version = c.version;
  // A record deleted in Archer, or holding another key, while reports keep coming: the analysts must
  // still see them, so the campaign gets a record again (found by its key, else created) with every
  // report, rather than each report failing until it is quarantined. Only once: a record found by its
  // key a moment ago and not holding it now is an error, and is not written to either.
  const holds: string | null | typeof DELETED = await keyAt(d, id).catch((e: unknown) => deleted(e, again));
  if (holds !== key) {
    if (again) throw new CaseNotOursError(key, id);
    return madeAgain(d, key, id, holds);
  }
  const { fields, count } = await fieldsOf(d, key);
  const updated = await updateRecord(d.client, d.target, id, fields).catch((e: unknown) => deleted(e, again));
  if (updated === DELETED) return madeAgain(d, key, id, DELETED);
  await d.campaigns.applied(key, version);
  d.logger?.info({ campaign: key, contentId: id, reports: count }, 'Archer incident updated');
  return id;
}

/** Archer has no record with the id (the first time round); any other error is thrown on. */
function deleted(e: unknown, again: boolean): typeof DELETED {
  if (again || !(e instanceof ArcherValidationError && e.code === archerErrors.NOT_FOUND.code)) throw e;
  return DELETED;
}

/**
 * The record `id` is not the campaign's any more (`holds` says what it holds now): it is left alone,
 * and the campaign's record is found by its key or created, once.
 */
async function madeAgain(
  d: CaseSinkDeps,
  key: string,
  id: number,
  holds: string | null | typeof DELETED,
): Promise<number> {
  if (holds === DELETED)
    d.logger?.warn(
      { campaign: key, contentId: id },
      'the campaign’s Archer record no longer exists; it is found by its key or created again',
    );
  else
    d.logger?.warn(
      { campaign: key, contentId: id, recordCampaign: holds },
      'the record at the campaign’s Archer id holds another campaign key; it is left alone, and the campaign’s record is found by its key or created again',
    );
  await d.campaigns.recordGone(key, id);
  return syncCase(d, key, true);
}

/** The campaign key the record holds now: null when its key field is empty. */
async function keyAt(d: CaseSinkDeps, id: number): Promise<string | null> {
  const held = (await readRecord(d.client, d.target, id))[d.mapping.campaignKeyField];
  return typeof held === 'string' && held !== '' ? held : null;
}

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
  const { fields, count } = await fieldsOf(d, c.key);
  const file = m.attachmentField && d.firstMessage ? await d.firstMessage(c.key) : undefined;
  const original = file && m.attachmentField ? await uploaded(d, c.key, file) : undefined;
  const id = await createRecord(d.client, d.target, {
    ...fields,
    ...(original && m.attachmentField ? { [m.attachmentField]: original } : {}),
  });
  await d.campaigns.recordCreated(c.key, id);
  const back = await readRecord(d.client, d.target, id);
  if (back[m.campaignKeyField] !== c.key || back[m.titleField] !== fields[m.titleField]) {
    throw new CaseReadBackError(id, [m.campaignKeyField, m.titleField]);
  }
  await d.campaigns.applied(c.key, version);
  d.logger?.info({ campaign: c.key, contentId: id, reports: count }, 'Archer incident created');
  return (await d.campaigns.get(c.key)) as CampaignRow;
}

/**
 * The original uploaded for the attachment field, or nothing when Archer refuses it as too large (413:
 * its web server's request limit or its own upload limit, both the administrator's choice): the
 * incident matters more than its attachment, which stays in the mailbox's Processed folder.
 */
async function uploaded(
  d: CaseSinkDeps,
  key: string,
  file: { name: string; bytes: Uint8Array },
): Promise<FieldInput | undefined> {
  try {
    return { attachmentIds: [await uploadAttachment(d.client, file.name, file.bytes)] };
  } catch (e) {
    if (!(e instanceof HttpStatusError && e.status === 413)) throw e;
    d.logger?.warn(
      { campaign: key, bytes: file.bytes.length },
      'Archer refused the reported original as too large; the incident is filed without it',
    );
    return undefined;
  }
}

/** Every mapped field, rebuilt from all the campaign's reports, and how many reports that is. */
async function fieldsOf(
  d: CaseSinkDeps,
  key: string,
): Promise<{ fields: Record<string, FieldInput>; count: number }> {
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
  return { fields: out, count: records.length };
}
