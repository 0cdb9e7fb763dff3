// What every TAXII route reads: API roots, collections with their stores, who may read them, the
// request limit, settings and the clock.
import type { TaxiiToken, TaxiiUser } from './auth.js';
import type { CollectionStore } from './corpus/store.js';
import type { RequestLimits } from './limits.js';

export interface ApiRootDef {
  /** The path segment: https://host/<name>/ is the API root. */
  name: string;
  title: string;
  description?: string;
}

export interface CollectionDef {
  id: string;
  apiRoot: string;
  title: string;
  description?: string;
  alias?: string;
  /** Objects generated (default 2,000). */
  size?: number;
  /** Default: the emulator's seed. */
  seed?: number;
}

export interface Collection {
  def: CollectionDef;
  store: CollectionStore;
}

export interface TaxiiSettings {
  /** The most objects one page holds, whatever limit asks (TAXII lets a server cap it). */
  maxPageSize: number;
}

export interface TaxiiContext {
  apiRoots: ApiRootDef[];
  collections: Map<string, Collection>;
  users: TaxiiUser[];
  tokens: TaxiiToken[];
  limits: RequestLimits;
  settings: TaxiiSettings;
  now(): number;
}
