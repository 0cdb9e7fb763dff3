// What a directory write's 400 stands for: the documented bodies of POST /users, POST /groups,
// members/$ref and assignLicense, told apart by details[].code/target or, where Graph gives nothing
// better, by the message.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { directoryRefusal, GraphError } from '../../../../src/connectors/microsoft/graph/index.js';

const target = {
  service: 'graph',
  host: 'graph.microsoft.com',
  method: 'POST',
  path: '/v1.0/users',
} as const;

function graph400(message: string, details?: Array<{ code?: string; target?: string }>, status = 400) {
  return new GraphError({
    status,
    attempts: 1,
    target,
    code: 'Request_BadRequest',
    message,
    ...(details ? { extra: { details } } : {}),
  });
}

describe('directory refusals', () => {
  test('a UPN conflict, by details or by the message', () => {
    const msg = 'Another object with the same value for property userPrincipalName already exists.';
    assert.deepEqual(
      directoryRefusal(graph400(msg, [{ code: 'ObjectConflict', target: 'userPrincipalName' }])),
      {
        kind: 'conflict',
        target: 'userPrincipalName',
      },
    );
    assert.deepEqual(directoryRefusal(graph400(msg)), { kind: 'conflict', target: 'userPrincipalName' });
    assert.deepEqual(
      directoryRefusal(
        graph400('Another object with the same value for property proxyAddresses already exists.', [
          { code: 'ObjectConflict', target: 'proxyAddresses' },
          { code: 'ConflictingObjects', target: 'abc' },
        ]),
      ),
      { kind: 'conflict', target: 'proxyAddresses' },
    );
    assert.deepEqual(
      directoryRefusal(
        graph400('Another object with the same value for property mailNickname already exists.'),
      ),
      { kind: 'conflict', target: 'mailNickname' },
    );
  });

  test('an existing member or owner, seats, usage location, password and domain', () => {
    const cases: Array<[string, string]> = [
      [
        "One or more added object references already exist for the following modified properties: 'members'.",
        'already-referenced',
      ],
      [
        'Subscription with SKU 314c4481-f395-4525-be8b-2ec4bb1e9d91 does not have any available licenses.',
        'no-seats',
      ],
      ['License assignment cannot be done for user with invalid usage location.', 'usage-location'],
      [
        'The specified password does not comply with password complexity requirements. Please provide a different password.',
        'password-complexity',
      ],
      [
        'The domain portion of the userPrincipalName property is invalid. You must use one of the verified domain names in your organization.',
        'unverified-domain',
      ],
    ];
    for (const [message, kind] of cases)
      assert.deepEqual(directoryRefusal(graph400(message)), { kind }, message);
  });

  test('anything else is not a refusal it knows: other 400s, other statuses, other errors', () => {
    assert.equal(directoryRefusal(graph400('One or more properties contains invalid values.')), undefined);
    assert.equal(
      directoryRefusal(
        graph400(
          'Another object with the same value for property userPrincipalName already exists.',
          undefined,
          409,
        ),
      ),
      undefined,
    );
    assert.equal(
      directoryRefusal(new Error('Another object with the same value for property x already exists.')),
      undefined,
    );
    assert.equal(directoryRefusal(undefined), undefined);
  });
});
