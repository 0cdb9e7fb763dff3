// The tenant's subscribed SKUs, read once for a few seconds across the requests of a run, so a
// bulk import of a thousand accounts reads subscribedSkus a few times rather than a thousand. Seats
// taken by this instance are counted down in the cached copy; Graph's own no-seats refusal covers
// what the cache cannot know (another instance, an administrator).
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

  /** A seat of `skuId` was taken by an assignment made here. */
  async took(skuId: string): Promise<void> {
    const skus = await this.#skus?.catch(() => undefined);
    const sku = skus?.find((s) => s.skuId.toLowerCase() === skuId.toLowerCase());
    if (sku) sku.consumedUnits += 1;
  }

  /** Forget the copy (a refusal says it was wrong). */
  drop(): void {
    this.#skus = undefined;
  }
}
