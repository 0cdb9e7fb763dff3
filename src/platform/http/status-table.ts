// Status → error code as a table, one per catalogue: a connector names which of its entries answers
// 429, 401, 404, the 5xx range and everything else, plus the few answers it tells apart by the
// service's own error code (Graph's resync codes, Defender's ActiveRequestAlreadyExists). The table
// is data, so the four ladders that used to be written out by hand read the same way.

export interface Spec {
  readonly code: string;
}

/** Catalogue entry names by status: exact statuses, then '5xx' for 500 and above, then `default`. */
export interface StatusTable<K extends string> {
  readonly [status: number]: K;
  readonly '5xx': K;
  readonly default: K;
}

/**
 * An answer decided before the table: by status, by the service's error code (compared without
 * regard to case), or by both when both are given.
 */
export interface StatusException<K extends string> {
  readonly status?: number;
  readonly remoteCodes?: readonly string[];
  readonly entry: K;
}

export interface StatusMapping<K extends string> {
  readonly table: StatusTable<K>;
  readonly exceptions?: readonly StatusException<K>[];
}

/** What the mapping reads of an answer: its status and the service's error code, if any. */
export interface StatusAnswer {
  status: number;
  code?: string | undefined;
}

/** The table the Microsoft connectors' catalogues follow (they name their entries alike). */
export const STANDARD_STATUSES = {
  429: 'THROTTLED',
  401: 'AUTH_REJECTED',
  403: 'AUTH_REJECTED',
  404: 'NOT_FOUND',
  '5xx': 'SERVICE_FAILED',
  default: 'REQUEST_REJECTED',
} as const satisfies StatusTable<string>;

/** Builds the function that picks a catalogue entry for an answer. */
export function statusMapper<C extends Record<string, Spec>>(
  catalogue: C,
  mapping: StatusMapping<keyof C & string>,
): (answer: StatusAnswer) => C[keyof C] {
  const exceptions = (mapping.exceptions ?? []).map((x) => {
    if (x.status === undefined && x.remoteCodes === undefined)
      throw new TypeError(`status exception for ${x.entry} names neither a status nor a remote code`);
    const codes = x.remoteCodes && new Set(x.remoteCodes.map((c) => c.toLowerCase()));
    return { status: x.status, codes, entry: x.entry };
  });
  const { table } = mapping;
  return (answer) => {
    const remote = answer.code?.toLowerCase();
    for (const x of exceptions) {
      if (x.status !== undefined && x.status !== answer.status) continue;
      if (x.codes && !(remote !== undefined && x.codes.has(remote))) continue;
      return catalogue[x.entry] as C[keyof C];
    }
    const entry = table[answer.status] ?? (answer.status >= 500 ? table['5xx'] : table.default);
    return catalogue[entry] as C[keyof C];
  };
}
