// The enclaves of the emulated company (GET /api/2.0/enclaves; shape from the trustar2 SDK's test
// resources, ti-fixtures/trustar/enclaves-response.json). The corpus spreads over the readable ones;
// the last cannot be read, so a client configured with it gets refused.
import { guidFromName } from '../shared/ids.js';

export interface Enclave {
  name: string;
  templateName: string;
  workflowSupported: boolean;
  read: boolean;
  create: boolean;
  update: boolean;
  id: string;
  type: string;
}

/** RH-ISAC's vetted enclave: the id its script hard-codes. */
export const VETTED_ENCLAVE = '59cd8570-5dce-4e5b-b09c-9807530a7086';
/** The id rh-isac.conf.example ships (the script never reads it). */
export const COMMUNITY_ENCLAVE = '7a33144f-aef3-442b-87d4-dbf70d8afdb0';

const enclave = (name: string, id: string, read = true): Enclave => ({
  name,
  templateName: 'Private Enclave',
  workflowSupported: false,
  read,
  create: false,
  update: false,
  id,
  type: 'INTERNAL',
});

export function defaultEnclaves(): Enclave[] {
  return [
    enclave('RH-ISAC Vetted Indicators', VETTED_ENCLAVE),
    enclave('RH-ISAC Community Submissions', COMMUNITY_ENCLAVE),
    enclave('Open Source Feeds', guidFromName('trustar-enclave-osint')),
    enclave('Partner Sharing', guidFromName('trustar-enclave-partner')),
    enclave('Restricted Investigations', guidFromName('trustar-enclave-restricted'), false),
  ];
}
