// What `graphsoc sandbox` prints once everything runs: where the dashboard is (the admin listener)
// and where the relay and webhook answer (the public one), the emulated tenant's and Archer's
// credentials, and a first request to try for each job.
import { DEFAULT_ARCHER_USER } from '../../emulators/index.js';
import { SANDBOX_ACCOUNTS } from './accounts.js';
import { consoleSignInLink, sandboxConsoleUser } from './console.js';
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
    `  Console sign-in  ${consoleSignInLink(adminUrl, t)}`,
    `                   (signs in ${sandboxConsoleUser(t, 'admin')}, admin; ${sandboxConsoleUser(t, 'analyst')} is an analyst, ${sandboxConsoleUser(t, 'viewer')} a viewer)`,
    '',
    '  Emulated tenant  Contoso (sandbox)',
    `    tenant id      ${t.tenantId}`,
    `    client id      ${t.clientId}`,
    `    client secret  ${t.clientSecret}   (sandbox only)`,
    `    authority      ${emu.loginUrl}`,
    `    Graph          ${emu.graphUrl}/v1.0`,
    `    CA certificate ${sandbox.emulators.caPath}`,
    `  Database         ${database}   (new at each start, like the emulators)`,
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
    ...archerLines(sandbox),
    `    more reports   POST ${emu.graphUrl}/_emulator/mail/deliver (docs/sandbox.md); graphsoc hears by webhook`,
    '',
    '  Threat-intel sync: emulated TruSTAR and a TAXII 2.1 collection → Sentinel and Defender, every 5 minutes',
    '    the dashboard panel "Threat-intel sync" shows each run; the Sentinel workspace holds (after a minute):',
    `    curl -s --cacert ${sq(sandbox.emulators.caPath)} ${emu.graphUrl}/_emulator/sentinel/workspaces/${sandbox.sentinelWorkspaceId}/objects`,
    '',
    `  Self-service accounts: ${url}/accounts   (the public pages a person uses)`,
    `    ask with any address at ${SANDBOX_ACCOUNTS.eligibleDomain}, e.g. ada.lovelace@${SANDBOX_ACCOUNTS.eligibleDomain}; codes and links are mailed`,
    `    from ${sandbox.accountsSender}, and the emulated outbox shows them:`,
    `    curl -s --cacert ${sq(sandbox.emulators.caPath)} ${emu.graphUrl}/_emulator/mail/sent`,
    `    approve the request in the console (${adminUrl}/accounts); the account appears with its licence and group`,
    '',
    'Press Ctrl-C to stop.',
    '',
  ].join('\n');
}

/** The columns of the listing: the record id, the campaign key (Message ID here) and the report count. */
const INCIDENT_COLUMNS = 'Security_Incidents_Id,Message_ID,Reports_Received,Title';

/** A shell word: single quotes, with any single quote inside closed, escaped and reopened. */
const sq = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/** Where the incidents are, the emulated Archer's login, and commands that list the incidents. */
function archerLines(sandbox: Sandbox): string[] {
  const archer = sandbox.emulators.archer.url;
  const u = DEFAULT_ARCHER_USER;
  const login = JSON.stringify({
    InstanceName: u.instanceName,
    Username: u.username,
    UserDomain: u.userDomain,
    Password: u.password,
  });
  return [
    `    Archer         ${archer}/  (emulated REST API under /platformapi/core/; incidents appear within seconds)`,
    `    Archer login   instance ${u.instanceName}, user ${u.username}, password ${u.password}   (sandbox only)`,
    `    incidents      ${archer}/contentapi/Security_Incidents (with a session token); list them with:`,
    `      ARCHER=${sq(archer)} CA=${sq(sandbox.emulators.caPath)}`,
    `      TOKEN=$(curl -s --cacert "$CA" -H 'content-type: application/json' -d ${sq(login)} \\`,
    `        "$ARCHER/platformapi/core/security/login" | sed -E 's/.*"SessionToken":"([^"]*)".*/\\1/')`,
    `      curl -s --cacert "$CA" -H "Authorization: Archer session-id=$TOKEN" \\`,
    `        "$ARCHER/contentapi/Security_Incidents?\\$select=${INCIDENT_COLUMNS}"`,
  ];
}
