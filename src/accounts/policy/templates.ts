// A configured template compiled for the request path: its eligibility rules and its UPN part,
// built once at start so checking an address or naming an account does no parsing.
import type { AccountTemplateConfig } from '../config.js';
import { canonicalDomain } from '../../platform/domain-name.js';
import { type CompiledEligibility, compileEligibility } from './eligibility.js';
import { compileUpnPattern } from './upn-pattern.js';
import type { UpnTemplate } from './upn.js';
import { PolicyBrokenError } from '../errors.js';

export interface CompiledTemplate {
  readonly config: AccountTemplateConfig;
  readonly eligibility: CompiledEligibility;
  readonly upn: UpnTemplate;
}

/** For a configuration parseAccountsConfig accepted; its checks make a failure here a bug. */
export function compileTemplate(config: AccountTemplateConfig): CompiledTemplate {
  const domain = canonicalDomain(config.upnDomain);
  if (domain === undefined) throw new PolicyBrokenError(`template ${config.name} has an unchecked upnDomain`);
  return Object.freeze({
    config,
    eligibility: compileEligibility(config),
    upn: Object.freeze({ domain, pattern: compileUpnPattern(config.upnPattern), umlauts: config.umlauts }),
  });
}
