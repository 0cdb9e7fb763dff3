// zod shapes of the Example API payloads we read. Link the vendor doc above each (CONTRIBUTING.md).
import { z } from 'zod';

/** @link https://api.example.com/docs/errors */
export const exampleErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
  requestId: z.string().optional(),
});

/** @link https://api.example.com/docs/widgets#list */
export const widgetPageSchema = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string() })),
  nextCursor: z.string().nullable().optional(),
});
