// The phishing console: its section for run/start.ts, and the Archer link helper.
export { type ArcherLinks, archerLinks, archerRecordUrl } from './archer-link.js';
export type { PhishingConsoleDeps } from './deps.js';
export { errors, PhishingConsoleError } from './errors.js';
export { messages } from './messages.js';
export { searchTerms } from './search.js';
export { phishingConsole } from './section.js';
