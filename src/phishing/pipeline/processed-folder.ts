// The Processed folder of a report mailbox: found by display name among the top-level folders,
// created when missing. Looked up once per mailbox and process.
import {
  createMailFolder,
  findMailFolder,
  type GraphClient,
} from '../../connectors/microsoft/graph/index.js';

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
  const found = await findMailFolder(graph, mailbox, name);
  return (found ?? (await createMailFolder(graph, mailbox, name))).id;
}
