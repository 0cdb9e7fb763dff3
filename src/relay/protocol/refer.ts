// A refer item: one pivot link Threat Response shows in an observable's menu. The shape the tr-05
// relays answer on /refer/observables (reference/relay.md §4): id, title, description, url, categories.
import { z } from 'zod';

export const referItemSchema = z.strictObject({
  id: z.string().min(1),
  title: z.string().min(1).max(256),
  description: z.string().min(1).max(1024),
  url: z.url({ protocol: /^https$/ }),
  categories: z.array(z.string().min(1)).min(1),
});
export type ReferItem = z.infer<typeof referItemSchema>;
