// The emulator's default API roots, collections and credentials: two roots, a vetted feed, a
// community feed, a restricted collection the default reader may not read, and one on the second root.
import { guidFromName } from '../shared/ids.js';
import type { TaxiiToken, TaxiiUser } from './auth.js';
import type { ApiRootDef, CollectionDef } from './context.js';

export const VETTED_COLLECTION = guidFromName('taxii-collection-vetted');
export const COMMUNITY_COLLECTION = guidFromName('taxii-collection-community');
export const RESTRICTED_COLLECTION = guidFromName('taxii-collection-restricted');
export const PARTNER_COLLECTION = guidFromName('taxii-collection-partner');

export const defaultApiRoots = (): ApiRootDef[] => [
  { name: 'api1', title: 'ISAC indicator feeds', description: 'Vetted and community indicators.' },
  { name: 'trustgroup2', title: 'Partner trust group' },
];

export const defaultCollections = (): CollectionDef[] => [
  { id: VETTED_COLLECTION, apiRoot: 'api1', title: 'Vetted indicators', alias: 'vetted', size: 2000 },
  { id: COMMUNITY_COLLECTION, apiRoot: 'api1', title: 'Community indicators', size: 500 },
  { id: RESTRICTED_COLLECTION, apiRoot: 'api1', title: 'Board only', size: 100 },
  { id: PARTNER_COLLECTION, apiRoot: 'trustgroup2', title: 'Partner indicators', size: 100 },
];

const READABLE = [VETTED_COLLECTION, COMMUNITY_COLLECTION, PARTNER_COLLECTION];

/** Reads every default collection but the restricted one. */
export const DEFAULT_TAXII_USER: TaxiiUser = {
  username: 'taxii-reader',
  password: 'emulator-taxii-password-7d1e',
  collections: READABLE,
};

export const DEFAULT_TAXII_TOKEN: TaxiiToken = {
  token: 'emulator-taxii-token-0c5a9e41',
  collections: READABLE,
};
