// The TAXII steps of the platform/http chain: the credential (Basic or bearer) attached to the
// configured host only — a discovery answer or a redirect pointing elsewhere never gets it — and the
// TAXII 2.1 Accept header, without which a server answers 406.
import type { Step } from '../../platform/http/index.js';
import type { TaxiiCredential } from './types.js';

export const TAXII_ACCEPT = 'application/taxii+json;version=2.1';

export function credentialStep(host: string, credential: TaxiiCredential): Step {
  const header =
    credential.kind === 'basic'
      ? `Basic ${Buffer.from(`${credential.username}:${credential.password}`).toString('base64')}`
      : credential.kind === 'bearer'
        ? `Bearer ${credential.token}`
        : undefined;
  return async function taxiiCredential(req, next) {
    if (header === undefined || req.url.host !== host) return next(req);
    return next({ ...req, headers: { ...req.headers, authorization: header } });
  };
}

export function acceptStep(): Step {
  return async function taxiiAccept(req, next) {
    return next({ ...req, headers: { ...req.headers, accept: TAXII_ACCEPT } });
  };
}
