// Error catalogue of the Example connector. Add it to CONNECTORS in src/app/registry.ts and run
// npm run docs:errors.
// Status errors come from platform/http (HttpStatusError keeps status, remote code, request id, host);
// add codes here only for what this API adds (e.g. a session that must be renewed). A connector whose
// statuses get codes of its own maps them with platform/http's statusMapper table (see graph/errors.ts).
import type { ErrorCatalogue } from '../../platform/errors.js';

export const errors = {
  CURSOR_EXPIRED: {
    code: 'GSOC_EXAMPLE_CURSOR_EXPIRED',
    actor: 'remote',
    summary: 'The Example API no longer accepts a saved paging cursor.',
    fix: 'Nothing: the sync starts again from the beginning.',
  },
} as const satisfies ErrorCatalogue;
