// Everything the login, Graph and Defender listeners share at run time: the directory, the token
// signer, faults, the request log, Graph throttling, settings and their URLs.
import type { FaultStore } from '../shared/faults.js';
import type { RequestLog } from '../shared/request-log.js';
import type { DirectoryState } from '../directory/state.js';
import type { Throttle } from '../graph/throttle.js';
import type { TokenSigner } from '../identity/tokens.js';

export interface EmulatorContext {
  state: DirectoryState;
  signer: TokenSigner;
  faults: FaultStore;
  log: RequestLog;
  throttle: Throttle;
  settings: { latencyMs: number; tokenLifetimeSec: number };
  /** Filled in once both listeners are bound. */
  urls: { login: string; graph: string };
  /** Host names a client may use for this emulator (localhost, 127.0.0.1, ::1, the configured host). */
  hostNames: string[];
}

/** `localhost:1234` for a base URL; msal calls this "hostname and port". */
export function hostAndPort(baseUrl: string): string {
  return new URL(baseUrl).host;
}
