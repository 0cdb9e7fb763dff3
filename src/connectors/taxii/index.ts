// TAXII 2.1 connector: the sole entry point; features import only from here. It returns TAXII's own
// shapes, validated; STIX objects stay unvalidated records, and the canonical indicator is src/intel's.
export { TAXII_REQUIRED, TAXII_SECRET_PATHS, type TaxiiConfig, taxiiSchema } from './config.js';
export { createTaxiiClient, type TaxiiAnswer, type TaxiiClient, type TaxiiRequest } from './client.js';
export { type TaxiiSettings, taxiiConnection } from './connection.js';
export { errors, parseTaxiiError, TaxiiConfigError, TaxiiError, TaxiiResponseError } from './errors.js';
export { checkCollections, getCollection, listCollections } from './resources/collections.js';
export { readObjects } from './resources/objects.js';
export { TAXII_ACCEPT } from './steps.js';
export type {
  ApiRoot,
  Collection,
  Discovery,
  ObjectsPage,
  ObjectsQuery,
  TaxiiClientOptions,
  TaxiiConnection,
  TaxiiCredential,
} from './types.js';
