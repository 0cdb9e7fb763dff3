// The names of the groups people may ask to join (accounts.groups.joinable): read once with GET
// /groups/{id} and kept, since the list is configuration and a public page must not cost a Graph call
// per view. A group Graph cannot read is left out (and logged) until the next start; a failed read is
// tried again on the next page view.
import type { Logger } from 'pino';
import { type GraphClient, getGroup } from '../../connectors/microsoft/graph/index.js';

export interface JoinableGroup {
  id: string;
  name: string;
}

export class JoinableGroups {
  #loaded: Promise<JoinableGroup[]> | undefined;
  readonly #graph: GraphClient;
  readonly #ids: readonly string[];
  readonly #logger: Logger;
  constructor(graph: GraphClient, ids: readonly string[], logger: Logger) {
    this.#graph = graph;
    this.#ids = ids;
    this.#logger = logger;
  }

  list(): Promise<JoinableGroup[]> {
    if (this.#ids.length === 0) return Promise.resolve([]);
    this.#loaded ??= this.#load().catch((e) => {
      this.#loaded = undefined;
      throw e;
    });
    return this.#loaded;
  }

  async #load(): Promise<JoinableGroup[]> {
    const out: JoinableGroup[] = [];
    for (const id of this.#ids) {
      try {
        const g = await getGroup(this.#graph, id);
        out.push({
          id,
          name: typeof g.displayName === 'string' && g.displayName !== '' ? g.displayName : id,
        });
      } catch (e) {
        this.#logger.warn(
          { err: { code: (e as { code?: string }).code }, groupId: id },
          'joinable group unreadable',
        );
      }
    }
    return out;
  }
}
