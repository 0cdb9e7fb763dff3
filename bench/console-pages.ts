// The pages the console's bench times and how: each requested over real HTTP from the admin listener,
// one at a time, its server time read from the `Server-Timing: app;dur=<ms>` header the console sets
// (Fastify's reply.elapsedTime at onSend: routing, the session, the queries and the rendering).
import type { SeedResult } from './console-seed.js';

export interface BenchPage {
  name: string;
  path: string;
}

export interface PageTimes {
  p50: number;
  p95: number;
  max: number;
}

/** A page answered something other than 200, or without the server time. */
export class BenchPageError extends Error {
  readonly code = 'GSOC_BENCH_PAGE_FAILED';
}

/** Every page of issue 14's bench line, with search terms and keys taken from the seeded data. */
export function consolePages(
  samples: SeedResult['samples'],
  o: { singletonKey: string; nextPage: string },
): BenchPage[] {
  const q = (v: string) => `/phishing?q=${encodeURIComponent(v)}`;
  const campaign = (key: string) => `/phishing/campaigns/${encodeURIComponent(key)}`;
  return [
    { name: 'overview', path: '/' },
    { name: 'platform', path: '/platform' },
    { name: 'audit', path: '/audit' },
    { name: 'campaigns', path: '/phishing' },
    { name: 'campaigns page 2', path: o.nextPage },
    { name: 'search subject prefix', path: q(samples.subjectPrefix) },
    { name: 'search sender', path: q(samples.sender) },
    { name: 'search ioc', path: q(samples.url) },
    { name: 'search message-id', path: q(samples.messageId) },
    { name: 'campaign biggest', path: campaign(samples.campaignKey) },
    { name: 'campaign singleton', path: campaign(o.singletonKey) },
    { name: 'report', path: `/phishing/reports/${samples.reportId}` },
    { name: 'quarantine', path: '/phishing/quarantine' },
    { name: 'mailboxes', path: '/phishing/mailboxes' },
    { name: 'relay', path: '/relay' },
    { name: 'intel', path: '/intel' },
  ];
}

/** One request: the server time in ms and the body. */
export async function requestPage(
  baseUrl: string,
  cookie: string,
  path: string,
): Promise<{ ms: number; body: string }> {
  const res = await fetch(new URL(path, baseUrl), { headers: { cookie }, redirect: 'manual' });
  const body = await res.text();
  if (res.status !== 200) throw new BenchPageError(`${path} answered ${res.status}`);
  const ms = serverMs(res.headers.get('server-timing'));
  if (ms === undefined) throw new BenchPageError(`${path} answered without Server-Timing app;dur`);
  return { ms, body };
}

/** `app;dur=12.3` (among other metrics, perhaps) → 12.3. */
export function serverMs(header: string | null): number | undefined {
  for (const metric of (header ?? '').split(',')) {
    const [name, ...params] = metric.split(';').map((p) => p.trim());
    if (name !== 'app') continue;
    for (const p of params) {
      const [k, v] = p.split('=');
      if (k === 'dur' && v !== undefined && Number.isFinite(Number(v))) return Number(v);
    }
  }
  return undefined;
}

/** The path of the `rel="next"` link of a console page (the campaign list's second page). */
export function nextLink(html: string): string | undefined {
  const at = html.indexOf('rel="next"');
  if (at === -1) return undefined;
  const start = html.lastIndexOf('href="', at);
  if (start === -1) return undefined;
  const end = html.indexOf('"', start + 6);
  return html.slice(start + 6, end).replaceAll('&amp;', '&');
}

/** `warmup` requests untimed, then `requests` timed, one after another. */
export async function timePage(
  baseUrl: string,
  cookie: string,
  path: string,
  o: { warmup: number; requests: number },
): Promise<PageTimes> {
  for (let i = 0; i < o.warmup; i++) await requestPage(baseUrl, cookie, path);
  const times: number[] = [];
  for (let i = 0; i < o.requests; i++) times.push((await requestPage(baseUrl, cookie, path)).ms);
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: percentile(times, 100) };
}

/** Nearest-rank percentile, to 0.1 ms. */
export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const v = s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)] ?? Number.NaN;
  return Math.round(v * 10) / 10;
}
