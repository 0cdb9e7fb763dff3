// `[accounts]` in graphsoc.toml: who may ask for an account under which `[[accounts.templates]]`,
// what each template gives (domain and name pattern, usage location, licences, groups, lifetime,
// approval, how the first credential reaches the person), the mail sender, how long codes and links
// live, the rate limits on sending them, how long requests are kept, and the group naming policies.
// Not yet part of the app's schema: the feature registers it once it has a feature object.
// Cross-field checks (a template's upnDomain must be in upnDomains, patterns must compile …) run in
// the schema itself, so `composeConfig` will run them too.
import { z } from 'zod';
import { AccountsConfigError } from './errors.js';
import { canonicalDomain } from '../platform/domain-name.js';
import { normaliseAddress } from './policy/address.js';
import { compileEligibility } from './policy/eligibility.js';
import { compileGroupNaming, MAX_GROUP_NAME } from './policy/group-name.js';
import { ISO_COUNTRIES } from './policy/iso-countries.js';
import { compileUpnPattern } from './policy/upn-pattern.js';
import { DEFAULT_UPN_TRIES } from './policy/upn.js';
import { MAX_UPN_DOMAIN } from './policy/upn-rules.js';
import { isGsocError } from '../platform/errors.js';

/** Microsoft's SKU part numbers (`STANDARDWOFFPACK_STUDENT`, `Microsoft_365_E5_(no_Teams)`), not skuIds. */
const skuPartNumber = z.string().regex(/^[A-Za-z0-9_().+-]{1,100}$/, 'is not a SKU part number');

const domainName = z.string().min(1).max(253);

export const CREDENTIAL_DELIVERIES = ['temporary-access-pass', 'one-time-view'] as const;

export const templateSchema = z
  .object({
    /** Stable id in URLs, rows and the audit log: lower-case letters, digits and dashes. */
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be 1-40 of a-z, 0-9 and -, starting with a letter or digit'),
    /** What the request page calls it; the name when absent. */
    title: z.string().min(1).max(120).optional(),
    /** Addresses at these domains are eligible (IDNs accepted, compared in punycode). */
    domains: z.array(domainName).max(100).default([]),
    allowSubdomains: z.boolean().default(false),
    /** Globs such as `st*@stud.example.edu` (`*`, `?`; no regular expressions). */
    patterns: z.array(z.string().min(1).max(128)).max(50).default([]),
    /** One of accounts.upnDomains. */
    upnDomain: domainName,
    upnPattern: z.string().min(1).max(64).default('{given}.{surname}'),
    /** `expand` (ä → ae) or `drop` (ä → a). */
    umlauts: z.enum(['expand', 'drop']).default('expand'),
    /** ISO 3166-1 alpha-2; Graph refuses a licence to a user without one. */
    usageLocation: z
      .string()
      .length(2)
      .transform((s) => s.toUpperCase())
      .refine((s) => ISO_COUNTRIES.has(s), 'is not an ISO 3166-1 alpha-2 country code'),
    licences: z.array(skuPartNumber).max(20).default([]),
    /** Object ids of the groups every account of this template joins. */
    groups: z.array(z.guid()).max(50).default([]),
    /** Accounts are disabled this many days after creation; never when absent. */
    accountLifetimeDays: z.number().int().min(1).max(3650).optional(),
    /** Whether an administrator approves each request before provisioning. */
    approvalRequired: z.boolean().default(true),
    /** How the first credential reaches the person: never a password in a mail. */
    credential: z.enum(CREDENTIAL_DELIVERIES).default('temporary-access-pass'),
  })
  .strict();

const namingPolicySchema = z
  .object({
    /** Literal text and `{department}`, `{company}`, `{office}`, `{title}`, `{countryOrRegion}`, `{stateOrProvince}`. */
    prefix: z.string().max(53).default(''),
    suffix: z.string().max(53).default(''),
    blockedWords: z.array(z.string().min(1).max(64)).max(5000).default([]),
    minLength: z.number().int().min(1).max(64).default(3),
    maxLength: z.number().int().min(8).max(MAX_GROUP_NAME).default(120),
  })
  .strict()
  .prefault({});

const rateLimitSchema = (max: number) =>
  z
    .object({
      /** Codes sent at most in the window. */
      max: z.number().int().min(1).max(10_000).default(max),
      windowMinutes: z.number().int().min(1).max(10_080).default(60),
    })
    .strict()
    .prefault({});

const accountsObject = z
  .object({
    enabled: z.boolean().default(false),
    /** `name` of the `[[tenants]]` entry whose app registration creates accounts and sends mail. */
    tenant: z.string().min(1).optional(),
    /** Verified domains of the tenant that accounts may be created in (checked online against GET /domains). */
    upnDomains: z.array(domainName).max(50).default([]),
    /** Numbered candidates tried at most when a name is taken (name, name2 … name50). */
    upnMaxTries: z.number().int().min(1).max(1000).default(DEFAULT_UPN_TRIES),
    templates: z.array(templateSchema).max(100).default([]),
    mail: z
      .object({
        /** Mailbox the codes and notices are sent from (Graph sendMail as that user). */
        sender: z.string().max(254).optional(),
      })
      .strict()
      .prefault({}),
    verification: z
      .object({
        codeLifetimeMinutes: z.number().int().min(1).max(1440).default(15),
        linkLifetimeMinutes: z.number().int().min(5).max(10_080).default(60),
        /** Wrong codes before a code is spent. */
        codeAttempts: z.number().int().min(1).max(20).default(5),
      })
      .strict()
      .prefault({}),
    rateLimits: z
      .object({ perAddress: rateLimitSchema(3), perIp: rateLimitSchema(20) })
      .strict()
      .prefault({}),
    retention: z
      .object({
        /** Finished or refused requests (and their mapping of address to account) after this. */
        requestDays: z.number().int().min(1).max(3650).default(400),
        auditDays: z.number().int().min(30).max(3650).default(400),
      })
      .strict()
      .prefault({}),
    provisioning: z
      .object({
        /** Requests provisioned at once by the instance holding the unit. */
        concurrency: z.number().int().min(1).max(64).default(8),
        /** Graph's directory write limit per tenant: at most this many writes in any window. */
        writesPerWindow: z.number().int().min(1).max(100_000).default(3000),
        windowSeconds: z.number().min(0.01).max(3600).default(150),
        /** Tries of one step (transient failures, with backoff) before the request fails. */
        maxAttempts: z.number().int().min(1).max(100).default(8),
      })
      .strict()
      .prefault({}),
    expiry: z
      .object({
        /** The person is mailed this many days before their account is disabled. */
        notifyDaysBefore: z.number().int().min(0).max(365).default(14),
        /** A disabled account is deleted this many days later (it stays restorable for 30 more in Entra). */
        graceDays: z.number().int().min(0).max(3650).default(30),
        /** How often the expiry unit looks for accounts to notify, disable or delete. */
        intervalMinutes: z.number().int().min(1).max(1440).default(60),
      })
      .strict()
      .prefault({}),
    groups: z
      .object({
        /** Object ids of the groups people may ask to join (each must exist in the tenant). */
        joinable: z.array(z.guid()).max(200).default([]),
        allowCreate: z.boolean().default(false),
        m365: namingPolicySchema,
        security: namingPolicySchema,
      })
      .strict()
      .prefault({}),
  })
  .strict();

type Issue = { path: (string | number)[]; message: string };

/** Each compile step reports its coded error's message at its key instead of throwing. */
function tryCompile(issues: Issue[], path: (string | number)[], compile: () => unknown): void {
  try {
    compile();
  } catch (e) {
    if (!isGsocError(e)) throw e;
    issues.push({ path, message: e.message });
  }
}

function crossChecks(c: z.infer<typeof accountsObject>): Issue[] {
  const issues: Issue[] = [];
  const upnDomains = new Set<string>();
  c.upnDomains.forEach((d, i) => {
    const ascii = canonicalDomain(d);
    if (ascii === undefined || ascii.length > MAX_UPN_DOMAIN)
      issues.push({
        path: ['upnDomains', i],
        message: `${d} is not a domain of at most ${MAX_UPN_DOMAIN} characters`,
      });
    else upnDomains.add(ascii);
  });
  const names = new Set<string>();
  c.templates.forEach((t, i) => {
    const at = (key: string) => ['templates', i, key];
    if (names.has(t.name)) issues.push({ path: at('name'), message: `template ${t.name} is named twice` });
    names.add(t.name);
    if (t.domains.length === 0 && t.patterns.length === 0)
      issues.push({ path: at('domains'), message: `template ${t.name} needs domains or patterns` });
    const upnDomain = canonicalDomain(t.upnDomain);
    if (upnDomain === undefined || !upnDomains.has(upnDomain))
      issues.push({ path: at('upnDomain'), message: `${t.upnDomain} is not one of accounts.upnDomains` });
    tryCompile(issues, at('upnPattern'), () => compileUpnPattern(t.upnPattern));
    tryCompile(issues, at('patterns'), () =>
      compileEligibility({ domains: t.domains, allowSubdomains: t.allowSubdomains, patterns: t.patterns }),
    );
  });
  for (const kind of ['m365', 'security'] as const) {
    const p = c.groups[kind];
    tryCompile(issues, ['groups', kind], () => compileGroupNaming(p));
    if (p.minLength > p.maxLength)
      issues.push({ path: ['groups', kind, 'minLength'], message: 'is above maxLength' });
    if (p.prefix.length + p.suffix.length + p.minLength > p.maxLength)
      issues.push({
        path: ['groups', kind, 'maxLength'],
        message: 'leaves no room for a name between prefix and suffix',
      });
  }
  if (c.mail.sender !== undefined)
    tryCompile(issues, ['mail', 'sender'], () => normaliseAddress(c.mail.sender));
  if (c.enabled) {
    if (c.templates.length === 0)
      issues.push({ path: ['templates'], message: 'at least one template is needed when enabled' });
    if (c.mail.sender === undefined)
      issues.push({ path: ['mail', 'sender'], message: 'is needed when enabled' });
    if (c.tenant === undefined) issues.push({ path: ['tenant'], message: 'is needed when enabled' });
  }
  return issues;
}

export const accountsSchema = accountsObject
  .superRefine((c, ctx) => {
    for (const issue of crossChecks(c))
      ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  })
  .prefault({});

export type AccountsConfig = z.infer<typeof accountsSchema>;
export type AccountTemplateConfig = AccountsConfig['templates'][number];

/** The `[accounts]` section alone, validated and frozen; AccountsConfigError lists every problem. */
export function parseAccountsConfig(input: unknown): AccountsConfig {
  const r = accountsSchema.safeParse(input);
  if (!r.success)
    throw new AccountsConfigError(
      r.error.issues.map((i) => `accounts.${i.path.map(String).join('.')}: ${i.message}`),
    );
  return deepFreeze(r.data);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
