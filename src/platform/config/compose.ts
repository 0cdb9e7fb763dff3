// Joins the platform's part of the configuration and each feature's into one schema: every section
// once, unknown top-level keys refused, each part's checks across sections run on the parsed whole
// (also beside most problems of single keys), and the secret paths of all parts collected for the
// loader and the log scrubber.
import { z } from 'zod';

/** A problem found by a check across sections, at a key path such as ['phishing', 'mailboxes', 0]. */
export type ConfigIssue = (path: ReadonlyArray<string | number>, message: string) => void;

/** One owner's part of graphsoc.toml. */
export interface ConfigPart<C> {
  /** Top-level sections with their schemas. */
  readonly sections: Readonly<Record<string, z.ZodType>>;
  /** Checks that span sections; each problem names its key path. */
  check?(config: C, issue: ConfigIssue): void;
  /** Paths of secret values from the root, `*` for every array entry. */
  readonly secretPaths?: ReadonlyArray<ReadonlyArray<string>>;
}

/** What the loader needs: the schema and where the secrets are. */
export interface ConfigShape<C> {
  schema: z.ZodType<C>;
  secretPaths: ReadonlyArray<ReadonlyArray<string>>;
  /** The last key of each secret path: each may also be given as `<key>File`. */
  secretKeys: readonly string[];
}

export function composeConfig<C>(parts: ReadonlyArray<ConfigPart<C>>): ConfigShape<C> {
  const sections: Record<string, z.ZodType> = {};
  for (const part of parts) {
    for (const [name, schema] of Object.entries(part.sections)) {
      // A connector's section (`[archer]`) may serve several features, but as one schema.
      if (sections[name] !== undefined && sections[name] !== schema)
        throw new Error(`configuration section [${name}] is declared twice with different schemas`);
      sections[name] = schema;
    }
  }
  const schema = z
    .object(sections)
    .strict()
    .superRefine(
      (config, ctx) => {
        const earlier = ctx.issues.length;
        const issue: ConfigIssue = (path, message) =>
          ctx.addIssue({ code: 'custom', path: [...path], message });
        for (const part of parts) {
          try {
            part.check?.(config as C, issue);
          } catch (e) {
            // Beside problems of single keys (below), a check may meet a value it cannot read; that
            // value is reported already. On an otherwise valid configuration it is a bug.
            if (earlier === 0) throw e;
          }
        }
      },
      // Also when values are out of range or not among the allowed ones, so one run lists every
      // problem; not when a value has the wrong type ("false" as text is truthy: a check would read
      // the job as enabled and report what an enabled job lacks).
      { when: (payload) => !payload.issues.some((i) => i.code === 'invalid_type') },
    ) as unknown as z.ZodType<C>;
  const secretPaths = parts.flatMap((p) => p.secretPaths ?? []);
  const secretKeys = [...new Set(secretPaths.map((p) => p[p.length - 1] as string))];
  return { schema, secretPaths, secretKeys };
}
