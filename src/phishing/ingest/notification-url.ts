// Where Graph should send change notifications, or undefined when graphsoc can only poll.
// Graph delivers only to https endpoints; plain http is accepted for loopback addresses because only a
// process on the same machine (the sandbox's emulated Graph) can reach those.
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function notificationUrlOf(publicUrl: string | undefined, webhookPath: string): string | undefined {
  if (!publicUrl) return undefined;
  let u: URL;
  try {
    u = new URL(publicUrl);
  } catch {
    return undefined;
  }
  const usable = u.protocol === 'https:' || (u.protocol === 'http:' && LOOPBACK.has(u.hostname));
  if (!usable) return undefined;
  return `${publicUrl.replace(/\/+$/, '')}${webhookPath}`;
}
