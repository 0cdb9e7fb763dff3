// The Archer Content API search aid: `GET /contentapi/<level alias>?$filter=<field alias> eq '<v>'`
// (OData; help.archerirm.cloud contentapi_*.htm). The REST API has no search of its own (reference
// §2.9); of the documented ways, this is the one we can emulate faithfully without SOAP.
// Rows carry `<level alias>_Id` plus one property per field alias; values lists read as value names.
import { applyOData, ODataError, parseFilter } from './odata.js';
import type { ArcherState, FieldInfo, StoredValue } from './state.js';

export interface ContentApiAnswer {
  status: number;
  body: unknown;
}

const aliasOf = (f: { alias?: string | undefined; name: string }) => f.alias ?? f.name.replace(/\W+/g, '_');

function cell(state: ArcherState, value: StoredValue | undefined): unknown {
  if (value === undefined) return null;
  switch (value.Type) {
    case 19:
      return value.IpAddressBytes;
    case 4:
      return value.Value?.ValuesListIds.map((id) => state.values.get(id)?.name ?? String(id)) ?? null;
    case 9:
      return value.Value?.map((r) => r.ContentID) ?? null;
    default:
      return value.Value;
  }
}

function odataError(status: number, text: string): ContentApiAnswer {
  return { status, body: { error: { code: '', message: text } } };
}

export function searchContent(
  state: ArcherState,
  levelAlias: string,
  query: Record<string, string>,
  baseUrl: string,
): ContentApiAnswer {
  const level = [...state.levels.values()].find((l) => aliasOf(l).toLowerCase() === levelAlias.toLowerCase());
  if (level === undefined)
    return odataError(
      404,
      `No HTTP resource was found that matches the request URI '/contentapi/${levelAlias}'.`,
    );
  const alias = aliasOf(level);
  const fields: FieldInfo[] = state.fieldsOfLevel(level.id);
  const known = new Set([`${alias}_Id`, ...fields.map(aliasOf)].map((n) => n.toLowerCase()));
  try {
    for (const c of query.$filter ? parseFilter(query.$filter) : []) {
      if (!known.has(c.property.toLowerCase()))
        return odataError(400, `Could not find a property named '${c.property}' on type '${alias}'.`);
    }
    const rows = [...state.content.values()]
      .filter((r) => r.levelId === level.id)
      .map((r) => ({
        [`${alias}_Id`]: r.id,
        ...Object.fromEntries(fields.map((f) => [aliasOf(f), cell(state, r.fields.get(f.id))])),
      }));
    // Text comparison is case-insensitive, like the SQL Server collation behind Archer.
    return {
      status: 200,
      body: { '@odata.context': `${baseUrl}/contentapi/$metadata#${alias}`, value: applyOData(rows, query) },
    };
  } catch (e) {
    if (e instanceof ODataError) return odataError(400, e.message);
    throw e;
  }
}
