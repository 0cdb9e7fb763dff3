// `/phishing`: campaigns newest first by their last report, a page at a time, and the search over
// reports by subject, sender, IOC and Message-ID.
import type { Block, Cell, ConsolePage, ConsolePageRoute, TableRow } from '../../platform/feature/console.js';
import type { CampaignListRow, ReportListRow } from '../store/console-queries.js';
import type { ArcherLinks } from './archer-link.js';
import { hostile, type T, timeCell, tOf, verdictCell } from './cells.js';
import type { PhishingConsoleDeps } from './deps.js';
import { campaignsQuery, cursorOf, parse, SEARCH_MAX } from './params.js';
import { searchTerms } from './search.js';

export const PAGE_SIZE = 50;
export const SEARCH_LIMIT = 100;

export const campaignHref = (key: string) => `/phishing/campaigns/${encodeURIComponent(key)}`;
export const reportHref = (id: number) => `/phishing/reports/${id}`;

export function campaignsPage(d: PhishingConsoleDeps): ConsolePageRoute {
  return {
    path: '/phishing',
    async render(req): Promise<ConsolePage> {
      const t = tOf(req);
      const query = parse(campaignsQuery, req.query, req, 'before');
      const q = (query.q ?? '').trim();
      const search: Block = {
        kind: 'search',
        id: 'phishing-search',
        path: '/phishing',
        label: t('search.label'),
        value: q.slice(0, SEARCH_MAX),
        placeholder: t('search.placeholder'),
      };
      if (q !== '') return { title: t('campaigns.title'), blocks: [search, await searchBlock(d, t, q)] };
      const before = query.before && { at: query.before.at, key: query.before.rest };
      const rows = await d.queries.campaigns(PAGE_SIZE + 1, before);
      const page = rows.slice(0, PAGE_SIZE);
      const last = page[page.length - 1];
      const unlinked = page.some((c) => c.archer_content_id !== null && !d.archer.url(c.archer_content_id));
      const table: Block = {
        kind: 'table',
        id: 'phishing-campaigns',
        title: t('campaigns.title'),
        columns: [
          t('col.subject'),
          t('col.size'),
          t('col.verdict'),
          t('col.first'),
          t('col.last'),
          t('col.archer'),
        ],
        rows: page.map((c) => campaignRow(t, d.archer, c)),
        empty: t('campaigns.empty'),
        hint: unlinked ? `${t('campaigns.hint')} ${t('archer.unlinked')}` : t('campaigns.hint'),
        ...(rows.length > PAGE_SIZE && last
          ? { next: `/phishing?before=${cursorOf(last.last_report_at, last.key)}` }
          : {}),
      };
      return { title: t('campaigns.title'), blocks: [search, table], live: before === undefined };
    },
  };
}

function campaignRow(t: T, archer: ArcherLinks, c: CampaignListRow): TableRow {
  return {
    key: c.key,
    cells: [
      { text: hostile(c.subject) || c.key, href: campaignHref(c.key) },
      String(c.report_count),
      verdictCell(t, c.verdict),
      timeCell(c.first_report_at),
      timeCell(c.last_report_at),
      archerCell(t, archer, c.archer_content_id),
    ],
  };
}

export function archerCell(t: T, archer: ArcherLinks, contentId: number | null): Cell {
  if (contentId === null) return { text: t('archer.none'), tone: 'muted' };
  const url = archer.url(contentId);
  const text = t('archer.id', { id: contentId });
  return url ? { text, href: url, external: true } : { text, code: true };
}

async function searchBlock(d: PhishingConsoleDeps, t: T, q: string): Promise<Block> {
  if (q.length > SEARCH_MAX)
    return {
      kind: 'text',
      id: 'phishing-search-results',
      text: t('search.tooLong', { n: SEARCH_MAX }),
      tone: 'warn',
    };
  const rows = await d.queries.search(searchTerms(q), SEARCH_LIMIT);
  return {
    kind: 'table',
    id: 'phishing-search-results',
    title: t('search.title', { q: hostile(q, 80) }),
    columns: [
      t('col.report'),
      t('col.subject'),
      t('col.sender'),
      t('col.verdict'),
      t('col.received'),
      t('col.campaign'),
    ],
    rows: rows.map((r) => searchRow(t, r)),
    empty: t('search.empty'),
    hint: t('search.hint', { n: SEARCH_LIMIT }),
  };
}

function searchRow(t: T, r: ReportListRow): TableRow {
  return {
    key: String(r.id),
    cells: [
      { text: `#${r.id}`, href: reportHref(r.id), code: true },
      hostile(r.subject),
      hostile(r.sender),
      verdictCell(t, r.verdict),
      timeCell(r.received_at),
      r.campaign_key ? { text: r.campaign_key, href: campaignHref(r.campaign_key), code: true } : t('none'),
    ],
  };
}
