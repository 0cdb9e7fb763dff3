// `graphsoc relay token`: signs a configuration token for a module's settings (and, on request,
// creates the secret or key pair it is signed with).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAppConfig } from '../app/config.js';
import { relaySchema } from '../relay/config.js';
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

/** A flag the command cannot use; reported as commander reports its own, and the command exits 2. */
class UsageError extends Error {}

const invalid = (flag: string, value: string, expected: string) =>
  new UsageError(`error: option '${flag}' argument '${value}' is invalid: expected ${expected}`);

/** An absolute http(s) URL, as Threat Response calls the module; a query or fragment never matches `aud`. */
function isAudience(v: string): boolean {
  if (!URL.canParse(v)) return false;
  const u = new URL(v);
  return (u.protocol === 'https:' || u.protocol === 'http:') && u.search === '' && u.hash === '';
}

/** Every flag checked before anything is read or written, so a typo costs no key pair. */
function checkFlags(o: RelayTokenOptions): number {
  if (!isAudience(o.audience))
    throw invalid(
      '--audience <url>',
      o.audience,
      'the http(s) URL Threat Response calls the module at, such as https://graphsoc.example.com/relay/graph-security',
    );
  // The rule relay.jwksHosts applies, so a token made here names a host the relay can be told to trust.
  if (o.jwksHost !== undefined && !relaySchema.safeParse({ jwksHosts: [o.jwksHost] }).success)
    throw invalid(
      '--jwks-host <host>',
      o.jwksHost,
      'a host name with an optional port, such as jwks.example.org or jwks.example.org:8443, without scheme or path',
    );
  if ((o.newKeyDir || o.keyFile) && !o.jwksHost)
    throw new UsageError(
      "error: RS256 tokens need option '--jwks-host <host>': the host that serves your JWKS at /.well-known/jwks",
    );
  if (o.keyFile && !o.kid)
    throw new UsageError(
      "error: option '--key-file <pem>' needs option '--kid <kid>': the key's id in your JWKS",
    );
  try {
    return parseDuration(o.expiresIn);
  } catch {
    throw invalid(
      '--expires-in <duration>',
      o.expiresIn,
      'a positive duration: seconds such as 3600, or 12h, 30d',
    );
  }
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
  let expiresInSec: number;
  try {
    expiresInSec = checkFlags(o);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`${e.message}\n`);
    return 2;
  }
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
  const settings = { claims, audience: o.audience.replace(/\/+$/, ''), expiresInSec };
  const jwksHost = o.jwksHost as string;
  if (o.newKeyDir) {
    const pair = await newKeyPair();
    // The directory holds a private key: only its owner may enter one made here.
    mkdirSync(o.newKeyDir, { recursive: true, mode: 0o700 });
    writeFileSync(join(o.newKeyDir, 'relay-key.pem'), pair.privateKeyPem, { mode: 0o600 });
    writeFileSync(join(o.newKeyDir, 'jwks.json'), `${JSON.stringify(pair.jwks, null, 2)}\n`);
    process.stderr.write(
      `wrote ${o.newKeyDir}/relay-key.pem (keep private) and jwks.json (publish at https://${jwksHost}/.well-known/jwks)\n`,
    );
    process.stdout.write(`${await signRs256(pair.privateKeyPem, pair.kid, jwksHost, settings)}\n`);
    return 0;
  }
  if (o.keyFile) {
    const pem = readFileSync(o.keyFile, 'utf8');
    process.stdout.write(`${await signRs256(pem, o.kid as string, jwksHost, settings)}\n`);
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
      'relay.hs256Secret is missing from the configuration, so there is no secret to sign an HS256 token with. ' +
        'Set the one the relay verifies with: hs256Secret (or hs256SecretFile) under [relay] in graphsoc.toml ' +
        '(--config or GRAPHSOC_CONFIG), or the GRAPHSOC_RELAY_HS256_SECRET variable. ' +
        'Or pass --new-secret to make a new one, or --new-key-dir DIR --jwks-host HOST for an RS256 token.',
    );
  process.stdout.write(`${await signHs256(secret, settings)}\n`);
  return 0;
}
