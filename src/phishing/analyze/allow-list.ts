// Allow-list matching on dot boundaries: mail.contoso.com is within contoso.com,
// contoso.com.attacker.example and evilcontoso.com are not.
import { withinDomain } from './domains.js';

export const isAllowedHost = (host: string, allowed: readonly string[]): boolean =>
  allowed.some((d) => withinDomain(host.toLowerCase(), d));

/** A registrable domain is allowed when it is an allowed domain or lies under one. */
export const isAllowedDomain = isAllowedHost;
