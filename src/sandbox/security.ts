// The sandbox's Defender alerts (exported from a tenant when given, else synthetic ones) and the
// examples the banner offers from them: a file hash to observe and a machine to respond on.
import { type EntraGraphEmulator, securityExport, syntheticSecurityData } from '../../emulators/index.js';

export interface SecuritySamples {
  /** An observable that the seeded Defender alerts contain, for the banner's example request. */
  sampleObservable: { type: string; value: string };
  /** A Defender machine of the seeded evidence, for the respond example (undefined if none). */
  sampleMachine: { type: string; value: string } | undefined;
}

export function seedSecurity(
  emu: EntraGraphEmulator,
  tenantId: string,
  alertsDir: string | undefined,
): SecuritySamples {
  const security = alertsDir ? securityExport(alertsDir) : syntheticSecurityData(40, { tenantId, seed: 7 });
  emu.seedSecurity(tenantId, security);
  const alerts = security.alertsV2 ?? [];
  return {
    sampleObservable: firstFileHash(alerts) ?? { type: 'ip', value: '10.1.1.7' },
    sampleMachine: firstMachine(alerts),
  };
}

function firstFileHash(
  alerts: ReadonlyArray<Record<string, unknown>>,
): { type: string; value: string } | undefined {
  for (const a of alerts) {
    for (const e of (a.evidence as Array<{ fileDetails?: { sha256?: string } }> | undefined) ?? []) {
      if (e.fileDetails?.sha256) return { type: 'sha256', value: e.fileDetails.sha256 };
    }
  }
  return undefined;
}

function firstMachine(
  alerts: ReadonlyArray<Record<string, unknown>>,
): { type: string; value: string } | undefined {
  for (const a of alerts) {
    for (const e of (a.evidence as Array<{ mdeDeviceId?: string }> | undefined) ?? []) {
      if (e.mdeDeviceId && /^[0-9a-f]{40}$/.test(e.mdeDeviceId))
        return { type: 'ms_machine_id', value: e.mdeDeviceId };
    }
  }
  return undefined;
}
