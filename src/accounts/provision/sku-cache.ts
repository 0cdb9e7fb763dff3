// The tenant's subscribed SKUs, read once for a few seconds across the requests of a run, so a
// bulk import of a thousand accounts reads subscribedSkus a few times rather than a thousand. Seats
// taken by this instance are counted in the copy the check was made on (never in a newer read, which
// counts them already); no seat in the cache is confirmed by a fresh read before a request fails, and
// Graph's own no-seats refusal covers what the cache cannot know (another instance, an administrator).
import {
  type GraphCallOptions,
  type GraphClient,
  listSubscribedSkus,
  type SubscribedSku,
} from '../../connectors/microsoft/graph/index.js';

export class SkuCache {
  #at = Number.NEGATIVE_INFINITY;
  #skus: Promise<SubscribedSku[]> | undefined;

  constructor(
    private readonly graph: GraphClient,
    private readonly now: () => number,
    private readonly ttlMs = 5000,
  ) {}

  /** The SKUs, read again when the copy is older than the ttl or was dropped. */
  list(o: GraphCallOptions): Promise<SubscribedSku[]> {
    if (this.#skus === undefined || this.now() - this.#at > this.ttlMs) {
      this.#at = this.now();
      const read = listSubscribedSkus(this.graph, o);
      this.#skus = read;
      read.catch(() => {
        if (this.#skus === read) this.#skus = undefined;
      });
    }
    return this.#skus;
  }

  /** A fresh read, which becomes the cached copy (before a refusal, the cache's word is not enough). */
  fresh(o: GraphCallOptions): Promise<SubscribedSku[]> {
    this.#skus = undefined;
    return this.list(o);
  }

  /** Forget the copy (a refusal says it was wrong). */
  drop(): void {
    this.#skus = undefined;
  }
}
