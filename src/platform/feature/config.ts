// A feature's part of graphsoc.toml: the sections it reads, its checks across sections, its secrets,
// and whether it runs. The app joins the platform's part and every feature's into one schema.
import type { ConfigPart } from '../config/index.js';

export interface FeatureConfig<C> extends ConfigPart<C> {
  /**
   * Two features may declare the same section (a connector's, such as `[archer]`) only with the very
   * same schema object.
   */
  readonly sections: ConfigPart<C>['sections'];
  /** Whether the feature runs, read from the validated configuration. */
  enabled(config: C): boolean;
}
