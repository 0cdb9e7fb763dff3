// Fills a migrated database with phishing campaigns and reports for the console's bench (issue 14:
// each page ≤ 50 ms server p95 with 10,000 campaigns and 100,000 reports). Rows go in by the
// thousand in transactions, their console columns and IOC rows made by the same code the pipeline
// uses (store/ioc-index.ts), so what the pages query looks like what a real instance holds:
//   sizes    every campaign has a report; the rest follow a Zipf law (s = 1.2), so a few campaigns are large
//            and most are singletons;
//   times    first reports spread over the last 30 days, a campaign's others within 3 days of it;
//   verdicts mostly malicious or suspicious, some clean, a few reports not analysed;
//   states   nearly all done, some pending, some quarantined (half of those with their MIME kept);
//   IOCs     a URL, its host and an attachment hash per report, shared within a campaign.
// Deterministic for a seed, so two runs measure the same data.
import { type Insertable, sql } from 'kysely';
import type { Store } from '../src/platform/db/index.js';
import { reportIndexOf } from '../src/phishing/store/ioc-index.js';
import {
  type PhishingCampaignsTable,
  type PhishingReportsTable,
  phishingDb,
} from '../src/phishing/store/tables.js';

export interface SeedOptions {
  campaigns: number;
  reports: number;
  /** The newest time; reports fall in the 30 days before it. */
  now?: number;
  seed?: number;
}

export interface SeedResult {
  campaigns: number;
  reports: number;
  iocs: number;
  quarantined: number;
  /** A few values that occur in the data, for searches a bench can time. */
  samples: {
    subjectPrefix: string;
    sender: string;
    url: string;
    messageId: string;
    campaignKey: string;
    reportId: number;
  };
}

const DAY = 86_400_000;
const ROWS_PER_INSERT = 500;
const SUBJECTS = [
  'Your mailbox is full',
  'Invoice overdue – action required',
  'Password expires today',
  'DHL: parcel on hold',
  'Paiement refusé',
  'Ihr Konto wurde gesperrt',
  'Shared document: Q3 salaries',
  'Voicemail from +1 555',
];
const REASONS = [
  { code: 'link-lookalike', points: 40, text: 'A link goes to a look-alike of contoso.com' },
  { code: 'dmarc-fail', points: 30, text: 'DMARC failed for the sender domain' },
  { code: 'new-domain', points: 15, text: 'The link host was registered days ago' },
  { code: 'urgent-language', points: 10, text: 'The text presses for urgent action' },
];

export async function seedConsoleData(
  store: Pick<Store, 'db' | 'dialect'>,
  o: SeedOptions,
): Promise<SeedResult> {
  if (o.reports < o.campaigns) throw new Error('every campaign needs a report: reports >= campaigns');
  const rand = mulberry32(o.seed ?? 14);
  const now = o.now ?? Date.now();
  const db = phishingDb(store.db);
  const sizes = campaignSizes(o.campaigns, o.reports, rand);
  const maxId = await db
    .selectFrom('phishing_reports')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  let nextId = Number(maxId?.id ?? 0) + 1;
  const result: SeedResult = {
    campaigns: o.campaigns,
    reports: o.reports,
    iocs: 0,
    quarantined: 0,
    samples: { subjectPrefix: '', sender: '', url: '', messageId: '', campaignKey: '', reportId: 0 },
  };
  type Report = Insertable<PhishingReportsTable>;
  let reports: Report[] = [];
  let iocs: Array<{ report_id: number; kind: string; value: string }> = [];
  let campaigns: Array<Insertable<PhishingCampaignsTable>> = [];
  const flush = async (all = false) => {
    if (!all && reports.length < 5 * ROWS_PER_INSERT) return;
    const [r, i, c] = [reports, iocs, campaigns];
    reports = [];
    iocs = [];
    campaigns = [];
    await db.transaction().execute(async (tx) => {
      for (let k = 0; k < r.length; k += ROWS_PER_INSERT)
        await tx
          .insertInto('phishing_reports')
          .values(r.slice(k, k + ROWS_PER_INSERT))
          .execute();
      for (let k = 0; k < i.length; k += ROWS_PER_INSERT)
        await tx
          .insertInto('phishing_report_iocs')
          .values(i.slice(k, k + ROWS_PER_INSERT))
          .execute();
      for (let k = 0; k < c.length; k += ROWS_PER_INSERT)
        await tx
          .insertInto('phishing_campaigns')
          .values(c.slice(k, k + ROWS_PER_INSERT))
          .execute();
    });
  };
  for (let n = 0; n < o.campaigns; n++) {
    const size = sizes[n] ?? 1;
    const key = `s${n}-${Math.floor(rand() * 0xffffffff)
      .toString(16)
      .padStart(8, '0')}`;
    const first = Math.floor(now - rand() * 30 * DAY);
    const host = `evil-${n}.example`;
    const subject = `${SUBJECTS[n % SUBJECTS.length]} #${n}`;
    const sender = `noreply@${host}`;
    const url = `http://${host}/login?c=${n}`;
    const hash = hex(rand, 64);
    const campaignVerdict = pick(rand, [
      ['malicious', 0.5],
      ['suspicious', 0.35],
      ['clean', 0.15],
    ] as const);
    let last = first;
    let worst = 0;
    for (let k = 0; k < size; k++) {
      const id = nextId++;
      const at = k === 0 ? first : Math.min(now, Math.floor(first + rand() * 3 * DAY));
      last = Math.max(last, at);
      const analysed = rand() > 0.01;
      const level = analysed ? (rand() < 0.9 ? campaignVerdict : 'suspicious') : null;
      worst = Math.max(worst, level ? RANK[level] : 0);
      const state = pick(rand, [
        ['done', 0.97],
        ['pending', 0.015],
        ['quarantined', 0.015],
      ] as const);
      if (state === 'quarantined') result.quarantined++;
      const messageId = `<${n}.${k}@${host}>`;
      const analysis = JSON.stringify({
        reportedAt: at,
        reporter: `user${Math.floor(rand() * 5000)}@contoso.com`,
        subject,
        from: sender,
        replyTo: [],
        returnPath: sender,
        messageId,
        kind: pick(rand, [
          ['phishing', 0.7],
          ['unspecified', 0.2],
          ['junk', 0.1],
        ] as const),
        analysis: level
          ? {
              received: [],
              auth: { spf: 'fail', dkim: 'none', dmarc: 'fail', arc: null, compauth: null, sources: [] },
              antiSpam: { scl: 5, bcl: null, pcl: null, report: {} },
              iocs: {
                urls: [url],
                domains: [host],
                ips: [],
                emails: [],
                attachments: [
                  {
                    name: 'invoice.html',
                    contentType: 'text/html',
                    size: 900,
                    md5: hex(rand, 32),
                    sha1: hex(rand, 40),
                    sha256: hash,
                  },
                ],
                allowListed: 0,
              },
              lookalikes: [],
              verdict: {
                level,
                score: level === 'clean' ? 0 : 70,
                reasons: level === 'clean' ? [] : REASONS.slice(0, 1 + (k % 4)),
              },
              campaign: { subject, urlFingerprint: null, senderDomain: host, messageId },
            }
          : null,
      });
      const ix = reportIndexOf(analysis);
      if (!ix) throw new Error('seed record does not index');
      const { iocs: rows, ...columns } = ix;
      reports.push({
        id,
        mailbox: 'phish@contoso.com',
        message_id: `AAMk-${id}`,
        internet_message_id: `<report-${id}@contoso.com>`,
        received_at: at,
        state,
        step: state === 'done' ? 'moved' : 'analysed',
        attempts: state === 'quarantined' ? 5 : 0,
        next_attempt_at: at,
        last_error: state === 'quarantined' ? 'Archer refused the record: field "Title" is too long' : null,
        campaign_key: key,
        analysis,
        mime:
          state === 'quarantined' && rand() < 0.5
            ? new TextEncoder().encode(`Subject: ${subject}\r\n\r\nbody`)
            : null,
        failing_since: null,
        campaign_join:
          k === 0 ? 'first report of the campaign' : 'joined: same original message (Message-ID)',
        created_at: at,
        updated_at: at,
        ...columns,
      });
      for (const x of rows) iocs.push({ report_id: id, ...x });
      result.iocs += rows.length;
      if (n === 0 && k === 0)
        result.samples = {
          subjectPrefix: subject.slice(0, 12),
          sender,
          url,
          messageId,
          campaignKey: key,
          reportId: id,
        };
    }
    const content = rand() < 0.9 ? 300_000 + n : null;
    campaigns.push({
      key,
      archer_content_id: content,
      create_started_at: content === null ? null : first,
      report_count: size,
      version: size,
      applied_version: content === null ? 0 : size,
      first_report_at: first,
      last_report_at: last,
      case_owner: null,
      case_claimed_until: null,
      verdict: worst === 0 ? null : LEVELS[worst - 1],
      subject,
      updated_at: last,
    });
    await flush();
  }
  await flush(true);
  if (store.dialect === 'postgres')
    await sql`select setval(pg_get_serial_sequence('phishing_reports', 'id'), (select max(id) from phishing_reports))`.execute(
      store.db,
    );
  return result;
}

const LEVELS = ['clean', 'suspicious', 'malicious'] as const;
const RANK: Record<(typeof LEVELS)[number], number> = { clean: 1, suspicious: 2, malicious: 3 };

/** Report counts per campaign: one each, the rest by a Zipf law (s = 1.2) over the campaigns. */
function campaignSizes(campaigns: number, reports: number, rand: () => number): number[] {
  const sizes = new Array<number>(campaigns).fill(1);
  if (campaigns === 0) return sizes;
  const weights = sizes.map((_, i) => 1 / (i + 1) ** 1.2);
  const total = weights.reduce((a, b) => a + b, 0);
  let left = reports - campaigns;
  for (let i = 0; i < campaigns && left > 0; i++) {
    const extra = Math.min(left, Math.floor(((reports - campaigns) * (weights[i] ?? 0)) / total));
    sizes[i] = (sizes[i] ?? 1) + extra;
    left -= extra;
  }
  // What rounding left over goes mostly to the larger campaigns, leaving the singletons single.
  while (left-- > 0) {
    const i = Math.floor(rand() ** 4 * campaigns);
    sizes[i] = (sizes[i] ?? 1) + 1;
  }
  return sizes;
}

function pick<T>(rand: () => number, options: ReadonlyArray<readonly [T, number]>): T {
  let r = rand();
  for (const [v, p] of options) {
    if (r < p) return v;
    r -= p;
  }
  return options[options.length - 1]?.[0] as T;
}

function hex(rand: () => number, n: number): string {
  let s = '';
  while (s.length < n)
    s += Math.floor(rand() * 0x100000000)
      .toString(16)
      .padStart(8, '0');
  return s.slice(0, n);
}

/** A small seeded PRNG: the same data on every run. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
