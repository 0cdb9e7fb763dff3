// Machines the Defender emulator knows without a seed: one per deviceEvidence in the tenant's
// alerts_v2 whose mdeDeviceId is a real MDE machine id (40 hex), so respond actions work on the
// devices the security seed data already names.
import type { GraphObject } from '../graph-security/store.js';

const MACHINE_ID = /^[0-9a-f]{40}$/;

export function machinesFromEvidence(alerts: readonly GraphObject[]): Array<Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const alert of alerts) {
    const evidence = Array.isArray(alert.evidence) ? alert.evidence : [];
    for (const e of evidence) {
      if (typeof e !== 'object' || e === null) continue;
      const ev = e as Record<string, unknown>;
      const id = typeof ev.mdeDeviceId === 'string' ? ev.mdeDeviceId.toLowerCase() : '';
      if (!MACHINE_ID.test(id) || out.has(id)) continue;
      if (ev.deviceDnsName === undefined && ev['@odata.type'] !== '#microsoft.graph.security.deviceEvidence')
        continue;
      out.set(id, {
        id,
        computerDnsName: typeof ev.deviceDnsName === 'string' ? ev.deviceDnsName : null,
        osPlatform: typeof ev.osPlatform === 'string' ? ev.osPlatform : 'Windows11',
        healthStatus: typeof ev.healthStatus === 'string' ? ev.healthStatus : 'Active',
        aadDeviceId: typeof ev.azureAdDeviceId === 'string' ? ev.azureAdDeviceId : null,
      });
    }
  }
  return [...out.values()];
}
