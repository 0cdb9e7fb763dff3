// Every error catalogue in graphsoc, from one place: the platform's layers, the connectors and each
// registered feature's (no directory scanning). docs/errors.md is generated from it by
// `npm run docs:errors`; a test fails when they disagree.
import { errors as commands } from '../cli/errors.js';
import { errors as consolePages } from '../console/errors.js';
import { errors as consoleSignIn } from '../console/sign-in/index.js';
import { errors as config } from '../platform/config/index.js';
import { errors as database } from '../platform/db/index.js';
import type { ErrorCatalogue } from '../platform/errors.js';
import { errors as http } from '../platform/http/index.js';
import { errors as leases } from '../platform/leases/index.js';
import { errors as webSession } from '../platform/web-session/index.js';
import { CONNECTORS, FEATURES } from './registry.js';

/** Area title → catalogue, platform first, then connectors, then features in registry order. */
export const CATALOGUES: Record<string, ErrorCatalogue> = {
  Configuration: config,
  Database: database,
  Leases: leases,
  'Console sessions': webSession,
  'Console sign-in': consoleSignIn,
  'Operator console': consolePages,
  'Outside calls (HTTP)': http,
  ...CONNECTORS,
  ...Object.assign({}, ...FEATURES.map((f) => f.errors)),
  Commands: commands,
};

/** Codes raised by the HTTP server itself rather than by an area. */
export const SERVER_ERRORS: ErrorCatalogue = {
  NOT_FOUND: {
    code: 'GSOC_SERVER_NOT_FOUND',
    actor: 'caller',
    summary: 'No route matches the method and path of a request to graphsoc.',
    fix: "Check the URL; the operator guides list each feature's routes.",
  },
  BAD_REQUEST: {
    code: 'GSOC_SERVER_BAD_REQUEST',
    actor: 'caller',
    summary: 'A request to graphsoc was malformed (body too large, wrong content type, invalid JSON).',
    fix: 'Fix the request as the message says.',
  },
  INTERNAL: {
    code: 'GSOC_SERVER_INTERNAL',
    actor: 'internal',
    summary: 'An unexpected error inside graphsoc; the details are in the server log, not in the answer.',
    fix: 'Look up the request in the log and report it as a bug.',
  },
};

const ACTOR_TEXT = {
  caller: 'you (the caller)',
  remote: 'the remote service (often transient)',
  internal: 'graphsoc (a bug)',
};

export function renderErrorsDoc(): string {
  const sections = Object.entries({ Server: SERVER_ERRORS, ...CATALOGUES }).map(([area, cat]) => {
    const rows = Object.values(cat)
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((e) => `| \`${e.code}\` | ${ACTOR_TEXT[e.actor]} | ${e.summary} | ${e.fix} |`);
    return `## ${area}\n\n| code | who must act | cause | fix |\n|---|---|---|---|\n${rows.join('\n')}\n`;
  });
  return `# Error codes\n\nEvery error graphsoc raises carries a stable code \`GSOC_<AREA>_<WHAT>\`; a code is never renamed or\nreused. "Who must act" decides how it is logged: caller errors at info, remote errors at warn,\ngraphsoc's own at error. This file is generated from the catalogues in the code by\n\`npm run docs:errors\`.\n\n${sections.join('\n')}`;
}
