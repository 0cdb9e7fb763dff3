// Delta queries: one round walks every page of changes and ends with the @odata.deltaLink the caller
// saves for the next round. A 410 Gone / syncStateNotFound / resyncRequired answer surfaces as a
// GraphError with resyncRequired = true: drop the saved link and start a new round from the resource.
import type { z } from 'zod';
import type { HttpClient } from '../../../../platform/http/index.js';
import type { GraphRequestBuilder } from '../request.js';
import type { PageOptions } from '../types.js';
import { walkPages } from './paging.js';

export class DeltaRound<T> implements AsyncIterable<T[]> {
  #deltaLink: string | undefined;
  #started = false;
  constructor(private readonly run: () => AsyncGenerator<{ items: T[]; deltaLink: string | undefined }>) {}

  /** The link to save, known once the round has been iterated to its end. */
  get deltaLink(): string | undefined {
    return this.#deltaLink;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T[]> {
    if (this.#started) throw new Error('a delta round can be iterated only once');
    this.#started = true;
    for await (const page of this.run()) {
      if (page.deltaLink !== undefined) this.#deltaLink = page.deltaLink;
      yield page.items;
    }
  }
}

export function deltaRound<S extends z.ZodType>(
  http: HttpClient,
  build: GraphRequestBuilder,
  resourceOrDeltaLink: string,
  opts: PageOptions<S>,
): DeltaRound<z.output<S>> {
  // A saved deltaLink already carries its query; only a first round from the resource takes `query`.
  const fromLink = /^https?:\/\//i.test(resourceOrDeltaLink);
  const o = fromLink ? { ...opts, query: undefined } : opts;
  return new DeltaRound(() => walkPages(http, build, resourceOrDeltaLink, o));
}
