// Entry point of signature verification: the reported original's DKIM and ARC signatures checked
// against DNS, before (and apart from) the pure analysis, which takes the result as an input.
export { type DnsLookup, DnsLookupError, systemDnsLookup } from './dns-lookup.js';
export {
  type VerifyLimits,
  type VerifyOptions,
  verifyOriginal,
  verifySignatures,
} from './verify-signatures.js';
