// Starts every emulator (Entra ID + Graph + Defender + Sentinel, the Threat Response JWKS host, RSA Archer, TruSTAR, TAXII 2.1) on loopback with one shared CA and returns their handles.
import {
  type EntraGraphEmulator,
  type EntraGraphEmulatorOptions,
  startEntraGraphEmulator,
} from './microsoft/index.js';
import { type ArcherEmulator, type ArcherEmulatorOptions, startArcherEmulator } from './archer/index.js';
import { type JwksHostEmulator, startJwksHostEmulator } from './securex-jwks/index.js';
import { startTrustarEmulator, type TrustarEmulator, type TrustarEmulatorOptions } from './trustar/index.js';
import { startTaxiiEmulator, type TaxiiEmulator, type TaxiiEmulatorOptions } from './taxii/index.js';
import {
  type CertificateAuthority,
  createCertificateAuthority,
  removeCaFile,
  writeCaFile,
} from './shared/tls.js';

export type { EntraGraphEmulator, EntraGraphEmulatorOptions } from './microsoft/index.js';
export type { JwksHostEmulator } from './securex-jwks/index.js';
export type { ArcherEmulator, ArcherEmulatorOptions, ArcherSeed } from './archer/index.js';
export { securityExport, syntheticSecurityData } from './microsoft/index.js';
export { DEFAULT_USER as DEFAULT_ARCHER_USER } from './archer/index.js';
export type { TrustarEmulator, TrustarEmulatorOptions } from './trustar/index.js';
export { DEFAULT_CREDENTIAL as DEFAULT_TRUSTAR_CREDENTIAL } from './trustar/index.js';
export type { TaxiiEmulator, TaxiiEmulatorOptions } from './taxii/index.js';
export { DEFAULT_TAXII_TOKEN, DEFAULT_TAXII_USER, VETTED_COLLECTION } from './taxii/index.js';

export interface EmulatorsOptions {
  /** Bind address for every emulator; default 'localhost'. */
  host?: string;
  entraGraph?: Omit<EntraGraphEmulatorOptions, 'host' | 'ca'>;
  archer?: Omit<ArcherEmulatorOptions, 'host' | 'ca'>;
  trustar?: Omit<TrustarEmulatorOptions, 'host' | 'ca'>;
  taxii?: Omit<TaxiiEmulatorOptions, 'host' | 'ca'>;
  /** Reuse a CA; a fresh one is created otherwise. */
  ca?: CertificateAuthority;
}

export interface Emulators {
  entraGraph: EntraGraphEmulator;
  /** Threat Response's JWKS host, which signs relay configuration tokens. */
  securexJwks: JwksHostEmulator;
  /** RSA Archer's REST API, seeded with the Security Incidents application. */
  archer: ArcherEmulator;
  /** TruSTAR 2.0: token, observables and indicators search over a generated corpus, quotas. */
  trustar: TrustarEmulator;
  /** TAXII 2.1: discovery, API roots, collections, objects over generated STIX. */
  taxii: TaxiiEmulator;
  /** The CA every emulator's server certificate chains to. */
  caPem: string;
  caPath: string;
  close(): Promise<void>;
}

export async function startEmulators(opts: EmulatorsOptions = {}): Promise<Emulators> {
  const ca = opts.ca ?? createCertificateAuthority('graphsoc emulators CA');
  const entraGraph = await startEntraGraphEmulator({ ...opts.entraGraph, host: opts.host, ca });
  const securexJwks = await startJwksHostEmulator({ ca, host: opts.host });
  const archer = await startArcherEmulator({ ...opts.archer, host: opts.host, ca });
  const trustar = await startTrustarEmulator({ ...opts.trustar, host: opts.host, ca });
  const taxii = await startTaxiiEmulator({ ...opts.taxii, host: opts.host, ca });
  const caPath = writeCaFile(ca);
  return {
    entraGraph,
    securexJwks,
    archer,
    trustar,
    taxii,
    caPem: ca.certPem,
    caPath,
    close: async () => {
      await Promise.all([
        entraGraph.close(),
        securexJwks.close(),
        archer.close(),
        trustar.close(),
        taxii.close(),
      ]);
      removeCaFile(caPath);
    },
  };
}
