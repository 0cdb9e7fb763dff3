// The outside clients features share, built once from configuration: the Microsoft tenants' clients
// (one token cache and connection pool per tenant). What every feature's `services` receives.
import { MicrosoftTenants } from '../connectors/microsoft/tenants/index.js';
import type { Config } from './config.js';

export interface AppServices {
  microsoft: MicrosoftTenants;
  close(): Promise<void>;
}

export function appServices(config: Config): AppServices {
  const microsoft = new MicrosoftTenants(config.tenants);
  return { microsoft, close: () => microsoft.close() };
}
