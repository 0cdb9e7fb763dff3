// The body of POST /users: names as the directory shows them (invisible characters dropped, white
// space tidied, cut without splitting a character), the verified address in otherMails, the
// template's usage location, and a fresh strong password each time that nothing else holds.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { randomPassword } from '../../../src/accounts/provision/password.js';
import { newUserBody, visibleName } from '../../../src/accounts/provision/steps/user.js';
import type { AccountRequest } from '../../../src/accounts/store/requests.js';
import { assertLinear } from '../../helpers/linear-time.js';

describe('new user body', () => {
  const cases: Array<[string, number, string]> = [
    ['  Anna   Maria ', 64, 'Anna Maria'],
    ['\u202Eevil', 64, 'evil'],
    ['Nu\u0000ll\u200B', 64, 'Null'],
    ['<script>alert(1)</script>', 64, '<script>alert(1)</script>'],
    ['😀😀😀', 5, '😀😀'],
    ['x'.repeat(1_000_000), 64, 'x'.repeat(64)],
    ['\t\n\r', 64, ''],
    ['Zoë\u0301 Ünal', 64, 'Zoë́ Ünal'],
  ];
  for (const [input, max, want] of cases)
    test(`visibleName(${JSON.stringify(input.slice(0, 30))}, ${max})`, () => {
      assert.equal(visibleName(input, max), want);
    });

  test('visibleName is linear in its input (1 MB hostile shapes)', async () => {
    await assertLinear('visibleName', (s) => visibleName(s, 256), ['\u202E a', 'x', ' ', '\u0000', '😀']);
  });

  test('the body holds the address, usage location and a password with forced change', () => {
    const r = { givenName: 'Anna', surname: 'Müller', address: 'anna@example.edu' } as AccountRequest;
    const a = newUserBody(r, 'anna.mueller@contoso.example', 'DE');
    const b = newUserBody(r, 'anna.mueller@contoso.example', 'DE');
    assert.deepEqual(
      { ...a, passwordProfile: undefined },
      {
        accountEnabled: true,
        displayName: 'Anna Müller',
        givenName: 'Anna',
        surname: 'Müller',
        mailNickname: 'anna.mueller',
        userPrincipalName: 'anna.mueller@contoso.example',
        usageLocation: 'DE',
        otherMails: ['anna@example.edu'],
        passwordProfile: undefined,
      },
    );
    const pa = a.passwordProfile as { password: string; forceChangePasswordNextSignIn: boolean };
    const pb = b.passwordProfile as { password: string };
    assert.equal(pa.forceChangePasswordNextSignIn, true);
    assert.notEqual(pa.password, pb.password);
  });

  test('passwords: 32 characters with every class, none alike', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = randomPassword();
      assert.equal(p.length, 32);
      assert.match(p, /[a-z]/);
      assert.match(p, /[A-Z]/);
      assert.match(p, /[0-9]/);
      assert.match(p, /[^A-Za-z0-9]/);
      seen.add(p);
    }
    assert.equal(seen.size, 200);
  });
});
