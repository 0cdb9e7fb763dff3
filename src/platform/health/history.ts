// The dependency checks' history: the HealthRegistry's recorder writes each state change to
// health_events; `outages` reads back, per dependency, the intervals it was failing. Instances record
// what they saw, so the same change may appear several times: the reader keeps the first failing
// after an ok and the first ok after a failing, which merges them.
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';

export type RecordedState = 'ok' | 'failing';

/** What the HealthRegistry is given to remember state changes. */
export interface HealthRecorder {
  transition(check: string, state: RecordedState, at: number, code?: string): Promise<void>;
}

export interface Outage {
  from: number;
  /** The end, or the range's end when the dependency was still failing then. */
  until: number;
  ongoing: boolean;
  /** The error code of the change to failing, when it had one. */
  code?: string;
}

/** Error codes are ours (`GSOC_…`) or a remote's; kept short in case a remote's is not. */
const CODE_MAX = 120;

export class HealthHistory implements HealthRecorder {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async transition(check: string, state: RecordedState, at: number, code?: string): Promise<void> {
    await this.#db
      .insertInto('health_events')
      .values({ check_name: check, at, state, code: code === undefined ? null : code.slice(0, CODE_MAX) })
      .execute();
  }

  /** Per dependency with a failure overlapping [sinceMs, untilMs), its failing intervals clipped to it. */
  async outages(sinceMs: number, untilMs: number): Promise<Map<string, Outage[]>> {
    // The state each dependency was in when the range began: its last event before it.
    const before = await this.#db
      .selectFrom('health_events as e')
      .select(['e.check_name', 'e.state', 'e.code', 'e.at'])
      .where('e.at', '<', sinceMs)
      .where(({ eb, selectFrom }) =>
        eb(
          'e.at',
          '=',
          selectFrom('health_events as l')
            .select((s) => s.fn.max('l.at').as('at'))
            .whereRef('l.check_name', '=', 'e.check_name')
            .where('l.at', '<', sinceMs),
        ),
      )
      .execute();
    const during = await this.#db
      .selectFrom('health_events')
      .select(['check_name', 'state', 'code', 'at'])
      .where('at', '>=', sinceMs)
      .where('at', '<', untilMs)
      .orderBy('check_name')
      .orderBy('at')
      .orderBy('id')
      .execute();
    const open = new Map<string, { from: number; code?: string }>();
    for (const e of before)
      if (e.state === 'failing')
        open.set(e.check_name, { from: sinceMs, ...(e.code ? { code: e.code } : {}) });
    const result = new Map<string, Outage[]>();
    const add = (check: string, o: Outage) => {
      if (o.until <= o.from) return;
      const list = result.get(check) ?? [];
      list.push(o);
      result.set(check, list);
    };
    for (const e of during) {
      const at = Number(e.at);
      const current = open.get(e.check_name);
      if (e.state === 'failing' && !current)
        open.set(e.check_name, { from: at, ...(e.code ? { code: e.code } : {}) });
      else if (e.state === 'ok' && current) {
        add(e.check_name, {
          from: current.from,
          until: at,
          ongoing: false,
          ...(current.code ? { code: current.code } : {}),
        });
        open.delete(e.check_name);
      }
    }
    for (const [check, o] of open)
      add(check, { from: o.from, until: untilMs, ongoing: true, ...(o.code ? { code: o.code } : {}) });
    return result;
  }

  /** Deletes events before `before`, keeping each dependency's last one so its state stays known. */
  async purge(before: number): Promise<number> {
    const r = await this.#db
      .deleteFrom('health_events as e')
      .where('e.at', '<', before)
      .where(({ eb, selectFrom }) =>
        eb(
          'e.at',
          '<',
          selectFrom('health_events as l')
            .select((s) => s.fn.max('l.at').as('at'))
            .whereRef('l.check_name', '=', 'e.check_name'),
        ),
      )
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
