// Schema of `[phishing]` in graphsoc.toml: report mailboxes → analysed campaigns → Archer incidents.
// The Archer connection itself is the connector's `[archer]` section.
import { isIP } from 'node:net';
import { similarityPolicySchema } from './campaigns/similarity.js';
import { z } from 'zod';
import { ARCHER_REQUIRED, type ArcherConfig, archerSchema } from '../connectors/archer/index.js';
import type { PlatformConfig } from '../platform/config/index.js';
import type { FeatureConfig } from '../platform/feature/index.js';
import { verdictOptionsSchema } from './analyze/index.js';

const domain = z
  .string()
  .regex(/^(?=.{1,253}$)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$/i, 'expected a domain name such as contoso.com')
  .transform((d) => d.toLowerCase());

const mailboxSchema = z
  .object({
    /** `name` of the `[[tenants]]` entry whose app reads this mailbox. */
    tenant: z.string().min(1),
    /** The report mailbox: its user principal name or object id. */
    mailbox: z.string().min(3),
    /** Folder users report into: a well-known name (`inbox`) or a folder id. */
    folder: z.string().min(1).default('inbox'),
    /** Folder a processed report moves to; created when missing. */
    processedFolder: z.string().min(1).default('graphsoc Processed'),
    /** Category set on a processed report. */
    processedCategory: z.string().min(1).default('graphsoc: processed'),
    /** Category set on a report that failed and waits for a retry or an analyst. */
    failedCategory: z.string().min(1).default('graphsoc: failed'),
  })
  .strict();

const limitsSchema = z
  .object({
    /** Largest report MIME read, in bytes; a bigger one is recorded as unparseable, never dropped. */
    maxBytes: z.coerce
      .number()
      .int()
      .min(1024)
      .max(512 * 1024 * 1024)
      .default(32 * 1024 * 1024),
    /** Deepest nesting of attached messages followed. */
    maxDepth: z.coerce.number().int().min(1).max(20).default(8),
    /** Most MIME parts read per report. */
    maxParts: z.coerce.number().int().min(10).max(10_000).default(2000),
    /**
     * Seconds one report's parse and analysis may take on its worker thread; past them the report is
     * filed with what its headers and attachments gave, and says so.
     */
    analysisBudgetSec: z.coerce.number().int().min(1).max(3600).default(60),
  })
  .strict()
  .prefault({});

const notifySchema = z
  .object({
    /** Tell the reporter their report arrived. */
    acknowledge: z.boolean().default(false),
    /** Tell the reporter the verdict once the incident is filed. */
    verdict: z.boolean().default(false),
    language: z.enum(['en', 'de']).default('en'),
  })
  .strict()
  .prefault({});

const fieldName = z.string().min(1).max(200);

/**
 * How a campaign becomes an Archer record, by the names Archer shows (resolved to ids at start; a name
 * that does not exist stops start-up with the names that do).
 */
const archerMappingSchema = z
  .object({
    application: fieldName.default('Security Incidents'),
    /** Level of the application; its first (base) level when empty. */
    level: fieldName.optional(),
    titleField: fieldName.default('Title'),
    /** `{subject}` is the reported message's subject (defanged). */
    titleTemplate: z.string().min(1).max(500).default('ABUSE - {subject}'),
    descriptionField: fieldName.default('Incident Description'),
    /**
     * Text field holding graphsoc's campaign key: how a record is found again after a crash instead
     * of being created twice. Add it to the application (admin only, not on layouts users edit).
     */
    campaignKeyField: fieldName.default('graphsoc Campaign Key'),
    /** Attachment field for the first report's message (.eml). */
    attachmentField: fieldName.optional(),
    /** Numeric field counting the reports of the campaign. */
    reportCountField: fieldName.optional(),
    /** Date field: when the campaign was first reported. */
    firstReportedField: fieldName.optional(),
    /** IP address field: the sending server's address from the Received chain. */
    senderIpField: fieldName.optional(),
    /** Values-list fields set on every record: field name → value name (or names). */
    values: z.record(fieldName, z.union([fieldName, z.array(fieldName).min(1)])).default({}),
    /** Cross-reference fields set on every record: field name → content ids. */
    crossReferences: z.record(fieldName, z.array(z.number().int().positive()).min(1)).default({}),
  })
  .strict()
  .prefault({});

/**
 * What becomes of reports marked junk or not junk by a report button (phishing reports and plain
 * forwards are always filed): `file` like a phishing report, `ifSuspicious` when the analysis says
 * suspicious or malicious, `ifMalicious` only when it says malicious, `skip` never. Every report is
 * still analysed, answered and moved.
 */
const kindPolicy = z.enum(['file', 'ifSuspicious', 'ifMalicious', 'skip']);
const reportKindsSchema = z
  .object({
    junk: kindPolicy.default('file'),
    /** A user rescuing a message from junk: an incident only if it looks like a phish after all. */
    notJunk: kindPolicy.default('ifSuspicious'),
  })
  .strict()
  .prefault({});

/** How long stored reports are kept (src/phishing/store/retention.ts says what goes and when). */
const retentionSchema = z
  .object({
    /** Days after their last activity that campaigns and finished reports are deleted; 0 keeps them. */
    keepDays: z.coerce.number().int().min(0).max(3650).default(180),
  })
  .strict()
  .prefault({});

export const phishingSchema = z
  .object({
    enabled: z.boolean().default(false),
    mailboxes: z.array(mailboxSchema).default([]),
    /** Path of the Graph change-notification webhook under server.publicUrl. */
    webhookPath: z
      .string()
      .regex(/^\/[a-z0-9/_-]+$/i, 'expected a path such as /webhooks/graph/mail')
      .default('/webhooks/graph/mail'),
    /** A delta round runs at least this often even without notifications (they can be lost). */
    pollEverySec: z.coerce.number().int().min(10).max(3600).default(300),
    /** Failures of a report's own (not outages) after which it is quarantined with its reason. */
    maxAttempts: z.coerce.number().int().min(1).max(50).default(8),
    /**
     * Reports of one mailbox worked on at once. Graph allows an app 4 concurrent requests per mailbox
     * and each report makes one at a time, so more would only meet 429s.
     */
    concurrency: z.coerce.number().int().min(1).max(4).default(4),
    /** First wait after a failure (doubling per failure, at most an hour); the retry interval in an outage. */
    retryBaseSec: z.coerce.number().int().min(1).max(3600).default(30),
    /** A report failing only through outages (network, 429, 5xx) this long is quarantined after all. */
    maxOutageHours: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(24),
    /**
     * Reports of one campaign must arrive within this window to be grouped by sender, subject and URLs,
     * or by template; a shared original Message-ID groups whenever it arrives.
     */
    campaignWindowHours: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 90)
      .default(72),
    /** Thresholds of grouping reports by template (body similarity, link skeletons, subject). */
    campaignSimilarity: similarityPolicySchema,
    /** The organisation's own domains: never IOCs, and the reference for lookalike detection. */
    ownDomains: z.array(domain).default([]),
    /** Other benign domains removed from IOCs (CDNs, partners). */
    allowDomains: z.array(domain).default([]),
    /**
     * Authserv-ids of your own mail system besides the topmost Authentication-Results header's (which
     * always counts): a gateway in front of Microsoft 365, or `mx.microsoft.com` for Microsoft's ARC
     * results when a gateway's header is the topmost one.
     */
    authservIds: z.array(z.string().trim().min(1).toLowerCase()).default([]),
    limits: limitsSchema,
    /**
     * Verify the original's DKIM signatures and ARC chain against keys in DNS before the analysis
     * (src/phishing/verify/). Off by default: it needs outbound DNS, and each report waits for it.
     */
    verifySignatures: z.boolean().default(false),
    /** Resolvers (IP addresses) for those key look-ups; the system's when empty. */
    dnsServers: z.array(z.string().refine((s) => isIP(s) !== 0, 'expected an IP address')).default([]),
    /**
     * How the verdict weighs its reasons: `thresholds.suspicious` and `.malicious`, and `points`, reason
     * code → points (0 turns the code off). The defaults are analyze/reason-codes.ts's.
     */
    verdict: verdictOptionsSchema,
    notify: notifySchema,
    reportKinds: reportKindsSchema,
    archer: archerMappingSchema,
    retention: retentionSchema,
  })
  .strict()
  .superRefine((p, ctx) => {
    // The reporter is the report mail's From, which anyone can forge: only the organisation's own
    // addresses are mailed, so without ownDomains nobody could be.
    if ((p.notify.acknowledge || p.notify.verdict) && p.ownDomains.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['ownDomains'],
        message:
          'reporter mails (phishing.notify) go only to addresses in phishing.ownDomains, so a forged report cannot make graphsoc mail strangers: list your domains, or turn the mails off',
      });
    // A campaign deleted while its fingerprint could still group reports would split a live campaign.
    const keepHours = p.retention.keepDays * 24;
    if (keepHours > 0 && keepHours < p.campaignWindowHours)
      ctx.addIssue({
        code: 'custom',
        path: ['retention', 'keepDays'],
        message: `expected 0 or at least phishing.campaignWindowHours (${p.campaignWindowHours} hours) in days, so a campaign is not deleted while reports may still join it`,
      });
  })
  .prefault({});

export type PhishingConfig = z.infer<typeof phishingSchema>;

/** The configuration the phishing job reads: the platform's sections, `[phishing]` and `[archer]`. */
export type PhishingAppConfig = PlatformConfig & { phishing: PhishingConfig; archer: ArcherConfig };

export const phishingConfig: FeatureConfig<PhishingAppConfig> = {
  sections: { phishing: phishingSchema, archer: archerSchema },
  enabled: (c) => c.phishing.enabled,
  check(c, issue) {
    const tenants = new Set(c.tenants.map((t) => t.name));
    c.phishing.mailboxes.forEach((m, i) => {
      if (!tenants.has(m.tenant))
        issue(
          ['phishing', 'mailboxes', i, 'tenant'],
          `expected the name of a [[tenants]] entry (${[...tenants].join(', ') || 'none configured'}); found "${m.tenant}"`,
        );
    });
    if (!c.phishing.enabled) return;
    if (c.phishing.mailboxes.length === 0)
      issue(['phishing', 'mailboxes'], 'expected at least one mailbox when phishing.enabled is true');
    for (const key of ARCHER_REQUIRED) {
      if (c.archer[key] === undefined)
        issue(['archer', key], `expected archer.${key}: phishing reports become Archer incidents`);
    }
  },
  secretPaths: [['archer', 'password']],
};
