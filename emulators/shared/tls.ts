// TLS material for the emulators: a throwaway CA, server certificates it signs, and self-signed certs.
// Keys come from node:crypto (fast, native); node-forge builds and signs the X.509 structures.
import { createHash, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import forge from 'node-forge';

export interface CertificateAuthority {
  certPem: string;
  keyPem: string;
}

export interface KeyAndCertificate {
  certPem: string;
  keyPem: string;
}

const DAY_MS = 86_400_000;

function newRsaKey(): { keyPem: string; forgeKey: forge.pki.rsa.PrivateKey } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  return { keyPem, forgeKey: forge.pki.privateKeyFromPem(keyPem) };
}

function baseCert(
  key: forge.pki.rsa.PrivateKey,
  commonName: string,
  validDays: number,
): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  // A positive serial: leading byte below 0x80.
  cert.serialNumber = `01${forge.util.bytesToHex(forge.random.getBytesSync(15))}`;
  cert.validity.notBefore = new Date(Date.now() - DAY_MS);
  cert.validity.notAfter = new Date(Date.now() + validDays * DAY_MS);
  cert.setSubject([{ name: 'commonName', value: commonName }]);
  return cert;
}

/** Creates a CA certificate and key; clients are told to trust certPem. */
export function createCertificateAuthority(commonName = 'graphsoc emulator CA'): CertificateAuthority {
  const { keyPem, forgeKey } = newRsaKey();
  const cert = baseCert(forgeKey, commonName, 3650);
  cert.setIssuer(cert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forgeKey, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem };
}

/** Issues a server certificate for the given DNS names and IP addresses, signed by the CA. */
export function issueServerCertificate(
  ca: CertificateAuthority,
  dnsNames: string[] = ['localhost'],
  ips: string[] = ['127.0.0.1', '::1'],
): KeyAndCertificate {
  const caCert = forge.pki.certificateFromPem(ca.certPem);
  const caKey = forge.pki.privateKeyFromPem(ca.keyPem);
  const { keyPem, forgeKey } = newRsaKey();
  const cert = baseCert(forgeKey, dnsNames[0] ?? 'localhost', 365);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [...dnsNames.map((value) => ({ type: 2, value })), ...ips.map((ip) => ({ type: 7, ip }))],
    },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(caKey, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem };
}

/** A server certificate for loopback (localhost, 127.0.0.1, ::1) and the host a listener binds to. */
export function issueHostCertificate(ca: CertificateAuthority, host: string): KeyAndCertificate {
  const ip = isIP(host) !== 0;
  return issueServerCertificate(
    ca,
    ['localhost', ...(host !== 'localhost' && !ip ? [host] : [])],
    ['127.0.0.1', '::1', ...(ip && host !== '127.0.0.1' && host !== '::1' ? [host] : [])],
  );
}

/** What an emulator's listeners serve with: the CA, its PEM in a file (removeCaFile on close), a certificate. */
export interface ListenerTls {
  ca: CertificateAuthority;
  caPath: string;
  tls: KeyAndCertificate;
}

/** The given CA or a fresh one named `caName`, written to `caFile`, and a certificate for `host`. */
export function listenerTls(
  ca: CertificateAuthority | undefined,
  caName: string,
  host: string,
  caFile?: string,
): ListenerTls {
  const authority = ca ?? createCertificateAuthority(caName);
  const caPath = writeCaFile(authority, caFile);
  return { ca: authority, caPath, tls: issueHostCertificate(authority, host) };
}

/** A self-signed certificate and key (token signing keys, test client credentials). */
export function createSelfSignedCertificate(commonName: string): KeyAndCertificate {
  const { keyPem, forgeKey } = newRsaKey();
  const cert = baseCert(forgeKey, commonName, 730);
  cert.setIssuer(cert.subject.attributes);
  cert.setExtensions([{ name: 'keyUsage', digitalSignature: true, critical: true }]);
  cert.sign(forgeKey, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem };
}

/** SHA-1 and SHA-256 thumbprints of a PEM certificate, as hex and as the base64url values JWT headers carry. */
export function certificateThumbprints(certPem: string): {
  sha1Hex: string;
  sha256Hex: string;
  x5t: string;
  x5tS256: string;
  der: Buffer;
} {
  const der = new X509Certificate(certPem).raw;
  const sha1 = createHash('sha1').update(der).digest();
  const sha256 = createHash('sha256').update(der).digest();
  return {
    sha1Hex: sha1.toString('hex'),
    sha256Hex: sha256.toString('hex'),
    x5t: sha1.toString('base64url'),
    x5tS256: sha256.toString('base64url'),
    der,
  };
}

/** Writes the CA certificate to a fresh temp directory and returns the file path. */
export function writeCaFile(ca: CertificateAuthority, fileName = 'emulator-ca.pem'): string {
  const dir = mkdtempSync(join(tmpdir(), 'graphsoc-emulator-'));
  const path = join(dir, fileName);
  writeFileSync(path, ca.certPem, { mode: 0o644 });
  return path;
}

/** Removes a CA file written by writeCaFile, with its temp directory. */
export function removeCaFile(path: string): void {
  rmSync(dirname(path), { recursive: true, force: true });
}
