// Defender machines and machine actions: list/get machines, list machine actions, and the isolate,
// unisolate and runAntiVirusScan actions (201 with a Pending machineAction; 400
// ActiveRequestAlreadyExists while one of the same type is still pending on the machine).
// https://learn.microsoft.com/defender-endpoint/api/isolate-machine, unisolate-machine, run-av-scan
import { DEFENDER_ROLES } from './auth.js';
import { defenderError, invalidBody, notFound } from './errors.js';
import { listQuery, listWhere } from './odata.js';
import { type DefenderObject, settle } from './store.js';
import type { DefenderCall, DefenderRoute } from './types.js';

const list = (value: unknown[]) => ({ status: 200, body: { value } });

function machineOf(call: DefenderCall): DefenderObject | undefined {
  return call.tenant.machines.get((call.params.id ?? '').toLowerCase());
}

const listMachines: DefenderRoute = {
  method: 'GET',
  url: '/api/machines',
  roles: DEFENDER_ROLES.readMachines,
  rateApi: 'machines',
  handle: (call) => listWhere(call, call.tenant.machines.values(), ['computerDnsName', 'id', 'healthStatus']),
};

const getMachine: DefenderRoute = {
  method: 'GET',
  url: '/api/machines/:id',
  roles: DEFENDER_ROLES.readMachines,
  rateApi: 'machines',
  handle(call) {
    const m = machineOf(call);
    return m ? { status: 200, body: m } : notFound(call.requestId, `Machine ${call.params.id}`);
  },
};

const listActions: DefenderRoute = {
  method: 'GET',
  url: '/api/machineactions',
  roles: DEFENDER_ROLES.readMachines,
  rateApi: 'machineactions',
  handle(call) {
    const q = listQuery(call, ['machineId', 'type', 'status', 'requestor']);
    if ('status' in q) return q;
    const { filter } = q;
    const orderby = call.query.get('$orderby');
    if (orderby !== null && !/^creationDateTimeUtc( (asc|desc))?$/.test(orderby.trim()))
      return defenderError(call.requestId, 400, 'InvalidODataQuery', `Invalid $orderby: ${orderby}`);
    const settled = call.tenant.actions.map((a) => settle(a, call.completionMs));
    const matching = settled.filter(
      (a) => filter === undefined || String(a[filter.property] ?? '') === filter.value,
    );
    // Stored oldest first; the API lists newest first unless asked otherwise.
    const ordered = orderby?.trim().endsWith('asc') ? matching : [...matching].reverse();
    return list(ordered.slice(0, q.top));
  },
};

type Validate = (body: Record<string, unknown>) => string | undefined;

function actionRoute(
  path: string,
  type: string,
  roles: readonly string[],
  validate: Validate,
): DefenderRoute {
  return {
    method: 'POST',
    url: `/api/machines/:id/${path}`,
    roles,
    rateApi: path,
    handle(call) {
      const body = call.body;
      if (typeof body !== 'object' || body === null || Array.isArray(body))
        return invalidBody(call.requestId, 'Request body is missing or is not a JSON object.');
      const fields = body as Record<string, unknown>;
      const comment = fields.Comment;
      if (typeof comment !== 'string' || comment.trim() === '')
        return invalidBody(call.requestId, 'Comment is required.');
      const problem = validate(fields);
      if (problem) return invalidBody(call.requestId, problem);
      const machine = machineOf(call);
      if (!machine) return notFound(call.requestId, `Machine ${call.params.id}`);
      const pending = call.tenant
        .actionsOf(machine.id, call.completionMs)
        .some((a) => a.type === type && a.status === 'Pending');
      if (pending)
        return defenderError(
          call.requestId,
          400,
          'ActiveRequestAlreadyExists',
          `Action ${type} is already in progress on machine ${machine.id}.`,
        );
      const action = call.tenant.addAction(machine, type, call.principal.appId, comment);
      return { status: 201, body: action };
    },
  };
}

const oneOf =
  (field: string, allowed: readonly string[]): Validate =>
  (b) =>
    typeof b[field] === 'string' && allowed.includes(b[field] as string)
      ? undefined
      : `${field} must be one of: ${allowed.join(', ')}.`;

export const defenderMachineRoutes: DefenderRoute[] = [
  listMachines,
  getMachine,
  listActions,
  actionRoute('isolate', 'Isolate', DEFENDER_ROLES.isolate, oneOf('IsolationType', ['Full', 'Selective'])),
  actionRoute('unisolate', 'Unisolate', DEFENDER_ROLES.isolate, () => undefined),
  actionRoute(
    'runAntiVirusScan',
    'RunAntiVirusScan',
    DEFENDER_ROLES.scan,
    oneOf('ScanType', ['Quick', 'Full']),
  ),
];
