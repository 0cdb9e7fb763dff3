// The accounts console: its section for run/start.ts, its deps and its error catalogue.
export type { AccountsConsoleDeps } from './deps.js';
export { AccountsConsoleError, errors } from './errors.js';
export { messages } from './messages.js';
export { accountsConsole } from './section.js';
