// Roles and what each may do.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ACTIONS,
  type ConsoleAction,
  can,
  requireAction,
  ROLES,
  type Role,
} from '../../../src/platform/web-session/index.js';

const table: Record<Role, ConsoleAction[]> = {
  viewer: ['read'],
  analyst: ['read', 'report.release', 'report.reanalyse'],
  admin: ['read', 'report.release', 'report.reanalyse', 'settings.change', 'accounts.admin'],
};

test('each role may take exactly its own actions and those of the roles below it', () => {
  assert.deepEqual(ROLES, ['viewer', 'analyst', 'admin']);
  for (const role of ROLES)
    for (const action of Object.keys(ACTIONS) as ConsoleAction[])
      assert.equal(can([role], action), table[role].includes(action), `${role} ${action}`);
});

test('several roles give the rights of the highest; none or unknown ones give nothing', () => {
  assert.equal(can(['viewer', 'admin'], 'accounts.admin'), true);
  assert.equal(can([], 'read'), false);
  assert.equal(can(['root' as Role], 'read'), false);
});

test('requireAction throws GSOC_SESSION_FORBIDDEN (403) naming the action', () => {
  requireAction(['analyst'], 'report.release');
  assert.throws(
    () => requireAction(['analyst'], 'settings.change'),
    (e: Error & { code?: string; httpStatus?: number }) => {
      assert.equal(e.code, 'GSOC_SESSION_FORBIDDEN');
      assert.equal(e.httpStatus, 403);
      assert.match(e.message, /settings\.change/);
      return true;
    },
  );
});
