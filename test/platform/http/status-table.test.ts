// The one status → error code table: its lookup order (exceptions, exact status, 5xx, default), remote
// codes compared without regard to case, and the codes each catalogue gives over many statuses,
// including Graph's 410 and resync codes and Defender's ActiveRequestAlreadyExists.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ArcherError } from '../../../src/connectors/archer/index.js';
import { DefenderError } from '../../../src/connectors/microsoft/defender/index.js';
import { GraphError } from '../../../src/connectors/microsoft/graph/index.js';
import {
  HttpStatusError,
  type HttpStatusErrorInit,
  STANDARD_STATUSES,
  specForStatus,
  statusMapper,
} from '../../../src/platform/http/index.js';

const target = { service: 'test', method: 'GET', host: 'example.test', path: '/x' };
const init = (status: number, code?: string): HttpStatusErrorInit => ({
  status,
  attempts: 1,
  target,
  ...(code ? { code } : {}),
});

const CATALOGUE = {
  THROTTLED: { code: 'T' },
  AUTH_REJECTED: { code: 'A' },
  NOT_FOUND: { code: 'N' },
  SERVICE_FAILED: { code: 'S' },
  REQUEST_REJECTED: { code: 'R' },
  SPECIAL: { code: 'X' },
  BOTH: { code: 'B' },
};

describe('statusMapper', () => {
  const map = statusMapper(CATALOGUE, {
    table: STANDARD_STATUSES,
    exceptions: [
      { status: 409, remoteCodes: ['Conflict'], entry: 'BOTH' },
      { status: 418, entry: 'SPECIAL' },
      { remoteCodes: ['ResyncRequired'], entry: 'SPECIAL' },
    ],
  });
  const code = (status: number, remote?: string) => map({ status, code: remote }).code;

  test('exact statuses, then 5xx for 500 and above, then the default', () => {
    const cases: Array<[number, string]> = [
      [400, 'R'],
      [401, 'A'],
      [402, 'R'],
      [403, 'A'],
      [404, 'N'],
      [405, 'R'],
      [409, 'R'],
      [410, 'R'],
      [412, 'R'],
      [422, 'R'],
      [429, 'T'],
      [499, 'R'],
      [500, 'S'],
      [501, 'S'],
      [502, 'S'],
      [503, 'S'],
      [504, 'S'],
      [599, 'S'],
    ];
    for (const [status, expected] of cases) assert.equal(code(status), expected, String(status));
  });

  test('exceptions come first: by status, by remote code (any case, any status), or by both', () => {
    assert.equal(code(418), 'X');
    assert.equal(code(404, 'resyncrequired'), 'X');
    assert.equal(code(503, 'RESYNCREQUIRED'), 'X');
    assert.equal(code(409, 'conflict'), 'B');
    assert.equal(code(409, 'Other'), 'R', 'both must match');
    assert.equal(code(400, 'Conflict'), 'R', 'both must match');
    assert.equal(code(404, undefined), 'N');
  });

  test('an exception naming neither a status nor a remote code is refused when the table is built', () => {
    assert.throws(
      () => statusMapper(CATALOGUE, { table: STANDARD_STATUSES, exceptions: [{ entry: 'SPECIAL' }] }),
      TypeError,
    );
  });
});

/** Status → entry name per catalogue: Graph, Defender, Archer, and the HTTP layer's own. */
const TABLE = `
  400  REQUEST_REJECTED       REQUEST_REJECTED  REQUEST_REJECTED  REQUEST_REJECTED
  401  AUTH_REJECTED          AUTH_REJECTED     SESSION_REJECTED  AUTH_REJECTED
  403  AUTH_REJECTED          AUTH_REJECTED     REQUEST_REJECTED  AUTH_REJECTED
  404  NOT_FOUND              NOT_FOUND         REQUEST_REJECTED  REQUEST_REJECTED
  405  REQUEST_REJECTED       REQUEST_REJECTED  REQUEST_REJECTED  REQUEST_REJECTED
  409  REQUEST_REJECTED       REQUEST_REJECTED  REQUEST_REJECTED  REQUEST_REJECTED
  410  DELTA_RESYNC_REQUIRED  REQUEST_REJECTED  REQUEST_REJECTED  REQUEST_REJECTED
  412  REQUEST_REJECTED       REQUEST_REJECTED  REQUEST_REJECTED  REQUEST_REJECTED
  429  THROTTLED              THROTTLED         THROTTLED         THROTTLED
  500  SERVICE_FAILED         SERVICE_FAILED    SERVICE_FAILED    REMOTE_FAILED
  502  SERVICE_FAILED         SERVICE_FAILED    SERVICE_FAILED    REMOTE_FAILED
  503  SERVICE_FAILED         SERVICE_FAILED    SERVICE_FAILED    REMOTE_FAILED
  504  SERVICE_FAILED         SERVICE_FAILED    SERVICE_FAILED    REMOTE_FAILED
`;
const rows = TABLE.trim()
  .split('\n')
  .map((line) => line.trim().split(/ +/));

describe('the catalogues through the one table', () => {
  test('every status gets the code its catalogue has always given it', () => {
    for (const [code, graph, defender, archer, http] of rows) {
      const status = Number(code);
      assert.equal(new GraphError(init(status)).code, `GSOC_GRAPH_${graph}`, `graph ${status}`);
      assert.equal(new DefenderError(init(status)).code, `GSOC_DEFENDER_${defender}`, `defender ${status}`);
      assert.equal(new ArcherError(init(status)).code, `GSOC_ARCHER_${archer}`, `archer ${status}`);
      assert.equal(new HttpStatusError(init(status)).code, `GSOC_HTTP_${http}`, `http ${status}`);
      assert.equal(specForStatus(status).code, `GSOC_HTTP_${http}`, `specForStatus ${status}`);
    }
  });

  test('Graph: 410 or syncStateNotFound, syncStateInvalid, resyncRequired (any case) ask for a resync', () => {
    assert.equal(new GraphError(init(410)).resyncRequired, true);
    assert.equal(new GraphError(init(404)).resyncRequired, false);
    for (const remote of ['syncStateNotFound', 'syncStateInvalid', 'resyncRequired', 'SYNCSTATENOTFOUND']) {
      const e = new GraphError(init(400, remote));
      assert.equal(e.code, 'GSOC_GRAPH_DELTA_RESYNC_REQUIRED', remote);
      assert.equal(e.resyncRequired, true);
    }
    assert.equal(new GraphError(init(400, 'Request_BadRequest')).code, 'GSOC_GRAPH_REQUEST_REJECTED');
  });

  test('Defender: a 400 ActiveRequestAlreadyExists is a pending action; that code on another status is not', () => {
    const pending = new DefenderError(init(400, 'ActiveRequestAlreadyExists'));
    assert.equal(pending.code, 'GSOC_DEFENDER_ACTION_PENDING');
    assert.equal(pending.actionPending, true);
    const other = new DefenderError(init(409, 'ActiveRequestAlreadyExists'));
    assert.equal(other.code, 'GSOC_DEFENDER_REQUEST_REJECTED');
    assert.equal(other.actionPending, false);
  });
});
