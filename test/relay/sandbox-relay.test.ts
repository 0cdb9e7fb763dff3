// The sandbox's relay configuration (src/sandbox/relay.ts): the emulated JWKS host always, and the
// secret and JWKS hosts of your own that `graphsoc sandbox` reads from its environment.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Emulators } from '../../emulators/index.js';
import type { RawConfig } from '../../src/platform/config/index.js';
import { relaySchema } from '../../src/relay/index.js';
import { applyRelay } from '../../src/sandbox/relay.js';

// Only the addresses applyRelay reads; no emulator is started.
const emulators = {
  entraGraph: {
    loginUrl: 'https://localhost:1001',
    graphUrl: 'https://localhost:1002',
    defenderUrl: 'https://localhost:1003',
  },
  securexJwks: { jwksHost: 'localhost:1004' },
  caPath: '/tmp/emulators-ca.pem',
} as unknown as Emulators;

const relayOf = (env: NodeJS.ProcessEnv) => {
  const raw: RawConfig = {};
  applyRelay(raw, emulators, env);
  return relaySchema.parse(raw.relay);
};

test('without variables: the emulated JWKS host only, and no HS256 secret', () => {
  const relay = relayOf({});
  assert.deepEqual(relay.jwksHosts, ['localhost:1004']);
  assert.equal(relay.hs256Secret, undefined);
});

test('GRAPHSOC_RELAY_HS256_SECRET and GRAPHSOC_RELAY_JWKS_HOSTS (comma- or space-separated) are added', () => {
  const relay = relayOf({
    GRAPHSOC_RELAY_HS256_SECRET: 'a-secret-of-24-characters',
    GRAPHSOC_RELAY_JWKS_HOSTS: ' jwks.example.org, keys.example.net:8443  other.example ',
  });
  assert.deepEqual(relay.jwksHosts, [
    'localhost:1004',
    'jwks.example.org',
    'keys.example.net:8443',
    'other.example',
  ]);
  assert.equal(relay.hs256Secret, 'a-secret-of-24-characters');
});

test('a value the relay would refuse in graphsoc.toml is refused here too, naming its key', () => {
  const short = relaySchema.safeParse(
    (() => {
      const raw: RawConfig = {};
      applyRelay(raw, emulators, { GRAPHSOC_RELAY_HS256_SECRET: 'short' });
      return raw.relay;
    })(),
  );
  assert.equal(short.success, false);
  assert.deepEqual(short.error?.issues[0]?.path, ['hs256Secret']);
  assert.throws(() => relayOf({ GRAPHSOC_RELAY_JWKS_HOSTS: 'https://jwks.example.org/' }), /jwksHosts/);
});
