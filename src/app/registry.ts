// Every feature graphsoc has, in one explicit list (no directory scanning): the runtime starts the
// enabled ones, the server mounts their routes, `config check` and the docs read their configuration,
// the error catalogue their codes, the dashboard their jobs, and the architecture test their folders.
// Adding a feature is adding its folder under src/ and one line here.
import type { ErrorCatalogue } from '../platform/errors.js';
import type { JobInfo } from '../platform/feature/index.js';
import { errors as archer } from '../connectors/archer/index.js';
import { errors as defender } from '../connectors/microsoft/defender/index.js';
import { errors as graph } from '../connectors/microsoft/graph/index.js';
import { errors as identity } from '../connectors/microsoft/identity/index.js';
import { errors as sentinel } from '../connectors/microsoft/sentinel/index.js';
import { errors as signIn } from '../connectors/microsoft/sign-in/index.js';
import { errors as taxii } from '../connectors/taxii/index.js';
import { errors as trustar } from '../connectors/trustar/index.js';
import { phishing } from '../phishing/index.js';
import { relay } from '../relay/index.js';
import { intel } from '../intel/index.js';
import { accounts } from '../accounts/index.js';

export const FEATURES = [phishing, relay, intel, accounts] as const;

/** Each connector's error catalogue, by the title docs/errors.md gives its area. */
export const CONNECTORS: Readonly<Record<string, ErrorCatalogue>> = {
  'Microsoft identity': identity,
  'Microsoft Entra sign-in': signIn,
  'Microsoft Graph': graph,
  'Microsoft Defender for Endpoint': defender,
  'Microsoft Sentinel': sentinel,
  'RSA Archer': archer,
  TruSTAR: trustar,
  'TAXII 2.1': taxii,
};

/**
 * Folders under src/ of features being built and not registered yet: the architecture test holds them
 * to a feature's rules (no other feature, not the console), and nothing runs them.
 */
export const FEATURES_IN_PROGRESS = [] as const;

/** Jobs on the way: the dashboard lists them as not yet available until their feature lands. */
export const PLANNED_JOBS: readonly JobInfo[] = [];
