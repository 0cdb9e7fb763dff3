// Client credentials for msal-node from the tenant config: a secret, or a PEM file holding the private
// key and, ideally, the certificate. With the certificate we send x5t#S256 and x5c (subject-name/issuer
// auth works); with the key alone we send the configured SHA-1 thumbprint.
import { createHash, createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { NodeAuthOptions } from '@azure/msal-node';
import type { TenantConfig } from '../../../platform/config/tenant.js';
import { CertificateError } from './errors.js';

export type MsalCredential = Pick<NodeAuthOptions, 'clientSecret' | 'clientCertificate'>;

const CERT_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;
const KEY_BLOCK = /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC )?PRIVATE KEY-----/;

export function loadCredential(
  tenant: TenantConfig,
): MsalCredential & { kind: 'secret' | 'certificate'; fingerprint: string } {
  if (tenant.clientSecret !== undefined) {
    const fingerprint = createHash('sha256').update(tenant.clientSecret).digest('hex').slice(0, 16);
    return { kind: 'secret', clientSecret: tenant.clientSecret, fingerprint };
  }
  if (tenant.certificatePath === undefined || tenant.certificateThumbprint === undefined) {
    throw new CertificateError(
      'the tenant has neither clientSecret nor certificatePath with certificateThumbprint',
    );
  }
  return { kind: 'certificate', ...loadCertificate(tenant.certificatePath, tenant.certificateThumbprint) };
}

function loadCertificate(path: string, thumbprintSha1: string) {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CertificateError(`cannot read certificate file ${path}`, e);
  }
  if (pem.includes('ENCRYPTED PRIVATE KEY')) {
    throw new CertificateError(`the private key in ${path} is encrypted; export it without a passphrase`);
  }
  const keyPem = pem.match(KEY_BLOCK)?.[0];
  if (keyPem === undefined) throw new CertificateError(`no PEM private key in ${path}`);
  let key: ReturnType<typeof createPrivateKey>;
  try {
    key = createPrivateKey(keyPem);
  } catch (e) {
    throw new CertificateError(`the private key in ${path} cannot be read`, e);
  }
  const certs = pem.match(CERT_BLOCK) ?? [];
  const expected = thumbprintSha1.toUpperCase();
  if (certs.length === 0) {
    return {
      fingerprint: expected,
      clientCertificate: { thumbprint: expected, privateKey: keyPem },
    };
  }
  let leaf: X509Certificate;
  try {
    leaf = new X509Certificate(certs[0] ?? '');
  } catch (e) {
    throw new CertificateError(`the certificate in ${path} cannot be read`, e);
  }
  const sha1 = createHash('sha1').update(leaf.raw).digest('hex').toUpperCase();
  if (sha1 !== expected) {
    throw new CertificateError(
      `the certificate in ${path} has thumbprint ${sha1}, not the configured ${expected}`,
    );
  }
  if (!leaf.checkPrivateKey(key)) {
    throw new CertificateError(`the private key in ${path} does not belong to its certificate`);
  }
  const sha256 = createHash('sha256').update(leaf.raw).digest('hex').toUpperCase();
  return {
    fingerprint: sha256,
    clientCertificate: { thumbprintSha256: sha256, privateKey: keyPem, x5c: certs.join('\n') },
  };
}
