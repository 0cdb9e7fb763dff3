// Who may ask for an account under which template: an address is eligible when its domain is one of
// the template's domains (or a subdomain of one, when the template allows it) or it matches one of
// the template's address patterns (globs, see address-pattern.ts). Rules are compiled once at
// configuration load; checking an address is a few string comparisons and bounded glob walks.
//
// The answer depends only on the address's form, never on whether it is known, so the public page
// can say "not eligible" without telling anyone which addresses have accounts.
import { AddressNotEligibleError, AddressPatternError } from '../errors.js';
import { canonicalDomain } from '../../platform/domain-name.js';
import { type NormalisedAddress, normaliseAddress } from './address.js';
import { type AddressPattern, addressMatches, compileAddressPattern } from './address-pattern.js';

export interface EligibilityRules {
  /** Domains as configured; IDNs are accepted and compared in punycode. */
  readonly domains: readonly string[];
  /** `a.stud.example.edu` counts for `stud.example.edu` (a dot boundary: `evilexample.edu` does not). */
  readonly allowSubdomains?: boolean;
  readonly patterns?: readonly string[];
}

export interface CompiledEligibility {
  readonly domains: readonly string[];
  readonly allowSubdomains: boolean;
  readonly patterns: readonly AddressPattern[];
}

/** Throws AddressPatternError for a pattern or domain the rules cannot hold. */
export function compileEligibility(rules: EligibilityRules): CompiledEligibility {
  const domains = rules.domains.map((d) => {
    const ascii = canonicalDomain(d.trim());
    if (ascii === undefined) throw new AddressPatternError(d, 'is not a valid domain name');
    return ascii;
  });
  return Object.freeze({
    domains: Object.freeze([...new Set(domains)]),
    allowSubdomains: rules.allowSubdomains ?? false,
    patterns: Object.freeze((rules.patterns ?? []).map(compileAddressPattern)),
  });
}

export function isEligible(address: NormalisedAddress, rules: CompiledEligibility): boolean {
  for (const d of rules.domains) {
    if (address.domain === d) return true;
    if (rules.allowSubdomains && address.domain.endsWith(`.${d}`)) return true;
  }
  return rules.patterns.some((p) => addressMatches(p, address));
}

/** The templates (in configuration order) an address may use; empty when none. */
export function eligibleTemplates<T extends { readonly eligibility: CompiledEligibility }>(
  address: NormalisedAddress,
  templates: readonly T[],
): T[] {
  return templates.filter((t) => isEligible(address, t.eligibility));
}

/**
 * Normalises an address from outside and returns it with its templates; throws AddressInvalidError
 * for a hostile address and AddressNotEligibleError when no template takes it.
 */
export function checkEligibility<T extends { readonly eligibility: CompiledEligibility }>(
  input: unknown,
  templates: readonly T[],
): { address: NormalisedAddress; templates: T[] } {
  const address = normaliseAddress(input);
  const matching = eligibleTemplates(address, templates);
  if (matching.length === 0) throw new AddressNotEligibleError();
  return { address, templates: matching };
}
