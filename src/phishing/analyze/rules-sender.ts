// Verdict rules about who the message claims to be from and whom it addresses: a brand in the display
// name that the sending domain does not carry, another address written as the name, a sending domain
// under no public suffix or on a shared tenant platform, a subject naming the recipient by address or
// carrying a random token, and look-alike letters from another script in the name or the subject.
import { parse } from 'tldts';
import { domainOfEmail, hasKnownSuffix, registrableDomain } from './domains.js';
import type { Facts } from './facts.js';
import { type Reason, reason } from './reason.js';
import type { Rule } from './rules.js';
import { addressInName, claimedBrand, domainCarriesBrand } from './signals/display-name.js';
import { mixedScriptWord } from './signals/mixed-script.js';
import { randomToken } from './signals/random-token.js';
import { recipientInSubject } from './signals/recipient.js';
import { sharedTenantOf } from './signals/shared-tenant.js';

/**
 * Names reserved for documentation and tests (RFC 2606, RFC 6761): no mail from outside comes from
 * them, and the examples of docs and tests use them for ordinary senders.
 */
const isReservedName = (domain: string) => /\.(?:example|test|invalid|localhost)$/i.test(domain);

export const senderClaims: Rule = (f: Facts) => {
  const from = f.message.from;
  if (!from?.address) return [];
  const out: Reason[] = [];
  const domain = domainOfEmail(from.address);
  const registrable = registrableDomain(domain);
  const label = parse(domain, { allowPrivateDomains: true }).domainWithoutSuffix ?? '';

  const brand = claimedBrand(from.name);
  if (brand && !domainCarriesBrand(brand.brand, label))
    out.push(
      reason(
        f,
        'SENDER_BRAND_MISMATCH',
        `The sender's name claims ${brand.name}, but the message comes from ${domain}.`,
      ),
    );

  // A list relaying a member's mail may write the member's address into its own From's name.
  const listMail = f.list.listId;
  const named = addressInName(from.name);
  if (named && !listMail) {
    const namedDomain = registrableDomain(domainOfEmail(named));
    if (namedDomain && namedDomain !== registrable)
      out.push(
        reason(
          f,
          'SENDER_NAME_ADDRESS_MISMATCH',
          `The sender's name shows the address ${named.slice(0, 100)}, but the message comes from ${domain}.`,
        ),
      );
  }

  if (domain && !hasKnownSuffix(domain) && !isReservedName(domain))
    out.push(
      reason(
        f,
        'SENDER_NO_PUBLIC_SUFFIX',
        `The sender's domain ${domain.slice(0, 100)} is under no public top-level domain.`,
      ),
    );

  const tenant = sharedTenantOf(domain);
  if (tenant)
    out.push(
      reason(
        f,
        'SENDER_SHARED_TENANT',
        `The sender ${domain.slice(0, 100)} is a tenant of ${tenant}, where anyone can open one under any name.`,
      ),
    );

  const recipient = recipientInSubject(f.message);
  if (recipient && !listMail)
    out.push(
      reason(
        f,
        'SUBJECT_NAMES_RECIPIENT',
        `The subject names the recipient by address (${recipient.slice(0, 100)}).`,
      ),
    );

  const token = randomToken(f.message.subject);
  if (token)
    out.push(
      reason(f, 'SUBJECT_RANDOM_TOKEN', `The subject carries a random token (${token.slice(0, 40)}).`),
    );

  const mixed = mixedScriptWord(from.name) ?? mixedScriptWord(f.message.subject);
  if (mixed)
    out.push(
      reason(
        f,
        'LOOKALIKE_LETTERS',
        `"${mixed}" mixes Latin letters with look-alike letters of another script.`,
      ),
    );
  return out;
};
