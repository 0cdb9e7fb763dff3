// `graphsoc relay token`: signs a configuration token for a module's settings (and, on request,
// creates the secret or key pair it is signed with).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAppConfig } from '../app/config.js';
import { MODULES } from '../relay/modules/index.js';
import { newKeyPair, newSecret, parseDuration, signHs256, signRs256 } from '../relay/token.js';

export interface RelayTokenOptions {
  configPath: string | undefined;
  module: string;
  audience: string;
  claim: string[];
  expiresIn: string;
  keyFile?: string;
  kid?: string;
  jwksHost?: string;
  newKeyDir?: string;
  newSecret?: boolean;
}

function claimsFrom(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of pairs) {
    const i = p.indexOf('=');
    if (i <= 0) throw new Error(`expected --claim name=value, found "${p}"`);
    out[p.slice(0, i)] = p.slice(i + 1);
  }
  return out;
}

export async function runRelayToken(o: RelayTokenOptions): Promise<number> {
  const factory = MODULES[o.module];
  if (!factory) throw new Error(`unknown module "${o.module}"; known: ${Object.keys(MODULES).join(', ')}`);
  const { config } = loadAppConfig({ path: o.configPath });
  const instance = factory(config.relay);
  const claims = claimsFrom(o.claim);
  const checked = instance.module.claims.safeParse(claims);
  await instance.close();
  if (!checked.success) {
    const missing = checked.error.issues.map((i) => i.path.join('.')).join(', ');
    throw new Error(`the ${o.module} module needs these claims: ${missing} (pass --claim name=value)`);
  }
  const settings = {
    claims,
    audience: o.audience.replace(/\/+$/, ''),
    expiresInSec: parseDuration(o.expiresIn),
  };
  if (o.newKeyDir || o.keyFile) {
    let pem: string;
    let kid = o.kid;
    if (o.newKeyDir) {
      const pair = await newKeyPair();
      writeFileSync(join(o.newKeyDir, 'relay-key.pem'), pair.privateKeyPem, { mode: 0o600 });
      writeFileSync(join(o.newKeyDir, 'jwks.json'), `${JSON.stringify(pair.jwks, null, 2)}\n`);
      process.stderr.write(
        `wrote ${o.newKeyDir}/relay-key.pem (keep private) and jwks.json (publish at https://<jwks host>/.well-known/jwks)\n`,
      );
      pem = pair.privateKeyPem;
      kid = pair.kid;
    } else pem = readFileSync(o.keyFile as string, 'utf8');
    if (!kid || !o.jwksHost)
      throw new Error('RS256 tokens need --kid and --jwks-host (the host that serves the JWKS)');
    process.stdout.write(`${await signRs256(pem, kid, o.jwksHost, settings)}\n`);
    return 0;
  }
  let secret = config.relay.hs256Secret;
  if (o.newSecret) {
    secret = newSecret();
    process.stderr.write(
      `new secret (set relay.hs256Secret or GRAPHSOC_RELAY_HS256_SECRET to it): ${secret}\n`,
    );
  }
  if (!secret)
    throw new Error(
      'no relay.hs256Secret configured: pass --new-secret, or --key-file/--new-key-dir for RS256',
    );
  process.stdout.write(`${await signHs256(secret, settings)}\n`);
  return 0;
}
