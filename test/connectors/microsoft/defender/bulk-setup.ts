// Shared setup of the Defender bulk-indicator tests (client and sink): an emulator whose Defender
// windows run `TIME_SCALE` times faster, our app and an analyst's app, and clients whose clock
// sleeps the same factor shorter, so a Retry-After in the emulator's seconds is waited out in time.
import type { EntraGraphEmulator } from '../../../../emulators/microsoft/index.js';
import {
  createDefenderClient,
  type DefenderClient,
  type ThrottleEvent,
} from '../../../../src/connectors/microsoft/defender/index.js';
import {
  createTokenProvider,
  forgetCachedApplications,
} from '../../../../src/connectors/microsoft/identity/index.js';
import { tenantSchema } from '../../../../src/platform/config/tenant.js';
import { type Clock, systemClock } from '../../../../src/platform/http/index.js';
import { CLIENT_ID, SECRET, startEmulator, TENANT_ID } from '../helpers.js';

export const TIME_SCALE = 600;
export const ANALYST_APP = '99999999-8888-4777-8666-555555555555';
const ANALYST_SECRET = 'analyst-secret-value-0123456789~x';
export const FUTURE_MS = Date.now() + 30 * 86_400_000;

/** The client's clock in the emulator's compressed time: a wait of ms lasts ms / TIME_SCALE. */
export const scaledClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => systemClock.sleep(ms / TIME_SCALE, signal),
};

export interface BulkSetup {
  emu: EntraGraphEmulator;
  /** graphsoc's client (Ti.ReadWrite.All), counting each 429 in `throttles`. */
  client: DefenderClient;
  /** Another app in the tenant, standing for an analyst's tool. */
  analyst: DefenderClient;
  throttles: ThrottleEvent[];
  /** Fresh state: no indicators, default limits with the compressed clock. */
  reset(): void;
  close(): Promise<void>;
}

export async function startBulkSetup(): Promise<BulkSetup> {
  const emu = await startEmulator();
  const throttles: ThrottleEvent[] = [];
  const clientFor = (clientId: string, secret: string, onThrottled?: (e: ThrottleEvent) => void) => {
    const tenant = tenantSchema.parse({
      name: 'contoso',
      tenantId: TENANT_ID,
      clientId,
      clientSecret: secret,
      authorityHost: emu.loginUrl,
      defenderBaseUrl: emu.defenderUrl,
      defenderScope: 'https://api.securitycenter.microsoft.com/.default',
      caFile: emu.caPath,
    });
    return createDefenderClient(tenant, createTokenProvider(tenant), {
      clock: scaledClock,
      ...(onThrottled ? { onThrottled } : {}),
    });
  };
  const register = () => {
    emu.registerApp({
      tenantId: TENANT_ID,
      clientId: CLIENT_ID,
      secrets: [SECRET],
      roles: { defender: ['Ti.ReadWrite.All'] },
    });
    emu.registerApp({
      tenantId: TENANT_ID,
      clientId: ANALYST_APP,
      secrets: [ANALYST_SECRET],
      roles: { defender: ['Ti.ReadWrite.All'] },
    });
  };
  register();
  const client = clientFor(CLIENT_ID, SECRET, (e) => throttles.push(e));
  const analyst = clientFor(ANALYST_APP, ANALYST_SECRET);
  return {
    emu,
    client,
    analyst,
    throttles,
    reset() {
      throttles.length = 0;
      // No indicators, zeroed counts, default cap; the clients' cached tokens stay valid.
      emu.reset();
      emu.addTenant({ id: TENANT_ID, displayName: 'Contoso Test' });
      register();
      emu.setDefenderRateLimit({ perMinute: 100, perHour: 1500, timeScale: TIME_SCALE });
    },
    async close() {
      await client.close();
      await analyst.close();
      await forgetCachedApplications();
      await emu.close();
    },
  };
}
