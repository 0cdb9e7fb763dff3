// What `graphsoc sandbox` prints once everything runs: where the dashboard is (the admin listener)
// and where the relay and webhook answer (the public one), the emulated tenant's credentials, and a
// first request to try for each job.
import type { Sandbox } from './index.js';

export async function sandboxBanner(
  sandbox: Sandbox,
  url: string,
  adminUrl: string,
  database: string,
): Promise<string> {
  const t = sandbox.tenant;
  const emu = sandbox.emulators.entraGraph;
  const relayUrl = `${url}/relay/graph-security`;
  const token = await sandbox.relayToken(url);
  return [
    '',
    'graphsoc sandbox is running against emulated Microsoft services.',
    '',
    `  Dashboard        ${adminUrl}/   (operator pages: also /readyz, /metrics and the guides)`,
    `  Public           ${url}/   (the relay, the Graph webhook and ${url}/healthz)`,
    '',
    '  Emulated tenant  Contoso (sandbox)',
    `    tenant id      ${t.tenantId}`,
    `    client id      ${t.clientId}`,
    `    client secret  ${t.clientSecret}   (sandbox only)`,
    `    authority      ${emu.loginUrl}`,
    `    Graph          ${emu.graphUrl}/v1.0`,
    `    CA certificate ${sandbox.emulators.caPath}`,
    `  Database         ${database}`,
    '',
    `  Threat Response relay (Graph Security module): ${relayUrl}/`,
    '    Ask it about an observable with a configuration token signed by the emulated JWKS host:',
    `    curl -s -X POST ${relayUrl}/observe/observables \\`,
    `      -H 'authorization: Bearer ${token}' \\`,
    `      -H 'content-type: application/json' -d '${JSON.stringify([sandbox.sampleObservable])}'`,
    '    The same token works for /deliberate/observables and /refer/observables (same body),',
    `    /respond/observables (e.g. -d '${JSON.stringify([sandbox.sampleMachine ?? sandbox.sampleObservable])}'),`,
    `    /tiles and /tiles/tile-data (-d '{"tile_id":"alerts-by-severity","period":"last_7_days"}').`,
    '',
    '  Phishing reports → Archer incidents',
    `    report mailbox ${sandbox.reportMailbox} (seeded with six reports of three campaigns and one "Not junk")`,
    `    Archer         ${sandbox.emulators.archer.url}/platformapi/core/  (emulated; incidents appear within seconds)`,
    `    more reports   POST ${emu.graphUrl}/_emulator/mail/deliver (docs/sandbox.md); graphsoc hears by webhook`,
    '',
    'Press Ctrl-C to stop.',
    '',
  ].join('\n');
}
