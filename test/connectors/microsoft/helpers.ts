// Shared setup for the Microsoft connector tests: an emulator with one tenant and app, tenant configs
// pointing at it, and throwaway client certificates made with node-forge.
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { type EntraGraphEmulator, startEntraGraphEmulator } from '../../../emulators/microsoft/index.js';
import { type TenantConfig, tenantSchema } from '../../../src/platform/config/tenant.js';

export const TENANT_ID = '11111111-2222-3333-4444-555555555555';
export const CLIENT_ID = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
export const SECRET = 'test-secret-value-0123456789~abc';
export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
export const GRAPH_ROLES = ['User.Read.All', 'User.ReadWrite.All', 'Organization.Read.All'];

export async function startEmulator(opts: { latencyMs?: number } = {}): Promise<EntraGraphEmulator> {
  const emu = await startEntraGraphEmulator(opts);
  emu.addTenant({ id: TENANT_ID, displayName: 'Contoso Test' });
  emu.registerApp({
    tenantId: TENANT_ID,
    clientId: CLIENT_ID,
    secrets: [SECRET],
    roles: { graph: GRAPH_ROLES },
  });
  return emu;
}

export function tenantFor(emu: EntraGraphEmulator, over: Partial<TenantConfig> = {}): TenantConfig {
  const base = {
    name: 'contoso',
    tenantId: TENANT_ID,
    clientId: CLIENT_ID,
    authorityHost: emu.loginUrl,
    graphBaseUrl: emu.graphUrl,
    caFile: emu.caPath,
    ...(over.certificatePath ? {} : { clientSecret: SECRET }),
    ...over,
  };
  return tenantSchema.parse(base);
}

/** A fresh RSA key and self-signed certificate; `pemPath` holds key (+ certificate unless keyOnly). */
export function makeClientCertificate(keyOnly = false): { certPem: string; pemPath: string; sha1: string } {
  const keys = forge.pki.rsa.generateKeyPair(2048);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 86_400_000);
  const attrs = [{ name: 'commonName', value: 'graphsoc test client' }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  const certPem = forge.pki.certificateToPem(cert);
  const keyPem = forge.pki.privateKeyToPem(keys.privateKey);
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
  const sha1 = createHash('sha1').update(der).digest('hex').toUpperCase();
  const dir = mkdtempSync(join(tmpdir(), 'graphsoc-cert-'));
  const pemPath = join(dir, 'client.pem');
  writeFileSync(pemPath, keyOnly ? keyPem : `${keyPem}${certPem}`, { mode: 0o600 });
  return { certPem, pemPath, sha1 };
}

let tenantCounter = 0;

/** A fresh tenant with the test app registered in it, so each test sees only its own users. */
export function freshTenant(emu: EntraGraphEmulator): TenantConfig {
  tenantCounter += 1;
  const id = `22222222-0000-0000-0000-${String(tenantCounter).padStart(12, '0')}`;
  emu.addTenant({ id, displayName: `Tenant ${tenantCounter}` });
  emu.registerApp({ tenantId: id, clientId: CLIENT_ID, secrets: [SECRET], roles: { graph: GRAPH_ROLES } });
  return tenantFor(emu, { tenantId: id });
}
