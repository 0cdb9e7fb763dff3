// System controller metadata routes (reference §2.8): applications, levels, field definitions and
// values lists. Collections are arrays of envelopes and accept $filter (eq), $select, $orderby, $top, $skip.
import { notFound, ok } from './envelope.js';
import {
  applicationView,
  fieldView,
  levelView,
  valuesListView,
  valuesTree,
  valueView,
} from './metadata-views.js';
import { applyOData } from './odata.js';
import { type ArcherRoute, intParam, type RouteInput } from './router.js';

const C = 'SystemController';

/** Archer answers collections as an array of envelopes, one per object. */
function collection(rows: Array<Record<string, unknown>>, input: RouteInput) {
  return applyOData(rows, input.query).map((row) => ok(row));
}

function single<T>(value: T | undefined, view: (v: T) => unknown) {
  return value === undefined ? notFound(C) : ok(view(value));
}

const get = (pattern: string, handle: ArcherRoute['handle']): ArcherRoute => ({
  method: 'GET',
  pattern,
  handle,
});

export const systemRoutes: ArcherRoute[] = [
  get('system/application', (input, { state }) =>
    collection([...state.applications.values()].map(applicationView), input),
  ),
  get('system/application/:id', ({ params }, { state }) =>
    single(state.applications.get(intParam(params.id) ?? -1), applicationView),
  ),
  get('system/level', (input, { state }) => collection([...state.levels.values()].map(levelView), input)),
  get('system/level/:id', ({ params }, { state }) =>
    single(state.levels.get(intParam(params.id) ?? -1), levelView),
  ),
  get('system/level/module/:id', (input, { state }) => {
    const moduleId = intParam(input.params.id);
    const levels = [...state.levels.values()].filter((l) => l.moduleId === moduleId);
    return collection(levels.map(levelView), input);
  }),
  get('system/fielddefinition/:id', ({ params }, { state }) =>
    single(state.fields.get(intParam(params.id) ?? -1), fieldView),
  ),
  get('system/fielddefinition/level/:id', (input, { state }) =>
    collection(state.fieldsOfLevel(intParam(input.params.id) ?? -1).map(fieldView), input),
  ),
  get('system/fielddefinition/application/:id', (input, { state }) => {
    const appId = intParam(input.params.id);
    const fields = [...state.fields.values()].filter((f) => state.levels.get(f.levelId)?.moduleId === appId);
    return collection(fields.map(fieldView), input);
  }),
  get('system/valueslist/:id', ({ params }, { state }) =>
    single(state.valuesLists.get(intParam(params.id) ?? -1), valuesListView),
  ),
  get('system/valueslistvalue/flat/valueslist/:id', (input, { state }) => {
    const list = state.valuesLists.get(intParam(input.params.id) ?? -1);
    if (list === undefined) return [notFound(C)];
    return collection(
      list.values.map((v, i) => valueView(v, i + 1)),
      input,
    );
  }),
  get('system/valueslistvalue/valueslist/:id', ({ params }, { state }) =>
    single(state.valuesLists.get(intParam(params.id) ?? -1), valuesTree),
  ),
  get('system/applicationinfo/version', () => ok({ Version: '6.14.0.0' })),
];
