// The address of a campaign's RSA Archer record, for the console's external link. Archer's deep link
// to a record is `<base>/default.aspx?requestUrl=..%2fGenericContent%2fRecord.aspx%3fid%3d<content
// id>%26moduleId%3d<application id>` (Archer's own notification mails use this form; it sends a user
// who is not signed in through the sign-in and on to the record). The content id is ours; the module id
// is the application's id, which only Archer knows: it is read once through the connector's metadata
// cache, never while a page waits, and until then the page shows the content id without a link.
export interface ArcherLinks {
  /** The record's URL, or undefined while the application's id is not known (yet). */
  url(contentId: number): string | undefined;
}

/** Archer did not answer: asked again after this long, not on every page. */
const RETRY_MS = 60_000;

export function archerLinks(
  baseUrl: string | undefined,
  moduleId: () => Promise<number>,
  now: () => number = Date.now,
): ArcherLinks {
  if (!baseUrl) return { url: () => undefined };
  const base = baseUrl.replace(/\/+$/, '');
  let known: number | undefined;
  let asking = false;
  let failedAt = -Infinity;
  const ask = () => {
    if (asking || now() - failedAt < RETRY_MS) return;
    asking = true;
    moduleId().then(
      (id) => {
        known = id;
        asking = false;
      },
      () => {
        failedAt = now();
        asking = false;
      },
    );
  };
  return {
    url(contentId) {
      if (known === undefined) {
        ask();
        return undefined;
      }
      return archerRecordUrl(base, contentId, known);
    },
  };
}

export function archerRecordUrl(base: string, contentId: number, moduleId: number): string {
  const request = `../GenericContent/Record.aspx?id=${Math.trunc(contentId)}&moduleId=${Math.trunc(moduleId)}`;
  return `${base}/default.aspx?requestUrl=${encodeURIComponent(request)}`;
}
