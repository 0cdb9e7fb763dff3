// The Processed folder of a report mailbox: found by display name among the top-level folders,
// created when missing. Looked up once per mailbox and process.
import { z } from 'zod';
import type { GraphClient } from '../../connectors/microsoft/graph/index.js';

const folderSchema = z.looseObject({ id: z.string(), displayName: z.string().nullish() });

export function processedFolders(graph: (mailbox: string) => GraphClient) {
  const known = new Map<string, Promise<string>>();
  return (m: { mailbox: string; processedFolder: string }): Promise<string> => {
    const key = `${m.mailbox.toLowerCase()}|${m.processedFolder}`;
    let p = known.get(key);
    if (!p) {
      p = ensureFolder(graph(m.mailbox), m.mailbox, m.processedFolder);
      // A failed lookup is tried again next time.
      p.catch(() => known.delete(key));
      known.set(key, p);
    }
    return p;
  };
}

async function ensureFolder(graph: GraphClient, mailbox: string, name: string): Promise<string> {
  const base = `/users/${encodeURIComponent(mailbox)}/mailFolders`;
  for await (const page of graph.pages(base, { item: folderSchema, query: { $top: 100 } })) {
    const found = page.find((f) => (f.displayName ?? '').toLowerCase() === name.toLowerCase());
    if (found) return found.id;
  }
  const created = await graph.post(base, { displayName: name }, folderSchema);
  return created.id;
}
