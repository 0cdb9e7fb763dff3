// Standalone entry: `npx tsx emulators/main.ts [--seed DIR] [--login-port N] [--graph-port N] [--latency-ms N]`.
// Starts the emulators, registers a demo tenant and app, and prints URLs, the CA path and credentials.
import { parseArgs } from 'node:util';
import { startEmulators } from './index.js';
import { createSelfSignedCertificate } from './shared/tls.js';

const DEMO_TENANT = '11111111-2222-4333-8444-555555555555';
const DEMO_CLIENT = '66666666-7777-4888-8999-000000000000';
const DEMO_SECRET = 'emulator-secret';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string' },
      host: { type: 'string' },
      'login-port': { type: 'string' },
      'graph-port': { type: 'string' },
      'latency-ms': { type: 'string' },
      users: { type: 'string' },
    },
  });
  const emulators = await startEmulators({
    host: values.host,
    entraGraph: {
      seedDir: values.seed,
      loginPort: values['login-port'] ? Number(values['login-port']) : 0,
      graphPort: values['graph-port'] ? Number(values['graph-port']) : 0,
      latencyMs: values['latency-ms'] ? Number(values['latency-ms']) : 0,
    },
  });
  const eg = emulators.entraGraph;
  const clientCert = createSelfSignedCertificate('graphsoc demo client');
  eg.addTenant({ id: DEMO_TENANT, displayName: 'Contoso (emulated)', domains: ['contoso.onmicrosoft.com'] });
  eg.registerApp({
    tenantId: DEMO_TENANT,
    clientId: DEMO_CLIENT,
    displayName: 'graphsoc demo',
    secrets: [DEMO_SECRET],
    certificates: [clientCert.certPem],
    roles: { graph: ['User.ReadWrite.All', 'Organization.Read.All'], management: [], defender: [] },
  });
  eg.generateUsers(DEMO_TENANT, values.users ? Number(values.users) : 25);

  const out = {
    loginUrl: eg.loginUrl,
    graphUrl: eg.graphUrl,
    defenderUrl: eg.defenderUrl,
    tokenEndpoint: `${eg.loginUrl}/${DEMO_TENANT}/oauth2/v2.0/token`,
    caPath: emulators.caPath,
    tenantId: DEMO_TENANT,
    clientId: DEMO_CLIENT,
    clientSecret: DEMO_SECRET,
    clientCertificatePem: clientCert.certPem,
    clientKeyPem: clientCert.keyPem,
    control: `${eg.graphUrl}/_emulator`,
  };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  process.stdout.write(`\nTrust the CA: NODE_EXTRA_CA_CERTS=${emulators.caPath}\nPress Ctrl+C to stop.\n`);

  const stop = () => {
    void emulators.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`emulators failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
