// The operator console's sign-in (Entra ID with PKCE, a break-glass account) and its session gate
// (issue 14). The sole entry point.
export {
  type ConsoleAuth,
  type ConsoleAuthConfig,
  type ConsoleAuthDeps,
  type ConsolePurgeCounts,
  consoleAuth,
} from './auth.js';
export { errors } from './errors.js';
export { FLOW_TTL_MS, FlowStore } from './flows.js';
export { messages } from './messages.js';
export { hashPassword, MIN_PASSWORD_LENGTH, parsePasswordHash, verifyPassword } from './password.js';
export { safeReturnPath } from './return-path.js';
